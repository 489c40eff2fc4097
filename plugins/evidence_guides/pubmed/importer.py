"""Importing references by PMID: PubMed record in, BibTeX entry appended to the store.

The store is the editors' file: comments, order and formatting are theirs. An
import therefore only appends, leaves every existing byte as it was, writes
atomically, and refuses to write if the file changed while PubMed was being
asked (an editor's save must never be lost). A PMID already in the store is
skipped, which makes an import safe to repeat.

Two imports at once are serialised by a lock on the store (``refs.bib.lock``),
so neither can drop the other's entry; a read-only store is refused, never
replaced.

A record is untrusted input headed for a file other tools parse:
:mod:`evidence_guides.pubmed.bibtex` writes each value so that it cannot end its
field or start another. The new entries are then parsed back, with the store,
before anything is written: they must read back as exactly the entries written,
and pass the store's own rules (author, title, year, identifiers, no duplicate
DOI). Any failure is a :class:`RefsImportError` and the store is left byte for
byte as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence_guides.files.atomic import (
    LockTimeoutError,
    exclusive_lock,
    replace_refusal,
    write_atomically,
)
from evidence_guides.files.limits import Limits
from evidence_guides.files.source import SourceError, read_source_bytes
from evidence_guides.findings import Finding
from evidence_guides.pubmed.bibtex import UnsafeValueError, bibtex_entry, bibtex_fields, bibtex_key
from evidence_guides.pubmed.records import (
    PubMedFormatError,
    PubMedRecord,
    check_record,
    shown,
)
from evidence_guides.store.entry import BibStore
from evidence_guides.store.parse import parse_bib

_PMID_RE = re.compile(r"^(?:PMID:?\s*)?([1-9][0-9]{0,8})$", re.IGNORECASE)
LOCK_WAIT = 30.0  # seconds to wait for another import of the same store

Rules = Callable[[BibStore], Iterable[Finding]]


class RefsImportError(Exception):
    """The import cannot go on; the message is one line and nothing was written."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: tuple[tuple[str, str], ...]  # (key, pmid) of each new entry, in order
    skipped: tuple[tuple[str, str], ...]  # (pmid, key of the entry that already has it)


@dataclass(frozen=True, slots=True)
class _NewEntry:
    key: str
    record: PubMedRecord
    text: str


def parse_pmids(values: Iterable[str]) -> list[str]:
    """PMIDs as given on a command line ("21694556", "PMID:21694556"), in order, deduplicated."""
    pmids: list[str] = []
    for value in values:
        match = _PMID_RE.match(value.strip())
        if match is None:
            raise RefsImportError(
                f"not a PMID: {shown(value)} (a PMID is 1 to 9 digits, not starting with 0)"
            )
        if match.group(1) not in pmids:
            pmids.append(match.group(1))
    return pmids


def import_pmids(
    bib_file: Path,
    display_path: str,
    pmids: Sequence[str],
    fetch: Callable[[Sequence[str]], Mapping[str, PubMedRecord]],
    *,
    rules: Rules | None = None,
    notify: Callable[[str], None] | None = None,
    limits: Limits | None = None,
) -> ImportResult:
    """Append an entry for each PMID not yet in ``bib_file``; ``fetch`` asks PubMed.

    ``fetch`` raises on any failure, before anything is written. ``rules`` are the
    store's own checks (the audit's ``store_findings`` with the project's
    settings); the new entries must pass them. Without it, the default severities
    apply. ``notify`` hears, in one line, that another import holds the store.
    The store is read, and parsed, within ``limits`` (the project's).
    """
    bib_file = Path(os.path.realpath(bib_file))  # a linked store is written where it lives
    _check_replaceable(bib_file, display_path)
    with contextlib.ExitStack() as stack:
        _lock(stack, bib_file, display_path, notify or (lambda message: None))
        return _import_locked(
            bib_file, display_path, pmids, fetch, rules or _default_rules, limits or Limits()
        )


