"""Finding citations in Markdown without touching code, links or markup.

Citation syntax (a subset of Pandoc's, plus the PMID forms health writers use):

- ``[@key]``, ``[@key1; @key2]``, ``[@key, p. 12]``: bracketed groups of
  BibTeX keys, each with an optional locator after a comma;
- ``[PMID 21694556]`` and ``[PMID: 21694556; @key]``: PMIDs inside a group;
- ``PMID 21694556`` / ``PMID: 21694556`` in running prose.

Inside brackets, two slips whose intent is unambiguous are read as meant,
silently: ``PMID`` in any case (``[pmid 123]``, ``[Pmid: 123]``) and a space
after ``@`` (``[@ key]``). In prose only the capitalised ``PMID`` counts: a
lower-case "pmid 123" is not rendered, and the audit reports it
(``audit/malformed/``) rather than guess.

A PMID is 1 to 9 digits without a leading zero; anything else (``PMID
0021694556``) is no citation, and the audit reports it with the PMID meant. A
locator never names another source: ``[@a, @b]`` and ``[PMID 1, PMID 2]`` are
not citations (the audit suggests ``;``) rather than citing ``b`` as a page.

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
KEY_PATTERN = r"[A-Za-z0-9_](?:[A-Za-z0-9_:./+-]*[A-Za-z0-9_])?"
_KEY = KEY_PATTERN
# PubMed's PMIDs have no leading zero and (for decades yet) at most 9 digits.
_PMID = r"[1-9]\d{0,8}"
# Possessive quantifiers and a greedy locator taken to the end (stripped in
# code): matching one item never backtracks over its white space.
_ITEM_RE = re.compile(
    rf"""\s*+(?:@[ \t]*+(?P<key>{_KEY})|(?i:PMID):?\s*+(?P<pmid>{_PMID}))   # the source
         \s*+(?:,(?P<locator>.*))?\Z                                  # optional locator
    """,
    re.VERBOSE | re.DOTALL,
)
# A bracketed group that looks like a citation: "[" then "@" or "PMID" (any
# case). A group may span lines but not a blank line (that would be two
# paragraphs). It is not a citation when followed by "(" or "[" (then it is
# link text); link definitions ("[@x]: url" at the start of a line) are masked
# beforehand.
_GROUP_RE = re.compile(r"\[(?=\s*(?:@|(?i:PMID)))((?:[^\[\]\n]|\n(?![ \t]*\n))*)\](?![(\[])")
# Not after a word character or "/" (checked by hand: a leading look-behind would
# make the engine try it at every position instead of searching for "PMID").
_PROSE_PMID_RE = re.compile(rf"PMID:?\s*({_PMID})\b")
_NOT_BEFORE_PMID_RE = re.compile(r"[\w/]")
_ANY_PMID_RE = re.compile("pmid", re.IGNORECASE)
# Where a source starts, written well or not: "@key", "@ key", "-@key", "@@key",
# "@" alone; "PMID" in any case with what follows it as its id; a DOI, with or
# without "doi:" or its URL. Only at a word start (after a space, "," ";" "("
# "&" or at the start). A locator holding one names a second source (the
# separator was typed as ","), so the group is not a citation; the audit's
# malformed-citation rule reads the same tokens to say what was meant.
SOURCE_TOKEN_RE = re.compile(
    rf"""(?<![^\s,;(&])
    (?:(?P<at>-?@++)[ \t]*+(?P<key>{_KEY})?
      |(?P<pmid>(?i:pmid))(?![A-Za-z])[ \t]*+(?P<gap>[:#=.-]?+)[ \t]*+(?P<id>[A-Za-z0-9]*+)
      |(?P<doi>(?i:(?:https?://)?(?:dx\.)?doi\.org/|doi\b[ \t]*+:?+[ \t]*+)?+
               10\.\d{{4,9}}/[^\s;,\]]*+)
    )""",
    re.VERBOSE,
)
# "[PMID 21694556, 30418471]": a "locator" of PMID-sized numbers after a PMID.
PMID_LIST_RE = re.compile(r"\d{6,10}(?:[\s,]++\d{6,10})*+")

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
# What mask_code blanks after fenced code, then what mask_markdown blanks after
# that, in order, with a string each match contains.
_CODE = (("<!--", _COMMENT_RE), ("`", _INLINE_CODE_RE))
_MARKUP = (("<", _AUTOLINK_RE), ("]:", _LINK_DEFINITION_RE), ("<", _HTML_TAG_RE))


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


def link_labels(text: str) -> frozenset[str]:
    """The labels of ``text``'s link definitions ("[1]: https://..."), as Markdown matches
    them: case and runs of white space do not count."""
    labels = set()
    for definition in _LINK_DEFINITION_RE.finditer(text):
        written = definition.group()
        label = written[written.index("[") + 1 : written.index("]:")]
        labels.add(" ".join(label.split()).casefold())
    return frozenset(labels)


def mask_markdown(text: str) -> str:
    """Blank out the parts of ``text`` that are never prose.

    Fenced code blocks, inline code, HTML comments, HTML tags, autolinks, link
    targets and link definitions become spaces (newlines are kept), so the
    result has the same length and line structure as ``text``.
    """
    masked = _blank_each(mask_code(text), _MARKUP)
    if "](" in masked:
        # Keep "(" and ")" so "[@x](url)" still reads as a link.
        masked = _blank(masked, [(start + 1, end - 1) for start, end in _link_targets(masked)])
    return masked


def mask_code(text: str) -> str:
    """Blank out fenced code, inline code and HTML comments: what is never Markdown.

    The first step of :func:`mask_markdown`. The audit's link rule reads what
    it leaves: links and tags, where they are written.
    """
    masked = text
    if "```" in masked or "~~~" in masked:
        masked = _blank(masked, _fenced_blocks(masked))
    # Comments before inline code: a backtick inside a comment is not code.
    return _blank_each(masked, _CODE)


def _blank_each(text: str, patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> str:
    """Blank each pattern's matches in turn, each reading what the ones before it left.

    A pattern is skipped when the text lacks the characters it starts with
    (most text has no comments, no code).
    """
    for trigger, pattern in patterns:
        if trigger in text:
            text = _blank(text, [match.span() for match in pattern.finditer(text)])
    return text


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
    if "@" not in text and _ANY_PMID_RE.search(text) is None:
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
        if locator is not None and names_a_source(locator, after_pmid=kind == "pmid"):
            return ()
        leading = len(item) - len(item.lstrip())
        sources.append(CitedSource(kind, value, locator, offset + position + leading))
        position += len(item) + 1
    return tuple(sources)


def names_a_source(locator: str, *, after_pmid: bool = False) -> bool:
    """Whether a locator holds another source: "@b", "PMID 123", a DOI; after a PMID, PMIDs.

    Such a "locator" is a separator typed as ",": citing it as a page of the
    first source would leave the second one uncited without a word.
    """
    if after_pmid and PMID_LIST_RE.fullmatch(locator):
        return True
    return any(counts_as_source(token) for token in SOURCE_TOKEN_RE.finditer(locator))


def counts_as_source(token: re.Match[str]) -> bool:
    """Whether a :data:`SOURCE_TOKEN_RE` match names a source, rather than mentions PMIDs.

    "PMID" counts with an id holding a digit ("PMID 123", "PMID 12a3"); "the
    PMID field" is about PMIDs, not a citation of one.
    """
    if token.group("pmid") is None:
        return True
    return any(char.isdigit() for char in token.group("id"))


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
