"""The BibTeX store: every reference a guide may cite, read once per build.

``bibsplit`` splits the file into raw blocks, as bibtexparser v2's splitter
does (and by it, for any file that is not regular); this module turns the
blocks into immutable entries and the failed blocks into findings, so a broken
``.bib`` file is reported at ``file:line`` instead of stopping the build.

Three choices keep a build fast on a large bibliography:

- A regular file is split by ``bibsplit``'s regular expressions, about four
  times faster than bibtexparser's splitter and with the same blocks.
- No bibtexparser middleware runs. Its LaTeX decoding middleware costs about
  ten times the bare split, and most entries are never displayed. Macro
  resolution and enclosing removal, which its default stack does, are done here
  instead (``_evaluate``), because the default stack resolves only a value that
  is a single macro name: not ``#`` concatenation, not macros inside ``@string``,
  not the standard month macros, and not entries that bibtexparser set aside as
  failed blocks for a duplicate field.
- LaTeX is decoded per entry, on first access to a display attribute, with one
  shared pylatexenc converter, and cached on the entry.

The module never logs, prints or warns: every problem becomes a ``Finding``.
"""

from __future__ import annotations

import functools
import hashlib
import pathlib
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

import bibtexparser
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from pylatexenc.latex2text import LatexNodes2Text

from evidence_guides import rule_ids
from evidence_guides.files.limits import Limits, how_to_raise
from evidence_guides.files.source import SourceError, decode_source, read_source_bytes
from evidence_guides.findings import Finding, Suggestion
from evidence_guides.store import cache as bibcache
from evidence_guides.store import split as bibsplit
from evidence_guides.store.split import RawEntry, RawString

# Bump when the store's cached records change shape (bibcache keys also hash this file).
_CACHE_FORMAT = "2"

# One converter for the whole process: building one is far dearer than using it.
_CONVERTER = LatexNodes2Text()

# Only commands (\\) and math ($) need the LaTeX converter. Everything else a .bib
# value holds (grouping braces, ties, dash and quote ligatures) is rewritten
# directly, exactly as the converter would: most values never reach it.
_NEEDS_CONVERTER = re.compile(r"[\\$]")
_LIGATURES = (
    ("{", ""),
    ("}", ""),
    ("---", "\u2014"),
    ("--", "\u2013"),
    ("``", "\u201c"),
    ("''", "\u201d"),
    ("~", " "),
)
# The accents that make up most of the LaTeX in author names: "{\\"o}", "\\'e",
# "\\v{s}", "{\\aa}". Each such token means the same wherever it stands (a group,
# or an accent command with its one-letter argument), so it is decoded once by the
# converter and reused: a name like "M{\\"u}ller" then never needs the converter.
_ACCENT_TOKEN = re.compile(
    r"""\{\\(?:[`'^"~=.]\s*(?:[A-Za-z]|\{[A-Za-z]\})|[vcuHkrdb]\{[A-Za-z]\}"""
    r"""|[vcuHkrdb]\s+[A-Za-z]|(?:aa|AA|o|O|ss|ae|AE|oe|OE|l|L|i|j)\s*)\}"""
    r"""|\\[`'^"~=.](?:[A-Za-z]|\{[A-Za-z]\})|\\[vcuHkrdb]\{[A-Za-z]\}"""
)
_ACCENTS: dict[str, str] = {}  # token -> the converter's text for it; a few hundred at most
# An accent in braces, a group with no white space ("{\\"o}", "{\\v{s}}", "{\\aa}"), and
# BibTeX's "and" between names, as bibtexparser's splitter finds them.
_BRACED_ACCENT = re.compile(r"\{\\[^{}\s\\]{1,3}(?:\{[A-Za-z]\})?\}")
_NAME_SEPARATOR = re.compile(r"[ \r\n\t]+[aA][nN][dD][ \r\n\t]+")
_SET_ASIDE = re.compile(r"\0(\d+)\0")
# A bare % starts a LaTeX comment and would swallow the rest of the value; in a
# .bib field it is almost always a literal percent sign.
_BARE_PERCENT = re.compile(r"(?<!\\)%")

