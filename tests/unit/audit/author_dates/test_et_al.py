""" "et al." without parentheses: "Jones et al., 2019", "Garber et al. [@garber2011]"."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, dates, vague


@pytest.mark.parametrize(
    ("text", "starts_at"),
    [
        # a table cell: no parentheses
        ("| Intermediate | 4 x 30 m | Jones et al., 2019 |", "Jones"),
    ],
)
def test_author_date_forms_are_found_where_they_start(text: str, starts_at: str) -> None:
    finding = vague(text)
    assert finding.column == column_of(text, starts_at)
    assert finding.message.startswith("vague reference '")


def test_a_bare_et_al_is_dated_and_names_three_or_more_authors() -> None:
    text = "| Intermediate | 4 x 30 m | Jones et al., 2019 |"
    (found,) = dates(text)
    assert (found.start, found.quote, found.names) == (
        text.index("Jones"),
        "Jones et al., 2019",
        "Jones",
    )
    assert (found.year, found.year_start, found.et_al, found.dated) == (
        "2019",
        text.index("2019"),
        True,
        True,
    )


def test_in_parentheses_the_group_is_read_first() -> None:
    (found,) = dates("(Lindgren et al., 2019)")
    assert found.quote == "(Lindgren et al., 2019)"  # the group's reading, not the bare one's


@pytest.mark.parametrize(
    "text",
    ["Garber et al. [@garber2011] set the dose.", "Garber and colleagues [@garber2011] set it."],
)
def test_an_author_statement_beside_a_key_is_undated(text: str) -> None:
    (found,) = dates(text)
    assert (found.start, found.quote, found.names) == (0, "Garber", "Garber")
    assert (found.year, found.dated, found.et_al) == (None, False, True)
    assert [(s.kind, s.value) for s in found.sources] == [("key", "garber2011")]


@pytest.mark.parametrize(
    "text",
    [
        "Garber et al. [not a citation] set the dose.",  # the brackets cite nothing
        "Garber et al. set the dose [@garber2011].",  # the key is not beside it
        "Garber and Lee [@garber2011] set the dose.",  # no "et al.": a list, no statement
    ],
)
def test_no_author_statement_without_a_key_beside_its_et_al(text: str) -> None:
    assert dates(text) == []
