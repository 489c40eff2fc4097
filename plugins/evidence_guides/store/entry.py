"""The store's model: immutable entries, and the store that looks them up by key, PMID or DOI.

Everything that reads the bibliography (the guides, the audit, the PubMed
import) holds these objects, never bibtexparser's. An entry keeps its fields
as the raw LaTeX the parser evaluated, and decodes one for display only when a
display attribute is first read, then keeps it: of a store of thousands of
entries a build shows a few hundred and a pre-commit audit reads a dozen. A
store read back from the cache goes further and makes each entry from its
record only when it is first looked up (:class:`CachedEntries`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from evidence_guides.findings import Finding
from evidence_guides.store.identifiers import normalise_doi, normalise_pmid
from evidence_guides.store.latex import decode_latex, unescape_characters
from evidence_guides.store.names import Person, parse_persons

if TYPE_CHECKING:
    from evidence_guides.text.citations import CitedSource

_WEB_URL = re.compile(r"https?://[^\s]+\Z", re.IGNORECASE)
_URL_COMMAND = re.compile(r"^\\url\{(.*)\}$", re.DOTALL)
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]+\s*")
_YEAR_IN_DATE = re.compile(r"^\s*(\d{4})")

# Where the display name of the container comes from, in order of preference.
_CONTAINER_FIELDS = (
    "journal",
    "journaltitle",
    "booktitle",
    "publisher",
    "institution",
    "organization",
    "school",
)


@dataclass(frozen=True, eq=False)
class BibEntry:
    """One entry. Fields stay raw LaTeX until a display attribute is first read.

    Entries compare and hash by identity, so caches (such as the formatted
    reference) can be keyed on them.
    """

    key: str
    entry_type: str
    line: int
    fields: Mapping[str, str]
    field_lines: Mapping[str, int]
    pmid: str | None
    doi: str | None

    def __repr__(self) -> str:
        return f"BibEntry(key={self.key!r}, entry_type={self.entry_type!r}, line={self.line})"

    @classmethod
    def _restore(
        cls,
        key: str,
        entry_type: str,
        line: int,
        names: tuple[str, ...],
        values: tuple[str, ...],
        lines: tuple[int, ...],
        pmid: str | None,
        doi: str | None,
    ) -> BibEntry:
        """An entry from the cache's record, without the frozen dataclass's slow ``__init__``."""
        if not (isinstance(key, str) and isinstance(line, int) and len(names) == len(values)):
            raise TypeError("not an entry record")
        entry = object.__new__(cls)
        entry.__dict__.update(
            key=key,
            entry_type=entry_type,
            line=line,
            fields=MappingProxyType(dict(zip(names, values, strict=True))),
            field_lines=MappingProxyType(dict(zip(names, lines, strict=True))),
            pmid=pmid,
            doi=doi,
        )
        return entry

    @property
    def signature(self) -> tuple[object, ...]:
        """All a page shows of the entry, to tell a changed entry: its type, fields and
        identifiers. Not its line: an edit above it moves it and changes nothing shown."""
        return (self.entry_type, tuple(self.fields.items()), self.pmid, self.doi)

    @cached_property
    def _names(self) -> tuple[tuple[Person, ...], bool]:
        return parse_persons(self._raw_names)

    @property
    def _raw_names(self) -> str:
        return self.fields.get("author") or self.fields.get("editor") or ""

    @property
    def authors(self) -> tuple[Person, ...]:
        """Authors from ``author``, or the editors when there is no author."""
        return self._names[0]

    @property
    def has_more_authors(self) -> bool:
        """True when the list ends in ``and others``: the list is incomplete (et al.)."""
        return self._names[1]

    def leading_authors(self, count: int) -> tuple[tuple[Person, ...], bool]:
        """The first ``count`` authors, and whether the list goes on (more, or ``others``).

        Reads only as many names as that takes: a reference shows three authors
        and a citation check reads the first, of lists that run to dozens.
        """
        if "_names" in self.__dict__:
            people, more = self._names
            return people[:count], more or len(people) > count
        return parse_persons(self._raw_names, leading=count)

    @cached_property
    def title(self) -> str:
        """Decoded title, without the period a citation style adds itself."""
        title = decode_latex(self.fields.get("title", ""))
        if title.endswith(".") and not title.endswith(".."):
            title = title[:-1]
        return title

    @cached_property
    def journal(self) -> str:
        """Where the work appeared: journal, book, or the publishing body; "" if none."""
        for name in _CONTAINER_FIELDS:
            value = self.fields.get(name)
            if value:
                return decode_latex(value)
        return ""

    @cached_property
    def year(self) -> str | None:
        """``year``, else the year of a biblatex ``date``."""
        year = self._decoded("year")
        if year is None and (match := _YEAR_IN_DATE.match(self.fields.get("date", ""))):
            year = match.group(1)
        return year

    @cached_property
    def volume(self) -> str | None:
        """Decoded ``volume``; None if absent."""
        return self._decoded("volume")

    @cached_property
    def number(self) -> str | None:
        """The issue: ``number``, or ``issue`` as some exporters write it."""
        return self._decoded("number") or self._decoded("issue")

    @cached_property
    def pages(self) -> str | None:
        """Page range with a plain hyphen, whatever dash the file used."""
        pages = _DASHES.sub("-", self._decoded("pages") or "").strip("-")
        return pages or None

    @cached_property
    def url(self) -> str | None:
        """The URL as written, not LaTeX-decoded (``%`` and ``~`` are URL characters)."""
        return _clean_url(self.fields.get("url", ""))

    def _decoded(self, name: str) -> str | None:
        value = decode_latex(self.fields.get(name, ""))
        return value or None


@dataclass(frozen=True, slots=True)
class BibStore:
    """All entries of one ``.bib`` file, and the problems found reading it."""

    path: str
    entries: Mapping[str, BibEntry]
    findings: tuple[Finding, ...]
    # A hash of the file's bytes ("" when not read from a file): what a build's
    # cached page results were made from (build/page_cache.py).
    content_digest: str = field(default="", compare=False)
    _pmid_index: Mapping[str, str] = field(init=False, repr=False, compare=False)  # to keys
    _doi_index: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Built once: guides look references up by PMID and DOI on every page.
        pmids: dict[str, str] = {}
        dois: dict[str, str] = {}
        known = getattr(self.entries, "identifiers", None)  # without making every entry
        if known is not None:
            identifiers = known()
        else:
            identifiers = ((e.key, e.pmid, e.doi) for e in self.entries.values())
        for key, pmid, doi in identifiers:
            if pmid is not None:
                pmids.setdefault(pmid, key)
            if doi is not None:
                dois.setdefault(doi.lower(), key)
        object.__setattr__(self, "_pmid_index", MappingProxyType(pmids))
        object.__setattr__(self, "_doi_index", MappingProxyType(dois))

    def get(self, key: str) -> BibEntry | None:
        return self.entries.get(key)

    def lines(self) -> Iterator[tuple[str, int]]:
        """Each entry's key and line, without making a cached store's entries."""
        known = getattr(self.entries, "lines", None)  # a cached or edited store's
        if known is not None:
            return known()
        return ((entry.key, entry.line) for entry in self.entries.values())

    def by_pmid(self, pmid: str) -> BibEntry | None:
        """The first entry with this PMID; ``"PMID: 123"`` and ``"123"`` are the same."""
        normalised = normalise_pmid(pmid)
        key = None if normalised is None else self._pmid_index.get(normalised)
        return None if key is None else self.entries[key]

    def by_doi(self, doi: str) -> BibEntry | None:
        """The first entry with this DOI; case and ``https://doi.org/`` do not matter."""
        normalised = normalise_doi(doi)
        key = None if normalised is None else self._doi_index.get(normalised.lower())
        return None if key is None else self.entries[key]

    def resolve(self, source: CitedSource) -> BibEntry | None:
        """The entry a cited source names: ``[@key]`` by its key, ``[PMID 123]`` by its PMID."""
        return self.lookup(source.kind, source.value)

    def lookup(self, kind: str, value: str) -> BibEntry | None:
        """The entry ``value`` names, a key, a PMID or a DOI as ``kind`` ("key", "pmid", "doi")
        says; no entry for another kind."""
        if kind == "key":
            return self.get(value)
        if kind == "pmid":
            return self.by_pmid(value)
        return self.by_doi(value) if kind == "doi" else None


