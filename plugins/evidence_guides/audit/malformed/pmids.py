"""What a PMID is: digits only, at most nine, no leading zeros.

A PMID written in brackets and one written in prose are checked alike, so the
normalised number and the problem with it are worked out here, once.
"""

from __future__ import annotations

import re

from evidence_guides.audit.malformed.model import Problem

ANY_PMID_RE = re.compile("pmid", re.IGNORECASE)
# Letters typed for the digits they look like: "2169O556".
_LOOKALIKE_DIGITS = str.maketrans("OoIl", "0011")


def read_pmid(written: str) -> tuple[str, Problem | None]:
    """A PMID as written, normalised; the problem with it, if any."""
    if not written:
        return "", Problem("'PMID' without a number", "write [PMID n] with the number from PubMed")
    digits = written.translate(_LOOKALIKE_DIGITS)
    if not (digits.isascii() and digits.isdigit()):
        hint = "a PMID is digits only: copy it from PubMed"
        return written, Problem(f"'{written}' is not a PMID", hint)
    problem = None
    if digits != written:
        problem = Problem(f"'{written}' is not a PMID: it has letters for digits")
    stripped = digits.lstrip("0")
    if not stripped:
        return written, Problem(f"'{written}' is not a PMID", "copy the PMID from PubMed")
    if len(stripped) > 9:
        hint = "a PMID has at most 9 digits: copy it from PubMed"
        return written, Problem(f"'{written}' is too long for a PMID", hint)
    if stripped != digits and problem is None:
        problem = Problem(f"PMID '{written}' has leading zeros")
    return stripped, problem
