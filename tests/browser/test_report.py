"""The editorial report in Chromium: no violation for axe, sortable, nothing from elsewhere.

Two reports are opened: the shipped content's (also kept in test-artifacts/) and a
project's with errors, a stale review, a reviewer, a draft and a retracted source.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser import tools
from tests.browser.conftest import require
from tests.browser.server import serve
from tests.browser.test_accessibility import WIDTHS, axe_violations
from tests.support.site import REPO

pytestmark = pytest.mark.browser


def _report(project: Path, output: Path) -> None:
    command = [sys.executable, "-m", "evidence_guides.cli", "report", "--output", str(output)]
    result = subprocess.run(
        command, cwd=project, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "GUIDES_TODAY": "2026-12-01"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Both reports, served from one folder on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("reports")
    _report(REPO, folder / "shipped.html")
    tools.ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(folder / "shipped.html", tools.ARTIFACTS / "editorial-report.html")
    project = Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", folder / "p"))
    (project / "content" / "people.yml").write_text(
        "people:\n  - {id: jane-doe, name: Jane Doe, credentials: PhD}\n"
    )
    guides = project / "content" / "exercises"
    plank = (guides / "plank.md").read_text()
    reviewed = "last_reviewed: 2026-11-01\n"
    (guides / "plank.md").write_text(plank.replace(reviewed, reviewed + "reviewed_by: jane-doe\n"))
    (guides / "bridge.md").write_text(
        plank.replace("Plank", "Bridge").replace("2026-11-01", "2024-01-15")
        .replace("[@garber2011]", "[@garber2011; @missing2001]")
    )  # fmt: skip
    (guides / "crunch.md").write_text(plank.replace("title: Plank", "title: Crunch\ndraft: true"))
    _report(project, folder / "busy.html")
    with serve(folder) as url:
        yield url


@pytest.fixture(scope="module", autouse=True)
def _axe_installed() -> None:
    require(tools.missing_axe())


@pytest.mark.parametrize("name", ["shipped", "busy"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_has_no_axe_violation(new_page, reports: str, name: str, width: int) -> None:
    page: Page = new_page(width)
    page.goto(f"{reports}{name}.html")
    violations = axe_violations(page)
    for summary in page.locator("table summary").all():
        summary.click()
    page.locator("table.guides th[data-sort='age'] button").click()
    assert violations + axe_violations(page) == []


def test_the_table_sorts_by_a_column_and_says_so(new_page, reports: str) -> None:
    page: Page = new_page(1280)
    page.goto(f"{reports}busy.html")
    paths = page.locator("table.guides tbody tr .path")
    assert paths.all_inner_texts()[0] == "content/exercises/bridge.md"  # worst first
    title = page.locator("table.guides th[data-sort='title']")
    title.locator("button").click()
    assert title.get_attribute("aria-sort") == "ascending"
    assert paths.all_inner_texts() == [
        "content/exercises/bridge.md",
        "content/exercises/crunch.md",
        "content/exercises/plank.md",
    ]
    title.locator("button").click()
    assert title.get_attribute("aria-sort") == "descending"
    assert paths.all_inner_texts()[0] == "content/exercises/plank.md"
    assert page.locator("#sort-status").inner_text() == "Sorted by Guide, descending."
    age = page.locator("table.guides th[data-sort='age']")
    age.locator("button").click()  # numbers sort the largest first
    assert age.get_attribute("aria-sort") == "descending"
    assert paths.all_inner_texts()[0] == "content/exercises/bridge.md"
    assert title.get_attribute("aria-sort") == "none"
