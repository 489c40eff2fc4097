"""``stale-review``: a guide reviewed longer ago than the project allows, by a fixed clock."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

import pytest

from evidence_guides.audit.engine import audit_project
from evidence_guides.audit.rules.review import months_before, months_between
from evidence_guides.audit.settings import load_settings
from evidence_guides.findings import Finding

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