# Braces and quotes as bibtexparser's splitter sees them: escaped ones do not count.
_BRACE = re.compile(r"(?<!\\)[{}]")
_BRACE_OR_QUOTE = re.compile(r'(?<!\\)[{}"]')
_BARE_WORD = re.compile(r'[^\s#{}",=]+')

# The macros every standard BibTeX style defines.
_MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}

_PMID_PREFIX = re.compile(r"^pmid\s*:?\s*", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi\.org/|doi\s*:\s*)", re.IGNORECASE)
_WEB_URL = re.compile(r"https?://[^\s]+\Z", re.IGNORECASE)
_URL_ESCAPE = re.compile(r"\\([_%&#~$])")
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


class BibLoadError(Exception):
    """The bibliography cannot be read at all, so the build cannot go on meaningfully.

    The message is one line and starts with the display path.
    """


@dataclass(frozen=True, slots=True)
class Person:
    """One author or editor, decoded and ready for a Vancouver author list."""

    last: str
    initials: str
    suffix: str
    is_organisation: bool
    name: str

    def display(self) -> str:
        """Vancouver form: ``Bassett DR Jr``; an organisation is shown in full."""
        return self.name


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
    _pmid_index: Mapping[str, str] = field(init=False, repr=False, compare=False)  # to keys
    _doi_index: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Built once: guides look references up by PMID and DOI on every page.
        pmids: dict[str, str] = {}
        dois: dict[str, str] = {}
        if isinstance(self.entries, _CachedEntries):
            identifiers = self.entries.identifiers()
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
        if isinstance(self.entries, _CachedEntries):
            return self.entries.lines()
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


class _CachedEntries(Mapping[str, BibEntry]):
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
    if cache_dir is not None:
        cached_at = bibcache.cache_file(cache_dir, file)
        expansion = f"{limits.bib_value_chars} {limits.store_chars}"  # what parsing kept
        key = bibcache.content_key(data, display_path, expansion, *_cache_version())
        store = _from_records(bibcache.read(cached_at, key))
        if store is not None:
            return store
    try:
        text = decode_source(data, display_path)
    except SourceError as error:
        raise BibLoadError(str(error)) from None
    store = parse_bib(text, display_path, limits=limits)
    if cache_dir is not None:
        bibcache.write(cached_at, key, _to_records(store))
    return store


def parse_bib(text: str, path: str, *, limits: Limits | None = None) -> BibStore:
    """Parse BibTeX source into a store. Never raises for bad BibTeX: it reports it.

    A value longer than ``limits`` allow once its ``@string`` macros are
    expanded is reported and left empty (a macro used twice in each of a chain
    of macros doubles at each link: forty links are a terabyte).
    """
    text = text.removeprefix("\ufeff")
    try:
        blocks = bibsplit.split(text)
    except Exception as error:
        # A bug in the parser, not in the file: still a finding, never a traceback.
        message = f"BibTeX parser failed: {_first_line(error)}"
        finding = Finding(path, 1, 1, rule_ids.BIB_INVALID_ENTRY, "error", message)
        return BibStore(path, MappingProxyType({}), (finding,))

    findings = [
        _invalid(path, _line(failed.start_line), _first_line(failed.reason))
        for failed in blocks.failed
    ]
    budget = _Budget(limits or Limits())
    macros = _evaluate_strings(blocks.strings, path, findings, budget)
    entries = _build_entries(blocks.entries, macros, path, findings, budget)
    _check_identifiers(entries, path, findings)
    return BibStore(path, MappingProxyType(entries), tuple(sorted(findings)))


def parse_persons(raw: str, *, leading: int | None = None) -> tuple[tuple[Person, ...], bool]:
    """Split a raw ``author`` value into people, and whether it ends in ``and others``.

    Names are split on the raw LaTeX (so ``{Simon and Schuster}`` stays one name
    and braces still mark an organisation), then each part is decoded. With
    ``leading``, only the first that many people are returned, and the flag
    also says whether anyone follows them.
    """
    people: list[Person] = []
    more = False
    for name in split_names(raw):
        if name.strip() == "others":
            more = True
            continue
        if leading is not None and len(people) == leading:
            if more:
                break
            more = _parse_person(name) is not None  # someone follows, unless it is empty
            continue
        person = _parse_person(name)
        if person is not None:
            people.append(person)
    return tuple(people), more


