"""The landing page in a browser: guide cards filtered by level and by muscle.

The filter is tested on a site of its own, three guides whose levels and
muscles the test chooses, so that adding a guide to content/ changes nothing
here; the shipped landing page's cards are checked against content/ in
tests/integration/test_leg_raise_page.py.
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


def _visible_titles(page) -> list[str]:
    return sorted(page.locator(".guide-card:visible .guide-card__title").all_inner_texts())


def test_cards_filter_by_level_and_muscle(page, landing_url: str) -> None:
    page.goto(landing_url)
    assert _visible_titles(page) == ["Bird dog", "Dead bug", "Dragon flag"]
    status = page.locator(".guide-filter__count")
    assert status.inner_text() == "3 guides shown"

    page.get_by_label("Level").select_option("advanced")
    assert _visible_titles(page) == ["Dragon flag"]
    assert status.inner_text() == "1 guide shown"

    page.get_by_label("Level").select_option("")
    page.get_by_label("Muscle group").select_option("rectus-abdominis")  # a group of its own
    assert _visible_titles(page) == ["Dead bug", "Dragon flag"]

    page.get_by_label("Level").select_option("beginner")
    assert _visible_titles(page) == []
    assert status.inner_text() == "0 guides shown"


def test_without_javascript_every_card_shows(browser, landing_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(landing_url)
    assert page.locator(".guide-card").count() == len(GUIDES)
    assert not page.locator("form.guide-filter").is_visible()
    context.close()
