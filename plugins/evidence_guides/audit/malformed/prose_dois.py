"""DOIs in prose: "(doi:10.1249/...)", "(https://doi.org/10.1001/...)", "see doi:10.1001/...".

The project cites by store key or PMID. A DOI written in the text reaches the
reader as it is typed: no number, no entry in the reference list, nothing the
audit can check against the store. So it is an attempt at a citation that
does not count, and the fix is the key of the entry that has that DOI (or the
import that makes one).

A DOI inside an author-date mention ("Lopez et al. (2021, doi:...)", "Lopez
et al. (2021), doi:...") is that mention's: the vague-reference rule reports
it, with the key its author and year name, so it is not reported twice. A
DOI as a link's address ("[the trial](https://doi.org/...)") is masked before
any search and is never read here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from evidence_guides.audit.malformed.model import Malformed, Problem, Reading, finding, inside
from evidence_guides.audit.malformed.reading import read_content
from evidence_guides.text.citations import SOURCE_TOKEN_RE

# A year as author-date mentions write it, or "n.d.": the parenthesis is such a mention's.
_YEAR_RE = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d[a-z]?(?![\d/])|\bn\.[ \t]?d\.")
# What a DOI holds, whatever is written before it: the search runs only where one is.
_DOI_CORE_RE = re.compile(r"10\.\d{4,9}/")
# Parentheses, and the paragraph breaks none is matched across.
_PAREN_RE = re.compile(r"[()]|\n[ \t]*+\n")
# A narrative mention's year just before the DOI: "Lopez et al. (2021), doi:...".
_MENTION_BEFORE_RE = re.compile(r"\([^()\n]*\)[ \t]*+[,;:]?+[ \t]*+\Z")
_TRAILING = ".,;:!?"


def prose_dois(
    masked: str,
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    found: list[Malformed],
    claimed: list[tuple[int, int]],
) -> None:
    """Report each DOI written in prose (outside ``claimed``: brackets and parentheses
    reported already), once per parenthesis that holds it."""
    if _DOI_CORE_RE.search(masked) is None:
        return
    tokens = [
        token
        for token in SOURCE_TOKEN_RE.finditer(masked)
        if token.group("doi") is not None and not inside(token.start(), claimed)
    ]
    enclosing = _innermost(_parentheses(masked), [token.start() for token in tokens])
    settled = -1  # where the last parenthesis read ends: the DOIs before it are done
    for token, around in zip(tokens, enclosing, strict=True):
        if token.start() < settled:
            continue  # in the parenthesis just read, reported or not
        if around is not None:
            start, end = around
            settled = end
            content = masked[start + 1 : end - 1]
            if _holds_year(content):
                continue  # an author-date mention's DOI
        else:
            before = masked[max(0, token.start() - 200) : token.start()]
            mention = _MENTION_BEFORE_RE.search(before)
            if mention is not None and _holds_year(mention.group()):
                continue  # "Lopez et al. (2021), doi:...": the mention's
            start, end = token.start(), _bare_end(token)
            content = masked[start:end]
        reading = read_content(content, keys, doi_key)
        if reading is not None:
            found.append(finding(start, masked[start:end], _headline(reading), reading))


def _holds_year(text: str) -> bool:
    """Whether ``text`` holds a year (or "n.d.") outside its DOIs ("jama.2018.14854" is none)."""
    if "10." in text:
        text = SOURCE_TOKEN_RE.sub(lambda token: " " if token.group("doi") else token.group(), text)
    return _YEAR_RE.search(text) is not None


def _parentheses(masked: str) -> list[tuple[int, int]]:
    """Every matched "(...)" within a paragraph, as spans in the order they open."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for mark in _PAREN_RE.finditer(masked):
        if mark.group() == "(":
            opened.append(mark.start())
        elif mark.group() == ")":
            if opened:
                spans.append((opened.pop(), mark.end()))
        else:
            opened.clear()  # a paragraph break: what is open there never closes
    spans.sort()
    return spans


def _innermost(spans: list[tuple[int, int]], positions: list[int]) -> list[tuple[int, int] | None]:
    """For each of ``positions`` (ascending), the innermost of ``spans`` around it: one sweep,
    as matched parentheses nest."""
    around: list[tuple[int, int] | None] = []
    stack: list[tuple[int, int]] = []
    following = 0
    for position in positions:
        while following < len(spans) and spans[following][0] < position:
            span = spans[following]
            while stack and stack[-1][1] <= span[0]:
                stack.pop()
            stack.append(span)
            following += 1
        while stack and stack[-1][1] <= position:
            stack.pop()
        around.append(stack[-1] if stack else None)
    return around


def _bare_end(token: re.Match[str]) -> int:
    """Where a DOI outside parentheses ends: without the sentence's closing punctuation,
    or a ")" it does not open."""
    text = token.group()
    while text and (text[-1] in _TRAILING or (text[-1] == ")" and "(" not in text)):
        text = text[:-1]
    return token.start() + len(text)


def _headline(reading: Reading) -> Problem:
    """The DOI's problem first: it is the one the fix answers."""
    for problem in reading.problems:
        if problem.message.startswith("a DOI"):
            return problem
    return reading.problems[0] if reading.problems else Problem("a DOI is not cited directly")
