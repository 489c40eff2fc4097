"""The store's side of the audit: rules on entries, and which entry a written name means.

Store rules report at the entry's line in the ``.bib`` file. They re-emit the
store's own findings (syntax errors, duplicate keys and identifiers, malformed
PMIDs and DOIs) and add only what the store does not check, so each problem is
reported once.

:class:`EntryIndex` answers "which entry does 'ACSM' or 'Compendium of
Physical' or 'Garber et al. (2011)' mean?" for the prose rules. A store may
hold 20,000 entries whose fields stay raw until displayed, so the index is
built lazily, once per store, from raw fields where that is enough, and
decodes only the entries a question actually needs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from evidence_guides.audit.settings import Sink
from evidence_guides.bibstore import decode_latex

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.bibstore import BibEntry, BibStore
    from evidence_guides.findings import Finding

Words = tuple[str, ...]
_K = TypeVar("_K")

_AUTHOR_FIELDS = ("author", "editor", "organization")
_IDENTIFIER_FIELDS = ("pmid", "doi", "url", "isbn")
_RETRACTED = frozenset({"true", "yes", "1"})
_PMID_FORM = re.compile(r"\d{1,9}")
_DOI_FORM = re.compile(r"10\.\d{4,9}(?:\.\d+)*/\S+")
_WORD = re.compile(r"\w+")
_LEADING_NOISE = frozenset({"the", "a", "an"})
# A name in a raw author list that is wholly braced, as organisations are written.
_BRACED_NAME = re.compile(r"(?:\A|\sand\s)\s*\{")
_FIRST_NAME_SPLIT = re.compile(r"\s+and\s+")
_LATEX = re.compile(r"[\\$]")
_INDEXES_KEPT = 4  # stores indexed at once: a build, the CLI, a test or two


# --- store rules -----------------------------------------------------------------------------


def store_findings(store: BibStore, settings: AuditSettings) -> list[Finding]:
    """``bib-invalid-entry`` and ``bib-duplicate`` for the whole store."""
    sink = Sink(store.path, settings)
    for finding in store.findings:
        sink.reemit(finding)
    if sink.enabled("bib-invalid-entry"):
        for entry in store.entries.values():
            _check_entry(entry, sink)
    return sink.findings


def unused_findings(
    store: BibStore, cited: Iterable[str], settings: AuditSettings
) -> list[Finding]:
    """``unused-reference``: entries no audited page cites."""
    sink = Sink(store.path, settings)
    if sink.enabled("unused-reference"):
        used = set(cited)
        for key, line in store.lines():  # no entry is made from the cache for this
            if key not in used:
                sink.add("unused-reference", (line, 1), f"'{key}' is not cited by any page")
    return sink.findings


def is_retracted(entry: BibEntry) -> bool:
    """True when the entry says ``retracted = {true}`` (or yes, or 1)."""
    return entry.fields.get("retracted", "").strip().lower() in _RETRACTED


def _check_entry(entry: BibEntry, sink: Sink) -> None:
    """What a citable entry needs; read from raw fields, so no entry is decoded."""
    fields = entry.fields
    at = (entry.line, 1)
    if not any(fields.get(name, "").strip() for name in _AUTHOR_FIELDS):
        sink.add("bib-invalid-entry", at, f"'{entry.key}' has no author (or editor, organization)")
    if not fields.get("title", "").strip():
        sink.add("bib-invalid-entry", at, f"'{entry.key}' has no title")
    if not (fields.get("year", "").strip() or fields.get("date", "").strip()):
        sink.add("bib-invalid-entry", at, f"'{entry.key}' has no year")
    # A malformed identifier is still one: the store reports it as malformed.
    if entry.pmid is None and not any(fields.get(name, "").strip() for name in _IDENTIFIER_FIELDS):
        message = f"'{entry.key}' has no identifier (pmid, doi, url or isbn)"
        sink.add("bib-invalid-entry", at, message)
    if entry.pmid is not None and not _PMID_FORM.fullmatch(entry.pmid):
        name = "pmid" if "pmid" in entry.field_lines else "eprint"
        message = f"PMID '{entry.pmid}' in '{entry.key}' is not a PubMed identifier (1-9 digits)"
        sink.add("bib-invalid-entry", (entry.field_lines.get(name, entry.line), 1), message)
    if entry.doi is not None and not _DOI_FORM.fullmatch(entry.doi):
        message = f"DOI '{entry.doi}' in '{entry.key}' is not a DOI (expected '10.NNNN/...')"
        sink.add("bib-invalid-entry", (entry.field_lines.get("doi", entry.line), 1), message)


# --- which entry a written name means --------------------------------------------------------


def words(text: str) -> Words:
    """Lowercase word tokens for comparing names and titles: '&' is 'and'."""
    return tuple(_WORD.findall(text.casefold().replace("&", " and ")))


def _title_words(title: str) -> Words:
    """Title words without a leading year or number (``2011 Compendium``) or article."""
    tokens = words(title)
    start = 0
    while start < len(tokens) and (tokens[start].isdigit() or tokens[start] in _LEADING_NOISE):
        start += 1
    return tokens[start:]


def written_words(text: str) -> Words:
    """A name as written in prose, without a leading article."""
    tokens = words(text)
    return tokens[1:] if tokens and tokens[0] in _LEADING_NOISE else tokens


def shortnames(entry: BibEntry) -> list[Words]:
    """The entry's documented short names (``shortname = {HHS; PAG}``)."""
    raw = entry.fields.get("shortname", "")
    if not raw:
        return []
    return [words(name) for name in decode_latex(raw).split(";") if name.strip()]


