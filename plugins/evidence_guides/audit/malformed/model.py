"""What every search for malformed citations reports, and what they share to report it.

The searches (brackets, parentheses, bare keys, PMIDs in prose) each find
attempts of one shape, but report them alike: a :class:`Malformed` at the
attempt's start, quoting it on one line, with the corrected form a
:class:`Reading` of its content works out. Keeping these here keeps the
messages of every shape the same.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

QUOTE_LENGTH = 60
NUMBERED = "a numbered citation names no source"


@dataclass(frozen=True, slots=True)
class Malformed:
    """One malformed citation: where it starts, what is wrong, and what to write instead."""

    offset: int  # into the scanned text, where the attempt starts ("[", "(", "@", "pmid")
    message: str
    suggestion: str
    # A citation in a style the project does not read ("[1]", "strength¹", "(doi:10...)"):
    # it names a work but no key or PMID, so it is reported as a vague reference.
    vague: bool = False


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong inside an attempt; ``hint`` when no corrected form can be written."""

    message: str
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """Sources written in one pair of brackets, with the words moved before it."""

    prefix: str
    sources: tuple[str, ...]

    def written(self) -> str:
        group = f"[{'; '.join(self.sources)}]"
        return f"{self.prefix} {group}" if self.prefix else group


@dataclass(frozen=True, slots=True)
class Reading:
    """What an attempt's content says: its problems and how it is written correctly."""

    problems: tuple[Problem, ...]
    groups: tuple[Group, ...]
    outside: tuple[str, ...]  # text that is no source, to keep outside the brackets
    evidence: bool  # names a store key, a dated key, a PMID or a DOI: no handle

    def corrected(self) -> str | None:
        """The attempt as it should be written; None when that cannot be worked out."""
        if any(problem.hint is not None for problem in self.problems) or not self.groups:
            return None
        return "; ".join(group.written() for group in self.groups)

    def suggestion(self) -> str:
        """``write [...]``, or the hint of the first problem no rewrite can fix."""
        hints = [problem.hint for problem in self.problems if problem.hint is not None]
        if hints:
            return hints[0]
        corrected = self.corrected()
        if corrected is None:
            return "write [@key] or [PMID n]"
        if self.outside:
            kept = "', '".join(self.outside)
            return f"write {corrected}, with '{kept}' outside the brackets"
        return f"write {corrected}"


def finding(start: int, written: str, problem: Problem, reading: Reading) -> Malformed:
    """The attempt ``written`` at ``start``, named by its first problem, with the fix."""
    return Malformed(
        start, f"malformed citation '{quoted(written)}': {problem.message}", reading.suggestion()
    )


def vague(start: int, written: str, reason: str, suggestion: str) -> Malformed:
    """A citation in another style at ``start``: what the vague-reference rule says of one."""
    message = f"vague reference '{quoted(written)}' has no key or PMID: {reason}"
    return Malformed(start, message, suggestion, vague=True)


def inside(offset: int, regions: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` is inside one of ``regions`` (sorted, not overlapping)."""
    index = bisect.bisect_right(regions, offset, key=lambda region: region[0]) - 1
    return index >= 0 and offset < regions[index][1]


def quoted(text: str) -> str:
    """``text`` on one line, shortened for a message."""
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1] + "…"
