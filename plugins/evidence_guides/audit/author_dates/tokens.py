"""The tokens around a date, read a window at a time and never past its paragraph.

Every form is worked out by walking over tokens from its date, and most walks
stop after a few ("Smith et al."), so only a short window before the date is
tokenised; a walk that reaches the window's edge asks for a wider one. A
citation never spans a paragraph, so no window leaves its paragraph: text of
any length is read in linear time.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

# Tokens: a blank line (a paragraph break), a word (with its inner and trailing
# dots, hyphens and apostrophes: "U.S.", "al.", "Baz-Valle", "O'Brien"), or one
# punctuation mark.
_TOKEN_RE = re.compile(
    r"\n[ \t]*\n|[^\s()\[\]{};,:!?\"\u201c\u201d]++|[()\[\]{};,:!?\"\u201c\u201d]"
)
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_SPACE_RE = re.compile(r"\s+")
WINDOW = 480  # characters: more than RUN_TOKENS tokens of names or title words
SHORT_WINDOW = 64  # characters: "Smith, Jones and Lee et al." and most runs of names


class Tokens:
    """The tokens of one window of a paragraph of a masked text, with bisectable starts.

    Offsets are the text's; indices are the window's, so no walk over tokens
    leaves its paragraph. ``cut`` says whether the window starts after its
    paragraph does (a walk that reaches index 0 may not have reached the
    start), and ``ahead`` how far past its end it reads.
    """

    def __init__(self, masked: str, start: int, end: int, *, cut: bool, ahead: int) -> None:
        self.text = masked
        spans = [match.span() for match in _TOKEN_RE.finditer(masked, start, end)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.cut = cut
        self.ahead = ahead

    def __len__(self) -> int:
        return len(self.starts)

    def at(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]

    def index_at(self, offset: int) -> int:
        """The index of the token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def index_of(self, offset: int) -> int:
        """The index of the token that holds ``offset`` (or the last before it)."""
        return bisect.bisect_right(self.starts, offset) - 1

    def word(self, index: int) -> str:
        """The token without a possessive ("Smith's", "al.'s", "colleagues'"), an opening quote
        or emphasis ("*Hanging knee raises*": the title's first word is "Hanging")."""
        text = self.at(index).lstrip("'\u2018\u2019*_")
        if text.endswith(("'s", "\u2019s")):
            text = text[:-2]
        elif text.endswith(("s'", "s\u2019")):
            text = text[:-1]
        return text


class Paragraphs:
    """Where the paragraphs of a masked text start, and the windows of tokens within them."""

    def __init__(self, masked: str) -> None:
        self.masked = masked

    @cached_property
    def starts(self) -> list[int]:
        """Found when a window is first asked for: a segment without a date never needs them."""
        return [0, *(blank.end() for blank in _BLANK_LINE_RE.finditer(self.masked))]

    def window(self, start: int, end: int, back: int = SHORT_WINDOW, ahead: int = 0) -> Tokens:
        """The tokens around ``start:end``, within the paragraph.

        ``back`` characters before ``start`` are tokenised, from a word's start,
        and ``ahead`` after ``end``; none before the paragraph or after it.
        """
        starts = self.starts
        number = bisect.bisect_right(starts, start) - 1
        paragraph_end = starts[number + 1] if number + 1 < len(starts) else len(self.masked)
        window_start = start - back
        cut = window_start > starts[number]
        if not cut:
            window_start = starts[number]
        else:  # from a word's start, not its middle
            space = _SPACE_RE.search(self.masked, window_start, start)
            window_start = space.end() if space is not None else start
        window_end = min(paragraph_end, end + ahead)
        return Tokens(self.masked, window_start, window_end, cut=cut, ahead=ahead)