def _organisations(entry: BibEntry) -> list[Words]:
    if not any(_BRACED_NAME.search(entry.fields.get(name, "")) for name in ("author", "editor")):
        return []  # no braced name: no organisation, and no need to decode the names
    return [words(person.name) for person in entry.authors if person.is_organisation]


def _is_prefix(written: Words, full: Words, minimum: int = 2) -> bool:
    return len(written) >= minimum and full[: len(written)] == written


class EntryNames:
    """The names a written name is compared with, for one entry: see :func:`names_entry`.

    Each is worked out when first compared. Most written names are the first
    author's surname, which is checked first, so the title (the dearest to
    decode: a title with math goes through the LaTeX converter) is rarely needed.
    """

    def __init__(self, entry: BibEntry) -> None:
        self._entry = entry

    @cached_property
    def first_author(self) -> str | None:
        """The first author's surname, or an organisation's name."""
        return first_author(self._entry)

    @cached_property
    def first_author_words(self) -> Words:
        return words(self.first_author) if self.first_author is not None else ()

    @cached_property
    def shortnames(self) -> tuple[Words, ...]:
        return tuple(shortnames(self._entry))

    @cached_property
    def organisations(self) -> tuple[Words, ...]:
        return tuple(_organisations(self._entry))

    @cached_property
    def title(self) -> Words:
        return _title_words(self._entry.title)

    @cached_property
    def journal(self) -> Words:
        return words(self._entry.journal)


def names_entry(names: EntryNames, written: Words, surname: Words) -> bool:
    """Whether a name written beside a citation names the entry of ``names``.

    It may be the first author's surname, a short name, an organisation author
    (or its first two or more words), the title's first two or more words, or
    the journal.
    """
    if not written:
        return True
    if _surname_matches(names.first_author_words, surname):
        return True
    if written in names.shortnames:
        return True
    if any(org == written or _is_prefix(written, org) for org in names.organisations):
        return True
    return _is_prefix(written, names.title) or written == names.journal


def _surname_matches(full: Words, surname: Words) -> bool:
    """``Garber`` names ``Garber``; ``Berg`` names ``van der Berg`` too."""
    return bool(full) and bool(surname) and (full == surname or full[-len(surname) :] == surname)


def first_author(entry: BibEntry) -> str | None:
    """The first author's surname, or an organisation's name, for messages."""
    people, _ = entry.leading_authors(1)
    return people[0].last if people else None