def split_names(raw: str) -> list[str]:
    """The names in a BibTeX name list, split at "and" outside braces, as BibTeX does.

    bibtexparser's splitter reads the value a character at a time; a list whose
    only braces are accented letters (``Br{\\"o}nvik``) is split the same way by
    one regular expression, with the accents set aside while it runs.
    """
    if "\0" in raw:
        return split_multiple_persons_names(raw)
    accents: list[str] = []
    if "{" in raw or "}" in raw or "\\" in raw:

        def set_aside(match: re.Match[str]) -> str:
            accents.append(match.group())
            return f"\0{len(accents) - 1}\0"

        masked = _BRACED_ACCENT.sub(set_aside, raw)
        if "{" in masked or "}" in masked or "\\" in masked:
            return split_multiple_persons_names(raw)
    else:
        masked = raw
    masked = masked.strip(" \r\n\t")
    if not masked:
        return []
    names = _NAME_SEPARATOR.split(masked)
    if accents:
        names = [_SET_ASIDE.sub(lambda match: accents[int(match.group(1))], n) for n in names]
    return names


def normalise_pmid(raw: str) -> str | None:
    """Digits only: ``"PMID: 21694556"`` -> ``"21694556"``; None if it is not a PMID."""
    text = _PMID_PREFIX.sub("", raw.strip().replace("{", "").replace("}", "")).strip()
    return text if text.isascii() and text.isdigit() else None


def normalise_doi(raw: str) -> str | None:
    """Strip ``https://doi.org/``, ``doi:`` and LaTeX escapes; keep the case as written.

    None unless the result looks like a DOI (``10.`` prefix, a ``/``).
    """
    text = _URL_ESCAPE.sub(r"\1", raw.strip().replace("{", "").replace("}", ""))
    text = _DOI_PREFIX.sub("", text).strip()
    return text if text.startswith("10.") and "/" in text else None


def decode_latex(raw: str) -> str:
    """Display text for a raw BibTeX value: LaTeX decoded, braces gone, spaces collapsed."""
    if "\\" in raw and "$" not in raw:
        accented = _ACCENT_TOKEN.sub(_accent, raw)  # "M{\\"u}ller" -> "Müller"
        if "\\" not in accented:  # otherwise the converter reads the whole value
            raw = accented
    if _NEEDS_CONVERTER.search(raw):
        try:
            raw = _CONVERTER.latex_to_text(_BARE_PERCENT.sub(r"\\%", raw))
        except Exception:
            # pylatexenc is tolerant, but the input is anyone's file: show it bare.
            raw = raw.replace("{", "").replace("}", "")
    else:
        for latex, text in _LIGATURES:
            if latex in raw:
                raw = raw.replace(latex, text)
    return " ".join(raw.split())


def _accent(match: re.Match[str]) -> str:
    token = match.group()
    text = _ACCENTS.get(token)
    if text is None:
        try:
            text = _ACCENTS[token] = _CONVERTER.latex_to_text(token)
        except Exception:
            text = token  # the whole value goes to the converter
    return text


# --- the cache ------------------------------------------------------------------------------


@functools.cache
def _cache_version() -> tuple[str, ...]:
    """What a cached store depends on besides the file: the code that reads it, and its parser."""
    sources = hashlib.sha256()
    for module in (__file__, bibsplit.__file__):
        sources.update(pathlib.Path(module).read_bytes())
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


def _from_records(records: Any) -> BibStore | None:
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
        return BibStore(path, _CachedEntries(entries), findings)
    except (TypeError, ValueError):
        return None


# --- parsing helpers -------------------------------------------------------------------------


