"""Titles in quotation marks: an episode, an article or a video named by its words, not a claim.

'Our episode "What Science Says About Hip Thrusts" covers the setup' names a
work whose title holds a claim's words; it asserts nothing. A quoted span is
such a title when it is written in Title Case ("Studies Show Squats Are
Safe": its first word and every word of four letters or more capitalised) or
a word that names a work stands just before it ("the video 'research shows
nothing'", "an article called", "titled"). A quoted sentence in ordinary case
is still read: 'as coaches say, "research shows bracing helps"' is a claim.

Two more ways words claim nothing. A claim's phrase quoted alone is mentioned,
not used: 'the "studies show" crowd', 'I read that "research has shown" curls
wreck knees' (the writer reports or mocks the phrase). And a subject and its
verb both capitalised mid-sentence are a name: "Episode 87 of The Evidence
Shows Podcast", "a column called Science Says" (not in capitals throughout:
"STUDIES SHOW" in an advert is shouted, not named).
"""

from __future__ import annotations

import bisect
import re

# A span in double, curly or single quotes within a line; a single quote inside a word
# ("don't", a curly "it's") neither opens nor closes one.
_QUOTED_RE = re.compile(
    r"\"(?P<straight>[^\"\n]{1,200})\""
    r"|\u201c(?P<curly>[^\u201d\n]{1,200})\u201d"
    r"|(?<!\w)'(?P<single>(?:[^'\n]|'(?=\w)){1,200})'(?!\w)"
    r"|\u2018(?P<curly_single>(?:[^\u2019\n]|\u2019(?=\w)){1,200})\u2019(?!\w)"
)
_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019-]*")
_WORD_BEFORE_RE = re.compile(r"([a-z]+)[ \t]*+[:,]?[ \t]*+\Z")
# Words that name a work, just before its quoted title.
_NAMES_A_WORK = frozenset(
    " ".join(
        (
            "episode podcast article post blog video book chapter paper titled entitled called",
            "named headline series guide course talk webinar thread newsletter column piece",
            "read watch listen film documentary show",
        )
    ).split()
)


def title_spans(masked: str) -> list[tuple[int, int]]:
    """The spans of the quoted titles in ``masked``, in order, not overlapping."""
    if not any(mark in masked for mark in "\"'\u201c\u2018"):
        return []
    spans = []
    for quoted in _QUOTED_RE.finditer(masked):
        words = _WORD_RE.findall(quoted.group(quoted.lastgroup or 0))
        before = _WORD_BEFORE_RE.search(masked, max(0, quoted.start() - 24), quoted.start())
        named = before is not None and before.group(1).lower() in _NAMES_A_WORK
        if named or _title_case(words):
            spans.append(quoted.span())
    return spans


def quoted_spans(masked: str) -> list[tuple[int, int]]:
    """The spans of every quotation in ``masked``, marks included, in order."""
    if not any(mark in masked for mark in "\"'\u201c\u2018"):
        return []
    return [quoted.span() for quoted in _QUOTED_RE.finditer(masked)]


def quoted_alone(masked: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``masked[start:end]`` is all a quotation holds: a phrase mentioned, not used."""
    if not in_title(start, spans):
        return False
    index = bisect.bisect_right(spans, start, key=lambda span: span[0]) - 1
    opened, closed = spans[index]
    if end > closed - 1:
        return False
    outside = masked[opened + 1 : start] + masked[end : closed - 1]
    return not any(char.isalnum() for char in outside)


def named_in_title_case(masked: str, start: int, end: int, subjects: frozenset[str]) -> bool:
    """Whether a claim's subject and last word are capitalised, not shouted: a name."""
    words = _WORD_RE.findall(masked, start, end)
    if len(words) < 2 or masked[start:end].isupper():
        return False
    subject = next((word for word in words if word.lower() in subjects), None)
    return subject is not None and subject[0].isupper() and words[-1][0].isupper()


def _title_case(words: list[str]) -> bool:
    """Whether ``words`` read as a title: two or more, the first and every long one capitalised."""
    if len(words) < 2 or not words[0][0].isupper():
        return False
    return all(word[0].isupper() for word in words if len(word) >= 4)


def in_title(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` is inside one of the quoted titles ``spans`` (sorted)."""
    index = bisect.bisect_right(spans, offset, key=lambda span: span[0]) - 1
    return index >= 0 and offset < spans[index][1]
