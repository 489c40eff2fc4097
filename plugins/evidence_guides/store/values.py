"""The text of one BibTeX value: braces, quotes, numbers and ``@string`` macros joined by ``#``.

bibtexparser's default middleware resolves only a value that is a single macro
name: not ``#`` concatenation, not macros inside ``@string``, not the standard
month macros, and not entries it set aside as failed blocks for a duplicate
field. The store runs no middleware at all (its LaTeX decoding alone costs
about ten times the bare split), so macro resolution and the removal of the
enclosing braces or quotes are done here, for every value, in one pass.

A value may not grow without bound as its macros expand: :class:`Budget`
holds the limits, and :class:`TooLong` says which one a value passed. This
module reports nothing itself; the parser turns what it returns into findings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from evidence_guides.files.limits import Limits, how_to_raise

# Braces and quotes as bibtexparser's splitter sees them: escaped ones do not count.
_BRACE = re.compile(r"(?<!\\)[{}]")
_BRACE_OR_QUOTE = re.compile(r'(?<!\\)[{}"]')
_BARE_WORD = re.compile(r'[^\s#{}",=]+')

# The macros every standard BibTeX style defines.
MONTHS = {
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


class TooLong(Exception):
    """A value passes a limit once its macros are expanded; ``str()`` says which."""


class Budget:
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
            raise TooLong(
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
            raise TooLong(
                "makes @string macros expand to more text than the store may hold; they are"
                f" left empty from here on {how_to_raise('store_mb')}"
            )
        return text


def evaluate(
    value: str, macros: Mapping[str, str], undefined: list[str], budget: Budget
) -> str | None:
    """The text of a BibTeX value: ``{...}``, ``"..."``, numbers and macros joined by ``#``.

    Returns None when the value is not well formed, which is how a missing comma
    between two fields shows (the splitter reads both as one value). Names of
    unknown macros are appended to ``undefined`` and kept as text: BibTeX would
    print nothing, which hides the mistake. Raises :class:`TooLong` as soon as
    the value, or all macros together, pass the ``budget``.
    """
    text = value.strip()
    if text.startswith("{") and text.endswith("}"):
        inner = text[1:-1]
        if ("{" not in inner and "}" not in inner) or closing_brace(text, 0) == len(text) - 1:
            budget.check(len(inner))
            return inner  # the common case: one braced literal
    pieces: list[str] = []
    length = 0
    pos, end = 0, len(text)
    while pos < end:
        char = text[pos]
        if char in '{"':
            close = closing_brace(text, pos) if char == "{" else closing_quote(text, pos)
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


def closing_brace(text: str, start: int) -> int:
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


def closing_quote(text: str, start: int) -> int:
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
