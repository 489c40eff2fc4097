"""Which store entry a name written in prose means, and whether it agrees with an entry.

Prose names a work by its authors ("Garber, Blissmer, and Deschenes"), an
organisation ("World Health Organization", "ACSM"), or the start of its title
("Effects of resistance training frequency"). Two questions are asked of the
store:

- **agreement** (``citation-mismatch``): does a name written beside an
  identifier name that identifier's entry? Any listed author counts, as does
  an organisation, a short name, a title prefix or the journal.
- **identification** (``vague-reference`` suggestions): which one entry does a
  vague reference mean? Only what identifies a work counts: the first author
  with the year (and its a/b suffix), an organisation, a short name, or a
  title prefix, always of the year written. A co-author does not identify.

Names are compared as folded words: lowercase, accents dropped ("Jager" is
"Jäger"), hyphens and punctuation as word breaks ("Effects of low" starts
"Effects of Low- vs. High-Load ..."). A store may hold 20,000 entries whose
fields stay raw until displayed, so every index is built lazily, once per
store, from raw fields where that is enough.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from evidence_guides.store.latex import decode_latex

if TYPE_CHECKING:
    from evidence_guides.store.entry import BibEntry, BibStore
    from evidence_guides.store.names import Person

Words = tuple[str, ...]
_K = TypeVar("_K")

_WORD = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Letters NFKD does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
    }
)
LEADING_ARTICLES = frozenset({"the", "a", "an"})
# A name in a raw author list that is wholly braced, as organisations are written.
_BRACED_NAME = re.compile(r"(?:\A|\sand\s)\s*\{")
_FIRST_NAME_SPLIT = re.compile(r"\s+and\s+")
_LATEX = re.compile(r"[\\$]")
_KEY_SUFFIX = re.compile(r"\d{4}([a-z])\Z")
# Words that make a name an organisation's even when it is not braced:
# "{World Health Organization}" in single braces reads as a person otherwise.
ORGANISATION_WORDS = frozenset(
    " ".join(
        (
            "association organization organisation college society institute institutes",
            "department council foundation agency academy centers centres center centre",
            "committee federation service services ministry board union network group",
            "university clinic health administration commission office bureau alliance",
            "coalition trust consortium panel hospital forum league programme program",
        )
    ).split()
)
_INDEXES_KEPT = 4  # stores indexed at once: a build, the CLI, a test or two


def fold(text: str) -> str:
    """``text`` lowercased without accents: "Jäger" and "Jager" compare equal."""
    text = text.casefold()
    if not _NON_ASCII.search(text):
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> Words:
    """Folded word tokens for comparing names and titles: '&' is 'and'."""
    return tuple(_WORD.findall(fold(text).replace("&", " and ")))


def without_article(tokens: Words) -> Words:
    """``tokens`` without a leading article: "The Compendium" is "Compendium"."""
    return tokens[1:] if tokens and tokens[0] in LEADING_ARTICLES else tokens


def title_words(title: str) -> Words:
    """Title words without a leading year or number (``2011 Compendium``) or article."""
    tokens = words(title)
    start = 0
    while start < len(tokens) and (tokens[start].isdigit() or tokens[start] in LEADING_ARTICLES):
        start += 1
    return tokens[start:]


def shortnames(entry: BibEntry) -> list[Words]:
    """The entry's documented short names (``shortname = {HHS; PAG}``)."""
    raw = entry.fields.get("shortname", "")
    if not raw:
        return []
    return [words(name) for name in decode_latex(raw).split(";") if name.strip()]


def is_prefix(written: Words, full: Words, minimum: int = 2) -> bool:
    return len(written) >= minimum and full[: len(written)] == written


def surname_matches(full: Words, surname: Words) -> bool:
    """Whether a surname as written names an author's surname ``full``.

    ``Garber`` names ``Garber``; ``Tillaar`` names ``van den Tillaar``; a
    first name written before the surname ("Brad Schoenfeld") does not hide
    it; and "Dambrosio" names "D'Ambrosio", "Hartley Quinn" "Hartley-Quinn".
    """
    if not full or not surname:
        return False
    if len(full) != len(surname) and "".join(full) == "".join(surname):
        return True
    if len(surname) <= len(full):
        return full[-len(surname) :] == surname
    return surname[-len(full) :] == full