class CachedEntries(Mapping[str, BibEntry]):
    """A cached store's entries, each made from its record when it is first read.

    A pre-commit audit of one guide reads a dozen entries of thousands.
    """

    __slots__ = ("_made", "_records")

    def __init__(self, records: dict[str, tuple[Any, ...]]) -> None:
        self._records = records
        self._made: dict[str, BibEntry] = {}

    def __getitem__(self, key: str) -> BibEntry:
        entry = self._made.get(key)
        if entry is None:
            entry = self._made[key] = BibEntry._restore(*self._records[key])
        return entry

    def __contains__(self, key: object) -> bool:
        return key in self._records

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def identifiers(self) -> Iterator[tuple[str, str | None, str | None]]:
        """Each entry's key, PMID and DOI, read from the records."""
        for key, *_, pmid, doi in self._records.values():
            yield key, pmid, doi

    def lines(self) -> Iterator[tuple[str, int]]:
        """Each entry's key and line, read from the records."""
        for key, _, line, *_ in self._records.values():
            yield key, line


def _clean_url(raw: str) -> str | None:
    text = raw.strip()
    if match := _URL_COMMAND.match(text):
        text = match.group(1).strip()
    text = unescape_characters(text)
    # Readers follow this link: only web addresses, never "javascript:" and the like.
    return text if _WEB_URL.match(text) else None
