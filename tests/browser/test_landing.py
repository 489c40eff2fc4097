"""The landing page and the catalogue's listing pages in a browser, scripts on and off."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_landing_page_leads_to_every_guide_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    selections = page.locator(".guide-selection")
    assert selections.count() == 2  # reviewed most recently, most cited
    page.get_by_role("link", name="All 3 guides, A to Z").click()
    assert page.url.endswith("/browse/")
    assert page.locator("h1").inner_text() == "Guides A to Z"
    titles = page.locator(".guide-card__title").all_inner_texts()
    assert titles == ["Crunch", "Flutter kick", "Leg raise"]
    assert page.locator(".listing-pages").count() == 0  # one page: no page navigation
    page.goto(site_url)
    page.locator(".guide-catalogue a", has_text="Advanced").click()
    assert page.locator(".guide-card__title").all_inner_texts() == ["Flutter kick"]
    page.goto(site_url)
    page.get_by_role("link", name="Every muscle").click()
    page.get_by_role("link", name="Obliques").click()
    assert page.locator("h1").inner_text() == "Guides for Obliques"
    assert page.locator(".guide-card__title").all_inner_texts() == ["Crunch"]
    context.close()
