"""A library of a few hundred guides, as a reader meets it: search, filters, listing pages.

The site is generated (``benchmarks/corpus.py``: 300 synthetic guides, every
front-matter section, a dozen citations each) and built with ``mkdocs build
--strict``, then served on 127.0.0.1 like the shipped site. One guide's FAQ
answer gets a word no other text of the site has. Every test's requests stay on
127.0.0.1 (the ``new_page`` fixture fails a test otherwise).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from benchmarks.corpus import generate, slug
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from tests.browser import tools
from tests.browser.conftest import choose_filter, open_search, require
from tests.browser.server import serve
from tests.browser.test_accessibility import axe_violations
from tests.support.pagefind import indexed_pages, shard_folders, shard_pages
from tests.support.site import Build, run_build

pytestmark = pytest.mark.browser

GUIDES = 300
FAQ_ONLY = "zephyrine"  # in one guide's FAQ answer, nowhere else
FAQ_GUIDE = 7
TITLE_GUIDE = 42


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Build:
    corpus = generate(tmp_path_factory.mktemp("library"), guides=GUIDES, references=1_500)
    guide = corpus.guide(FAQ_GUIDE)
    text = guide.read_text("utf-8")
    faq = text.index("    a: >-\n      ", text.index("\nfaq:\n")) + len("    a: >-\n      ")
    guide.write_text(f"{text[:faq]}A {FAQ_ONLY} tempo suits it. {text[faq:]}", "utf-8")
    build = run_build(corpus.folder)
    assert build.returncode == 0, build.output[-3000:]
    return build


@pytest.fixture(scope="module")
def library_url(library: Build) -> Iterator[str]:
    with serve(library.site) as url:
        yield url


def _search(page: Page, query: str) -> None:
    open_search(page)
    page.keyboard.type(query, delay=10)
    page.locator(".guide-search__results a").first.wait_for()


def _status(page: Page) -> str:
    return page.locator("#guide-search-status").inner_text()


def test_a_title_word_finds_the_guide_and_its_link_opens_it(new_page, library_url: str) -> None:
    page = new_page(390)
    page.goto(library_url)
    _search(page, f"{TITLE_GUIDE:05d}")
    first = page.locator(".guide-search__results a").first
    expect(first.locator(".guide-search__title")).to_contain_text(f"drill {TITLE_GUIDE:05d}:")
    expect(first.locator(".guide-level")).to_have_text(re.compile("Beginner|Intermediate|Advanced"))
    expect(first.locator("mark").first).to_be_visible()
    first.click()
    expect(page).to_have_url(re.compile(rf"/exercises/{slug(TITLE_GUIDE)}/$"))
    expect(page.locator("article h1")).to_contain_text(f"Synthetic drill {TITLE_GUIDE:05d}")


def test_a_word_only_in_an_faq_answer_finds_its_guide(new_page, library_url: str) -> None:
    page = new_page(1280)
    page.goto(library_url + f"exercises/{slug(3)}/")
    _search(page, FAQ_ONLY)
    expect(page.locator("#guide-search-status")).to_have_text("1 guide found")
    result = page.locator(".guide-search__results a")
    expect(result).to_have_count(1)
    assert result.get_attribute("href").endswith(f"/exercises/{slug(FAQ_GUIDE)}/")
    expect(result.locator("mark")).to_have_text(FAQ_ONLY)


def test_a_muscle_filter_narrows_the_results(new_page, library_url: str, library: Build) -> None:
    pages = indexed_pages(library.site)
    assert len(pages) == GUIDES  # guides only: no listing page, no draft
    with_hamstrings = [p for p in pages.values() if "Hamstrings" in p["filters"]["muscle"]]
    assert 0 < len(with_hamstrings) < GUIDES
    page = new_page(1280)
    page.goto(library_url)
    _search(page, "synthetic")
    expect(page.locator("#guide-search-status")).to_have_text(f"{GUIDES} guides found")
    expect(page.locator(".guide-search__results a")).to_have_count(10)  # ten at a time
    choose_filter(page, "muscle", "Hamstrings")
    expect(page.locator("#guide-search-status")).to_have_text(
        f"{len(with_hamstrings)} guides found"
    )
    urls = {p["url"] for p in with_hamstrings}
    for href in page.locator(".guide-search__results a").evaluate_all(
        "(links) => links.map((link) => link.getAttribute('href'))"
    ):
        assert href in urls


def _crawl(page: Page, url: str) -> tuple[list[str], list[str]]:
    """The guides a listing links to, page after page by its rel=next link; and its pages."""
    guides: list[str] = []
    seen = []
    while url:
        page.goto(url)
        seen.append(url)
        count = page.locator(".listing-pages__count")
        total = len(seen)
        if count.count():
            assert count.inner_text() == f"Page {total} of {count.inner_text().split()[-1]}"
        links = page.locator(".guide-card__title a").evaluate_all(
            "(links) => links.map((link) => link.href)"
        )
        assert len(links) <= 50
        guides += links
        following = page.locator("head link[rel=next]")
        url = urljoin(url, following.get_attribute("href")) if following.count() else ""
        in_page = page.locator(".listing-pages a[rel=next]")
        assert in_page.count() == following.count()
    return guides, seen


def test_listing_pages_link_every_guide_exactly_once(browser, library_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    everything = {f"{library_url}exercises/{slug(n)}/" for n in range(GUIDES)}
    page.goto(library_url)
    page.get_by_role("link", name=f"All {GUIDES} guides, A to Z").click()
    listed, pages = _crawl(page, page.url)
    assert len(listed) == GUIDES and set(listed) == everything
    assert len(pages) == GUIDES // 50
    by_level: list[str] = []
    page.goto(library_url)
    levels = page.locator(".guide-catalogue .guide-browse").first.locator("a")
    for href in levels.evaluate_all("(links) => links.map((link) => link.href)"):
        by_level += _crawl(page, href)[0]
    assert len(by_level) == GUIDES and set(by_level) == everything
    page.goto(library_url + "browse/muscles/")
    muscles = page.locator(".guide-browse a").evaluate_all("(ls) => ls.map((l) => l.href)")
    assert len(muscles) == 15
    hamstrings = _crawl(page, next(url for url in muscles if url.endswith("/hamstrings/")))[0]
    assert len(hamstrings) == len(set(hamstrings)) and set(hamstrings) < everything
    context.close()


def test_the_references_pages_show_every_cited_source_once_without_javascript(
    browser, library_url: str, library: Build
) -> None:
    cited: set[str] = set()  # what the guides' own reference lists cite
    for guide in (library.site / "exercises").glob("*/index.html"):
        items = BeautifulSoup(guide.read_text("utf-8"), "html.parser").select("li[id^=ref-]")
        cited |= {item["id"].removeprefix("ref-") for item in items}
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(library_url + "references/")
    shown: list[str] = []
    pages = -(-len(cited) // 50)
    for number in range(1, pages + 1):
        expect(page.locator(".listing-pages__count")).to_have_text(f"Page {number} of {pages}")
        shown += page.locator("ol.source-index > li").evaluate_all(
            "(items) => items.map((i) => i.id)"
        )
        assert page.locator("*").count() <= 1_500
        following = page.locator(".listing-pages a[rel=next]")
        if number < pages:
            following.click()  # a link: no script needed
            expect(page).to_have_url(f"{library_url}references/{number + 1}/")
        else:
            expect(following).to_have_count(0)
    assert len(shown) == len(set(shown)) == len(cited)
    assert {item.removeprefix("source-") for item in shown} == cited
    context.close()


@pytest.fixture(scope="module")
def _axe() -> None:
    require(tools.missing_axe())


@pytest.mark.usefixtures("_axe")
@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_kind_and_open_results_have_no_axe_violation(
    new_page, library_url: str, library: Build, width: int
) -> None:
    page = new_page(width)
    violations = []
    kinds = (
        "",
        "browse/",
        "browse/2/",
        "browse/level/advanced/",
        "browse/muscle/hamstrings/",
        "browse/muscles/",
        f"exercises/{slug(FAQ_GUIDE)}/",
        "references/",
        "references/2/",
        "no-such-page/",
    )
    for path in kinds:
        page.goto(library_url + path)
        violations += axe_violations(page)
    page.goto(library_url + "browse/2/")
    _search(page, "synthetic")
    choose_filter(page, "level", "Advanced")
    pages = indexed_pages(library.site).values()
    advanced = len([p for p in pages if p["filters"]["level"] == ["Advanced"]])
    expect(page.locator("#guide-search-status")).to_have_text(f"{advanced} guides found")
    page.locator("[data-guide-search-more]").click()
    expect(page.locator(".guide-search__results a")).to_have_count(20)
    violations += axe_violations(page)
    assert violations == []


def test_the_search_fetches_nothing_before_it_is_opened(
    new_page, library_url: str, requested: list[str]
) -> None:
    page = new_page(390)
    page.goto(library_url + f"exercises/{slug(1)}/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "/pagefind/" in url]
    _search(page, "synthetic")
    assert any(url.endswith("/pagefind/pagefind.js") for url in requested)


def test_the_site_holds_pagefinds_index_not_materials(library: Build) -> None:
    assert (library.site / "pagefind" / "pagefind.js").is_file()
    assert not (library.site / "search").exists()


def test_the_index_is_in_four_shards_and_search_merges_them(library: Build) -> None:
    """Every guide in one shard (``indexed_pages`` fails on a guide in two), each shard
    holding about a quarter; every page's search box names the other three for the
    script to merge (the search for "synthetic" finding all of them shows it does)."""
    folders = shard_folders(library.site)
    names = ["pagefind", "pagefind-2", "pagefind-3", "pagefind-4"]
    assert [folder.name for folder in folders] == names
    assert len(indexed_pages(library.site)) == GUIDES
    assert all(GUIDES / 8 < len(shard_pages(folder)) < GUIDES / 2 for folder in folders)
    for html in ("index.html", f"exercises/{slug(5)}/index.html", "404.html"):
        box = BeautifulSoup((library.site / html).read_text("utf-8"), "html.parser")
        search = box.select_one("[data-guide-search]")
        assert search is not None, html
        first = search["data-pagefind-path"]
        assert first.endswith("pagefind/"), html
        others = [first.replace("pagefind/", f"{name}/") for name in names[1:]]
        assert search["data-pagefind-merge"].split() == others, html


def test_the_library_built_again_unchanged_searches_with_the_index_put_back(
    new_page, library: Build
) -> None:
    """The second build takes the kept index (the cache's own files) and search still finds."""
    again = run_build(library.project, site=library.project / "site-again")
    assert again.returncode == 0, again.output[-3000:]
    kept = sorted((library.project / ".cache" / "search").glob("shard-*-of-4/index-*"))
    assert len(kept) == 4
    kept_entries = {(k / "pagefind" / "pagefind-entry.json").stat().st_ino for k in kept}
    for folder in ("pagefind", "pagefind-2", "pagefind-3", "pagefind-4"):  # all put back
        entry = f"{folder}/pagefind-entry.json"
        assert (again.site / entry).stat().st_ino in kept_entries
        assert (again.site / entry).stat().st_ino == (library.site / entry).stat().st_ino
    assert indexed_pages(again.site) == indexed_pages(library.site)
    with serve(again.site) as url:
        page = new_page(390)
        page.goto(url)
        _search(page, f"{TITLE_GUIDE:05d}")
        first = page.locator(".guide-search__results a").first
        expect(first.locator(".guide-search__title")).to_contain_text(f"drill {TITLE_GUIDE:05d}:")
