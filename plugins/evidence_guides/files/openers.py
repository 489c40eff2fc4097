"""Paragraphs too crowded with openers for Python-Markdown: its time grows with their square.

Python-Markdown looks for the end of a link, an inline tag, a code span or
an emphasis from every opener of a paragraph (``[``, ``<a``, a run of
backticks, ``*`` or ``_``) to the paragraph's end: its time grows with the
square of their number in one paragraph (8,000 ``[`` took 9 s, 50,000 over
five minutes; 40,000 backtick runs 51 s). So the sum of each paragraph's
count squared may be at most the square of ``limits.markdown_openers``: one
paragraph of 4,000, or 16 of 1,000, or 1,600 of 100 (a guide has tens).
Admonitions and details blocks count as one paragraph of the page (15,000
took 32 s). A paragraph is a block between blank lines; a list counts item
by item, as Python-Markdown converts each apart; a fenced code block (with
its closing fence, and no blank line that would end it for a converter
without the fenced-code extension) counts nothing. A closing tag opens
nothing (``</td>``); an HTML block's opening tags count (Python-Markdown sets
the block aside, but not text after it on its lines): a hand-written table
of some 600 rows is at the limit.
"""

from __future__ import annotations

import itertools
import re

# What Python-Markdown's inline patterns scan on from, each to the end of its paragraph: a link's
# "[" (not an escaped one), an inline tag's "<a", a code span's backticks, emphasis's "*" or "_".
_OPENER = re.compile(r"(?<!\\)\[|<[A-Za-z]|`++|\*++|_++")
_OPENER_CHARS = "[<`*_"
_LIST_ITEM = re.compile(r"[ \t]*+(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
# A fence's opening line: backticks, then an info string with none ("```x``` [[[" is a code
# span in a paragraph, its brackets read).
_FENCE = re.compile(r"[ \t]{0,3}(`{3,})[^`\n]*+$")
# An admonition's or a details block's start: each adds a pass over the page's blocks.
_BLOCK_OPENER = re.compile(r"[ \t]*+(?:!!!|\?\?\?)")


def crowded_paragraph(text: str, start: int, limit: int) -> tuple[int, int] | None:
    """The openers of the most crowded paragraph and where it starts, if the text passes ``limit``.

    None when the sum of the paragraphs' counts squared is at most ``limit`` squared.
    """
    # The square of the sum bounds the sum of squares; counting bytes settles most pages.
    bound = sum(text.count(char, start) for char in _OPENER_CHARS)
    if bound + text.count("!!!", start) + text.count("???", start) <= limit:
        return None
    count = _OpenerCount()
    count.read(text, start)
    return count.worst if count.total > limit * limit else None


class _OpenerCount:
    """The sum of the paragraphs' opener counts squared, and the paragraph with the most."""

    def __init__(self) -> None:
        self.total = 0
        self.worst = (0, 0)  # a paragraph's count, and where it starts
        self._chunks: list[list[int]] = []  # [count, start] of the block's paragraph or items
        self._list = False  # whether the block is a list: its items are converted apart

    def read(self, text: str, start: int) -> None:
        lines = text[start:].split("\n")
        offsets = list(itertools.accumulate((len(line) + 1 for line in lines), initial=start))
        blocks = index = 0
        first_block = start
        unclosed_until = -1  # a fence found no closing line before this one: none will
        while index < len(lines):
            line = lines[index]
            fence = _FENCE.match(line) if index > unclosed_until else None
            if not line.strip():
                self._close()
            elif fence is not None and (end := _fence_end(lines, index, fence)) > index:
                index = end  # code: nothing in it opens anything
            else:
                if fence is not None:
                    unclosed_until = -end  # where the search stopped
                if _BLOCK_OPENER.match(line) is not None:
                    first_block = first_block if blocks else offsets[index]
                    blocks += 1
                self._add(line, offsets[index])
            index += 1
        self._close()
        self.total += blocks * blocks  # each block's start is an opener of the whole page
        self.worst = max(self.worst, (blocks, first_block))

    def _add(self, line: str, at: int) -> None:
        item = _LIST_ITEM.match(line) is not None
        if not self._chunks:
            self._list = item
        if not self._chunks or (self._list and item):
            self._chunks.append([0, at])
        self._chunks[-1][0] += len(_OPENER.findall(line))

    def _close(self) -> None:
        for count, at in self._chunks:
            self.total += count * count
            self.worst = max(self.worst, (count, at))
        self._chunks = []


def _fence_end(lines: list[str], index: int, fence: re.Match[str]) -> int:
    """The index of the line closing the fence opened at ``index``, before any blank line.

    When there is none, minus the index where the search stopped (the block's end).
    """
    marker = fence.group(1)
    end = index + 1
    while end < len(lines):
        line = lines[end]
        if not line.strip():
            break
        if line.lstrip(" ").startswith(marker) and not line.strip().strip("`"):
            return end
        end += 1
    return -end
