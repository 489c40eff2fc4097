"""The citations a scan records: the first reading of a start wins, and they come out in order."""

from __future__ import annotations

import re

from evidence_guides.audit.author_dates.dates import DATE_RE
from evidence_guides.audit.author_dates.model import AuthorDate
from evidence_guides.audit.author_dates.scan import Found
from tests.unit.audit.author_dates.support import prose_of


def date_in(text: str) -> re.Match[str]:
    match = DATE_RE.search(text)
    assert match is not None
    return match


def undated(start: int, names: str) -> AuthorDate:
    return AuthorDate(start, start + 5, names, names, (), None, None, start, False, ())


def test_the_first_reading_of_a_start_wins() -> None:
    found = Found(prose_of("Smith (2019) and Lee (2020)."))
    found.keep(undated(0, "Smith"))
    found.keep(undated(0, "Other"))
    found.add(0, 12, "Smith (2019)", "Smith", (), date_in("(2019)"), 12, 12)
    (only,) = found.in_order()
    assert only.names == "Smith" and 0 in found


def test_a_dated_citation_takes_its_date_and_sources() -> None:
    text = "Smith (2019b) [@smith2011a] agrees."
    found = Found(prose_of(text))
    found.add(0, 13, "Smith\n  (2019b)", "Smith", (("smith",),), date_in(text), 13, 13)
    (date,) = found.in_order()
    assert (date.quote, date.year, date.suffix, date.year_start) == (
        "Smith (2019b)",
        "2019",
        "b",
        7,
    )
    assert date.dated and [s.value for s in date.sources] == ["smith2011a"]


def test_in_order_of_where_they_start() -> None:
    found = Found(prose_of("x"))
    for start in (30, 4, 17):
        found.keep(undated(start, "N"))
    assert [date.start for date in found.in_order()] == [4, 17, 30]
