"""The names one entry can be called by in prose: its authors, organisations, short names, title.

Prose names a work by its authors ("Garber, Blissmer, and Deschenes"), an
organisation ("World Health Organization", "ACSM"), a documented short name
(``shortname = {PAG}``), or the start of its title. :class:`EntryNames`
works each of these out for one entry when first asked, and decides whether a
name written beside a citation names the entry. A store may hold 20,000
entries whose fields stay raw until displayed, so the name index builds its
lookups from what this module reads off the raw fields where that is enough
(:func:`raw_surname_keys`, :func:`raw_title_words`), decoding only when LaTeX
is involved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from evidence_guides.store.folding import (
    Words,
    fold,
    is_prefix,
    surname_matches,
    title_words,
    without_article,
    words,
)
from evidence_guides.store.latex import decode_latex

if TYPE_CHECKING:
    from evidence_guides.store.entry import BibEntry
    from evidence_guides.store.names import Person

# A name in a raw author list that is wholly braced, as organisations are written.
_BRACED_NAME = re.compile(r"(?:\A|\sand\s)\s*\{")
_FIRST_NAME_SPLIT = re.compile(r"\s+and\s+")
_LATEX = re.compile(r"[\\$]")
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


def shortnames(entry: BibEntry) -> list[Words]:
    """The entry's documented short names (``shortname = {HHS; PAG}``)."""
    raw = entry.fields.get("shortname", "")
    if not raw:
        return []
    return [words(name) for name in decode_latex(raw).split(";") if name.strip()]


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
        return tuple(entry_organisations(self.entry))

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


def entry_organisations(entry: BibEntry) -> list[tuple[Words, str]]:
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


def raw_surname_keys(entry: BibEntry) -> tuple[str, ...]:
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


def raw_title_words(entry: BibEntry) -> Words:
    """The title's words, read from the raw field unless LaTeX commands or math are in it."""
    raw = entry.fields.get("title", "")
    # Braces, ties and dashes are not word characters: raw words are the
    # decoded words unless LaTeX commands or math are involved.
    return title_words(entry.title if _LATEX.search(raw) else raw)
