"""A parenthetical group whose items are separated by commas, not semicolons: each is found."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import dates, findings


@pytest.mark.parametrize(
    ("text", "names", "years"),
    [
        ("Grip matters (Muller & Baz-Valle 2014, Osei 2021).", ["Muller & Baz-Valle", "Osei"],
         ["2014", "2021"]),
        ("Grip matters (Kowalski et al., 2018, Ralston, 2017).", ["Kowalski", "Ralston"],
         ["2018", "2017"]),
        ("Grip matters (see Osei, 2021, O'Brien, 2012, and Falk, 2019).",
         ["Osei", "O'Brien", "Falk"], ["2021", "2012", "2019"]),
        # a year right after a year is the same authors' other work, as before
        ("Grip matters (Lee and Smith, 2004, 2006, Osei, 2021).",
         ["Lee and Smith", "Lee and Smith", "Osei"], ["2004", "2006", "2021"]),
    ],
)  # fmt: skip
def test_each_item_of_a_comma_separated_group_is_a_citation(
    text: str, names: list[str], years: list[str]
) -> None:
    found = dates(text)
    assert [date.names for date in found] == names
    assert [date.year for date in found] == years


def test_each_item_is_quoted_without_the_comma_before_it() -> None:
    (_, second) = dates("Grip matters (Muller & Baz-Valle 2014, Osei 2021).")
    assert second.quote == "Osei 2021"


def test_each_item_gets_its_own_suggestion() -> None:
    text = "Grip matters (O'Brien 2012, Park & Kim 2018)."
    assert [f.suggestion.key for f in findings(text) if f.suggestion] == ["obrien2012", "park2018"]


@pytest.mark.parametrize(
    "text",
    [
        "She lifted (born 1988, retired 2016).",  # dates of a life
        "She lifted (1988, Tokyo 2020 qualifier).",  # a year that is not an item's end
        "She lifted (born in Molde, 1988, moved to Bergen, 2016).",  # places
    ],
)
def test_years_in_a_parenthesis_about_a_person_or_event_are_not_citations(text: str) -> None:
    assert findings(text) == []
