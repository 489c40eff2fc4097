"""The references page in pages, in a real MkDocs build of a generated library.

A generated library (``benchmarks/corpus.py``: synthetic guides, a synthetic
store, a few sources cited by most guides) with a references page of its own
text is built with ``mkdocs build --strict``. What the guides cite is read from
the guides' own reference lists as built, so the expectations come from the
site, not from this test.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest
from benchmarks.corpus import generate
from bs4 import BeautifulSoup

from evidence_guides.build.source_pages import CITING_SHOWN, PAGE_SIZE
from tests.support.site import Build, run_build

GUIDES = 120
BUDGET = 1_500  # DOM elements on any page of a 5,000-guide library (README: A reader on a phone)
REFERENCES_PAGE = """\
---
title: Sources cited
description: What the guides cite.
template: references.html
---

# Sources cited

Our own words about the sources, <span id="own-text">kept on the first page</span>.
"""
SITE = "https://guides.test/"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Build:
    corpus = generate(tmp_path_factory.mktemp("sources"), guides=GUIDES, references=700)
    (corpus.folder / "content" / "references.md").write_text(REFERENCES_PAGE, "utf-8")
    config = corpus.folder / "mkdocs.yml"
    config.write_text(f"site_url: {SITE}\n" + config.read_text("utf-8"), "utf-8")
    build = run_build(corpus.folder)
    assert build.returncode == 0, build.output[-3000:]
    return build


def _html(build: Build, url: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(url.removeprefix(SITE) + "index.html"), "html.parser")


def _crawl(build: Build) -> list[tuple[str, BeautifulSoup]]:
    """The references page and every page after it, by the rel=next link in each head."""
    url, pages = f"{SITE}references/", []
    while url:
        page = _html(build, url)
        pages.append((url, page))
        following = page.select_one('head link[rel="next"]')
        url = urljoin(url, following["href"]) if following else ""
        assert len(pages) <= GUIDES * 20, "the pages link in a loop"
    return pages


def _cited_by_guides(build: Build) -> Counter[str]:
    """Each source's key and how many guides cite it, from every guide's reference list."""
    citing: Counter[str] = Counter()
    for guide in (build.site / "exercises").glob("*/index.html"):
        items = BeautifulSoup(guide.read_text("utf-8"), "html.parser").select("li[id^=ref-]")
        citing.update({item["id"].removeprefix("ref-") for item in items})
    return citing


def test_every_cited_source_is_on_exactly_one_page_with_its_guides_counted(
    library: Build,
) -> None:
    citing = _cited_by_guides(library)
    assert len(citing) > 2 * PAGE_SIZE  # the library needs three pages at least
    assert max(citing.values()) > CITING_SHOWN  # and some sources more guides than are named
    shown: list[str] = []
    for _, page in _crawl(library):
        for item in page.select("ol.source-index > li"):
            key = item["id"].removeprefix("source-")
            shown.append(key)
            guides = item.select(".source-index__guides a")
            more = re.search(r"and ([\d,]+) more guides?\.$", item.get_text(" ", strip=True))
            counted = len(guides) + (int(more.group(1).replace(",", "")) if more else 0)
            assert len(guides) <= CITING_SHOWN and counted == citing[key], key
    assert len(shown) == len(set(shown)) and set(shown) == set(citing)


def test_each_page_says_where_it_is_links_its_neighbours_and_stays_within_budget(
    library: Build,
) -> None:
    pages = _crawl(library)
    count = len(pages)
    assert count == -(-len(_cited_by_guides(library)) // PAGE_SIZE)
    sitemap = library.page("sitemap.xml")
    for number, (url, page) in enumerate(pages, start=1):
        assert len(page.find_all(True)) <= BUDGET, url
        assert page.select_one(".listing-pages__count").get_text() == f"Page {number} of {count}"
        assert f"<loc>{url}</loc>" in sitemap
        assert page.select_one('link[rel="canonical"]')["href"] == url
        nav = page.select_one("nav.listing-pages")
        for rel in ("prev", "next"):
            in_head = page.select_one(f'head link[rel="{rel}"]')
            in_page = nav.select_one(f'a[rel="{rel}"]')
            assert (
                (in_head is None)
                == (in_page is None)
                == ((rel == "prev" and number == 1) or (rel == "next" and number == count))
            )
            if in_head is not None:
                assert urljoin(url, in_head["href"]) == urljoin(url, in_page["href"])
        title = page.select_one("article h1").get_text().removesuffix("¶")  # its permalink
        assert title == ("Sources cited" if number == 1 else f"Sources cited, page {number}")
        assert (page.select_one("#own-text") is not None) == (number == 1)
    assert pages[1][0] == f"{SITE}references/2/"
    assert urljoin(pages[1][0], pages[1][1].select_one('head link[rel="prev"]')["href"]) == (
        f"{SITE}references/"
    )


def test_a_page_where_a_later_page_of_the_references_goes_is_a_one_line_error(
    library: Build, tmp_path: Path
) -> None:
    clash = library.project / "content" / "references" / "2" / "index.md"
    clash.parent.mkdir(parents=True)
    clash.write_text("# Mine\n", "utf-8")
    try:
        build = run_build(library.project, site=tmp_path / "site")
    finally:
        clash.unlink()
        clash.parent.rmdir()
    assert build.returncode != 0
    assert (
        "content/references/2/index.md: the references page's later pages are generated"
        " into 'references/'" in build.output
    )
    assert "Traceback" not in build.output
