"""The landing page in a browser: guide cards filtered by level and by muscle."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _visible_titles(page) -> list[str]:
    return sorted(page.locator(".guide-card:visible .guide-card__title").all_inner_texts())


def test_cards_filter_by_level_and_muscle(page, site_url: str) -> None:
    page.goto(site_url)
    assert _visible_titles(page) == ["Crunch", "Flutter kick", "Leg raise"]
    status = page.locator(".guide-filter__count")
    assert status.inner_text() == "3 guides shown"

    page.get_by_label("Level").select_option("advanced")
    assert _visible_titles(page) == ["Flutter kick"]
    assert status.inner_text() == "1 guide shown"

    page.get_by_label("Level").select_option("")
    page.get_by_label("Muscle group").select_option("abdominals")
    assert _visible_titles(page) == ["Crunch"]

    page.get_by_label("Level").select_option("advanced")
    assert _visible_titles(page) == []
    assert status.inner_text() == "0 guides shown"


def test_without_javascript_every_card_shows(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    assert page.locator(".guide-card").count() == 3
    assert not page.locator("form.guide-filter").is_visible()
    context.close()
