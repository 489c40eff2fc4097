"""Where a sentence starts and ends, in masked prose.

Two rules ask for the sentence around a place: ``unsupported-claim`` (does the
claim's sentence cite anything?) and the author-date rules (is an identifier
in the same sentence as the name?). A period ends a sentence unless it ends an
abbreviation ("et al.", "vs.", "e.g.") or an initial ("J.", "U.S.").
"""

from __future__ import annotations

import bisect
import re

_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_SENTENCE_END_RE = re.compile(r"[.!?]++[\"'\u2019\u201d)\]]*+(?=\s|\Z)")
_INITIALS_RE = re.compile(r"(?:[^\W\d_]\.)+")  # "e.g.", "i.e.", "J.", "U.S."
ABBREVIATIONS = frozenset(
    " ".join(
        (
            "al. vs. cf. etc. approx. ca. dr. mr. mrs. ms. prof. st. no. fig. figs. p. pp.",
            "vol. ed. eds. jr. sr. resp. incl.",
        )
    ).split()
)
_OPENING_MARKS = "([\"'\u201c\u2018"


class Sentences:
    """The sentence spans of one masked text, found in one pass when first asked for.

    Asking for the sentence around every citation of a long paragraph would
    otherwise read the paragraph once per citation.
    """

    def __init__(self, masked: str) -> None:
        self._masked = masked
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def span(self, offset: int) -> tuple[int, int]:
        """The span of the sentence around ``offset``, within its paragraph."""
        if self._starts is None:
            self._find()
        assert self._starts is not None
        start = self._starts[bisect.bisect_right(self._starts, offset) - 1]
        end = self._ends[min(bisect.bisect_right(self._ends, offset), len(self._ends) - 1)]
        return start, end

    def _find(self) -> None:
        masked = self._masked
        starts, ends = [0], [len(masked)]
        paragraph_start = 0
        for paragraph_end in [*(m.start() for m in _BLANK_LINE_RE.finditer(masked)), len(masked)]:
            for stop in _SENTENCE_END_RE.finditer(masked, paragraph_start, paragraph_end):
                if stop.group()[0] == "." and is_abbreviation(
                    masked, paragraph_start, stop.start()
                ):
                    continue
                starts.append(stop.end())
                ends.append(stop.end())
            ends.append(paragraph_end)
            blank = _BLANK_LINE_RE.match(masked, paragraph_end)
            paragraph_start = blank.end() if blank else paragraph_end
            starts.append(paragraph_start)
        self._starts = sorted(set(starts))
        self._ends = sorted(set(ends))


def is_abbreviation(masked: str, paragraph_start: int, period: int) -> bool:
    """Whether the period at ``period`` ends "et al.", "e.g.", "vs.", an initial..."""
    token_start = period
    while token_start > paragraph_start and not masked[token_start - 1].isspace():
        token_start -= 1
    token = masked[token_start : period + 1].lstrip(_OPENING_MARKS).lower()
    return token in ABBREVIATIONS or _INITIALS_RE.fullmatch(token) is not None