def _evaluate_strings(
    strings: list[RawString], path: str, findings: list[Finding], budget: _Budget
) -> dict[str, str]:
    """Macro table from ``@string`` blocks, in file order; later definitions win."""
    macros = dict(_MONTHS)
    defined_at: dict[str, int] = {}
    for string in strings:
        name = string.key.lower()
        line = _line(string.start_line)
        if name in defined_at:
            message = (
                f"duplicate @string '{string.key}' (first defined at line {defined_at[name]};"
                " the later value is used)"
            )
            findings.append(Finding(path, line, 1, rule_ids.BIB_DUPLICATE, "warning", message))
        else:
            defined_at[name] = line
        macros[name] = _read_value(
            string.value, macros, f"@string '{string.key}'", line, path, findings, budget
        )
    return macros


def _build_entries(
    raw_entries: list[RawEntry],
    macros: Mapping[str, str],
    path: str,
    findings: list[Finding],
    budget: _Budget,
) -> dict[str, BibEntry]:
    """Entries by key in file order: the first of duplicate keys wins, as in BibTeX."""
    entries: dict[str, BibEntry] = {}
    by_folded_key: dict[str, BibEntry] = {}
    for raw in raw_entries:
        line = _line(raw.start_line)
        if not raw.entry_type:
            findings.append(_invalid(path, line, f"entry '{raw.key}' has no type (@article, ...)"))
            continue
        if not raw.key:
            findings.append(_invalid(path, line, f"@{raw.entry_type} entry has no key"))
            continue
        if (first := entries.get(raw.key)) is not None:
            message = f"duplicate key '{raw.key}' (first defined at line {first.line})"
            findings.append(Finding(path, line, 1, rule_ids.BIB_DUPLICATE, "error", message))
            continue

        fields: dict[str, str] = {}
        field_lines: dict[str, int] = {}
        for raw_field in raw.fields:
            name = sys.intern(raw_field.key.lower())  # shared by every entry, and the cache
            field_line = _line(raw_field.start_line)
            if name in fields:
                message = (
                    f"duplicate field '{name}' in '{raw.key}' (first at line"
                    f" {field_lines[name]}; BibTeX uses the first)"
                )
                findings.append(
                    Finding(path, field_line, 1, rule_ids.BIB_DUPLICATE, "warning", message)
                )
                continue
            what = f"'{name}' in '{raw.key}'"
            fields[name] = _read_value(
                raw_field.value, macros, what, field_line, path, findings, budget
            )
            field_lines[name] = field_line

        entry = BibEntry(
            key=raw.key,
            entry_type=sys.intern(raw.entry_type.lower()),
            line=line,
            fields=MappingProxyType(fields),
            field_lines=MappingProxyType(field_lines),
            pmid=_entry_pmid(raw.key, fields, field_lines, path, findings),
            doi=_entry_doi(raw.key, fields, field_lines, path, findings),
        )
        entries[raw.key] = entry

        # BibTeX and biber treat keys that differ only in case as the same key,
        # and a citation typed in the other case would silently miss.
        folded = raw.key.casefold()
        if (same := by_folded_key.get(folded)) is not None:
            message = f"key '{raw.key}' differs only in case from '{same.key}' (line {same.line})"
            findings.append(Finding(path, line, 1, rule_ids.BIB_DUPLICATE, "warning", message))
        else:
            by_folded_key[folded] = entry
    return entries


class _TooLong(Exception):
    """A value passes a limit once its macros are expanded; ``str()`` says which."""


class _Budget:
    """How long values may be once macros are expanded: each one, and all macros together.

    A limit on each value alone is not enough: a store of a million fields that
    each use a long macro twice would hold a million long copies.
    """

    __slots__ = ("macro_chars", "max_value", "spent")

    def __init__(self, limits: Limits) -> None:
        self.max_value = limits.bib_value_chars
        self.macro_chars = limits.store_chars  # characters macros may still add, in all
        self.spent = False  # then every macro expands to nothing

    def check(self, length: int) -> None:
        if length > self.max_value:
            raise _TooLong(
                f"is longer than {self.max_value:,} characters, @string macros expanded"
                f" {how_to_raise('bib_value_chars')}"
            )

    def expand(self, text: str) -> str:
        """``text`` of a macro, as long as the store-wide budget allows; then nothing."""
        if self.spent:
            return ""
        self.macro_chars -= len(text)
        if self.macro_chars < 0:
            self.spent = True
            raise _TooLong(
                "makes @string macros expand to more text than the store may hold; they are"
                f" left empty from here on {how_to_raise('store_mb')}"
            )
        return text


