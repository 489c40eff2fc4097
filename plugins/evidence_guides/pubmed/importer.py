"""Appending references to the store: new entries in, every existing byte kept.

The store is the editors' file: comments, order and formatting are theirs. An
import therefore only appends, leaves every existing byte as it was, writes
atomically, and refuses to write if the file changed while PubMed (or
Crossref) was being asked (an editor's save must never be lost). A work
already in the store (by PMID, DOI or PMC ID) is skipped, which makes an
import safe to repeat.

Two imports at once are serialised by a lock on the store (``refs.bib.lock``),
so neither can drop the other's entry; a read-only store is refused, never
replaced.

What to append is planned under the lock, with the store as read, by a
:data:`Planner`: :func:`record_plan` for records fetched by identifier
(:mod:`evidence_guides.pubmed.resolve` asks the network),
:mod:`evidence_guides.pubmed.pasted` for BibTeX an editor pasted. A record is
untrusted input headed for a file other tools parse:
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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_guides.files.atomic import (
    LockTimeoutError,
    exclusive_lock,
    replace_refusal,
    write_atomically,
)
from evidence_guides.files.limits import Limits
from evidence_guides.files.source import SourceError, read_exact_text
from evidence_guides.findings import Finding
from evidence_guides.pubmed.bibtex import UnsafeValueError, bibtex_entry, bibtex_fields, bibtex_key
from evidence_guides.pubmed.records import (
    PubMedFormatError,
    PubMedRecord,
    check_record,
    record_label,
)
from evidence_guides.pubmed.sources import Source
from evidence_guides.store.entry import BibStore
from evidence_guides.store.parse import parse_bib

LOCK_WAIT = 30.0  # seconds to wait for another import of the same store

Rules = Callable[[BibStore], Iterable[Finding]]


class RefsImportError(Exception):
    """The import cannot go on; the message is one line and nothing was written."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: tuple[tuple[str, str], ...]  # (key, "PMID 123" or "DOI 10.1/x") of each new entry
    skipped: tuple[tuple[str, str], ...]  # (the work as given, key of the entry that has it)


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry to append, and what it must read back as."""

    key: str
    text: str  # the entry in the store's layout, "\n" newlines, ending with one
    label: str  # what messages name it by: "PMID 123", "DOI 10.1/x"
    fields: frozenset[str]  # the names of the fields it writes
    pmid: str | None
    doi: str | None
    authors: int | None  # the names in its author field, when they were counted


@dataclass(frozen=True, slots=True)
class Plan:
    new: tuple[NewEntry, ...]
    skipped: tuple[tuple[str, str], ...]  # (the work as given, key of the entry that has it)


Planner = Callable[[BibStore], Plan]
"""What to append to the store as read; called under the lock, may ask the network."""
Resolve = Callable[[Sequence[Source]], Sequence[tuple[Source, "PubMedRecord | None"]]]
"""Each source's record (None when none was found), from the network."""


class Known:
    """The works a store holds, by PMID, DOI (any case) and PMC ID, with the new ones."""

    def __init__(self, store: BibStore) -> None:
        self.keys: dict[str, str] = {}
        self.pmids: dict[str, str | None] = {}  # each key's PMID
        for entry in store.entries.values():
            pmcid = entry.fields.get("pmcid", "").strip("{} ").upper() or None
            self._add(entry.key, entry.pmid, entry.doi, pmcid)

    def _add(self, key: str, pmid: str | None, doi: str | None, pmcid: str | None) -> None:
        self.pmids.setdefault(key, pmid)
        for identity in _identities(pmid, doi, pmcid):
            self.keys.setdefault(identity, key)

    def record_key(self, pmid: str | None, doi: str | None) -> str | None:
        """The entry a found record already has: by PMID, or by DOI unless the PMIDs differ.

        An entry with the DOI and another PMID is not this work (or one of the
        two identifiers is wrong): the store's rules refuse the duplicate DOI.
        """
        key = self.key(pmid, None) if pmid else None
        by_doi = self.key(None, doi) if key is None and doi else None
        if by_doi is not None and (pmid is None or self.pmids.get(by_doi) is None):
            key = by_doi
        return key

    def add(self, entry: NewEntry, pmcid: str | None = None) -> None:
        self._add(entry.key, entry.pmid, entry.doi, pmcid)

    def key(self, pmid: str | None, doi: str | None, pmcid: str | None = None) -> str | None:
        """The key of the entry that has any of these identifiers, or None."""
        return next((self.keys[i] for i in _identities(pmid, doi, pmcid) if i in self.keys), None)

    def source_key(self, source: Source) -> str | None:
        return self.keys.get(source.identity)


def _identities(pmid: str | None, doi: str | None, pmcid: str | None) -> list[str]:
    found = [f"pmid:{pmid}"] if pmid else []
    found += [f"doi:{doi.lower()}"] if doi else []
    return found + ([f"pmcid:{pmcid}"] if pmcid else [])


def import_pmids(
    bib_file: Path,
    display_path: str,
    pmids: Sequence[str],
    fetch: Callable[[Sequence[str]], Mapping[str, PubMedRecord]],
    **options: Any,
) -> ImportResult:
    """Append an entry for each PMID not yet in ``bib_file``; ``fetch`` asks PubMed."""

    def resolve(sources: Sequence[Source]) -> list[tuple[Source, PubMedRecord | None]]:
        records = fetch([source.value for source in sources])
        return [(source, records.get(source.value)) for source in sources]

    sources = [Source("pmid", pmid) for pmid in pmids]
    return import_entries(bib_file, display_path, record_plan(sources, resolve), **options)


