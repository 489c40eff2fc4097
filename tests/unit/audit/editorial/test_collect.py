"""The editorial report's data: the audit's findings unchanged, each guide's row, worst first."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from evidence_guides.audit.editorial.collect import editorial_report
from evidence_guides.audit.engine import audit_project
from evidence_guides.audit.settings import load_settings

TODAY = datetime.date(2026, 12, 1)


def _report(project: Path):
    settings = dataclasses.replace(load_settings(project / "mkdocs.yml"), today=TODAY)
    return settings, editorial_report(settings)


def test_the_findings_are_the_audits(project: Path) -> None:
    settings, report = _report(project)
    audit = audit_project(settings)
    assert report.audit.findings == audit.findings
    assert report.audit.summary == audit.summary
    rows = [finding for row in report.guides for finding in row.findings]
    others = [finding for _, findings in report.other_files for finding in findings]
    assert sorted(rows + others) == sorted(audit.findings)


def test_guides_come_worst_first(project: Path) -> None:
    _, report = _report(project)
    assert [row.path.rsplit("/", 1)[1] for row in report.guides] == [
        "broken.md",  # 7 errors: its front-matter
        "bridge.md",  # 2 errors (unresolved, retracted) and a stale review
        "crunch.md",
        "plank.md",
    ]
    bridge = report.guides[1]
    assert (bridge.errors, bridge.warnings, bridge.stale, bridge.age_months) == (2, 1, True, 34)
    assert bridge.by_rule() == [
        ("retracted-source", "error", 1),
        ("unresolved-citation", "error", 1),
        ("stale-review", "warning", 1),
    ]
    assert bridge.title == "Glute bridge & co"


def test_each_row_has_its_review_reviewer_and_evidence(project: Path) -> None:
    _, report = _report(project)
    rows = {row.path.rsplit("/", 1)[1]: row for row in report.guides}
    plank = rows["plank.md"]
    assert (plank.author, plank.reviewer, plank.last_reviewed, plank.age_months) == (
        "Test team",
        "Jane Doe, PhD",
        datetime.date(2026, 11, 1),
        1,
    )
    assert plank.evidence.summary() == "2 sources: 1 randomised controlled trial, 1 not classified"
    assert rows["bridge.md"].evidence.summary() == "2 sources: 1 not classified, 1 retracted"
    assert rows["crunch.md"].draft and not rows["plank.md"].draft
    broken = rows["broken.md"]
    assert (broken.title, broken.last_reviewed, broken.evidence.total) == ("<b>Broken</b>", None, 0)
    assert (broken.errors, broken.stale, broken.reviewer) == (7, False, None)


def test_files_that_are_not_guides_keep_their_findings(project: Path) -> None:
    _, report = _report(project)
    assert [path for path, _ in report.other_files] == ["references/refs.bib"]
    ((_, findings),) = report.other_files
    assert {finding.rule for finding in findings} == {"unused-reference"}
