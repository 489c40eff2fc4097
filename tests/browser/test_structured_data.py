"""Every published guide's JSON-LD, read in Chromium and checked against what the
page shows: FAQPage (each Question's name and acceptedAnswer.text, the answer as
rendered once opened) and MedicalWebPage (headline, dateModified, publisher,
and one citation per listed reference, with the same PMID and DOI).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Locator, Page

from tests.browser.pages import published_guides

pytestmark = pytest.mark.browser

GUIDES = published_guides()


def _text(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _visible_text(element: Locator) -> str:
    """The element's rendered text (innerText) without citation numbers."""
    return _text(
        element.evaluate(
            """(element) => {
                const citations = [...element.querySelectorAll('sup.citations')];
                citations.forEach((sup) => { sup.style.display = 'none'; });
                const text = element.innerText;
                citations.forEach((sup) => { sup.style.display = ''; });
                return text;
            }"""
        )
    )


def _graph(page: Page) -> dict[str, dict[str, Any]]:
    scripts = page.locator('script[type="application/ld+json"]')
    assert scripts.count() == 1
    data = json.loads(scripts.text_content() or "")
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def _meta(page: Page, selector: str) -> str | None:
    return page.locator(selector).get_attribute("content")


@pytest.fixture(params=list(GUIDES))
def guide(request: pytest.FixtureRequest, page: Page, site_url: str) -> tuple[Page, dict]:
    slug = request.param
    page.goto(f"{site_url}exercises/{slug}/")
    return page, GUIDES[slug]


def test_faq_structured_data_says_what_the_page_shows(guide: tuple[Page, dict]) -> None:
    page, meta = guide
    questions = _graph(page)["FAQPage"]["mainEntity"]
    items = page.locator("section.faq details").all()
    assert len(questions) == len(items) == len(meta["faq"]) > 0
    for question, item in zip(questions, items, strict=True):
        assert question["@type"] == "Question"
        assert question["name"] == _text(item.locator("summary").inner_text())
        item.locator("summary").click()
        answer = item.locator(".faq__answer")
        assert answer.is_visible()
        assert question["acceptedAnswer"]["@type"] == "Answer"
        assert question["acceptedAnswer"]["text"] == _visible_text(answer)


def test_article_structured_data_says_what_the_page_shows(guide: tuple[Page, dict]) -> None:
    page, meta = guide
    article = _graph(page)["MedicalWebPage"]
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert article["headline"] == meta["title"] == page.locator("article h1").inner_text()
    assert article["description"] == _meta(page, 'meta[name="description"]')
    assert article["url"] == canonical
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article["dateModified"])
    reviewed = page.locator(".guide-summary time").get_attribute("datetime")
    assert article["dateModified"] == reviewed == meta["last_reviewed"].isoformat()
    publisher = article["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == _meta(page, 'meta[property="og:site_name"]')
    assert canonical and canonical.startswith(publisher["url"])


def test_every_listed_reference_is_a_cited_work_with_its_identifiers(
    guide: tuple[Page, dict],
) -> None:
    page, _ = guide
    works = _graph(page)["MedicalWebPage"]["citation"]
    references = page.locator("ol.references > li").all()
    assert len(works) == len(references) > 0
    for work, reference in zip(works, references, strict=True):
        text = _text(reference.inner_text())
        assert work["name"] and work["name"].rstrip(".") in text
        ids = {i["propertyID"]: i["value"] for i in work.get("identifier", [])}
        pubmed = reference.locator("a.references__pubmed")
        doi = reference.locator("a.references__doi")
        shown = {}
        if pubmed.count():
            shown["PMID"] = pubmed.inner_text().removeprefix("PubMed: ")
        if doi.count():
            shown["DOI"] = doi.inner_text().removeprefix("doi:")
        assert ids == shown, reference.get_attribute("id")
        # A reference that shows its study design is a MedicalScholarlyArticle with
        # PubMed's publication types; the others make no claim of a design.
        shows_design = reference.locator(".references__design").count() == 1
        assert ("publicationType" in work) is shows_design
        if ids:
            expected = "MedicalScholarlyArticle" if shows_design else "ScholarlyArticle"
            assert work["@type"] == expected
            assert all(i["@type"] == "PropertyValue" for i in work["identifier"])
        else:  # a guideline or report without PMID or DOI: its address
            assert work["url"] in [a.get_attribute("href") for a in reference.locator("a").all()]