def record_plan(sources: Sequence[Source], resolve: Resolve) -> Planner:
    """The plan of an import by identifier: what the store lacks is asked for, and appended."""

    def plan(store: BibStore) -> Plan:
        known = Known(store)
        skipped = [(s.label, key) for s in sources if (key := known.source_key(s)) is not None]
        wanted = [source for source in sources if known.source_key(source) is None]
        taken = {key.lower() for key in store.entries}
        new: list[NewEntry] = []
        for source, found in resolve(wanted) if wanted else ():
            record = _checked(found, source)
            key = known.record_key(record.pmid, record.doi)
            if key is not None:  # a DOI or PMC ID whose work the store has by its PMID
                skipped.append((source.label, key))
                continue
            entry = _record_entry(record, bibtex_key(record, taken))
            taken.add(entry.key.lower())
            known.add(entry, record.pmcid)
            new.append(entry)
        return Plan(tuple(new), tuple(skipped))

    return plan


def _record_entry(record: PubMedRecord, key: str) -> NewEntry:
    names = frozenset(name for name, value in bibtex_fields(record).items() if value)
    text = bibtex_entry(record, key)
    return NewEntry(
        key, text, record_label(record), names, record.pmid, record.doi, len(record.authors)
    )


def import_entries(
    bib_file: Path,
    display_path: str,
    planner: Planner,
    *,
    rules: Rules | None = None,
    notify: Callable[[str], None] | None = None,
    limits: Limits | None = None,
) -> ImportResult:
    """Append what ``planner`` plans to ``bib_file``, under its lock.

    ``planner`` raises on any failure, before anything is written. ``rules`` are
    the store's own checks (the audit's ``store_findings`` with the project's
    settings); the new entries must pass them. Without it, the default
    severities apply. ``notify`` hears, in one line, that another import holds
    the store. The store is read, and parsed, within ``limits`` (the project's).
    """
    bib_file = Path(os.path.realpath(bib_file))  # a linked store is written where it lives
    _check_replaceable(bib_file, display_path)
    with contextlib.ExitStack() as stack:
        _lock(stack, bib_file, display_path, notify or (lambda message: None))
        return _import_locked(
            bib_file, display_path, planner, rules or _default_rules, limits or Limits()
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
    bib_file: Path, display_path: str, planner: Planner, rules: Rules, limits: Limits
) -> ImportResult:
    """The read-compare-write cycle; the caller holds the store's lock."""
    original = _read(bib_file, display_path, limits)
    store = parse_bib(original.replace("\r\n", "\n"), display_path, limits=limits)
    try:
        plan = planner(store)
    except (RefsImportError, UnsafeValueError) as error:
        raise RefsImportError(f"{display_path}: {error}; nothing written") from None
    if not plan.new:
        return ImportResult((), plan.skipped)

    newline = "\r\n" if "\r\n" in original else "\n"
    separator = "" if not original or original.endswith(("\n", "\r")) else newline
    head = original + separator + (newline if original else "")
    addition = "\n".join(entry.text for entry in plan.new)
    written = head.replace("\r\n", "\n")
    _check_read_back(written, addition, store, plan.new, display_path, rules, limits)

    if _read(bib_file, display_path, limits) != original:
        raise RefsImportError(
            f"{display_path} changed while the import ran; nothing written, run again"
        )
    _check_replaceable(bib_file, display_path)
    try:
        write_atomically(bib_file, head + addition.replace("\n", newline))
    except OSError as error:
        raise RefsImportError(
            f"{display_path}: cannot write it ({_reason(error)}); nothing written"
        ) from None
    return ImportResult(tuple((entry.key, entry.label) for entry in plan.new), plan.skipped)


def _checked(record: PubMedRecord | None, source: Source) -> PubMedRecord:
    """The record found for ``source``, checked again: ``resolve`` may be any function."""
    if record is None or (source.kind == "pmid" and record.pmid != source.value):
        where = "PubMed sent" if source.kind == "pmid" else "there is"
        raise RefsImportError(f"{where} no record for {source.label}")
    try:
        check_record(record)
    except PubMedFormatError as error:
        raise RefsImportError(str(error)) from None
    return record


def _check_read_back(
    head: str,
    addition: str,
    before: BibStore,
    new: Sequence[NewEntry],
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
                f"{display_path}:{line}: the entry for {entry.label} would read back"
                f" wrong ({problem}); nothing written"
            )
    for finding in sorted(rules(store)):
        if finding.line >= first_line:
            label = _label_at(store, new, finding.line)
            raise RefsImportError(
                f"{display_path}:{finding.line}: the entry for {label} would break the"
                f" store's rules: {finding.message}; nothing written"
            )


def _read_back_problem(store: BibStore, new: NewEntry) -> str | None:
    """What differs between ``new`` as parsed and as meant, or None."""
    entry = store.entries[new.key]
    if set(entry.fields) != new.fields:
        return f"fields {sorted(entry.fields)}, not {sorted(new.fields)}"
    if (entry.pmid, (entry.doi or "").lower()) != (new.pmid, (new.doi or "").lower()):
        return f"PMID {entry.pmid} and DOI {entry.doi}"
    if new.authors is not None and (len(entry.authors) != new.authors or entry.has_more_authors):
        return f"{len(entry.authors)} authors, not {new.authors}"
    return None


def _label_at(store: BibStore, new: Sequence[NewEntry], line: int) -> str:
    """What the new entry that holds ``line`` is named by."""
    holder = new[0]
    for entry in new:
        if store.entries[entry.key].line <= line:
            holder = entry
    return holder.label


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
        return read_exact_text(bib_file, display_path, limits.store)
    except SourceError as error:  # not UTF-8 too, at its line and column
        raise RefsImportError(f"{error}; nothing written") from None


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__