def _read_value(
    raw: str,
    macros: Mapping[str, str],
    what: str,
    line: int,
    path: str,
    out: list[Finding],
    budget: _Budget,
) -> str:
    """Evaluate one value; report it if malformed, too long, or if it uses an undefined macro."""
    undefined: list[str] = []
    try:
        value = _evaluate(raw, macros, undefined, budget)
    except _TooLong as error:
        out.append(_invalid(path, line, f"the value of {what} {error}", syntax=False))
        return ""
    if value is None:
        reason = f"cannot read the value of {what} (missing comma, brace or quote?)"
        out.append(_invalid(path, line, reason))
        return raw.strip()
    for name in undefined:
        message = f"undefined @string macro '{name}' in the value of {what}"
        out.append(Finding(path, line, 1, rule_ids.BIB_INVALID_ENTRY, "warning", message))
    return value


def _entry_pmid(
    key: str, fields: Mapping[str, str], lines: Mapping[str, int], path: str, out: list[Finding]
) -> str | None:
    name = "pmid"
    if "pmid" not in fields and fields.get("eprinttype", "").lower() == "pubmed":
        name = "eprint"  # biblatex's way of recording a PubMed identifier
    raw = fields.get(name, "").strip()
    if not raw:
        return None
    pmid = normalise_pmid(raw)
    if pmid is None:
        message = f"PMID '{raw}' in '{key}' is not a PubMed identifier (digits only)"
        out.append(Finding(path, lines[name], 1, rule_ids.BIB_INVALID_ENTRY, "warning", message))
    return pmid


def _entry_doi(
    key: str, fields: Mapping[str, str], lines: Mapping[str, int], path: str, out: list[Finding]
) -> str | None:
    raw = fields.get("doi", "").strip()
    if not raw:
        return None
    doi = normalise_doi(raw)
    if doi is None:
        message = f"DOI '{raw}' in '{key}' is not a DOI (expected '10.<prefix>/<suffix>')"
        out.append(Finding(path, lines["doi"], 1, rule_ids.BIB_INVALID_ENTRY, "warning", message))
    return doi


def _check_identifiers(entries: Mapping[str, BibEntry], path: str, out: list[Finding]) -> None:
    """Two entries with one PMID or DOI are one work cited under two keys."""
    first_pmid: dict[str, BibEntry] = {}
    first_doi: dict[str, BibEntry] = {}
    for entry in entries.values():
        if entry.pmid is not None:  # "0123" is 123 written with a leading zero: the same PMID
            first = first_pmid.setdefault(entry.pmid.lstrip("0") or "0", entry)
            if first is not entry:
                out.append(_duplicate_id(path, entry, first, f"PMID {entry.pmid}"))
        if entry.doi is not None:
            first = first_doi.setdefault(entry.doi.lower(), entry)
            if first is not entry:
                out.append(_duplicate_id(path, entry, first, f"DOI {entry.doi}"))


def _duplicate_id(path: str, entry: BibEntry, first: BibEntry, what: str) -> Finding:
    message = f"duplicate {what}: '{entry.key}' and '{first.key}' (line {first.line})"
    return Finding(path, entry.line, 1, rule_ids.BIB_DUPLICATE, "error", message)


