"""The landing page and the catalogue's listing pages in a browser, without JavaScript.

Tested on a site of its own, three guides whose levels and muscles the test
chooses, so that adding a guide to content/ changes nothing here; the shipped
landing page is checked against content/ in tests/integration/test_leg_raise_page.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.server import serve
from tests.integration.conftest import MINIMAL_BIB, MINIMAL_GUIDE
from tests.support.site import MINIMAL_CONFIG, run_build

pytestmark = pytest.mark.browser

LANDING = """\
---
title: Guides
description: Every guide of the test site.
template: home.html
---

# Guides
"""
# title: (level, [(muscle, role), ...])
GUIDES = {
    "Bird dog": ("beginner", [("Erector spinae", "primary"), ("Gluteus maximus", "secondary")]),
    "Dead bug": ("intermediate", [("Rectus abdominis", "primary"), ("Iliopsoas", "stabilizer")]),
    "Dragon flag": ("advanced", [("Rectus abdominis", "primary"), ("Obliques", "stabilizer")]),
}


def _guide(title: str, level: str, muscles: list[tuple[str, str]]) -> str:
    listed = "".join(f"  - name: {name}\n    role: {role}\n" for name, role in muscles)
    text = MINIMAL_GUIDE.replace("title: Plank", f"title: {title}")
    text = text.replace("level: beginner\n", f"level: {level}\n", 1)
    return text.replace("  - name: Rectus abdominis\n    role: stabilizer\n", listed)


@pytest.fixture(scope="module")
def landing_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("landing")
    files = {
        "mkdocs.yml": MINIMAL_CONFIG,
        "references/refs.bib": MINIMAL_BIB,
        "content/index.md": LANDING,
        **{
            f"content/exercises/{title.lower().replace(' ', '-')}.md": _guide(title, *data)
            for title, data in GUIDES.items()
        },
    }
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    build = run_build(project, site=Path(project) / "site")
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url


def test_the_landing_page_leads_to_every_guide_without_javascript(
    browser, landing_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(landing_url)
    selections = page.locator(".guide-selection")
    assert selections.count() == 2  # reviewed most recently, most cited
    page.get_by_role("link", name=f"All {len(GUIDES)} guides, A to Z").click()
    assert page.url.endswith("/browse/")
    assert page.locator("h1").inner_text() == "Guides A to Z"
    titles = page.locator(".guide-card__title").all_inner_texts()
    assert titles == sorted(GUIDES)
    assert page.locator(".listing-pages").count() == 0  # one page: no page navigation
    page.goto(landing_url)
    page.locator(".guide-catalogue a", has_text="Advanced").click()
    assert page.locator(".guide-card__title").all_inner_texts() == ["Dragon flag"]
    page.goto(landing_url)
    page.get_by_role("link", name="Every muscle").click()
    page.get_by_role("link", name="Rectus abdominis").click()  # a group of its own
    assert page.locator("h1").inner_text() == "Guides for Rectus abdominis"
    # Dragon flag's obliques only stabilise: a stabiliser never lists a guide under its group.
    assert page.locator(".guide-card__title").all_inner_texts() == ["Dead bug", "Dragon flag"]
    page.goto(landing_url)
    page.get_by_role("link", name="Every muscle").click()
    assert page.get_by_role("link", name="Obliques").count() == 0
    context.close()