def _lock(
    stack: contextlib.ExitStack, bib_file: Path, display_path: str, notify: Callable[[str], None]
) -> None:
    """Lock the store until ``stack`` closes; failing to lock is a one-line refusal."""

    def waiting() -> None:
        notify(
            f"{display_path} is being written by another import (lock {bib_file.name}.lock);"
            f" waiting up to {LOCK_WAIT:g} s"
        )

    try:
        stack.enter_context(exclusive_lock(bib_file, LOCK_WAIT, waiting))
    except LockTimeoutError:
        raise RefsImportError(
            f"{display_path}: another import is writing it (lock {bib_file.name}.lock held for"
            f" {LOCK_WAIT:g} s); nothing written, run again"
        ) from None
    except OSError as error:  # the lock file cannot be made: a read-only folder
        raise RefsImportError(
            f"{display_path}: cannot lock it for writing ({_reason(error)}); nothing written"
        ) from None


def _import_locked(
    bib_file: Path,
    display_path: str,
    pmids: Sequence[str],
    fetch: Callable[[Sequence[str]], Mapping[str, PubMedRecord]],
    rules: Rules,
    limits: Limits,
) -> ImportResult:
    """The read-compare-write cycle; the caller holds the store's lock."""
    original = _read(bib_file, display_path, limits)
    store = parse_bib(original.replace("\r\n", "\n"), display_path, limits=limits)
    known = {entry.pmid: entry.key for entry in store.entries.values() if entry.pmid}
    skipped = tuple((pmid, known[pmid]) for pmid in pmids if pmid in known)
    wanted = [pmid for pmid in pmids if pmid not in known]
    if not wanted:
        return ImportResult((), skipped)

    records = fetch(wanted)
    try:
        new = _new_entries(records, wanted, {key.lower() for key in store.entries})
    except (RefsImportError, UnsafeValueError) as error:
        raise RefsImportError(f"{display_path}: {error}; nothing written") from None

    newline = "\r\n" if "\r\n" in original else "\n"
    separator = "" if not original or original.endswith(("\n", "\r")) else newline
    head = original + separator + (newline if original else "")
    addition = "\n".join(entry.text for entry in new)
    written = head.replace("\r\n", "\n")
    _check_read_back(written, addition, store, new, display_path, rules, limits)

    if _read(bib_file, display_path, limits) != original:
        raise RefsImportError(
            f"{display_path} changed while PubMed was asked; nothing written, run again"
        )
    _check_replaceable(bib_file, display_path)
    try:
        write_atomically(bib_file, head + addition.replace("\n", newline))
    except OSError as error:
        raise RefsImportError(
            f"{display_path}: cannot write it ({_reason(error)}); nothing written"
        ) from None
    return ImportResult(tuple((entry.key, entry.record.pmid) for entry in new), skipped)


def _new_entries(
    records: Mapping[str, PubMedRecord], wanted: Sequence[str], taken: set[str]
) -> list[_NewEntry]:
    """An entry for each wanted PMID, keyed apart from ``taken`` (lowercase keys)."""
    new: list[_NewEntry] = []
    for pmid in wanted:
        record = _checked(records, pmid)
        key = bibtex_key(record, taken)
        taken.add(key.lower())
        new.append(_NewEntry(key, record, bibtex_entry(record, key)))
    return new


def _checked(records: Mapping[str, PubMedRecord], pmid: str) -> PubMedRecord:
    """The record for ``pmid``, checked again: ``fetch`` may be any function."""
    record = records.get(pmid)
    if record is None or record.pmid != pmid:
        raise RefsImportError(f"PubMed sent no record for PMID {pmid}")
    try:
        check_record(record)
    except PubMedFormatError as error:
        raise RefsImportError(str(error)) from None
    return record


