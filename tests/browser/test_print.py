"""A guide on paper: the article alone (no header, search, navigation or footer),
every FAQ answer, the disclaimer, and each reference with its full URL. The PDF
Chromium prints is kept in test-artifacts/ to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

HIDDEN_IN_PRINT = [
    "header.md-header",
    ".md-search",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    "footer.md-footer",
    ".md-top",
]


@pytest.fixture
def printed(page: Page, site_url: str) -> Page:
    page.goto(site_url + "exercises/leg-raise/")
    page.emulate_media(media="print")
    return page


@pytest.mark.parametrize("selector", HIDDEN_IN_PRINT)
def test_only_the_article_is_printed(printed: Page, selector: str) -> None:
    expect(printed.locator(selector).first).to_be_hidden()


def test_the_article_and_its_disclaimer_are_printed(printed: Page) -> None:
    expect(printed.locator("article h1")).to_be_visible()
    expect(printed.locator("aside.disclaimer")).to_be_visible()
    expect(printed.locator("ol.references")).to_be_visible()


def test_faq_answers_are_printed_even_when_closed(printed: Page) -> None:
    answers = printed.locator("section.faq .faq__answer")
    assert answers.count() > 0
    for answer in answers.all():
        expect(answer).to_be_visible()


def test_references_print_their_full_urls(printed: Page) -> None:
    links = printed.locator("ol.references a")
    assert links.count() > 0
    for link in links.all():
        href = link.get_attribute("href")
        assert href and href.startswith("https://")
        after = link.evaluate("(a) => getComputedStyle(a, '::after').content")
        if link.inner_text() == href:  # a bare URL is not printed twice
            assert after == "none"
        else:
            assert after == f'" <{href}>"'


def test_a_guide_prints_to_pdf(printed: Page, artifacts: Path) -> None:
    target = artifacts / "leg-raise.pdf"
    target.unlink(missing_ok=True)
    printed.pdf(path=target, format="A4", print_background=True)
    assert target.read_bytes().startswith(b"%PDF")
