"""PMIDs in prose: only "PMID" in capitals, digits only, counts there."""

from __future__ import annotations

import pytest

from tests.unit.audit.malformed.support import assert_slip, malformed


@pytest.mark.parametrize(
    ("text", "start", "problem", "suggestion"),
    [
        # PMIDs written wrong, in prose: only "PMID" counts there.
        ("Lifts (pmid 21694556).", "pmid", "only in capitals", "write PMID 21694556"),
        ("Lifts, Pmid: 21694556.", "Pmid", "only in capitals", "write PMID 21694556"),
        ("Lifts, PMID 0021694556.", "PMID", "leading zeros", "write PMID 21694556"),
        ("Lifts, PMID 021694556.", "PMID", "leading zeros", "write PMID 21694556"),
        ("Lifts, PMID 2169a556.", "PMID", "is not a PMID", "a PMID is digits only"),
        ("Lifts, PMID 1234567890.", "PMID", "too long", "a PMID has at most 9 digits"),
        ("Lifts, PMID : 21694556.", "PMID", "written 'PMID 123' or", "write PMID 21694556"),
    ],
)  # fmt: skip
def test_each_slip_is_reported_where_it_starts_with_the_fix(
    text: str, start: str, problem: str, suggestion: str
) -> None:
    assert_slip(text, start, problem, suggestion)


@pytest.mark.parametrize("text", ["PMID   PMID 0021694556", "See PMID `code` pmid 0021694556"])
def test_a_pmid_word_never_swallows_the_next_pmid(text: str) -> None:
    """Each "PMID" is read from where it starts: the second one's leading zeros are reported."""
    second = text.lower().rindex("pmid")
    assert second in [found.offset for found in malformed(text)]
