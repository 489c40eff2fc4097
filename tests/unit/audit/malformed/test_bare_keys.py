"""Keys without their brackets: "@key]" and a store key written "@key" in prose."""

from __future__ import annotations

import pytest

from tests.unit.audit.malformed.support import assert_slip


@pytest.mark.parametrize(
    ("text", "start", "problem", "suggestion"),
    [
        # A store key without brackets (pandoc's in-text citation).
        ("As @garber2011 showed.", "@garber2011", "needs brackets", "write [@garber2011]"),
        ("As @garber2011's review showed.", "@garber2011", "needs brackets", "write [@garber2011]"),
        ("As @garber2011 [p. 33] showed.", "@", "needs brackets", "write [@garber2011, p. 33]"),
        ("(see @garber2011)", "@garber2011", "needs brackets", "write [@garber2011]"),
        # A bracket missing: the group's "[".
        ("Lifts @garber2011].", "@", "no opening '['", "write [@garber2011]"),
        ("Lifts @smith2019 , p. 3].", "@", "no opening '['", "write [@smith2019, p. 3]"),
    ],
)  # fmt: skip
def test_each_slip_is_reported_where_it_starts_with_the_fix(
    text: str, start: str, problem: str, suggestion: str
) -> None:
    assert_slip(text, start, problem, suggestion)
