"""Splitting a guide file into its YAML front-matter and its Markdown body.

MkDocs decides what a page's front-matter is before any plugin sees the page, so
the split here must fall exactly where MkDocs puts it: otherwise the plugin and
the CLI would check different YAML than the site is built from. It is also the
cheap first step that the page limits, the audit and the draft filter share,
so it reads no YAML at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# MkDocs' own fences, r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n" with DOTALL, in two
# steps: a search that starts with a newline is found several times faster than the lazy
# group is grown (tests/unit/guide/frontmatter/test_split.py compares the two).
_OPENING_FENCE = re.compile(r"-{3}[ \t]*\n")
_CLOSING_FENCE = re.compile(r"\n(?:\.{3}|-{3})[ \t]*\n")


@dataclass(frozen=True, slots=True)
class GuideSource:
    """A guide file split into its YAML front-matter and Markdown body."""

    meta_text: str | None  # None without front-matter; then the body is the whole file
    meta_line: int  # 1-based file line of the first YAML line
    body: str
    body_line: int
    body_offset: int


def may_set_draft(text: str) -> bool:
    """False when the front-matter certainly does not set ``draft`` (no word, no escape).

    A key is spelt out in YAML unless a double-quoted escape writes it, so most
    guides can be published without reading their YAML first.
    """
    meta_text = split_front_matter(text).meta_text
    return meta_text is not None and ("draft" in meta_text or "\\" in meta_text)


def split_front_matter(text: str) -> GuideSource:
    """Split exactly where MkDocs does, so the plugin and the CLI see the same YAML."""
    opening = _OPENING_FENCE.match(text)
    closing = _CLOSING_FENCE.search(text, opening.end()) if opening is not None else None
    if opening is None or closing is None:
        return GuideSource(None, 1, text, 1, 0)
    end = closing.end()
    meta = text[opening.end() : closing.start() + 1]
    return GuideSource(meta, 2, text[end:], text.count("\n", 0, end) + 1, end)
