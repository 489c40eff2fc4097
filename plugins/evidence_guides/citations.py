"""Finding citations in Markdown without touching code, links or markup.

Citation syntax (a subset of Pandoc's, plus the PMID forms health writers use):

- ``[@key]``, ``[@key1; @key2]``, ``[@key, p. 12]``: bracketed groups of
  BibTeX keys, each with an optional locator after a comma;
- ``[PMID 21694556]`` and ``[PMID: 21694556; @key]``: PMIDs inside a group;
- ``PMID 21694556`` / ``PMID: 21694556`` in running prose.

A bare ``@word`` (an e-mail address, a handle, a decorator) is never a
citation, and nothing inside inline code, fenced code, an HTML comment, an HTML
tag or a link target is scanned. Rather than parse Markdown fully, the scanner
*masks* those regions (replaces them with spaces of the same length, keeping
newlines) and runs plain regular expressions over the masked text, so every
offset it reports is an offset into the original text. The audit reuses the
same mask for its prose rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SourceKind = Literal["key", "pmid"]

# A BibTeX key as people write them: letters, digits and a few separators,
# never ending in punctuation.
_KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_:./+-]*[A-Za-z0-9_])?"
_ITEM_RE = re.compile(
    rf"""\s*(?:@(?P<key>{_KEY})|PMID:?\s*(?P<pmid>\d{{1,9}}))   # the source
         \s*(?:,\s*(?P<locator>[^;\]]*?))?\s*$                   # optional locator
    """,
    re.VERBOSE,
)
# A bracketed group that looks like a citation: "[" then "@" or "PMID". A group
# may span lines but not a blank line (that would be two paragraphs). It is not
# a citation when followed by "(" or "[" (then it is link text); link
# definitions ("[@x]: url" at the start of a line) are masked beforehand.
_GROUP_RE = re.compile(r"\[(?=\s*(?:@|PMID))((?:[^\[\]\n]|\n(?![ \t]*\n))*)\](?![(\[])")
# Not after a word character or "/" (checked by hand: a leading look-behind would
# make the engine try it at every position instead of searching for "PMID").
_PROSE_PMID_RE = re.compile(r"PMID:?\s*(\d{1,9})\b")
_NOT_BEFORE_PMID_RE = re.compile(r"[\w/]")

_FENCE_OPEN_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})", re.MULTILINE)
# Inline code cannot cross a blank line (that would be two paragraphs).
_INLINE_CODE_RE = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_AUTOLINK_RE = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>")
# "[label]: url" and an optional title, alone on its line (Markdown's own rule):
# "[@key]: then prose" is a citation followed by a colon, not a definition.
_LINK_DEFINITION_RE = re.compile(
    r"""^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$""",
    re.MULTILINE,
)
_LINK_TARGET_START_RE = re.compile(r"\]\(")
_PARENTHESIS_OR_BREAK_RE = re.compile(r"[()]|\n(?=\n)")
# What mask_markdown blanks after fenced code, in order, with a string each match contains.
_MASKED = (
    ("<!--", _COMMENT_RE),
    ("`", _INLINE_CODE_RE),
    ("<", _AUTOLINK_RE),
    ("]:", _LINK_DEFINITION_RE),
    ("<", _HTML_TAG_RE),
)


@dataclass(frozen=True, slots=True)
class CitedSource:
    """One source inside a citation: a BibTeX key or a PMID."""

    kind: SourceKind
    value: str
    locator: str | None
    offset: int  # where "@key" or "PMID" starts in the scanned text

    @property
    def label(self) -> str:
        """How the source was written, for messages: ``smith2099`` or ``PMID 123``."""
        return self.value if self.kind == "key" else f"PMID {self.value}"


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation found in text: its span and the sources it names, in order."""

    start: int
    end: int
    sources: tuple[CitedSource, ...]
    bracketed: bool  # "[@a; @b]" or "[PMID n]"; False for a PMID mention in prose


