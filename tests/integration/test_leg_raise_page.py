"""The shipped flagship guide, as a reader and a search engine see it."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from tests.browser.pages import published_guides
from tests.support.pagefind import indexed_pages

from .conftest import REPO, Build

# The verified bibliographic facts (../shared/briefs/references.md), restated
# here so the suite does not depend on files outside the repository.
VERIFIED = {
    "ainsworth2011": ("21681120", "10.1249/MSS.0b013e31821ece12"),
    "garber2011": ("21694556", "10.1249/MSS.0b013e318213fefb"),
    "schoenfeld2015": ("25853914", "10.1519/JSC.0000000000000958"),
    "schoenfeld2017": ("27433992", "10.1080/02640414.2016.1210197"),
    "westcott2012": ("22777332", "10.1249/JSR.0b013e31825dabb8"),
    "piercy2018": ("30418471", "10.1001/jama.2018.14854"),
    "hhs2018": (None, None),
}
GUIDE_SOURCE = REPO / "content" / "exercises" / "leg-raise.md"


@pytest.fixture(scope="module")
def page(shipped_site: Build) -> BeautifulSoup:
    return BeautifulSoup(shipped_site.page("exercises/leg-raise/index.html"), "html.parser")


@pytest.fixture(scope="module")
def front_matter() -> dict:
    text = GUIDE_SOURCE.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


@pytest.fixture(scope="module")
def structured_data(page: BeautifulSoup) -> dict[str, dict]:
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    graph = json.loads(scripts[0].string)["@graph"]
    return {node["@type"]: node for node in graph}


def _text(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def _visible_answer(answer: Tag) -> str:
    answer = BeautifulSoup(str(answer), "html.parser")
    for sup in answer.select("sup.citations"):
        sup.decompose()
    return re.sub(r"\s+([.,;:!?])", r"\1", _text(answer))


def test_faq_structured_data_matches_the_visible_faq(
    page: BeautifulSoup, structured_data: dict[str, dict], front_matter: dict
) -> None:
    questions = structured_data["FAQPage"]["mainEntity"]
    visible = page.select("section.faq details")
    assert len(questions) == len(visible) == len(front_matter["faq"]) == 3
    for question, item, details in zip(questions, front_matter["faq"], visible, strict=True):
        assert question["@type"] == "Question"
        assert question["name"] == item["q"] == _text(details.summary)
        answer = question["acceptedAnswer"]["text"]
        assert answer == _visible_answer(details.select_one(".faq__answer"))
        assert answer.startswith(item["a"].split()[0])


def test_article_structured_data(structured_data: dict[str, dict], front_matter: dict) -> None:
    article = structured_data["MedicalWebPage"]
    assert article["headline"] == front_matter["title"]
    assert article["description"] == front_matter["description"]
    assert article["dateModified"] == front_matter["last_reviewed"].isoformat()
    assert article["publisher"]["name"] == "Evidence Guides"
    identifiers = {
        work["name"]: {i["propertyID"]: i["value"] for i in work.get("identifier", [])}
        for work in article["citation"]
    }
    pmids = {ids["PMID"] for ids in identifiers.values() if "PMID" in ids}
    assert pmids == {pmid for pmid, _ in VERIFIED.values() if pmid}
    dois = {ids["DOI"] for ids in identifiers.values() if "DOI" in ids}
    assert dois == {doi for _, doi in VERIFIED.values() if doi}
    # A journal article is a ScholarlyArticle, or a MedicalScholarlyArticle (a subtype)
    # when its study design is known.
    assert all(
        work["@type"] in ("ScholarlyArticle", "MedicalScholarlyArticle")
        for work in article["citation"]
        if work.get("identifier")
    )


def test_disclaimer_appears_exactly_once(page: BeautifulSoup) -> None:
    assert len(page.select("aside.disclaimer")) == 1
    assert "not medical advice" in _text(page.select_one("aside.disclaimer"))


def test_references_are_the_verified_ones_with_links(page: BeautifulSoup) -> None:
    items = page.select("ol.references > li")
    assert {item["id"].removeprefix("ref-") for item in items} == set(VERIFIED)
    for item in items:
        pmid, doi = VERIFIED[item["id"].removeprefix("ref-")]
        links = {a["href"] for a in item.select("a")}
        if pmid:
            assert f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" in links
            assert f"https://doi.org/{doi}" in links
        else:
            assert any(link.startswith("https://") for link in links)


def test_every_citation_links_to_a_reference(page: BeautifulSoup) -> None:
    citations = page.select("a.citation")
    assert len(citations) >= len(VERIFIED)
    for citation in citations:
        target = citation["href"]
        assert target.startswith("#ref-")
        assert page.find(id=target[1:]) is not None, target
        assert citation.get("title"), "hovering a citation shows the reference"


def test_numbers_follow_first_citation_order(page: BeautifulSoup) -> None:
    article = page.select_one("article")
    first_seen: list[str] = []
    for citation in article.select("a.citation"):
        key = citation["href"].removeprefix("#ref-")
        if key not in first_seen:
            first_seen.append(key)
            assert citation.get_text() == str(len(first_seen))
    ordered = [item["id"].removeprefix("ref-") for item in page.select("ol.references > li")]
    assert ordered == first_seen
    assert first_seen[0] == "ainsworth2011"  # the MET value in the summary box comes first


def test_nothing_vague_or_unresolved_reaches_readers(shipped_site: Build) -> None:
    html = shipped_site.page("exercises/leg-raise/index.html")
    assert "(n.d.)" not in html
    assert "citation-missing" not in html
    assert "[@" not in html
    assert "WARNING" not in shipped_site.output


def test_sections_follow_the_front_matter(page: BeautifulSoup, front_matter: dict) -> None:
    levels = [span.get_text() for span in page.select(".guide-variations .guide-level")]
    order = ["Beginner", "Intermediate", "Advanced"]
    assert levels == sorted(levels, key=order.index)
    assert len(levels) == len(front_matter["variations"])
    muscles = [_text(name) for name in page.select(".guide-muscles .guide-muscle__name strong")]
    assert sorted(muscles) == sorted(m["name"] for m in front_matter["muscles"])
    fixes = page.select(".guide-mistakes__fix")
    assert len(fixes) == len(front_matter["mistakes"])
    toc = [a.get_text(strip=True) for a in page.select(".md-nav--secondary a")]
    for heading in ("Muscles worked", "Variations", "Frequently asked questions", "References"):
        assert heading in toc


def test_a_link_in_a_variation_reaches_the_linked_guide(page: BeautifulSoup) -> None:
    links = {a.get_text(): a["href"] for a in page.select(".guide-variations a")}
    assert links["flutter kick guide"] == "../flutter-kick/"


def test_schema_is_published(shipped_site: Build) -> None:
    schema = json.loads((shipped_site.site / "schema" / "guide.schema.json").read_text())
    assert "muscles" in schema["required"]


def test_the_catalogue_lists_every_published_guide(shipped_site: Build) -> None:
    published = {f"exercises/{slug}/" for slug in published_guides()}
    index = BeautifulSoup(shipped_site.page("index.html"), "html.parser")
    selected = {card.select_one("a")["href"] for card in index.select("li.guide-card")}
    assert selected and selected <= published
    listed: list[str] = []
    numbered = (
        p.relative_to(shipped_site.site).as_posix()
        for p in shipped_site.site.glob("browse/[0-9]*/index.html")
    )
    pages = ["browse/index.html", *sorted(numbered, key=lambda path: int(path.split("/")[1]))]
    for path in pages:  # every page of the A to Z listing; links are relative to each
        page = BeautifulSoup(shipped_site.page(path), "html.parser")
        up = "../" * (path.count("/"))
        hrefs = [card.select_one("a")["href"] for card in page.select("li.guide-card")]
        assert all(href.startswith(up) for href in hrefs)
        listed += [href.removeprefix(up) for href in hrefs]
    assert sorted(listed) == sorted(published)
    levels = {link.get_text() for link in index.select(".guide-catalogue .guide-browse a")}
    assert {"Beginner", "Every muscle"} <= levels


def test_references_page_lists_each_source_once_with_its_guides(shipped_site: Build) -> None:
    """What each published guide's reference list holds, gathered: every source once,
    with the guides that cite it (computed from content/, so a new guide changes both)."""
    citing: dict[str, set[str]] = {}
    for slug, meta in published_guides().items():
        guide = BeautifulSoup(shipped_site.page(f"exercises/{slug}/index.html"), "html.parser")
        for item in guide.select("ol.references > li"):
            citing.setdefault(item["id"].removeprefix("ref-"), set()).add(meta["title"])
    page = BeautifulSoup(shipped_site.page("references/index.html"), "html.parser")
    items = page.select("ol.source-index > li")
    keys = [item["id"].removeprefix("source-") for item in items]
    assert len(keys) == len(set(keys))
    listed = {
        key: {a.get_text() for a in item.select(".source-index__guides a")}
        for key, item in zip(keys, items, strict=True)
    }
    assert listed == citing
    assert "Leg raise" in listed["garber2011"]  # the flagship guide cites it: not vacuous


def test_search_indexes_the_guide_not_its_citations_references_or_disclaimer(
    shipped_site: Build,
) -> None:
    pages = indexed_pages(shipped_site.site)
    assert set(pages) == {f"/exercises/{slug}/" for slug in published_guides()}
    guide = pages["/exercises/leg-raise/"]
    text = guide["content"]
    # "work [@ainsworth2011]:" and "benefits [@westcott2012]." read as prose, no numbers
    assert "light-to-moderate work:" in text and "health benefits." in text
    assert "\ue000" not in text and "\ue002" not in text
    assert "PubMed" not in text  # nor the reference list
    assert "Medical disclaimer" not in text and "Related guides" not in text
    assert "Last reviewed" not in text
    # The description, the muscles' notes, the variations, the mistakes and the FAQ are in.
    assert "How to do a lying leg raise" in text
    assert "Forcing the legs straight with tight hamstrings." in text
    assert "Do leg raises work the lower abs?" in text and "anti-extension" in text
    # Pagefind adds the lead figure as the result's image; nothing else is kept with it.
    assert {k: v for k, v in guide["meta"].items() if not k.startswith("image")} == {
        "title": "Leg raise",
        "level": "Beginner",
    }
    assert guide["filters"]["level"] == ["Beginner"]
    # The groups it trains (primary, secondary); the abdominals only steady it.
    assert guide["filters"]["muscle"] == ["Hip flexors"]
    assert guide["filters"]["equipment"][0] == "Firm exercise mat"