def _check_read_back(
    head: str,
    addition: str,
    before: BibStore,
    new: Sequence[_NewEntry],
    display_path: str,
    rules: Rules,
    limits: Limits,
) -> None:
    """Parse the store as it would be written; refuse unless it holds exactly what was meant.

    ``head`` is the store and the separator, ``addition`` the new entries (both with
    ``\\n`` newlines). The old entries must read back unchanged, the new ones as
    written (their keys, fields, PMID, DOI and number of authors), and the store's
    rules must find nothing from the first new line on.
    """
    store = parse_bib(head + addition, display_path, limits=limits)
    first_line = head.count("\n") + 1
    added = [key for key in store.entries if key not in before.entries]
    unchanged = all(
        key in store.entries and store.entries[key].fields == entry.fields
        for key, entry in before.entries.items()
    )
    if not unchanged or added != [entry.key for entry in new]:
        raise RefsImportError(
            f"{display_path}:{first_line}: the new entries would not read back as written"
            " (is the end of the store broken? see 'guides refs check'); nothing written"
        )
    for entry in new:
        problem = _read_back_problem(store, entry)
        if problem:
            line = store.entries[entry.key].line
            raise RefsImportError(
                f"{display_path}:{line}: the entry for PMID {entry.record.pmid} would read back"
                f" wrong ({problem}); nothing written"
            )
    for finding in sorted(rules(store)):
        if finding.line >= first_line:
            pmid = _pmid_at(store, new, finding.line)
            raise RefsImportError(
                f"{display_path}:{finding.line}: the entry for PMID {pmid} would break the"
                f" store's rules: {finding.message}; nothing written"
            )


def _read_back_problem(store: BibStore, new: _NewEntry) -> str | None:
    """What differs between ``new`` as parsed and as meant, or None."""
    entry, record = store.entries[new.key], new.record
    expected = {name for name, value in bibtex_fields(record).items() if value}
    if set(entry.fields) != expected:
        return f"fields {sorted(entry.fields)}, not {sorted(expected)}"
    if (entry.pmid, entry.doi) != (record.pmid, record.doi):
        return f"PMID {entry.pmid} and DOI {entry.doi}"
    if len(entry.authors) != len(record.authors) or entry.has_more_authors:
        return f"{len(entry.authors)} authors, not {len(record.authors)}"
    return None


def _pmid_at(store: BibStore, new: Sequence[_NewEntry], line: int) -> str:
    """The PMID of the new entry that holds ``line``."""
    holder = new[0]
    for entry in new:
        if store.entries[entry.key].line <= line:
            holder = entry
    return holder.record.pmid


def _default_rules(store: BibStore) -> Iterable[Finding]:
    """The store's rules at their default severities, for callers without a project."""
    from evidence_guides.audit.engine import store_checks as store_findings
    from evidence_guides.audit.model import AuditSettings

    here = Path(store.path).parent
    return store_findings(store, AuditSettings(root=here, docs_dir=here, bib=Path(store.path)))


def _check_replaceable(bib_file: Path, display_path: str) -> None:
    """Refuse a store that is read-only or not a regular file: it is not ours to replace."""
    refusal = replace_refusal(bib_file)
    if refusal == "read-only":
        raise RefsImportError(
            f"{display_path}: the file is read-only; nothing written (make it writable to"
            " import into it)"
        )
    if refusal is not None:
        raise RefsImportError(f"{display_path}: {refusal}; nothing written")


def _read(bib_file: Path, display_path: str, limits: Limits) -> str:
    """The store's text, or "" when there is none yet; within ``limits.store_mb``."""
    if not bib_file.exists():
        return ""
    try:
        return read_source_bytes(bib_file, display_path, limits.store).decode("utf-8")
    except UnicodeDecodeError:
        raise RefsImportError(f"{display_path}: not valid UTF-8; nothing written") from None
    except SourceError as error:
        raise RefsImportError(f"{error}; nothing written") from None


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__
