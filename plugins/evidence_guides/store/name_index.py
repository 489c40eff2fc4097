"""Which store entry a name written in prose means, and whether it agrees with an entry.

Two questions are asked of the store:

- **agreement** (``citation-mismatch``): does a name written beside an
  identifier name that identifier's entry? Any listed author counts, as does
  an organisation, a short name, a title prefix or the journal
  (:meth:`EntryNames.named_by`).
- **identification** (``vague-reference`` suggestions): which one entry does a
  vague reference mean? Only what identifies a work counts: the first author
  with the year (and its a/b suffix), an organisation, a short name, or a
  title prefix, always of the year written. A co-author does not identify.

Identification looks names up across the whole store, which may hold 20,000
entries whose fields stay raw until displayed: every index here is built
lazily, once per store, from raw fields where that is enough, and only the
candidates it returns are decoded. What one entry is called lives in
:mod:`~evidence_guides.store.entry_names`, how names are compared in
:mod:`~evidence_guides.store.folding`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from evidence_guides.store.entry_names import (
    EntryNames,
    entry_organisations,
    raw_surname_keys,
    raw_title_words,
    shortnames,
)
from evidence_guides.store.folding import (
    Words,
    is_prefix,
    surname_matches,
    title_words,
    without_article,
    words,
)

if TYPE_CHECKING:
    from evidence_guides.store.entry import BibEntry, BibStore

_K = TypeVar("_K")

_KEY_SUFFIX = re.compile(r"\d{4}([a-z])\Z")
_INDEXES_KEPT = 4  # stores indexed at once: a build, the CLI, a test or two


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
                for org, _ in entry_organisations(entry):
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
                title = raw_title_words(entry)
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
                for key in raw_surname_keys(entry):
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
