"""References typed by hand to reports and books: a body as author, a publisher and its year."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, dates, findings, vague


@pytest.mark.parametrize(
    ("text", "starts_at", "key"),
    [
        # APA, a body as author: the date in parentheses after the body's full stop
        ("Australasian Sports Nutrition Board. (2022). *Protein for athletes*.", "Australasian",
         "asnb2022"),
        ("3. U.K. Office for Rowing Safety. (2019, May 2). *Boat handling*.", "U.K.", None),
        # Vancouver, a book or report: place, publisher and year end the entry
        ("- World Health Organization. Guidelines on physical activity. Geneva: World Health "
         "Organization; 2020.", "World", "who2020"),
        ("[2] Nordic Rowing Council. Safe ergometer use. 2nd ed. Oslo: NRC Press; 2017.",
         "Nordic", None),
        ("Osei K, Falk M. Rowing posture handbook. Leeds (UK): Oarsman Books; 2021.", "Osei",
         None),
    ],
)  # fmt: skip
def test_a_typed_reference_by_a_body_or_to_a_book_is_vague(
    text: str, starts_at: str, key: str | None
) -> None:
    finding = vague(text)
    assert finding.column == column_of(text, starts_at)
    assert (finding.suggestion.key if finding.suggestion else None) == key


def test_a_book_s_authors_are_read_as_vancouver_writes_them() -> None:
    (entry,) = dates("Lee K, Smith J. Bench press manual. Leeds: Bar Books; 2006.")
    assert (entry.names, entry.year, len(entry.surnames)) == ("Lee", "2006", 2)


@pytest.mark.parametrize(
    "text",
    [
        "Winners. (2019). Great season.",  # no body's word
        "Our team met the Rowing Council. (2019).",  # a sentence, then a year
        "Bergen Rowing Club. (2019). Season review.",  # a club is no body of the store's kind
        "Note: we moved to Bergen; 2020.",  # a colon and a semicolon in prose
        "Sponsors: Iron Grip Barbells; 2021.",  # a label, not an author's field
        "Schedule. Venue: Oslo Sports Centre; 2019.",  # no body leads the line
    ],
)
def test_lines_with_a_colon_semicolon_or_stop_before_a_year_are_not_citations(text: str) -> None:
    assert findings(text) == []
