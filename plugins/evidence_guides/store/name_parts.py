"""One name split into First, von, Last and Jr, as bibtexparser splits it, for plain names.

bibtexparser's ``parse_single_name_into_parts`` reads a name a character at a
time, tracking braces and escapes; a build formats thousands of references of
three or four names each, and that reading was most of the cost of their author
lists. Almost every name has neither braces nor backslashes (``Garber, Carol
E.``): such a name is split here by whole words, with exactly the rules of
bibtexparser's non-strict mode, and any other name is left to bibtexparser.
"""

from __future__ import annotations

import re

from bibtexparser.middlewares.names import NameParts

# bibtexparser's word separators outside braces ("~" is a tie, which it splits at),
# and a comma, which also ends a word.
_WORD_SEPARATORS = re.compile(r"[ ~\r\n\t,]+")
_NOT_PLAIN = re.compile(r"[{}\\]")
_LOWER, _UPPER, _CASELESS = 0, 1, -1


def plain_name_parts(name: str) -> NameParts | None:
    """The parts of ``name``, as bibtexparser's non-strict mode gives them; None unless plain.

    A name is plain without braces and backslashes: then a word's case is its
    first letter's, and commas and separators mean the same at any depth.
    """
    if _NOT_PLAIN.search(name):
        return None
    commas = name.split(",")
    # The first two commas start sections; any further comma only ends a word.
    texts = [*commas[:2], ",".join(commas[2:])] if len(commas) > 2 else commas
    sections = [[word for word in _WORD_SEPARATORS.split(text) if word] for text in texts]
    if not sections[-1]:  # a trailing comma is dropped
        sections.pop()
    if not any(sections):
        return NameParts()
    if len(sections) == 1:
        return _first_von_last(sections[0])
    parts = NameParts(first=sections[-1])  # "von Last, First" or "von Last, Jr, First"
    if len(sections) == 3:
        parts.jr = sections[1]
    last = sections[0]
    cases = [_case(word) for word in last] if len(last) > 1 else []
    if _LOWER in cases:
        # The von part runs to the last lowercase word before the last word.
        split = max((i for i, case in enumerate(cases[:-1]) if case == _LOWER), default=-1) + 1
        parts.von, parts.last = last[:split], last[split:]
    else:
        parts.last = last
    return parts


def _first_von_last(words: list[str]) -> NameParts:
    """``First von Last``: von runs from the first lowercase word to the last, never to the end."""
    if len(words) == 1:
        return NameParts(last=words)
    if len(words) == 2:
        return NameParts(first=words[:1], last=words[1:])
    cases = [_case(word) for word in words]
    if _LOWER not in cases:
        return NameParts(first=words[:-1], last=words[-1:])
    first_lower = cases.index(_LOWER) - len(cases)
    last_lower = -cases[::-1].index(_LOWER) - 1
    if last_lower == -1:
        last_lower -= 1  # the last name cannot be empty
    return NameParts(
        first=words[:first_lower],
        von=words[first_lower : last_lower + 1],
        last=words[last_lower + 1 :],
    )


def _case(word: str) -> int:
    """The case of a word's first letter; caseless when it has none."""
    for char in word:
        if char.isalpha():
            return _UPPER if char.isupper() else _LOWER
    return _CASELESS
