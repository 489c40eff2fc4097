"""A parenthetical citation with words before its names: a locator, "data from", "reviewed by"."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, findings, vague


@pytest.mark.parametrize(
    ("text", "starts_at"),
    [
        ("Hold times vary (see Fig. 4 in Muller & Baz-Valle, 2014).", "Muller"),
        ("Hold times vary (p. 12 in Osei, 2021).", "Osei"),
        ("Hold times vary (norms from Kowalski et al., 2018).", "Kowalski"),
        ("Hold times vary (adapted from Lee and Smith, 2004).", "Lee"),
        ("Hold times vary (as summarised by Muller & Baz-Valle, 2014).", "Muller"),
        ("Hold times vary (tabulated in van der Meer & Osei, 2021).", "van"),
        ("Hold times vary (building on Hartley Quinn and Marsh, 2021).", "Hartley"),
    ],
)
def test_names_after_a_lead_in_are_vague(text: str, starts_at: str) -> None:
    assert vague(text).column == column_of(text, starts_at)


def test_the_names_after_the_lead_in_give_the_suggestion() -> None:
    finding = vague("Hold times vary (see Box 1 in Lee & Smith, 2006).")
    assert finding.suggestion is not None and finding.suggestion.key == "lee2006"


@pytest.mark.parametrize(
    "text",
    [
        "She coaches here (born in Bergen, 1988).",  # a birthplace
        "He retired (last seen in Molde, 2015).",  # a place
        "The podium (held in Lillehammer, 1994) was cold.",  # an event's place
        "The poster (photo by Ingrid Dahl, 2017) hangs here.",  # a credit, not a source
        "The bar (made by Uppsala Steel, 2020) is stiff.",  # a maker
        "She placed (second to Hansen, 2019) at the meet.",  # a rival
        "He moved (from Bergen to Molde, 2016) for work.",  # places
    ],
)
def test_a_preposition_alone_leads_into_no_source(text: str) -> None:
    assert findings(text) == []