def mask_markdown(text: str) -> str:
    """Blank out the parts of ``text`` that are never prose.

    Fenced code blocks, inline code, HTML comments, HTML tags, autolinks, link
    targets and link definitions become spaces (newlines are kept), so the
    result has the same length and line structure as ``text``.
    """
    masked = text
    if "```" in masked or "~~~" in masked:
        masked = _blank(masked, _fenced_blocks(masked))
    # Comments before inline code: a backtick inside a comment is not code. Each
    # pattern reads what the ones before it left, and is skipped when the text
    # lacks the characters it starts with (most text has no comments, no code).
    for trigger, pattern in _MASKED:
        if trigger in masked:
            masked = _blank(masked, [match.span() for match in pattern.finditer(masked)])
    if "](" in masked:
        # Keep "(" and ")" so "[@x](url)" still reads as a link.
        masked = _blank(masked, [(start + 1, end - 1) for start, end in _link_targets(masked)])
    return masked


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span's characters (newlines apart) turned into spaces."""
    if not spans:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        if end <= position:
            continue
        start = max(start, position)
        pieces.append(text[position:start])
        span = text[start:end]
        if "\n" in span:
            pieces.append("\n".join(" " * len(line) for line in span.split("\n")))
        else:
            pieces.append(" " * len(span))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def scan_citations(text: str, *, masked: str | None = None) -> list[Citation]:
    """Return every citation in ``text``, in order of appearance.

    Pass ``masked`` (the result of :func:`mask_markdown`) when the caller has
    already computed it, to avoid masking twice.
    """
    if "@" not in text and "PMID" not in text:
        return []  # the common case for most fields: nothing to do
    if masked is None:
        masked = mask_markdown(text)
    citations: list[Citation] = []
    group_spans: list[tuple[int, int]] = []
    for match in _GROUP_RE.finditer(masked):
        sources = _parse_group(match.group(1), match.start(1))
        if sources:
            citations.append(Citation(match.start(), match.end(), sources, bracketed=True))
            group_spans.append(match.span())
    for match in _PROSE_PMID_RE.finditer(masked):
        before = match.start() - 1
        if before >= 0 and _NOT_BEFORE_PMID_RE.match(masked, before):
            continue
        if any(start <= match.start() < end for start, end in group_spans):
            continue
        source = CitedSource("pmid", match.group(1), None, match.start())
        citations.append(Citation(match.start(), match.end(), (source,), bracketed=False))
    citations.sort(key=lambda citation: citation.start)
    return citations


def _parse_group(content: str, offset: int) -> tuple[CitedSource, ...]:
    """Parse ``@a; @b, p. 3; PMID 1``; an empty tuple if any item is not a source."""
    sources: list[CitedSource] = []
    position = 0
    for item in content.split(";"):
        match = _ITEM_RE.match(item)
        if match is None:
            return ()
        kind: SourceKind = "key" if match.group("key") else "pmid"
        value = match.group("key") or match.group("pmid")
        locator = (match.group("locator") or "").strip() or None
        leading = len(item) - len(item.lstrip())
        sources.append(CitedSource(kind, value, locator, offset + position + leading))
        position += len(item) + 1
    return tuple(sources)


def _fenced_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks (``` or ~~~), an unclosed fence running to the end."""
    spans: list[tuple[int, int]] = []
    position = 0
    while match := _FENCE_OPEN_RE.search(text, position):
        fence = match.group("fence")
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        line_end = text.find("\n", match.end())
        if line_end == -1:
            spans.append((match.start(), len(text)))
            break
        close = closing.search(text, line_end + 1)
        end = close.end() if close else len(text)
        spans.append((match.start(), end))
        position = end
    return spans


def _link_targets(text: str) -> list[tuple[int, int]]:
    """Spans of inline link targets, the ``(...)`` after ``]``, with nested parentheses.

    Parentheses are paired in one pass with a stack, which a blank line empties
    (a target does not cross paragraphs): scanning forward from each ``](``
    instead would read a paragraph of unclosed ones once per ``](``.
    """
    openings = {match.end() - 1 for match in _LINK_TARGET_START_RE.finditer(text)}
    if not openings:
        return []
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for match in _PARENTHESIS_OR_BREAK_RE.finditer(text, min(openings)):
        char = match.group()
        if char == "(":
            stack.append(match.start())
        elif char == ")":
            if stack and (start := stack.pop()) in openings:
                spans.append((start, match.end()))
        else:
            stack.clear()  # a blank line ends the paragraph: not a link after all
    spans.sort()
    return spans
