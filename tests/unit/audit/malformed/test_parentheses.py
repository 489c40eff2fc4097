"""Brackets typed as parentheses: "(@key)" is reported, "(@handle)" is not."""

from __future__ import annotations

import pytest

from evidence_guides.audit.malformed.model import Malformed
from evidence_guides.audit.malformed.parentheses import parentheses
from tests.unit.audit.malformed.support import KEYS, assert_slip


@pytest.mark.parametrize(
    ("text", "start", "problem", "suggestion"),
    [
        # Parentheses for brackets.
        ("Lifts (@garber2011).", "(@", "square brackets, not parentheses", "write [@garber2011]"),
        ("Lifts (@a; @b).", "(@", "not parentheses", "write [@a; @b]"),
        ("Lifts ( @garber2011, p. 3 ).", "( @", "not parentheses", "write [@garber2011, p. 3]"),
        ("Lifts (@smith2019).", "(@", "not parentheses", "write [@smith2019]"),
        ("Lifts (@garber2011 p. 3).", "(@", "not parentheses", "write [@garber2011, p. 3]"),
    ],
)  # fmt: skip
def test_each_slip_is_reported_where_it_starts_with_the_fix(
    text: str, start: str, problem: str, suggestion: str
) -> None:
    assert_slip(text, start, problem, suggestion)


def test_the_spans_reported_are_returned_and_brackets_are_skipped() -> None:
    masked = "A (@garber2011) and [x (@garber2011)] and (@jane)."
    found: list[Malformed] = []
    inner = masked.index("[")
    spans = parentheses(masked, KEYS, lambda doi: None, found, [(inner, masked.index("]") + 1)])
    assert spans == [(2, masked.index(")") + 1)]
    assert [f.offset for f in found] == [2]
