"""Suppressions: ``<!-- audit: ignore[rule-id, ...] reason -->`` in a page's body.

A suppression silences the named rules for the next paragraph: the next
non-blank block after the comment, up to the following blank line. It must
say why, and name rules that exist; otherwise it is a ``bad-suppression``
finding and silences nothing, so the finding it meant to hide still shows.
A comment shown inside code (an example in a how-to page) is not a
suppression.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.registry import RULES
from evidence_guides.text.citations import mask_markdown

if TYPE_CHECKING:
    from evidence_guides.audit.sink import Sink
    from evidence_guides.text.segments import Segment

RULE = rule_ids.BAD_SUPPRESSION
_COMMENT_RE = re.compile(r"<!--\s*audit:(?P<body>.*?)-->", re.DOTALL)
_IGNORE_RE = re.compile(r"\s*ignore\[(?P<rules>[^\]]*)\](?P<reason>.*)", re.DOTALL)
_NON_BLANK_RE = re.compile(r"\S")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*(?:\n|\Z)")
_NOT_NEWLINE_RE = re.compile(r"[^\n]")
_FORM = "write '<!-- audit: ignore[rule-id] reason -->'"


@dataclass(frozen=True, slots=True)
class Suppression:
    """Rules silenced on the file lines ``first_line`` to ``last_line``."""

    first_line: int
    last_line: int
    rules: frozenset[str]

    def covers(self, rule: str, line: int) -> bool:
        return rule in self.rules and self.first_line <= line <= self.last_line


def read_suppressions(body: Segment, sink: Sink) -> tuple[Suppression, ...]:
    """The body's suppressions; malformed ones are reported to ``sink``."""
    text = body.text
    if "audit:" not in text:
        return ()
    suppressions: list[Suppression] = []
    for comment in _outside_code(text):
        problems = _problems(comment.group("body"))
        if problems:
            for problem in problems:
                sink.add(RULE, body.position(comment.start()), problem)
            continue
        ignore = _IGNORE_RE.match(comment.group("body"))
        assert ignore is not None  # no problems: it is well formed
        rules = frozenset(name.strip() for name in ignore.group("rules").split(","))
        start = _NON_BLANK_RE.search(text, comment.end())
        if start is None:
            continue  # nothing follows the comment
        blank = _BLANK_LINE_RE.search(text, start.start())
        end = blank.start() if blank is not None else len(text.rstrip())
        first_line = body.position(start.start())[0]
        last_line = body.position(max(end - 1, start.start()))[0]
        suppressions.append(Suppression(first_line, last_line, rules))
    return tuple(suppressions)


def _problems(body: str) -> list[str]:
    """What is wrong with a comment that starts with 'audit:'; empty when nothing is."""
    ignore = _IGNORE_RE.fullmatch(body)
    if ignore is None:
        return [f"malformed suppression: {_FORM}"]
    problems: list[str] = []
    names = [name.strip() for name in ignore.group("rules").split(",")]
    if not any(names):
        problems.append(f"suppression names no rule: {_FORM}")
    for name in names:
        if name and name not in RULES:
            close = difflib.get_close_matches(name, list(RULES), n=1)
            also = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"unknown rule {name!r} in suppression{also}")
    if not ignore.group("reason").strip():
        problems.append("suppression without a reason: say why after 'ignore[...]'")
    return problems


def _outside_code(text: str) -> list[re.Match[str]]:
    """The 'audit:' comments that are not inside code.

    The Markdown mask blanks comments and code alike, so each comment is first
    replaced by placeholder letters (newlines kept) and then masked: a comment
    in code is blanked, one in prose keeps its placeholder.
    """
    comments = list(_COMMENT_RE.finditer(text))
    if not comments:
        return []
    pieces: list[str] = []
    position = 0
    for comment in comments:
        pieces.append(text[position : comment.start()])
        pieces.append(_NOT_NEWLINE_RE.sub("x", comment.group()))
        position = comment.end()
    pieces.append(text[position:])
    masked = mask_markdown("".join(pieces))
    return [comment for comment in comments if masked[comment.start()] == "x"]
