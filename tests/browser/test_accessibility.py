"""axe-core (node_modules/axe-core, pinned in package-lock.json) on every page of
the built site, on a phone and on a desktop, and on the states a reader opens:
search results, FAQ answers, the navigation drawer. Zero violations of any impact.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from evidence_guides.guide.muscles import TRAINS, load_vocabulary
from tests.browser import tools
from tests.browser.conftest import choose_filter, open_search, require
from tests.browser.pages import GUIDES_DIR, published_guides, site_pages
from tests.support.site import REPO, Build

pytestmark = pytest.mark.browser

WIDTHS = [pytest.param(390, id="phone"), pytest.param(1280, id="desktop")]


@pytest.fixture(scope="module", autouse=True)
def _axe_installed() -> None:
    require(tools.missing_axe())


def axe_violations(page: Page) -> list[str]:
    """axe's violations on the page as it settles, one readable line per failing element.

    Transitions are let finish first: a colour halfway through one (a result
    link fading into its focus colour) is neither the colour before nor after.
    """
    settled = """() => document.getAnimations().every((animation) =>
        animation.playState !== "running"
        || animation.effect.getTiming().iterations === Infinity)"""  # a spinner never ends
    page.wait_for_function(settled)
    page.add_script_tag(path=str(tools.AXE_SCRIPT))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']}"
        f" at {node['target']}: {node['failureSummary']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def test_site_pages_are_found(shipped_site: Build) -> None:
    pages = site_pages(shipped_site.site)
    assert {"", "exercises/leg-raise/", "references/", "404.html"} <= set(pages)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_has_no_axe_violation(
    new_page, site_url: str, shipped_site: Build, width: int
) -> None:
    page = new_page(width)
    violations = []
    for path in site_pages(shipped_site.site):
        page.goto(site_url + path)
        violations += axe_violations(page)
    assert violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_search_results_have_no_axe_violation(new_page, site_url: str, width: int) -> None:
    page = new_page(width)
    page.goto(site_url)
    open_search(page)
    page.keyboard.type("abdominis", delay=20)
    page.locator(".guide-search__results a").first.wait_for()
    violations = axe_violations(page)
    choose_filter(page, "muscle", "Hip flexors")  # a group of muscles.yml, as readers see it
    found = _guides_training("Hip flexors", "abdominis")
    status = f"{found} guide{'s' if found != 1 else ''} found"
    page.locator("#guide-search-status").filter(has_text=status).wait_for()
    assert violations + axe_violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_an_open_guide_has_no_axe_violation(new_page, site_url: str, width: int) -> None:
    page = new_page(width)
    page.goto(site_url + "exercises/leg-raise/")
    for summary in page.locator("section.faq summary").all():
        summary.click()
    page.locator("article p a.citation").first.hover()
    page.get_by_role("tooltip").first.wait_for()
    assert axe_violations(page) == []


def test_the_navigation_drawer_has_no_axe_violation(new_page, site_url: str) -> None:
    page = new_page(390)
    page.goto(site_url + "exercises/leg-raise/")
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-nav--primary").first.wait_for()
    page.wait_for_timeout(300)  # the drawer slides in
    assert axe_violations(page) == []


def _guides_training(group: str, word: str) -> int:
    """Published guides of content/ that name ``word`` and train a muscle of ``group``."""
    vocabulary = load_vocabulary(REPO / "muscles.yml", "muscles.yml")
    count = 0
    for slug, meta in published_guides().items():
        text = (GUIDES_DIR / f"{slug}.md").read_text(encoding="utf-8")
        movers = [m["name"] for m in meta["muscles"] if m["role"] in TRAINS]
        if word in text.lower() and any(vocabulary.group_of(m).name == group for m in movers):
            count += 1
    return count
