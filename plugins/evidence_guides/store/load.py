"""Reading ``refs.bib`` from disk: the store, from the cache when the bytes are unchanged.

The build, the audit and the CLI all start here. A file that cannot be read
at all stops them with one :class:`BibLoadError`, since no citation can be
checked without it; everything wrong inside a readable file is a finding of
the store. Splitting a 20,000-entry file takes seconds and reading back what
the last run made of the same bytes a tenth of that, so a parsed store is kept
in the project's ``.cache/`` (see :mod:`~evidence_guides.store.cache`) as
plain records, keyed by everything it depends on, the code that makes and
reads those records included.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib
import pathlib
from typing import TYPE_CHECKING, Any

import bibtexparser

from evidence_guides.files.limits import Limits
from evidence_guides.files.source import SourceError, decode_source, read_source_bytes
from evidence_guides.findings import Finding, Suggestion
from evidence_guides.store import cache as bibcache
from evidence_guides.store.entry import BibEntry, BibStore, CachedEntries
from evidence_guides.store.incremental import EditedEntries, reparse
from evidence_guides.store.parse import parse_bib

if TYPE_CHECKING:
    from evidence_guides.store.incremental import Edit

# Bump when the store's cached records change shape (the key also hashes the code).
_CACHE_FORMAT = "3"

# The code a cached store depends on: what parses the file into records (the
# splitter, value evaluation, identifiers), what writes and reads the records,
# and what the entries made from them use. A change to any of them is a new key.
PARSING_MODULES = tuple(
    f"evidence_guides.store.{name}"
    for name in (
        "entry",
        "identifiers",
        "incremental",
        "latex",
        "load",
        "name_parts",
        "names",
        "parse",
        "split",
        "values",
    )
)


class BibLoadError(Exception):
    """The bibliography cannot be read at all, so the build cannot go on meaningfully.

    The message is one line and starts with the display path.
    """


def load_bib(
    file: pathlib.Path,
    display_path: str,
    *,
    cache_dir: pathlib.Path | None = None,
    limits: Limits | None = None,
) -> BibStore:
    """Read and parse a ``.bib`` file.

    Raises ``BibLoadError`` when the file is missing, unreadable, not UTF-8, not
    a regular file or larger than ``limits`` allow: without its bibliography no
    citation can be checked, so findings per entry would only hide the one real
    problem. A UTF-8 byte-order mark is accepted.

    With ``cache_dir`` (a project's ``.cache/``), the parsed store is kept there,
    keyed by the file's content, and a later call with the same bytes reads it
    back instead of parsing again (see ``bibcache``). The bytes are kept with
    it: after an edit (a corrected title, an imported entry), only the entries
    it touched are parsed again, and laid over the store kept
    (:func:`~evidence_guides.store.incremental.reparse`).
    """
    limits = limits or Limits()
    try:
        data = read_source_bytes(file, display_path, limits.store)
    except SourceError as error:
        raise BibLoadError(str(error)) from None
    digest = hashlib.sha256(data).hexdigest()
    if cache_dir is None:
        return _parsed(data, display_path, digest, limits)
    cached_at = bibcache.cache_file(cache_dir, file)
    expansion = f"{limits.bib_value_chars} {limits.store_chars}"  # what parsing kept
    parts = (display_path, expansion, *_cache_version())
    key = bibcache.content_key(data, *parts)
    context = bibcache.content_key(b"", *parts)  # all the key holds but the bytes
    kept_key, (old_records, old_context, old_data) = _kept(bibcache.read(cached_at))
    if kept_key == key:
        store = _from_records(old_records, digest)
        if store is not None:
            return store
    records = None
    if old_context == context:
        records = _edited(old_records, old_data, data, display_path, limits)
    if records is None:
        store = _parsed(data, display_path, digest, limits)
        records = _to_records(store)
    else:
        store = _from_records(records, digest)
    bibcache.write(cached_at, key, (records, context, data))
    return store


def _kept(found: tuple[str, Any] | None) -> tuple[str, tuple[Any, str, bytes]]:
    """The key and the ``(records, context, bytes)`` kept; empty ones for anything else."""
    if found is not None:
        key, value = found
        if isinstance(value, tuple) and len(value) == 3 and isinstance(value[2], bytes):
            return key, value
    return "", (None, "", b"")


def _parsed(data: bytes, display_path: str, digest: str, limits: Limits) -> BibStore:
    """The store of ``data``, parsed whole."""
    try:
        text = decode_source(data, display_path)
    except SourceError as error:
        raise BibLoadError(str(error)) from None
    store = parse_bib(text, display_path, limits=limits)
    return dataclasses.replace(store, content_digest=digest)


def _edited(
    records: Any, old_data: bytes, data: bytes, display_path: str, limits: Limits
) -> tuple[Any, ...] | None:
    """The records of ``data`` made from those kept for earlier bytes of the same file, the
    entries an edit touched parsed again; None when only a full parse can tell.

    A corrected title or an imported entry changes a few lines of a store of
    20,000 entries, which a full parse takes seconds to read again. What is
    kept comes from ``.cache/``: records it cannot use (a damaged file, whatever
    they make the edit raise) mean a full parse, as a stale cache does.
    """
    old = _from_records(records, "")
    try:
        old_text, text = decode_source(old_data, display_path), decode_source(data, display_path)
    except SourceError:
        return None  # a file that is not UTF-8 now: the full parse says where
    try:
        found = reparse(old_text, text, old, limits=limits) if old is not None else None
        if found is None or not isinstance(found[0].entries, EditedEntries):
            return None
        return _edited_records(records, found[0].entries.edit)
    except Exception:
        return None


def _edited_records(records: tuple[Any, ...], edit: Edit) -> tuple[Any, ...]:
    """The records of a store with an edit laid over it, in the file's order (as a full
    parse gives them; an entry's place decides ties when entries are listed)."""
    path, entries, findings = records
    first_line, after_line, delta, replaced = edit
    shapes: dict[tuple[str, ...], tuple[str, ...]] = {}
    made = sorted(replaced.values(), key=lambda entry: entry.line)
    return (
        path,
        (
            *(record for record in entries if record[2] <= first_line),
            *(_entry_record(entry, shapes) for entry in made),
            *(_moved(record, delta) for record in entries if record[2] > after_line),
        ),
        findings,
    )


def _moved(record: tuple[Any, ...], delta: int) -> tuple[Any, ...]:
    """An entry's record, ``delta`` lines further down the file."""
    if not delta:
        return record
    key, entry_type, line, names, values, lines, pmid, doi = record
    return (
        key,
        entry_type,
        line + delta,
        names,
        values,
        tuple(n + delta for n in lines),
        pmid,
        doi,
    )


def parsing_sources() -> tuple[pathlib.Path, ...]:
    """The source files of :data:`PARSING_MODULES`, whose bytes key the cache."""
    return tuple(
        pathlib.Path(str(importlib.import_module(name).__file__)) for name in PARSING_MODULES
    )


@functools.cache
def _cache_version() -> tuple[str, ...]:
    """What a cached store depends on besides the file: the code that reads it, and its parser."""
    sources = hashlib.sha256()
    for source in parsing_sources():
        sources.update(source.read_bytes())
    return (_CACHE_FORMAT, sources.hexdigest(), bibtexparser.__version__)


def _to_records(store: BibStore) -> tuple[Any, ...]:
    """The store as plain data for ``bibcache``: decoded display values are not kept.

    Field names are written once per distinct set of names (most entries share
    one), and values and lines as tuples in that order: small, and fast to read.
    """
    shapes: dict[tuple[str, ...], tuple[str, ...]] = {}
    entries = tuple(_entry_record(entry, shapes) for entry in store.entries.values())
    findings = tuple(
        (f.path, f.line, f.column, f.rule, f.severity, f.message, _suggestion_record(f))
        for f in store.findings
    )
    return (store.path, entries, findings)


def _entry_record(e: BibEntry, shapes: dict[tuple[str, ...], tuple[str, ...]]) -> tuple[Any, ...]:
    names = tuple(e.fields)
    names = shapes.setdefault(names, names)  # one object: marshal writes it once
    lines = tuple(e.field_lines[name] for name in names)
    values = tuple(e.fields.values())
    return (e.key, e.entry_type, e.line, names, values, lines, e.pmid, e.doi)


def _suggestion_record(finding: Finding) -> tuple[str, str | None, str | None] | None:
    s = finding.suggestion
    return None if s is None else (s.text, s.key, s.pmid)


def _from_records(records: Any, digest: str) -> BibStore | None:
    """The store back from :func:`_to_records`; None for anything else."""
    if records is None:
        return None
    try:
        path, raw_entries, raw_findings = records
        entries: dict[str, tuple[Any, ...]] = {}
        for record in raw_entries:  # the records' shape is checked now, the entries made later
            if (
                len(record) != 8
                or not isinstance(record[0], str)
                or len(record[3]) != len(record[4])
            ):
                raise TypeError("not an entry record")
            entries[record[0]] = record
        findings = tuple(
            Finding(p, line, column, rule, severity, message, s and Suggestion(*s))
            for p, line, column, rule, severity, message, s in raw_findings
        )
        return BibStore(path, CachedEntries(entries), findings, digest)
    except (TypeError, ValueError):
        return None
