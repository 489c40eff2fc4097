"""A reader on the leg raise guide, on a phone (390 px) and a desktop (1280 px):
citations lead to their reference and show it on hover and on keyboard focus
(dismissed with Escape),
FAQ answers open, related guides and search (Pagefind) lead on. Every request stays on
127.0.0.1 (checked by the ``new_page`` fixture, and below for the whole visit).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from tests.browser.conftest import is_local, open_search
from tests.browser.pages import GUIDES_DIR, front_matter
from tests.support.site import Build

pytestmark = pytest.mark.browser

GUIDE = "exercises/leg-raise/"
WIDTHS = [pytest.param(390, id="phone"), pytest.param(1280, id="desktop")]


def _open_guide(new_page, site_url: str, width: int) -> Page:
    page = new_page(width)
    response = page.goto(site_url + GUIDE)
    assert response is not None and response.status == 200
    return page


def _tab_to(page: Page, selector: str, *, limit: int = 300) -> None:
    """Press Tab until the element matching ``selector`` has the keyboard focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never received the keyboard focus")


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(new_page, site_url: str, artifacts: Path, width: int) -> None:
    shots = artifacts / "screenshots"
    page = _open_guide(new_page, site_url, width)
    page.screenshot(path=shots / f"leg-raise-{width}.png", full_page=True)
    page.goto(site_url)
    page.screenshot(path=shots / f"home-{width}.png", full_page=True)
    assert (shots / f"leg-raise-{width}.png").stat().st_size > 0
    # Nothing is wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_a_citation_leads_to_its_reference(new_page, site_url: str, width: int) -> None:
    page = _open_guide(new_page, site_url, width)
    citation = page.locator("article p a.citation").first
    target = citation.get_attribute("href")
    assert target and target.startswith("#ref-")
    citation.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    reference = page.locator(target)
    expect(reference).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target').id") == target[1:]
    # Not hidden under the sticky header: the reference is what is on top at its spot.
    assert page.evaluate(
        """(id) => {
            const box = document.getElementById(id).getBoundingClientRect();
            const top = document.elementFromPoint(box.left + 10, box.top + 5);
            return top !== null && top.closest('li') === document.getElementById(id);
        }""",
        target[1:],
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_citation_shows_its_reference_on_hover_and_on_focus(
    new_page, site_url: str, shipped_site: Build, width: int
) -> None:
    html = BeautifulSoup(shipped_site.page(GUIDE + "index.html"), "html.parser")
    expected = html.select("article p a.citation")[1]["title"]
    page = _open_guide(new_page, site_url, width)
    citation = page.locator("article p a.citation").nth(1)
    shown = page.locator("[role='tooltip'].md-tooltip2--active")

    citation.hover()
    expect(shown).to_have_count(1)
    expect(shown).to_be_visible()
    expect(shown).to_have_text(expected)
    assert citation.get_attribute("aria-describedby") == shown.get_attribute("id")

    page.mouse.move(0, 0)
    expect(shown).to_have_count(0)

    citation.evaluate("(element) => { element.dataset.tabTarget = '' }")
    _tab_to(page, "[data-tab-target]")
    expect(shown).to_have_count(1)
    expect(shown).to_be_visible()
    expect(shown).to_have_text(expected)
    tooltip_id = shown.get_attribute("id")
    assert citation.get_attribute("aria-describedby") == tooltip_id
    # Inside a landmark, like the rest of the page's content.
    assert shown.evaluate("(tooltip) => tooltip.closest('main') !== null")

    # Escape dismisses it without moving the focus (WCAG 1.4.13).
    page.keyboard.press("Escape")
    expect(shown).to_be_hidden()
    assert citation.evaluate("(element) => element === document.activeElement")

    # Focus that leaves and comes back shows it again.
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(page.locator(f"[id='{tooltip_id}']")).to_have_class(re.compile("md-tooltip2--active"))
    expect(page.locator(f"[id='{tooltip_id}']")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(f"[id='{tooltip_id}'].md-tooltip2--active")).to_have_count(0)


@pytest.mark.parametrize("width", WIDTHS)
def test_an_faq_answer_opens(new_page, site_url: str, width: int) -> None:
    page = _open_guide(new_page, site_url, width)
    first, second = page.locator("section.faq details").all()[:2]
    answer = first.locator(".faq__answer")
    expect(answer).to_be_hidden()
    first.locator("summary").click()
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("rectus abdominis")

    # By keyboard as well: Enter on the focused question.
    second.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(second.locator(".faq__answer")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_related_guide_opens(new_page, site_url: str, width: int) -> None:
    page = _open_guide(new_page, site_url, width)
    link = page.locator("ul.guide-related a").first
    title = link.inner_text()
    link.click()
    first = front_matter(GUIDES_DIR / "leg-raise.md")["related"][0]  # as the guide lists them
    expect(page).to_have_url(re.compile(rf"/exercises/{first}/$"))
    expect(page.locator("article h1")).to_have_text(title)


@pytest.mark.parametrize("width", WIDTHS)
def test_search_finds_a_guide(new_page, site_url: str, width: int) -> None:
    page = new_page(width)
    page.goto(site_url)
    open_search(page)
    page.keyboard.type("hamstrings", delay=20)
    results = page.locator(".guide-search__results a")
    expect(results.first).to_be_visible()
    expect(page.locator("#guide-search-status")).to_have_text("1 guide found")
    expect(results.first.locator(".guide-search__title")).to_have_text("Leg raise")
    expect(results.first.locator(".guide-level")).to_have_text("Beginner")
    expect(results.first.locator("mark").first).to_have_text(re.compile("hamstrings", re.I))
    # By keyboard: down to the result, Enter opens it.
    page.keyboard.press("ArrowDown")
    assert results.first.evaluate("(link) => link === document.activeElement")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/exercises/leg-raise/$"))
    expect(page.locator("article h1")).to_have_text("Leg raise")


def test_a_whole_visit_stays_on_this_machine(new_page, requested: list[str], site_url: str) -> None:
    page = new_page(390)
    page.goto(site_url)
    # The flagship, whatever else is new (it may be in both selections).
    page.locator(f".guide-card a[href$='{GUIDE}']").first.click()
    page.locator("article p a.citation").first.click()
    page.locator("section.faq summary").first.click()
    page.locator("ul.guide-related a").first.click()
    page.goto(site_url + "references/")
    open_search(page)
    page.keyboard.type("abdominis", delay=20)
    page.locator(".guide-search__results a").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/pagefind/pagefind.js") for url in requested)
    assert any(".pf_fragment" in url for url in requested)
    assert [url for url in requested if not is_local(url)] == []
