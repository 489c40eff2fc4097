"""Attempts in square brackets: groups that do not parse, "[@key" left open, "[@a][@b]",
numbered citations ("[1]", "[2, 5]", "[3-6]") that name no source.

Every "[" is read here, once, up to its "]", the next "[" or the end of its
paragraph; the spans read are returned so the wider searches after it
(parentheses, bare keys, PMIDs in prose) leave them alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from evidence_guides.audit.malformed.model import (
    NUMBERED,
    Malformed,
    Problem,
    finding,
    quoted,
    vague,
)
from evidence_guides.audit.malformed.pmids import ANY_PMID_RE
from evidence_guides.audit.malformed.reading import read_content
from evidence_guides.text.citations import SOURCE_TOKEN_RE, counts_as_source

# "[" and what follows it up to "]", the next "[" or a blank line (the end of
# the paragraph); group 2 is the "]" when there is one.
_BRACKET_RE = re.compile(r"\[((?:[^\[\]\n]|\n(?![ \t]*+\n))*+)(\])?")
# A numbered citation's content: numbers, lists and ranges of them ("1", "2, 5", "3-6").
_NUMBERED_RE = re.compile(r"[ \t]*+[1-9]\d{0,2}(?:[ \t]*+[,\u2013-][ \t]*+[1-9]\d{0,2})*+[ \t]*+")


def brackets(
    masked: str,
    valid: set[int],
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    found: list[Malformed],
    labels: Container[str] = frozenset(),
) -> list[tuple[int, int]]:
    """Groups that do not parse, "[@key" left open, "[@a][@b]" and numbered citations (unless
    ``labels``, the page's link definitions, make them links); every "[..." read."""
    regions: list[tuple[int, int]] = []
    for match in _BRACKET_RE.finditer(masked):
        start, end = match.span()
        regions.append((start, end))
        content = match.group(1)
        if start in valid or (start > 0 and masked[start - 1] == "\\"):
            continue
        if match.group(2) is not None and _NUMBERED_RE.fullmatch(content):
            _numbered(masked, start, end, content, labels, found)
            continue
        if "@" not in content and "10." not in content and not ANY_PMID_RE.search(content):
            continue  # most brackets: links, footnotes, task lists
        if match.group(2) is None:
            _unclosed(masked, start, content, keys, doi_key, found)
            continue
        after = masked[end : end + 1]
        if after == "(":
            continue  # link text
        if after == "[":
            _side_by_side(masked, start, end, content, keys, doi_key, found)
            continue
        reading = read_content(content, keys, doi_key)
        if reading is None or (not reading.evidence and not _starts_with_source(content)):
            continue
        problems = reading.problems or (Problem("it does not parse as a citation"),)
        found.append(finding(start, masked[start:end], problems[0], reading))
    return regions


def _unclosed(
    masked: str,
    start: int,
    content: str,
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    found: list[Malformed],
) -> None:
    """A "[" with a source after it and no "]" before the next "[" or blank line."""
    token = SOURCE_TOKEN_RE.match(content, len(content) - len(content.lstrip()))
    if token is None or not counts_as_source(token):
        return
    reading = read_content(token.group(), keys, doi_key)
    corrected = None if reading is None else reading.corrected()
    suggestion = f"write {corrected}" if corrected else "close it with ']'"
    quote = quoted(masked[start : start + 1 + token.end()])
    found.append(Malformed(start, f"malformed citation '{quote}': no closing ']'", suggestion))


# Things a page numbers itself: "[2]" after one of them is its number, not a source's.
_COUNTED_THINGS = frozenset(
    {"step", "steps", "stage", "phase", "part", "set", "sets", "round", "rounds", "block"}
    | {"day", "week", "level", "option", "no", "no.", "number", "figure", "fig", "fig.", "table"}
    | {"item", "point", "exercise", "station", "circuit", "drill", "move", "position", "video"}
)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]++\.?)[ \t]*+\Z")


def _numbered(
    masked: str, start: int, end: int, content: str, labels: Container[str], found: list[Malformed]
) -> None:
    """ "[1]", "[2, 5]": a number pointing at a list typed by hand, or at nothing, that no
    reader can follow and the audit cannot check. Not a reference link ("[1]" with a
    "[1]: url" definition, "[text][1]") nor link text ("[1](url)")."""
    if masked[start - 1 : start] == "]" or masked[end : end + 1] in ("(", "[", ":"):
        return
    if not masked[masked.rfind("\n", 0, start) + 1 : start].strip(" \t>"):
        return  # "[1] Smith J, ...": a list's marker at the start of its line
    if " ".join(content.split()).casefold() in labels:
        return
    before = _WORD_BEFORE_RE.search(masked, max(0, start - 20), start)
    if before is not None and before.group(1).casefold() in _COUNTED_THINGS:
        return  # "go back to step [2]": a number of the page's own, not a source's
    hint = "cite each source by its key or PMID: [@key]"
    found.append(vague(start, masked[start:end], NUMBERED, hint))


def _side_by_side(
    masked: str,
    start: int,
    end: int,
    content: str,
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    found: list[Malformed],
) -> None:
    """Two groups side by side, "[@a][@b]": Markdown reads a link labelled "@a"."""
    following = _BRACKET_RE.match(masked, end)
    if following is None or following.group(2) is None:
        return
    if not (_starts_with_source(content) and _starts_with_source(following.group(1))):
        return  # "[@a][label]" is a reference link
    reading = read_content(f"{content};{following.group(1)}", keys, doi_key)
    corrected = None if reading is None else reading.corrected()
    quote = quoted(masked[start : following.end()])
    message = f"malformed citation '{quote}': two citations side by side read as a link"
    suggestion = f"write {corrected}" if corrected else "write one group: [@a; @b]"
    found.append(Malformed(start, message, suggestion))


def _starts_with_source(content: str) -> bool:
    token = SOURCE_TOKEN_RE.match(content, len(content) - len(content.lstrip()))
    return token is not None and counts_as_source(token)
