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
from typing import Any

import bibtexparser

from evidence_guides.files.limits import Limits
from evidence_guides.files.source import SourceError, decode_source, read_source_bytes
from evidence_guides.findings import Finding, Suggestion
from evidence_guides.store import cache as bibcache
from evidence_guides.store.entry import BibStore, CachedEntries
from evidence_guides.store.parse import parse_bib

# Bump when the store's cached records change shape (the key also hashes the code).
_CACHE_FORMAT = "2"

# The code a cached store depends on: what parses the file into records (the
# splitter, value evaluation, identifiers), what writes and reads the records,
# and what the entries made from them use. A change to any of them is a new key.
PARSING_MODULES = tuple(
    f"evidence_guides.store.{name}"
    for name in (
        "entry",
        "identifiers",
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
    back instead of parsing again (see ``bibcache``).
    """
    limits = limits or Limits()
    try:
        data = read_source_bytes(file, display_path, limits.store)
    except SourceError as error:
        raise BibLoadError(str(error)) from None
    digest = hashlib.sha256(data).hexdigest()
    if cache_dir is not None:
        cached_at = bibcache.cache_file(cache_dir, file)
        expansion = f"{limits.bib_value_chars} {limits.store_chars}"  # what parsing kept
        key = bibcache.content_key(data, display_path, expansion, *_cache_version())
        store = _from_records(bibcache.read(cached_at, key), digest)
        if store is not None:
            return store
    try:
        text = decode_source(data, display_path)
    except SourceError as error:
        raise BibLoadError(str(error)) from None
    store = dataclasses.replace(parse_bib(text, display_path, limits=limits), content_digest=digest)
    if cache_dir is not None:
        bibcache.write(cached_at, key, _to_records(store))
    return store


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
    entries = []
    for e in store.entries.values():
        names = tuple(e.fields)
        names = shapes.setdefault(names, names)  # one object: marshal writes it once
        lines = tuple(e.field_lines[name] for name in names)
        values = tuple(e.fields.values())
        entries.append((e.key, e.entry_type, e.line, names, values, lines, e.pmid, e.doi))
    findings = tuple(
        (f.path, f.line, f.column, f.rule, f.severity, f.message, _suggestion_record(f))
        for f in store.findings
    )
    return (store.path, tuple(entries), findings)


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
