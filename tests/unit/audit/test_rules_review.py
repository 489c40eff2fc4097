"""``stale-review``: a guide reviewed longer ago than the project allows, by a fixed clock."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

import pytest

from evidence_guides.audit.days import Days
from evidence_guides.audit.engine import PageAudit, PageInput, audit_page, audit_project
from evidence_guides.audit.rules.review import (
    first_stale_day,
    months_before,
    months_between,
    on_day,
)
from evidence_guides.audit.settings import load_settings
from evidence_guides.findings import Finding
from evidence_guides.store.load import load_bib
from evidence_guides.text.front_matter import split_front_matter

REPO = Path(__file__).resolve().parents[3]
REVIEWED = datetime.date(2026, 11, 1)  # the fixture guide's last_reviewed


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))


def _stale(project: Path, today: datetime.date, **options: object) -> list[Finding]:
    settings = dataclasses.replace(load_settings(project / "mkdocs.yml"), today=today, **options)
    return [f for f in audit_project(settings).findings if f.rule == "stale-review"]


@pytest.mark.parametrize(
    ("today", "stale"),
    [
        (datetime.date(2026, 12, 1), False),
        (datetime.date(2027, 11, 1), False),  # exactly 12 months: not yet
        (datetime.date(2027, 11, 2), True),
        (datetime.date(2030, 1, 1), True),
        (datetime.date(2025, 1, 1), False),  # a review date in the future is not stale
    ],
)
def test_a_review_older_than_twelve_months_is_stale(
    project: Path, today: datetime.date, stale: bool
) -> None:
    assert bool(_stale(project, today)) is stale


def test_the_finding_is_a_warning_at_last_reviewed(project: Path) -> None:
    (finding,) = _stale(project, datetime.date(2028, 2, 15))
    assert (finding.path, finding.line, finding.column, finding.severity) == (
        "content/exercises/plank.md",
        5,
        16,
        "warning",
    )
    assert finding.message == (
        "last reviewed 2026-11-01, 15 months ago (more than 12): review the guide's evidence"
    )
    assert finding.suggestion is not None
    assert finding.suggestion.text == "last_reviewed: 2028-02-15, once it is reviewed"


def test_the_age_is_configurable(project: Path) -> None:
    today = datetime.date(2027, 3, 1)
    assert _stale(project, today) == []
    assert len(_stale(project, today, stale_review_months=3)) == 1
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "      stale_review_months: 3\n")
    assert load_settings(config).stale_review_months == 3


def test_the_rule_can_be_turned_off(project: Path) -> None:
    today = datetime.date(2030, 1, 1)
    assert _stale(project, today, severities={"stale-review": "off"}) == []


def test_calendar_months() -> None:
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 12) == datetime.date(2025, 1, 15)
    assert months_between(datetime.date(2025, 1, 31), datetime.date(2026, 1, 30)) == 11
    assert months_between(datetime.date(2027, 1, 1), datetime.date(2026, 1, 1)) == 0
    assert months_before(datetime.date(1, 6, 1), 12) == datetime.date.min  # not a ValueError


def test_a_clock_set_to_the_first_year_finds_no_review_stale(project: Path) -> None:
    assert _stale(project, datetime.date(1, 6, 1)) == []


@pytest.mark.parametrize("months", [1, 3, 12, 1200])
@pytest.mark.parametrize(
    "reviewed",
    [
        datetime.date(2026, 11, 1),
        datetime.date(2025, 1, 31),  # a month's last day, shorter months after it
        datetime.date(2024, 2, 29),
        datetime.date(2026, 12, 31),
        datetime.date(2027, 3, 30),
    ],
)
def test_the_first_stale_day_is_the_day_the_review_turns_stale(
    reviewed: datetime.date, months: int
) -> None:
    day = first_stale_day(reviewed, months)
    assert reviewed < months_before(day, months)  # stale that day
    assert not reviewed < months_before(day - datetime.timedelta(days=1), months)  # not before


def test_a_review_too_late_for_the_calendar_never_turns_stale() -> None:
    assert first_stale_day(datetime.date.max, 12) == datetime.date.max


def test_days_narrow_and_hold_their_ends() -> None:
    days = Days().narrowed(last=datetime.date(2027, 1, 31))
    assert datetime.date(1, 1, 1) in days
    assert datetime.date(2027, 1, 31) in days
    assert datetime.date(2027, 2, 1) not in days
    one = days.narrowed(first=datetime.date(2027, 1, 5), last=datetime.date(2027, 3, 1))
    assert one == Days(datetime.date(2027, 1, 5), datetime.date(2027, 1, 31))
    assert "2027-01-10" not in one  # only dates are days


def _audit(project: Path, today: datetime.date, **options: object) -> PageAudit:
    """The fixture guide's audit, made ``today``."""
    settings = dataclasses.replace(load_settings(project / "mkdocs.yml"), today=today, **options)
    text = (project / "content" / "exercises" / "plank.md").read_text("utf-8")
    body = split_front_matter(text).body
    page = PageInput("content/exercises/plank.md", text, body, len(text) - len(body), True)
    return audit_page(page, load_bib(settings.bib, "refs.bib"), settings)


def _days(project: Path, today: datetime.date, **options: object) -> Days:
    """The days on which the fixture guide's audit, made ``today``, holds."""
    return _audit(project, today, **options).days


def test_a_fresh_review_holds_until_the_day_before_it_turns_stale(project: Path) -> None:
    days = _days(project, datetime.date(2027, 3, 1))
    assert days == Days(datetime.date.min, datetime.date(2027, 11, 1))
    assert _days(project, datetime.date(2027, 3, 1), stale_review_months=3) == Days(
        datetime.date(2027, 3, 1), datetime.date(2027, 3, 1)
    )


def test_a_stale_review_holds_for_its_day_and_no_rule_on_the_clock_holds_for_every_day(
    project: Path,
) -> None:
    day = datetime.date(2028, 2, 15)
    assert _days(project, day) == Days(day, day)  # the finding names the day
    assert _days(project, day, severities={"stale-review": "off"}) == Days()


@pytest.mark.parametrize(
    "later",
    [
        datetime.date(2027, 6, 1),  # still fresh
        datetime.date(2027, 11, 2),  # turned stale
        datetime.date(2029, 2, 28),  # stale, another age and day
        datetime.date(2026, 12, 1),  # back to fresh
    ],
)
@pytest.mark.parametrize("made", [datetime.date(2026, 12, 1), datetime.date(2028, 1, 15)])
def test_a_kept_audit_read_on_another_day_is_that_days_audit(
    project: Path, made: datetime.date, later: datetime.date
) -> None:
    kept = _audit(project, made)
    settings = dataclasses.replace(load_settings(project / "mkdocs.yml"), today=later)
    assert on_day(kept, settings) == _audit(project, later)
