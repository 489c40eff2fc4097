"""``guides report``: the editorial report, whose counts are ``guides audit --format json``'s."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from tests.unit.cli.conftest import Run


def _add_findings(project: Path) -> None:
    guides = project / "content" / "exercises"
    plank = (guides / "plank.md").read_text()
    (guides / "side-plank.md").write_text(
        plank.replace("title: Plank", "title: Side plank")
        .replace("2026-11-01", "2024-06-01")
        .replace("[@garber2011]", "[@garber2011; @nobody2020]")
        + "\nStudies show it works.\n"
    )


def test_the_reports_counts_are_the_audits(project: Path, guides: Callable[..., Run]) -> None:
    _add_findings(project)
    audit = json.loads(guides("audit", "--format", "json").out)
    run = guides("report", "--output", "report.html")
    assert run.code == 0
    assert run.err == "wrote report.html: 2 guides, 1 error, 2 warnings\n"
    page = BeautifulSoup((project / "report.html").read_text(), "html.parser")
    totals = {
        name: int(page.select_one(f"#total-{name}").get_text())
        for name in ("errors", "warnings", "files", "references", "citations")
    }
    summary = audit["summary"]
    assert totals == {
        "errors": summary["errors"],
        "warnings": summary["warnings"],
        "files": summary["files"],
        "references": summary["entries"],
        "citations": summary["citations"],
    }
    by_file = Counter((f["path"], f["severity"]) for f in audit["findings"])
    for row in page.select("table.guides tbody tr"):
        path = row.select_one(".path").get_text()
        assert int(row["data-errors"]) == by_file[(path, "error")]
        assert int(row["data-warnings"]) == by_file[(path, "warning")]
    by_rule = Counter(f["rule"] for f in audit["findings"])
    shown = {
        row.select_one("code").get_text(): int(row.select_one(".number").get_text())
        for row in page.select("table.rules-table tbody tr")
    }
    assert (
        shown
        == dict(by_rule)
        == {
            "unresolved-citation": 1,
            "unsupported-claim": 1,
            "stale-review": 1,
        }
    )


def test_the_report_goes_to_stdout_without_output(
    project: Path, guides: Callable[..., Run]
) -> None:
    run = guides("report")
    assert run.code == 0 and run.err == ""
    assert run.out.startswith("<!doctype html>") and "content/exercises/plank.md" in run.out


def test_a_broken_config_is_one_line(project: Path, guides: Callable[..., Run]) -> None:
    (project / "mkdocs.yml").write_text("plugins: [\n")
    run = guides("report", "--output", "report.html")
    assert run.code == 2 and run.err.count("\n") == 1
    assert not (project / "report.html").exists()
