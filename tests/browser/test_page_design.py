"""Every kind of page, looked at as a reader on a phone (390 px) and a laptop (1280 px):
screenshots kept in test-artifacts/screenshots/pages/, the order a guide reads in, touch
targets of at least 24 px, no text under 14 px on a phone, and a citation that opens its
reference on a tap.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WIDTHS = [pytest.param(390, id="phone"), pytest.param(1280, id="desktop")]
PAGE_KINDS = {
    "landing": "",
    "guide": "exercises/leg-raise/",
    "guide-advanced": "exercises/flutter-kick/",
    "section": "exercises/",
    "references": "references/",
    "policy": "editorial-policy/",
    "not-found": "no-such-page/",
}
GUIDE = PAGE_KINDS["guide"]
# A guide reads as a health article: each of these after the one before it.
ORDER = [
    "article h1",
    "article .guide-summary",
    "article aside.guide-safety",
    "article h2#how-to-do-it",
    "article .guide-muscles",
    "article section.faq",
    "article ol.references",
    "article aside.disclaimer",
]


def _show_everything(page: Page) -> None:
    """Scroll to the end and back, so that lazy figures load before a full-page shot."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 600) {
                window.scrollTo(0, y);
                await new Promise((done) => setTimeout(done, 30));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_screenshots_of_every_page_kind(
    new_page, site_url: str, artifacts: Path, kind: str, width: int
) -> None:
    page = new_page(width)
    page.goto(site_url + PAGE_KINDS[kind])
    _show_everything(page)
    shots = artifacts / "screenshots" / "pages"
    shots.mkdir(parents=True, exist_ok=True)
    target = shots / f"{kind}-{width}.png"
    page.screenshot(path=target, full_page=True)
    assert target.stat().st_size > 0
    # Nothing is wider than the screen: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_a_guide_reads_in_order(new_page, site_url: str, width: int) -> None:
    page = new_page(width)
    page.goto(site_url + GUIDE)
    tops = []
    for selector in ORDER:
        element = page.locator(selector).first
        expect(element).to_be_visible()
        box = element.bounding_box()
        assert box is not None, selector
        tops.append(box["y"])
    assert tops == sorted(tops), list(zip(ORDER, tops, strict=True))
    # The breadcrumbs are above the title; the byline area shows who reviewed it when.
    crumbs = page.locator("nav.guide-breadcrumbs").bounding_box()
    assert crumbs is not None and crumbs["y"] < tops[0]
    expect(page.locator(".guide-summary")).to_contain_text("Last reviewed")


def test_on_a_phone_the_contents_are_at_the_top_and_on_a_laptop_beside(new_page, site_url) -> None:
    phone = new_page(390)
    phone.goto(site_url + GUIDE)
    contents = phone.locator("nav.guide-contents")
    expect(contents).to_be_visible()
    box, body = contents.bounding_box(), phone.locator("article h2#how-to-do-it").bounding_box()
    assert box is not None and body is not None and box["y"] < body["y"]
    contents.get_by_role("link", name="Frequently asked questions").click()
    expect(phone).to_have_url(re.compile("#faq$"))
    laptop = new_page(1280)
    laptop.goto(site_url + GUIDE)
    expect(laptop.locator("nav.guide-contents")).to_be_hidden()
    expect(laptop.locator(".md-sidebar--secondary")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_touch_targets_are_at_least_24_px(new_page, site_url: str, width: int) -> None:
    page = new_page(width)
    small = []
    for path in (GUIDE, "", "references/"):
        page.goto(site_url + path)
        small += page.evaluate(
            """() => Array.from(document.querySelectorAll(
                'a.citation, nav.guide-breadcrumbs a, nav.guide-contents a,'
                + ' .md-copyright a, select, section.faq summary'))
              .filter((el) => el.getClientRects().length > 0)
              .map((el) => [el.outerHTML.slice(0, 80), el.getBoundingClientRect()])
              .filter(([, box]) => box.width < 24 || box.height < 24)
              .map(([html, box]) => `${html} ${box.width}x${box.height}`)"""
        )
    assert small == []


def test_no_text_is_smaller_than_14_px_on_a_phone(new_page, site_url: str) -> None:
    page = new_page(390)
    small = []
    for path in PAGE_KINDS.values():
        page.goto(site_url + path)
        small += page.evaluate(
            """() => {
                const found = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const node = walker.currentNode;
                    const element = node.parentElement;
                    if (!node.textContent.trim() || !element) continue;
                    if (!element.getClientRects().length) continue;  // not shown
                    const style = getComputedStyle(element);
                    if (style.visibility === 'hidden' || element.closest('[hidden]')) continue;
                    const box = element.getBoundingClientRect();
                    if (box.width === 0 || box.height === 0) continue;
                    if (element.closest('.md-sidebar, .md-search, .md-skip')) continue;  // drawer
                    const size = parseFloat(style.fontSize);
                    if (size < 14) {
                        found.push(`${location.pathname}: ${size}px `
                            + `<${element.tagName.toLowerCase()} class="${element.className}">`
                            + ` ${node.textContent.trim().slice(0, 40)}`);
                    }
                }
                return found;
            }"""
        )
    assert small == []


def test_a_tap_on_a_citation_opens_its_reference(browser, site_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        page.goto(site_url + GUIDE)
        citation = page.locator("article p a.citation").first
        target = citation.get_attribute("href")
        assert target and target.startswith("#ref-")
        citation.scroll_into_view_if_needed()
        citation.tap()
        expect(page).to_have_url(re.compile(re.escape(target) + "$"))
        expect(page.locator(target)).to_be_in_viewport()
    finally:
        context.close()


def test_tooltips_are_readable(new_page, site_url: str) -> None:
    page = new_page(1280)
    page.goto(site_url + GUIDE)
    page.locator("article p a.citation").first.hover()
    tooltip = page.locator("[role='tooltip'].md-tooltip2--active .md-tooltip2__inner")
    expect(tooltip).to_be_visible()
    size = tooltip.evaluate("(element) => parseFloat(getComputedStyle(element).fontSize)")
    assert size >= 14


@pytest.mark.parametrize("width", WIDTHS)
def test_the_muscles_section_fits_the_screen(new_page, site_url: str, width: int) -> None:
    page = new_page(width)
    page.goto(site_url + GUIDE)
    cards = page.locator(".guide-muscles li.guide-muscle")
    assert cards.count() >= 5
    for index in range(cards.count()):
        box = cards.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_a_breadcrumb_leads_to_the_guides_of_that_level(new_page, site_url: str) -> None:
    page = new_page(390)
    page.goto(site_url + GUIDE)
    page.locator("nav.guide-breadcrumbs a", has_text="Beginner").click()
    expect(page.locator("h1")).to_have_text("Beginner guides")
    shown = page.locator("li.guide-card .guide-level")
    expect(shown.first).to_be_visible()
    assert set(shown.all_inner_texts()) == {"Beginner"}
