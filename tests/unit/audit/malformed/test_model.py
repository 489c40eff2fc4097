"""What every search reports alike: the quote of an attempt, its fix, and the claimed regions."""

from __future__ import annotations

import pytest

from evidence_guides.audit.malformed.model import (
    Group,
    Malformed,
    Problem,
    Reading,
    finding,
    inside,
    quoted,
)


def test_a_quote_is_one_line_and_at_most_sixty_characters() -> None:
    assert quoted("[@a\n   p. 3]") == "[@a p. 3]"
    long = quoted("x " * 40)
    assert len(long) == 60 and long.endswith("…")
    assert quoted("y" * 60) == "y" * 60


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, False), (3, True), (7, True), (8, False), (10, True), (12, False), (99, False)],
)
def test_inside_one_of_sorted_regions(offset: int, expected: bool) -> None:
    assert inside(offset, [(3, 8), (10, 12)]) is expected


def test_inside_no_region() -> None:
    assert not inside(5, [])


def test_a_group_is_written_with_its_prefix_outside_the_brackets() -> None:
    assert Group("", ("@a", "PMID 1")).written() == "[@a; PMID 1]"
    assert Group("see", ("@a",)).written() == "see [@a]"


def test_a_reading_is_corrected_group_by_group() -> None:
    reading = Reading((Problem("m"),), (Group("", ("@a",)), Group("also", ("@b",))), (), True)
    assert reading.corrected() == "[@a]; also [@b]"
    assert reading.suggestion() == "write [@a]; also [@b]"


def test_a_hint_replaces_the_correction() -> None:
    problems = (Problem("first"), Problem("second", "copy it"), Problem("third", "other"))
    reading = Reading(problems, (Group("", ("@a",)),), (), True)
    assert reading.corrected() is None
    assert reading.suggestion() == "copy it"


def test_without_groups_there_is_no_correction() -> None:
    reading = Reading((Problem("m"),), (), ("words",), False)
    assert reading.corrected() is None
    assert reading.suggestion() == "write [@key] or [PMID n]"


def test_text_that_is_no_source_is_kept_outside() -> None:
    reading = Reading((), (Group("", ("@a",)),), ("and the review", "x"), True)
    assert reading.suggestion() == "write [@a], with 'and the review', 'x' outside the brackets"


def test_a_finding_names_the_problem_and_the_fix() -> None:
    reading = Reading((), (Group("", ("@a",)),), (), True)
    assert finding(4, "[@a\n p. 3]", Problem("a locator needs a ','"), reading) == Malformed(
        4, "malformed citation '[@a p. 3]': a locator needs a ','", "write [@a]"
    )
