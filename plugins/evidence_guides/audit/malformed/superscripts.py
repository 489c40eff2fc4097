"""Numbered citations as superscript digits: "strength¹", "growth.²,³", "volume⁴⁻⁶".

Copied from a web page with a numbered reference list, a citation keeps its
number as a superscript character and loses its link: the reader sees a
number that leads nowhere, and the audit has no source to check. A
superscript after a word (four letters or more) or after the punctuation
that ends one is such a number; after a symbol or a unit ("R²", "m²",
"kg/m²", "x²") it is an exponent and stays silent.
"""

from __future__ import annotations

import re

from evidence_guides.audit.malformed.model import Malformed, inside, quoted

_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"  # ⁰ to ⁹
_SEPARATORS = ",\u207b\u2013-"  # ",", superscript minus, en dash, hyphen
_NUMBERS_RE = re.compile(rf"[{_DIGITS}]++(?:[{_SEPARATORS}][{_DIGITS}]++)*+")
# What stands before a citation's number: a word, or the punctuation after one.
_WORD_BEFORE_RE = re.compile(r"(?:[^\W\d_]{4,}+|[^\W\d_]{2,}+[.,;:!?)\]\"'\u2019\u201d])\Z")
_REACH = 40  # characters read back for the word


def superscripts(masked: str, found: list[Malformed], claimed: list[tuple[int, int]]) -> None:
    """Report each superscript number that follows a word, outside ``claimed``."""
    for number in _NUMBERS_RE.finditer(masked):
        at = number.start()
        if inside(at, claimed):
            continue
        if _WORD_BEFORE_RE.search(masked, max(0, at - _REACH), at) is None:
            continue  # an exponent: "R²", "m²", "10³"
        quote = quoted(number.group())
        message = f"malformed citation '{quote}': a numbered citation names no source"
        found.append(Malformed(at, message, "cite each source by its key or PMID: [@key]"))


def has_superscript(masked: str) -> bool:
    """Whether ``masked`` holds a superscript digit: most text holds none."""
    return any(digit in masked for digit in _DIGITS)