class EntryNames:
    """The names one entry can be called by, each worked out when first asked for.

    Most written names are the first author's surname, which is checked first,
    so the title (the dearest to decode: a title with math goes through the
    LaTeX converter) is rarely needed.
    """

    def __init__(self, entry: BibEntry) -> None:
        self.entry = entry

    @cached_property
    def first_author(self) -> str | None:
        """The first author's surname, or an organisation's name, for messages."""
        people, _ = self.entry.leading_authors(1)
        if not people:
            return None
        organisation = self._organisation_of(people[0])
        return organisation[1] if organisation is not None else people[0].last

    @cached_property
    def first_author_words(self) -> Words:
        return words(self.first_author) if self.first_author is not None else ()

    @cached_property
    def surnames(self) -> tuple[Words, ...]:
        """Every author's surname (an organisation's whole name), in order."""
        named = []
        for person in self.entry.authors:
            organisation = self._organisation_of(person)
            named.append(organisation[0] if organisation is not None else words(person.last))
        return tuple(named)

    def _organisation_of(self, person: Person) -> tuple[Words, str] | None:
        """The organisation ``person`` is, if BibTeX's name parsing hid one in it.

        "{World Health Organization}" in single braces is parsed as a person
        whose surname is "Organization"; the raw name says what it is.
        """
        if person.is_organisation:
            return words(person.name), person.name
        if fold(person.last) not in ORGANISATION_WORDS:
            return None  # a person's surname: no need to read the author list again
        last = words(person.last)
        for organisation in self.organisations_named:
            if last and organisation[0][-len(last) :] == last:
                return organisation
        return None

    @cached_property
    def shortnames(self) -> tuple[Words, ...]:
        return tuple(shortnames(self.entry))

    @cached_property
    def organisations_named(self) -> tuple[tuple[Words, str], ...]:
        return tuple(_organisations(self.entry))

    @cached_property
    def organisations(self) -> tuple[Words, ...]:
        return tuple(name for name, _ in self.organisations_named)

    @cached_property
    def title(self) -> Words:
        return title_words(self.entry.title)

    @cached_property
    def journal(self) -> Words:
        return words(self.entry.journal)

    def has_author(self, surname: Words) -> bool:
        """Whether ``surname`` is any listed author's (the first is tried first)."""
        if surname_matches(self.first_author_words, surname):
            return True
        return any(surname_matches(name, surname) for name in self.surnames)

    def named_by(self, written: Words, surnames: Sequence[Words]) -> bool:
        """Whether a name written beside a citation of this entry names it.

        ``written`` is the whole name as written, ``surnames`` the authors it
        lists. Every author written must be one of the entry's, any of them
        ("Blissmer et al." for Garber, Blissmer and Deschenes), unless the
        entry's list is cut short ("and others"): "Kowalski and Ibsen" for
        Kowalski and Brennan is another work. A short name, an organisation
        author or its first two or more words, the title's first two or more
        words, and the journal agree too.
        """
        if not written:
            return True
        if surnames:
            agreed = [self.has_author(surname) for surname in surnames]
            if all(agreed):
                return True
            if any(agreed):  # all() first: has_more_authors parses every author's name
                return self.entry.has_more_authors
        bare = without_article(written)
        if written in self.shortnames or bare in self.shortnames:
            return True
        if any(org == bare or is_prefix(bare, org) for org in self.organisations):
            return True
        return is_prefix(bare, self.title) or bare == self.journal


def _organisations(entry: BibEntry) -> list[tuple[Words, str]]:
    """The entry's organisation authors: braced names, or unbraced ones with an organisation word.

    An unbraced name counts only without a comma ("Center, John" is a person).
    A report's ``institution`` and a manual's ``organization`` name one too.
    """
    found = [
        (words(name), name)
        for field in ("institution", "organization")
        if (name := " ".join(decode_latex(entry.fields.get(field, "")).strip("{} ").split()))
    ]
    return found + _author_organisations(entry)


def _author_organisations(entry: BibEntry) -> list[tuple[Words, str]]:
    raw = " and ".join(entry.fields.get(name, "") for name in ("author", "editor"))
    if not raw.strip(" and"):
        return []
    if _BRACED_NAME.search(raw):
        return [(words(p.name), p.name) for p in entry.authors if p.is_organisation]
    if not ORGANISATION_WORDS.intersection(words(raw)):
        return []  # the common case: people only, no need to decode their names
    found = []
    for raw_name in _FIRST_NAME_SPLIT.split(raw.strip()):
        name = " ".join((decode_latex(raw_name) if _LATEX.search(raw_name) else raw_name).split())
        tokens = words(name)
        if tokens and "," not in raw_name and ORGANISATION_WORDS.intersection(tokens):
            found.append((tokens, name))
    return found