def _evaluate(
    value: str, macros: Mapping[str, str], undefined: list[str], budget: _Budget
) -> str | None:
    """The text of a BibTeX value: ``{...}``, ``"..."``, numbers and macros joined by ``#``.

    Returns None when the value is not well formed, which is how a missing comma
    between two fields shows (the splitter reads both as one value). Names of
    unknown macros are appended to ``undefined`` and kept as text: BibTeX would
    print nothing, which hides the mistake. Raises :class:`_TooLong` as soon as
    the value, or all macros together, pass the ``budget``.
    """
    text = value.strip()
    if text.startswith("{") and text.endswith("}"):
        inner = text[1:-1]
        if ("{" not in inner and "}" not in inner) or _closing_brace(text, 0) == len(text) - 1:
            budget.check(len(inner))
            return inner  # the common case: one braced literal
    pieces: list[str] = []
    length = 0
    pos, end = 0, len(text)
    while pos < end:
        char = text[pos]
        if char in '{"':
            close = _closing_brace(text, pos) if char == "{" else _closing_quote(text, pos)
            if close < 0:
                return None
            piece = text[pos + 1 : close]
            pos = close + 1
        else:
            match = _BARE_WORD.match(text, pos)
            if match is None:
                return None
            piece = match.group()
            if not piece.isdigit():
                if (expansion := macros.get(piece.lower())) is not None:
                    piece = budget.expand(expansion)
                else:
                    undefined.append(piece)
            pos = match.end()
        length += len(piece)
        budget.check(length)
        pieces.append(piece)
        while pos < end and text[pos].isspace():
            pos += 1
        if pos < end:
            if text[pos] != "#":
                return None
            pos += 1
            while pos < end and text[pos].isspace():
                pos += 1
            if pos == end:
                return None
    return "".join(pieces)


def _closing_brace(text: str, start: int) -> int:
    """Index of the brace closing the one at ``start``, or -1."""
    depth = 0
    for match in _BRACE.finditer(text, start):
        if match.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return match.start()
    return -1


def _closing_quote(text: str, start: int) -> int:
    """Index of the quote closing the one at ``start`` (quotes in braces do not count)."""
    depth = 0
    for match in _BRACE_OR_QUOTE.finditer(text, start + 1):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            return match.start()
    return -1


def _parse_person(raw: str) -> Person | None:
    name = raw.strip()
    if name.startswith("{") and _closing_brace(name, 0) == len(name) - 1:
        # Fully braced: BibTeX will not split it, so it is a body, not a person.
        full = decode_latex(name[1:-1])
        if not full:
            return None
        return Person(last=full, initials="", suffix="", is_organisation=True, name=full)
    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except (ValueError, IndexError):  # a malformed name is still shown, as written
        parts = None
    if parts is None:
        last, initials, suffix = decode_latex(name), "", ""
    else:
        last = decode_latex(" ".join(parts.von + parts.last))
        initials = "".join(_initials(decode_latex(word)) for word in parts.first)
        suffix = decode_latex(" ".join(parts.jr)).rstrip(".")
    if not last:
        return None
    display = " ".join(part for part in (last, initials, suffix) if part)
    return Person(last=last, initials=initials, suffix=suffix, is_organisation=False, name=display)


def _initials(given: str) -> str:
    """``David`` -> ``D``, ``R.`` -> ``R``, ``Jean-Pierre`` -> ``JP``, ``D.R.`` -> ``DR``."""
    letters = []
    for piece in re.split(r"[\s.\-\u2010\u2011]+", given):
        for char in piece:
            if char.isalpha():
                letters.append(char.upper())
                break
    return "".join(letters)


def _clean_url(raw: str) -> str | None:
    text = raw.strip()
    if match := _URL_COMMAND.match(text):
        text = match.group(1).strip()
    text = _URL_ESCAPE.sub(r"\1", text)
    # Readers follow this link: only web addresses, never "javascript:" and the like.
    return text if _WEB_URL.match(text) else None


def _invalid(path: str, line: int, reason: str, *, syntax: bool = True) -> Finding:
    message = f"BibTeX syntax error: {reason}" if syntax else reason
    return Finding(path, line, 1, rule_ids.BIB_INVALID_ENTRY, "error", message)


def _line(start_line: int | None) -> int:
    """bibtexparser counts lines from 0; editors and findings count from 1."""
    return (start_line or 0) + 1


def _first_line(reason: object) -> str:
    lines = str(reason).strip().splitlines()
    return lines[0].strip() if lines else type(reason).__name__