@dataclass(slots=True)
class EntryIndex:
    """Lazily built lookups from written names to the entries of one store."""

    store: BibStore
    _shortnames: dict[Words, list[BibEntry]] | None = None
    _organisations: dict[Words, list[BibEntry]] | None = None  # full names and 2-word prefixes
    _titles: dict[Words, list[BibEntry]] | None = None  # by the first two title words
    _surnames: dict[str, list[BibEntry]] | None = None  # by the surname's last word
    _close_keys: dict[str, str | None] = field(default_factory=dict)
    _answers: dict[tuple[Words, Words, str | None], BibEntry | None] = field(default_factory=dict)
    _names: dict[BibEntry, EntryNames] = field(default_factory=dict)

    def names(self, entry: BibEntry) -> EntryNames:
        """``EntryNames(entry)``, kept once per entry: guides cite the same sources."""
        names = self._names.get(entry)
        if names is None:
            names = self._names[entry] = EntryNames(entry)
        return names

    def suggest(self, written: Words, surname: Words, year: str | None) -> BibEntry | None:
        """The one entry a vague reference means, or None when none or several match.

        Tried in order, the first kind that matches anything decides: a short
        name, an organisation author, a title prefix, the first author's
        surname with the year (alone when there is no year). Answers are
        cached: guides repeat the same vague references.
        """
        question = (written, surname, year)
        if question not in self._answers:
            self._answers[question] = self._suggest(written, surname, year)
        return self._answers[question]

    def _suggest(self, written: Words, surname: Words, year: str | None) -> BibEntry | None:
        if not written:
            return None
        for matches in (
            self._by_shortname(written),
            self._by_organisation(written),
            self._by_title(written),
            self._by_surname(surname, year),
        ):
            if matches:
                return matches[0] if len(matches) == 1 else None
        return None

    def close_key(self, key: str) -> str | None:
        """The store key a mistyped ``key`` most likely meant; cached per key."""
        if key not in self._close_keys:
            close = difflib.get_close_matches(key, self.store.entries.keys(), n=1, cutoff=0.8)
            self._close_keys[key] = close[0] if close else None
        return self._close_keys[key]

    def _by_shortname(self, written: Words) -> list[BibEntry]:
        if self._shortnames is None:
            self._shortnames = {}
            for entry in self.store.entries.values():
                for name in shortnames(entry):
                    _add(self._shortnames, name, entry)
        return self._shortnames.get(written, [])

    def _by_organisation(self, written: Words) -> list[BibEntry]:
        if self._organisations is None:
            self._organisations = {}
            for entry in self.store.entries.values():
                for org in _organisations(entry):
                    _add(self._organisations, org, entry)
                    if len(org) > 2:
                        _add(self._organisations, org[:2], entry)
        exact = self._organisations.get(written, [])
        if exact or len(written) < 2:
            return _unique(exact)
        candidates = self._organisations.get(written[:2], [])
        return _unique(
            e for e in candidates if any(_is_prefix(written, o) for o in _organisations(e))
        )

    def _by_title(self, written: Words) -> list[BibEntry]:
        if len(written) < 2:
            return []
        if self._titles is None:
            self._titles = {}
            for entry in self.store.entries.values():
                raw = entry.fields.get("title", "")
                # Braces, ties and dashes are not word characters: raw words are the
                # decoded words unless LaTeX commands or math are involved.
                title = _title_words(entry.title if _LATEX.search(raw) else raw)
                if len(title) >= 2:
                    _add(self._titles, title[:2], entry)
        candidates = self._titles.get(written[:2], [])
        return _unique(e for e in candidates if _is_prefix(written, _title_words(e.title)))

    def _by_surname(self, surname: Words, year: str | None) -> list[BibEntry]:
        if not surname:
            return []
        if self._surnames is None:
            self._surnames = {}
            for entry in self.store.entries.values():
                key = _raw_surname_key(entry)
                if key:
                    _add(self._surnames, key, entry)
        candidates: Sequence[BibEntry] = self._surnames.get(surname[-1], [])
        if year is not None:
            candidates = [e for e in candidates if e.year == year]
        return _unique(
            e for e in candidates if _surname_matches(self.names(e).first_author_words, surname)
        )


def _raw_surname_key(entry: BibEntry) -> str | None:
    """The last word of the first author's surname, read cheaply from the raw field."""
    raw = (entry.fields.get("author") or entry.fields.get("editor") or "").strip()
    if not raw or raw.startswith("{"):
        return None  # no author, or an organisation (matched by name instead)
    first = _FIRST_NAME_SPLIT.split(raw, maxsplit=1)[0]
    if _LATEX.search(first):
        first = decode_latex(first)
    surname = first.split(",", 1)[0] if "," in first else (first.split() or [""])[-1]
    tokens = words(surname)
    return tokens[-1] if tokens else None


def _add(index: dict[_K, list[BibEntry]], key: _K, entry: BibEntry) -> None:
    entries = index.setdefault(key, [])
    if not entries or entries[-1] is not entry:  # an entry's keys are added together
        entries.append(entry)


def _unique(entries: Iterable[BibEntry]) -> list[BibEntry]:
    seen: list[BibEntry] = []
    for entry in entries:
        if entry not in seen:
            seen.append(entry)
    return seen


_INDEXES: dict[int, EntryIndex] = {}


def entry_index(store: BibStore) -> EntryIndex:
    """The index of ``store``, built on first use and kept while the store is in use.

    Stores are neither hashable nor weakly referenceable, so the cache is keyed
    by identity and holds the store itself (an id is never reused while the
    object is alive), keeping only the last few stores.
    """
    index = _INDEXES.get(id(store))
    if index is None or index.store is not store:
        while len(_INDEXES) >= _INDEXES_KEPT:
            del _INDEXES[next(iter(_INDEXES))]
        index = _INDEXES[id(store)] = EntryIndex(store)
    return index
