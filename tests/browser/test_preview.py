"""``make serve``'s preview in Chromium: the findings banner read, dismissed and checked with
axe, and a save that reloads the page by itself (live reload)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import tools
from tests.browser.conftest import require
from tests.browser.test_accessibility import WIDTHS, axe_violations
from tests.integration.conftest import MINIMAL_BIB, MINIMAL_GUIDE
from tests.support.preview import Preview, previewing
from tests.support.site import MINIMAL_CONFIG

pytestmark = pytest.mark.browser

BROKEN = MINIMAL_GUIDE + "\nA claim [@nosuch2099], and (Smith, 2019) too.\n"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Preview]]:
    project = tmp_path_factory.mktemp("preview")
    files = {
        "mkdocs.yml": MINIMAL_CONFIG,
        "references/refs.bib": MINIMAL_BIB,
        "content/index.md": "---\ntemplate: home.html\n---\n\n# Home\n",
        "content/exercises/plank.md": BROKEN,
        "content/exercises/crunch.md": MINIMAL_GUIDE.replace("title: Plank", "title: Crunch"),
    }
    for relative, text in files.items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(textwrap.dedent(text), encoding="utf-8")
    with previewing(project) as running:
        yield project, running


@pytest.mark.parametrize("width", WIDTHS)
def test_the_banner_and_the_findings_page_have_no_axe_violation(
    new_page, preview, width: int
) -> None:
    require(tools.missing_axe())
    _, running = preview
    page = new_page(width)
    violations = []
    for path in ("exercises/plank/", "exercises/crunch/", "", "_preview/findings/"):
        page.goto(running.url + path)
        violations += axe_violations(page)
    assert violations == []


def test_the_banner_names_each_finding_at_its_line_and_links_to_every_finding(
    page, preview
) -> None:
    _, running = preview
    page.goto(running.url + "exercises/plank/")
    banner = page.get_by_role("region", name="Preview")
    assert banner.is_visible()
    items = banner.locator("li").all_inner_texts()
    assert any("unresolved-citation" in item and "nosuch2099" in item for item in items)
    banner.get_by_role("link", name="Every finding of the site").click()
    page.wait_for_url("**/_preview/findings/")
    assert page.get_by_role("heading", name="content/exercises/plank.md").is_visible()


def test_a_hidden_banner_stays_hidden_until_the_findings_change(page, preview) -> None:
    project, running = preview
    page.goto(running.url + "exercises/plank/")
    banner = page.locator("section.evidence-preview")
    page.get_by_role("button", name="Hide findings").click()
    assert banner.is_hidden()
    page.reload()
    assert banner.is_hidden()
    guide = project / "content" / "exercises" / "plank.md"
    guide.write_text(BROKEN + "\nAnother claim [@nosuch2100].\n", encoding="utf-8")
    page.get_by_text("nosuch2100").first.wait_for(timeout=30_000)  # reloaded by itself
    # Shown again once the page's new findings are in: on a loaded machine the body
    # can be reloaded before its audit, and the banner follows with the next reload.
    banner.wait_for(state="visible", timeout=30_000)
    guide.write_text(BROKEN, encoding="utf-8")


def test_a_save_reloads_the_open_page_by_itself(page, preview) -> None:
    project, running = preview
    page.goto(running.url + "exercises/crunch/")
    guide = project / "content" / "exercises" / "crunch.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text + "\nA sentence saved while the page was open.\n", encoding="utf-8")
    page.get_by_text("A sentence saved while the page was open.").wait_for(timeout=30_000)
    guide.write_text(text, encoding="utf-8")
