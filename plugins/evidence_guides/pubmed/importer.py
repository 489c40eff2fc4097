"""Importing references by PMID: PubMed record in, BibTeX entry appended to the store.

The store is the editors' file: comments, order and formatting are theirs. An
import therefore only appends, leaves every existing byte as it was, writes
atomically, and refuses to write if the file changed while PubMed was being
asked (an editor's save must never be lost). A PMID already in the store is
skipped, which makes an import safe to repeat.

Two imports at once are serialised by a lock on the store (``refs.bib.lock``),
so neither can drop the other's entry; a read-only store is refused, never
replaced.

A record is untrusted input headed for a file other tools parse. Every value is
written so that it cannot end its field or start another: free text has its
LaTeX specials, braces and "@" escaped (unpaired braces are refused), and the
short fields (volume, issue, pages) must be plain words and numbers. The new
entries are then parsed back, with the store, before anything is written: they
must read back as exactly the entries written, and pass the store's own rules
(author, title, year, identifiers, no duplicate DOI). Any failure is a
:class:`RefsImportError` and the store is left byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
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
from evidence_guides.pubmed.records import (
    PubMedAuthor,
    PubMedFormatError,
    PubMedRecord,
    check_record,
    shown,
)
from evidence_guides.store.entry import BibStore
from evidence_guides.store.parse import parse_bib

_PMID_RE = re.compile(r"^(?:PMID:?\s*)?([1-9][0-9]{0,8})$", re.IGNORECASE)
# Free text: LaTeX's specials escaped, braces escaped (BibTeX would read them as
# structure), "@" braced (bibtexparser starts a block at "@word{" even inside a value).
_TEXT_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "#": r"\#",
        "$": r"\$",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "@": "{@}",
    }
)
# Volume, issue and pages: "43", "Suppl 2", "e0123", "S1-S10"; nothing to escape.
_PLAIN_RE = re.compile(r"(?:[^\W_]|[ .,:;()/+'-]){1,64}")
# A comma or the word "and" inside one name would make BibTeX read two.
_SPLITS_A_NAME = re.compile(r",|\band\b", re.IGNORECASE)
_FIELD_ORDER = (
    "author", "title", "journal", "year", "volume", "number", "pages",
    "doi", "pmid", "pmcid", "pubtype", "retracted",
)  # fmt: skip
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
    except RefsImportError as error:
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


def bibtex_key(record: PubMedRecord, taken: Iterable[str]) -> str:
    """``surnameYEAR`` in lowercase ASCII, then ``a``, ``b``... while the key is taken."""
    taken = {key.lower() for key in taken}
    first = record.authors[0] if record.authors else None
    surname = first.last.split()[0] if first and first.collective else (first.last if first else "")
    base = _ascii_word(surname) or "pmid"
    base += record.year or record.pmid
    key, suffix = base, 0
    while key.lower() in taken:
        key = base + _letters(suffix)
        suffix += 1
    return key


def bibtex_entry(record: PubMedRecord, key: str) -> str:
    """One ``@article`` entry in the store's layout, ending with a newline.

    Raises :class:`RefsImportError` when a value cannot be written safely.
    """
    fields = _fields(record)
    width = max(len(name) for name in _FIELD_ORDER if fields[name])
    lines = [f"@article{{{key},"]
    lines += [f"  {name:<{width}} = {{{fields[name]}}}," for name in _FIELD_ORDER if fields[name]]
    return "\n".join(lines) + "\n}\n"


def _fields(record: PubMedRecord) -> dict[str, str | None]:
    """Each field's BibTeX value; identifiers and the year were checked by ``check_record``."""
    pmid = record.pmid

    def text(value: str, name: str) -> str:
        return _text(value, pmid, name)

    def plain(value: str | None, name: str) -> str | None:
        return _plain(value, pmid, name) if value else None

    pages = plain(record.pages, "pages")
    return {
        "author": " and ".join(_bibtex_name(author, pmid) for author in record.authors),
        "title": text(record.title, "title"),
        "journal": text(record.journal, "journal"),
        "year": record.year,
        "volume": plain(record.volume, "volume"),
        "number": plain(record.issue, "issue"),
        "pages": pages.replace("-", "--") if pages else None,
        "doi": record.doi,
        "pmid": pmid,
        "pmcid": record.pmcid,
        "pubtype": "; ".join(text(kind, "publication type") for kind in record.publication_types)
        or None,
        "retracted": "true" if record.retracted else None,
    }


def _bibtex_name(author: PubMedAuthor, pmid: str) -> str:
    if author.collective:
        return "{" + _text(author.last, pmid, "author name") + "}"
    given = author.fore or " ".join(f"{initial}." for initial in author.initials)
    last = _name_part(author.last, pmid)
    given = _name_part(given, pmid) if given else ""
    if author.suffix:
        suffix = _name_part(author.suffix, pmid)
        return f"{last}, {suffix}., {given}" if given else last
    return f"{last}, {given}" if given else last


def _name_part(text: str, pmid: str) -> str:
    """One part of a person's name, braced when BibTeX would otherwise split it."""
    escaped = _text(text, pmid, "author name")
    return "{" + escaped + "}" if _SPLITS_A_NAME.search(text) else escaped


def _text(value: str, pmid: str, name: str) -> str:
    """``value`` as BibTeX text, or refused when its braces do not pair (BibTeX counts them)."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        raise RefsImportError(
            f"PubMed's record for PMID {pmid} has a {name} with unpaired braces"
            f" ({shown(value)}), which cannot be written to BibTeX safely"
        )
    return value.translate(_TEXT_ESCAPES)


def _plain(value: str, pmid: str, name: str) -> str:
    """A volume, issue or page range: letters, digits and ``.,:;()/+'-`` only, as written."""
    if _PLAIN_RE.fullmatch(value) is None:
        raise RefsImportError(
            f"PubMed's record for PMID {pmid} has {name} {shown(value)}, which cannot be"
            " written to BibTeX safely (letters, digits, spaces and .,:;()/+'- only)"
        )
    return value


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
    expected = {name for name, value in _fields(record).items() if value}
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


def _ascii_word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if char.isascii() and char.isalnum()).lower()


def _letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: suffixes for keys that are already taken."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


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
