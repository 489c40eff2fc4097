"""Numbered citations as superscript digits: "strength¹", "growth.²,³", "volume⁴⁻⁶", and
as HTML: "strength<sup>1</sup>".

Copied from a web page with a numbered reference list, a citation keeps its
number as a superscript character and loses its link: the reader sees a
number that leads nowhere, and the audit has no source to check. A
superscript after a word (four letters or more, or three in lower case that
are no unit: "day¹", "use²,") or after the punctuation
that ends one is such a number; after a symbol or a unit ("R²", "m²",
"kg/m²", "x²") it is an exponent and stays silent.
"""

from __future__ import annotations

import re

from evidence_guides.audit.malformed.model import NUMBERED, Malformed, inside, vague

_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"  # ⁰ to ⁹
_SEPARATORS = ",\u207b\u2013-"  # ",", superscript minus, en dash, hyphen
_NUMBERS_RE = re.compile(rf"[{_DIGITS}]++(?:[{_SEPARATORS}][{_DIGITS}]++)*+")
# What stands before a citation's number: a word, or the punctuation after one. A word of
# three letters ("day¹", "use²,") when in lower case and no unit ("sec²", "mol³").
_UNITS = "sec|min|mol|cal|rad|deg|kgf|lbf|mph|sin|cos|tan|log|exp"
_WORD_BEFORE_RE = re.compile(
    rf"(?:[^\W\d_]{{4,}}+|(?<![^\W\d_])(?!(?:{_UNITS})\Z)[a-z]{{3}}"
    r"|[^\W\d_]{2,}+[.,;:!?)\]\"'\u2019\u201d])\Z"
)
_REACH = 40  # characters read back for the word
# "<sup>1</sup>", "<sup>2, 5</sup>", "<sup>3-6</sup>": numbers only (a citation's own is
# written by the build from "[@key]", never by an editor).
_HTML_RE = re.compile(
    r"<sup\b[^<>]*>[ \t]*(?P<numbers>[1-9]\d{0,2}(?:[ \t]*[,\u2013-][ \t]*[1-9]\d{0,2})*+)"
    r"[ \t]*</sup>",
    re.IGNORECASE,
)


def superscripts(masked: str, found: list[Malformed], claimed: list[tuple[int, int]]) -> None:
    """Report each superscript number that follows a word, outside ``claimed``."""
    for number in _NUMBERS_RE.finditer(masked):
        at = number.start()
        if inside(at, claimed):
            continue
        if _WORD_BEFORE_RE.search(masked, max(0, at - _REACH), at) is None:
            continue  # an exponent: "R²", "m²", "10³"
        found.append(_numbered(at, number.group()))


def html_superscripts(
    text: str, masked: str, found: list[Malformed], claimed: list[tuple[int, int]]
) -> None:
    """Report each "<sup>1</sup>" after a word in ``text`` (``masked`` is it masked: what is
    blanked there, code or a comment, is not read)."""
    for sup in _HTML_RE.finditer(text):
        at, numbers = sup.start(), sup.group("numbers")
        if masked[sup.start("numbers") : sup.end("numbers")] != numbers or inside(at, claimed):
            continue  # in code or a comment, or read already
        if _WORD_BEFORE_RE.search(masked, max(0, at - _REACH), at) is None:
            continue  # an exponent: "m<sup>2</sup>"
        found.append(_numbered(at, sup.group()))


def _numbered(at: int, written: str) -> Malformed:
    return vague(at, written, NUMBERED, "cite each source by its key or PMID: [@key]")


def has_superscript(masked: str) -> bool:
    """Whether ``masked`` holds a superscript digit: most text holds none."""
    return any(digit in masked for digit in _DIGITS)
