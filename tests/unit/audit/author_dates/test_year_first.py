"""Date first: "In 2018, Park and colleagues", "A 2015 study by Park et al."."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, dates, vague


@pytest.mark.parametrize(
    ("text", "starts_at"),
    [
        # "In 2018,": the date first, then the names
        ("In 2018, Park and colleagues counted sets.", "Park"),
        ("In a 2018 study, Park et al. counted sets.", "Park"),
        ("In 2018, Park and Kim counted sets.", "Park"),
        # "A 2018 study by": an article, the year, then "by" or "from"
        ("A 2018 study by Park and colleagues counted sets.", "Park"),
        ("An 2018 trial from Park et al. counted sets.", "Park"),
    ],
)
def test_author_date_forms_are_found_where_they_start(text: str, starts_at: str) -> None:
    finding = vague(text)
    assert finding.column == column_of(text, starts_at)
    assert finding.message.startswith("vague reference '")


@pytest.mark.parametrize(
    ("text", "names", "quote"),
    [
        ("In 2018, Park and colleagues counted sets.", "Park", "Park and colleagues"),
        ("In a 2018 study, Park et al. counted sets.", "Park", "Park et al."),
        ("In 2018, Park and Kim counted sets.", "Park and Kim", "Park and Kim"),
        # The quote starts at the names, not at the article before the year (as at 260a512).
        ("A 2018 study by Park and colleagues counted sets.", "Park", "Park and colleagues"),
    ],
)
def test_the_citation_is_the_names_after_the_date(text: str, names: str, quote: str) -> None:
    (found,) = dates(text)
    assert (found.start, found.names, found.quote) == (text.index("Park"), names, quote)
    assert (found.year, found.year_start, found.dated) == ("2018", text.index("2018"), True)


@pytest.mark.parametrize(
    "text",
    [
        "In 2018, Park won the national title.",  # a surname the store knows, but no list
        "In 2018, Smith and Jones won.",  # a list, but not the store's: Smith is no first author
        "Within 2018, Park and colleagues counted.",  # "in" inside a word
        "The 2018 study by the team counted sets.",  # no names after "by"
        "A 2018 bar by Park is sturdy.",  # one name, after a thing rather than a work
    ],
)
def test_no_citation_without_et_al_or_a_known_author_list(text: str) -> None:
    assert dates(text) == []
