"""What counts as a date: a year with its letter, or "n.d."; not a number, a range or a decade."""

from __future__ import annotations

import pytest

from evidence_guides.audit.author_dates.dates import DATE_RE, in_press, year_start


@pytest.mark.parametrize(
    ("text", "date"),
    [("(2019)", "2019"), ("(2019a)", "2019a"), ("(1650)", "1650"), ("(n.d.)", "n.d."),
     ("(n. d.)", "n. d."), ("(Smith, 2019, p. 3)", "2019"), ("(Okoro, in press)", "in press"),
     ("(Okoro, In  Press)", "In  Press"), ("Okoro (forthcoming)", "forthcoming")],
)  # fmt: skip
def test_dates(text: str, date: str) -> None:
    match = DATE_RE.search(text)
    assert match is not None and match.group() == date


@pytest.mark.parametrize(
    "text",
    [
        "(2018-19)",
        "(1990s)",
        "(12019)",
        "(1.2019)",
        "(2019s)",
        "(1599)",
        "(2100)",
        "(2019/20)",
        "(within press)",
        "(forthcomingly)",
        "(inpress)",
    ],
)
def test_no_dates(text: str) -> None:
    assert DATE_RE.search(text) is None


def test_year_start() -> None:
    year = DATE_RE.search("(Smith, 2019b)")
    undated = DATE_RE.search("(Smith, n.d.)")
    assert year is not None and undated is not None
    assert year_start(year) == 8 and year_start(undated) == 8


def test_in_press_is_a_date_without_a_year() -> None:
    pending = DATE_RE.search("(Okoro et al., in press)")
    printed = DATE_RE.search("(Okoro et al., 2020)")
    assert pending is not None and printed is not None
    assert in_press(pending) and not in_press(printed)
    assert pending.group("year") is None and year_start(pending) == 15
