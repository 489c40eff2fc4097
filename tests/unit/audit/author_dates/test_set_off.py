"""A narrative author-year set off by commas: a citation when a verb of reporting follows."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, findings, vague


@pytest.mark.parametrize(
    ("text", "starts_at"),
    [
        ("As Muller and Baz-Valle, 2014, point out, low loads still work.", "Muller"),
        ("As Lee & Smith, 2004, have shown, grip width matters.", "Lee"),
        ("As Osei, 2021, rightly notes, posture drifts.", "Osei"),  # one name after "As"
        ("Kowalski et al., 2018, found faster sprints.", "Kowalski"),
        ("Jones, 2019, argues for a slower cadence.", "Jones"),  # an author the store knows
        ("Rowers slump, Osei and Falk, 2021a, observed.", "Osei"),
    ],
)
def test_a_year_set_off_by_commas_before_a_reporting_verb_is_vague(
    text: str, starts_at: str
) -> None:
    assert vague(text).column == column_of(text, starts_at)


def test_the_first_author_and_year_give_the_suggestion() -> None:
    finding = vague("As Park and Kim, 2018, concluded, three sets suffice.")
    assert finding.suggestion is not None and finding.suggestion.key == "park2018"


@pytest.mark.parametrize(
    "text",
    [
        "In Bergen, 2016, the club opened.",  # a place and a year, no verb of reporting
        "Hansen and Berg, 2016 champions, spoke first.",  # no comma after the year
        "Hansen and Berg, 2016, founded the club.",  # a verb no report uses
        "Hansen, 1984, Berg, 1990 and Dahl, 1992 coached here.",  # people and birth years
        "Bergen, 2016, showed the way.",  # one name, unknown, no "As"
        "In Bergen and Molde, 2016, found nothing new.",  # places after "in"
        "Iron Grip Barbells, 2021.",  # a brand's year at the clause's end
    ],
)
def test_a_year_set_off_by_commas_in_ordinary_prose_is_not_a_citation(text: str) -> None:
    assert findings(text) == []
