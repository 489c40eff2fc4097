"""Brackets typed as parentheses: "(@garber2011)", "(@a; @b)", but never "(@handle)".

A parenthesis with an "@" in it is as often a social-media handle as a
citation, so it counts only when it names evidence or is several sources
split by ";" and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from evidence_guides.audit.malformed.model import Malformed, Problem, Reading, finding, inside
from evidence_guides.audit.malformed.reading import read_content

_PAREN_OPEN_RE = re.compile(r"\([ \t]*+-?@")
_PAREN_STOP_RE = re.compile(r"[()\[\]]|\n[ \t]*+\n")


def parentheses(
    masked: str,
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    found: list[Malformed],
    brackets: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Brackets typed as parentheses, "(@garber2011)"; "(@handle)" stays silent.

    Returns the spans reported; none of them overlaps ``brackets``, since a
    parenthesis that counts holds no bracket.
    """
    reported: list[tuple[int, int]] = []
    for match in _PAREN_OPEN_RE.finditer(masked):
        start = match.start()
        if inside(start, brackets):
            continue
        stop = _PAREN_STOP_RE.search(masked, match.end())
        if stop is None or stop.group() != ")":
            continue
        content = masked[start + 1 : stop.start()]
        reading = read_content(content, keys, doi_key)
        if reading is None or not (reading.evidence or _several_sources(content, reading)):
            continue
        problem = Problem("citations are written in square brackets, not parentheses")
        quote = masked[start : stop.end()]
        found.append(finding(start, quote, problem, reading))
        reported.append((start, stop.end()))
    return reported


def _several_sources(content: str, reading: Reading) -> bool:
    """Whether it is sources split by ";" and nothing else, "(@a; @b)": no handles, then."""
    if ";" not in content or reading.outside or reading.corrected() is None:
        return False
    return sum(len(group.sources) for group in reading.groups) > 1