@dataclass(frozen=True, slots=True)
class Mention:
    """What a vague reference says about its work, for :meth:`EntryIndex.identify`."""

    written: Words  # the whole name or title fragment, folded
    surnames: tuple[Words, ...]  # the authors it lists, first first (empty for a title)
    year: str | None  # None for "n.d."
    suffix: str | None = None  # the "a" of "2016a"
    et_al: bool = False  # "Smith et al.": three or more authors, as APA writes them


@dataclass(frozen=True, slots=True)
class Identification:
    """The answer to "which entry is meant?": one entry, or a sentence saying why not."""

    entry: BibEntry | None
    note: str | None = None  # when no entry is clearly meant but the store has something close


@dataclass(slots=True)
class EntryIndex:
    """Lazily built lookups from written names to the entries of one store."""

    store: BibStore
    _shortnames: dict[Words, list[BibEntry]] | None = None
    _organisations: dict[Words, list[BibEntry]] | None = None  # full names and 2-word prefixes
    _titles: dict[Words, list[BibEntry]] | None = None  # by the first two title words
    _surnames: dict[str, list[BibEntry]] | None = None  # by the surname's last word
    _close_keys: dict[str, str | None] = field(default_factory=dict)
    _answers: dict[Mention, Identification] = field(default_factory=dict)
    _names: dict[BibEntry, EntryNames] = field(default_factory=dict)

    def names(self, entry: BibEntry) -> EntryNames:
        """``EntryNames(entry)``, kept once per entry: guides cite the same sources."""
        names = self._names.get(entry)
        if names is None:
            names = self._names[entry] = EntryNames(entry)
        return names

    # --- what a run of words before a date can be --------------------------------------------

    def names_a_work(self, written: Words, *, minimum: int = 2) -> bool:
        """Whether ``written`` is a short name, an organisation (or its start) or a title's start.

        Used to find how far a title fragment or an organisation's name
        reaches to the left of its date.
        """
        bare = without_article(written)
        if not bare:
            return False
        if bare in self._shortname_index() or written in self._shortname_index():
            return True
        if len(bare) < minimum:
            return False
        return bool(self._by_organisation(bare) or self._by_title(bare))

    def keeps_article(self, written: Words) -> bool:
        """Whether a title that ``written`` (an article, then words) starts is itself so written.

        "The effect of weekly set volume" names a title that starts with "The";
        "The Nordic Federation" an organisation whose name does not.
        """
        bare = without_article(written)
        return any(words(e.title)[: len(written)] == written for e in self._by_title(bare))

    def has_surname(self, surname: Words) -> bool:
        """Whether some entry's first author has ``surname``."""
        return bool(surname) and bool(self._by_surname(surname))

    # --- identification ------------------------------------------------------------------------

    def identify(self, mention: Mention) -> Identification:
        """The one entry ``mention`` means, or why none is named. Cached per mention.

        Tried in order, the first kind of name that matches any entry decides:
        a short name, an organisation, a title prefix, the first author's
        surname. Among its entries, only those of the year written count, and
        an a/b suffix picks one of them: the entry whose key ends in that
        suffix, or else the one at that place when their titles are sorted,
        as APA orders them.
        """
        answer = self._answers.get(mention)
        if answer is None:
            answer = self._answers[mention] = self._identify(mention)
        return answer

    def _identify(self, mention: Mention) -> Identification:
        bare = without_article(mention.written)
        if not bare:
            return Identification(None)
        kinds: tuple[list[BibEntry], ...] = (
            self._shortname_index().get(bare, [])
            or self._shortname_index().get(mention.written, []),
            self._by_organisation(bare),
            self._by_title(bare),
            self._by_surname(mention.surnames[0]) if mention.surnames else [],
        )
        for matches in kinds:
            if matches:
                return self._pick(matches, mention)
        return Identification(None)

    def _pick(self, matches: list[BibEntry], mention: Mention) -> Identification:
        dated = matches if mention.year is None else [e for e in matches if e.year == mention.year]
        if not dated:
            return Identification(None, _other_years(matches, mention.year))
        if len(dated) > 1 and len(mention.surnames) > 1:  # "Schoenfeld, Ogborn, & Krieger"
            dated = [e for e in dated if self._lists(e, mention.surnames[1:])] or dated
        if mention.suffix is not None:  # a suffix written says which work, whatever else
            return _by_suffix(dated, mention.suffix)
        if len(dated) > 1 and mention.et_al:  # "et al." stands for three or more authors
            dated = [e for e in dated if len(self.names(e).surnames) > 2] or dated
        if len(dated) == 1:
            return Identification(dated[0])
        return Identification(None, _several(dated))

    def _lists(self, entry: BibEntry, surnames: Iterable[Words]) -> bool:
        names = self.names(entry)
        return all(any(surname_matches(n, s) for n in names.surnames) for s in surnames)

    def close_key(self, key: str) -> str | None:
        """The store key a mistyped ``key`` most likely meant; cached per key."""
        if key not in self._close_keys:
            close = difflib.get_close_matches(key, self.store.entries.keys(), n=1, cutoff=0.8)
            self._close_keys[key] = close[0] if close else None
        return self._close_keys[key]

    # --- the lazy indexes ----------------------------------------------------------------------

    def _shortname_index(self) -> dict[Words, list[BibEntry]]:
        if self._shortnames is None:
            self._shortnames = {}
            for entry in self.store.entries.values():
                for name in shortnames(entry):
                    _add(self._shortnames, name, entry)
        return self._shortnames

    def _by_organisation(self, written: Words) -> list[BibEntry]:
        if self._organisations is None:
            self._organisations = {}
            for entry in self.store.entries.values():
                for org, _ in _organisations(entry):
                    _add(self._organisations, org, entry)
                    if len(org) > 2:
                        _add(self._organisations, org[:2], entry)
        exact = self._organisations.get(written, [])
        if exact or len(written) < 2:
            return _unique(exact)
        candidates = self._organisations.get(written[:2], [])
        return _unique(
            e for e in candidates if any(is_prefix(written, o) for o in self.names(e).organisations)
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
                title = title_words(entry.title if _LATEX.search(raw) else raw)
                if len(title) >= 2:
                    _add(self._titles, title[:2], entry)
        candidates = self._titles.get(written[:2], [])
        return _unique(e for e in candidates if is_prefix(written, self.names(e).title))

    def _by_surname(self, surname: Words) -> list[BibEntry]:
        if not surname:
            return []
        if self._surnames is None:
            self._surnames = {}
            for entry in self.store.entries.values():
                for key in _raw_surname_keys(entry):
                    _add(self._surnames, key, entry)
        candidates = self._surnames.get(surname[-1], []) or self._surnames.get("".join(surname), [])
        return _unique(
            e for e in candidates if surname_matches(self.names(e).first_author_words, surname)
        )


def _by_suffix(entries: list[BibEntry], suffix: str) -> Identification:
    """The entry an a/b suffix selects among one author's works of one year."""
    keyed = {match.group(1): e for e in entries if (match := _KEY_SUFFIX.search(e.key))}
    if len(keyed) == len(entries):  # every key says its suffix: "smith2011a", "smith2011b"
        entry = keyed.get(suffix)
        if entry is not None:
            return Identification(entry)
        return Identification(None, f"no entry's key ends in '{suffix}': {_keys(entries)}")
    ordered = sorted(entries, key=lambda e: title_words(e.title))
    place = ord(suffix) - ord("a")
    if len(ordered) > 1 and place < len(ordered):
        return Identification(ordered[place])
    if len(ordered) == 1 and place == 0:
        return Identification(ordered[0])
    return Identification(None, f"the store has {_keys(entries)} for that author and year")


def _other_years(entries: list[BibEntry], year: str | None) -> str:
    found = sorted({e.year or "no year" for e in entries})
    return f"the store has {_keys(entries)} ({', '.join(found)}), not {year}"


def _several(entries: list[BibEntry]) -> str:
    return f"{len(entries)} entries match: {_keys(entries)}; cite the one meant"


def _keys(entries: Sequence[BibEntry], most: int = 3) -> str:
    shown = " or ".join(f"[@{entry.key}]" for entry in entries[:most])
    return shown + (f" and {len(entries) - most} more" if len(entries) > most else "")


def _raw_surname_keys(entry: BibEntry) -> tuple[str, ...]:
    """The first author's surname's last word and its words joined ("ambrosio", "dambrosio")."""
    raw = (entry.fields.get("author") or entry.fields.get("editor") or "").strip()
    if not raw or raw.startswith("{"):
        return ()  # no author, or an organisation (matched by name instead)
    first = _FIRST_NAME_SPLIT.split(raw, maxsplit=1)[0]
    if _LATEX.search(first):
        first = decode_latex(first)
    surname = first.split(",", 1)[0] if "," in first else (first.split() or [""])[-1]
    tokens = words(surname)
    if not tokens:
        return ()
    return (tokens[-1],) if len(tokens) == 1 else (tokens[-1], "".join(tokens))


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
