"""PMIDs in prose the scanner did not read: "pmid 123", letters, leading zeros, too long.

Only "PMID" in capitals is read as an identifier in prose, so any other
spelling followed by digits is an attempt the reader would never see cited.
"""

from __future__ import annotations

import re

from evidence_guides.audit.malformed.model import Malformed, Problem, inside, quoted
from evidence_guides.audit.malformed.pmids import ANY_PMID_RE, read_pmid

_PROSE_PMID_RE = re.compile(r"(?i:pmid)(?![A-Za-z])[ \t]*+:?+[ \t]*+([A-Za-z0-9]*+)")
_NOT_BEFORE_PMID_RE = re.compile(r"[\w/]")


def prose_pmids(
    masked: str, valid: set[int], found: list[Malformed], claimed: list[tuple[int, int]]
) -> None:
    """PMIDs in prose the scanner did not read: lower case, letters, leading zeros, too long."""
    # Each "pmid" is read from where it starts, so one never swallows the next as its value.
    matches = [m for at in _pmid_positions(masked) if (m := _PROSE_PMID_RE.match(masked, at))]
    for match in matches:
        at = match.start()
        if at in valid or (at > 0 and _NOT_BEFORE_PMID_RE.match(masked, at - 1)):
            continue
        if inside(at, claimed) or not any(char.isdigit() for char in match.group(1)):
            continue  # "the PMID field" is about PMIDs
        pmid, problem = read_pmid(match.group(1))
        if problem is None and match.group().startswith("PMID"):
            problem = Problem("a PMID in prose is written 'PMID 123' or 'PMID: 123'")
        elif problem is None:
            problem = Problem("'PMID' is read in prose only in capitals")
        quote = quoted(match.group())
        message = f"malformed citation '{quote}': {problem.message}"
        suggestion = problem.hint if problem.hint else f"write PMID {pmid}"
        found.append(Malformed(at, message, suggestion))


def _pmid_positions(masked: str) -> list[int]:
    """Where "pmid" starts, in any case: found by str.find, faster than a case-blind scan."""
    lowered = masked.lower()
    if len(lowered) != len(masked):  # "İ" lowercases to two characters: offsets would drift
        return [match.start() for match in ANY_PMID_RE.finditer(masked)]
    positions = []
    position = lowered.find("pmid")
    while position >= 0:
        positions.append(position)
        position = lowered.find("pmid", position + 4)
    return positions
