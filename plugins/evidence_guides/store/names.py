"""An ``author`` or ``editor`` value read as people, ready for a Vancouver author list.

BibTeX's name syntax (``and`` between names, ``von``/``Jr`` parts, braces
that keep an organisation whole) is its own small language, read here and
nowhere else. Names are split on the raw LaTeX, so ``{Simon and Schuster}``
stays one name and braces still mark an organisation, and only then decoded.
Reference lists show three authors and citation checks read the first, of
lists that may run to dozens: :func:`parse_persons` can stop after the first
few.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from evidence_guides.store.latex import decode_latex
from evidence_guides.store.name_parts import plain_name_parts
from evidence_guides.store.values import closing_brace

# An accent in braces, a group with no white space ("{\\"o}", "{\\v{s}}", "{\\aa}"), and
# BibTeX's "and" between names, as bibtexparser's splitter finds them.
_BRACED_ACCENT = re.compile(r"\{\\[^{}\s\\]{1,3}(?:\{[A-Za-z]\})?\}")
_NAME_SEPARATOR = re.compile(r"[ \r\n\t]+[aA][nN][dD][ \r\n\t]+")
_SET_ASIDE = re.compile(r"\0(\d+)\0")


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


def _parse_person(raw: str) -> Person | None:
    name = raw.strip()
    if name.startswith("{") and closing_brace(name, 0) == len(name) - 1:
        # Fully braced: BibTeX will not split it, so it is a body, not a person.
        full = decode_latex(name[1:-1])
        if not full:
            return None
        return Person(last=full, initials="", suffix="", is_organisation=True, name=full)
    parts = plain_name_parts(name)  # most names: without bibtexparser's character loop
    if parts is None:
        try:
            parts = parse_single_name_into_parts(name, strict=False)
        except (ValueError, IndexError):  # a malformed name is still shown, as written
            parts = None
    if parts is None:
        last, initials, suffix = decode_latex(name), "", ""
    else:
        last = decode_latex(" ".join(parts.von + parts.last))
        initials = "".join(_word_initials(word) for word in parts.first)
        suffix = decode_latex(" ".join(parts.jr)).rstrip(".")
    if not last:
        return None
    display = " ".join(part for part in (last, initials, suffix) if part)
    return Person(last=last, initials=initials, suffix=suffix, is_organisation=False, name=display)


@lru_cache(maxsize=8192)
def _word_initials(word: str) -> str:
    """The initials of one raw given name: given names recur across a bibliography."""
    return _initials(decode_latex(word))


def _initials(given: str) -> str:
    """``David`` -> ``D``, ``R.`` -> ``R``, ``Jean-Pierre`` -> ``JP``, ``D.R.`` -> ``DR``."""
    letters = []
    for piece in re.split(r"[\s.\-\u2010\u2011]+", given):
        for char in piece:
            if char.isalpha():
                letters.append(char.upper())
                break
    return "".join(letters)
