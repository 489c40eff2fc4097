"""What a crawler and a link preview get from the served site: canonical URL,
description, Open Graph and Twitter card tags, sitemap.xml, robots.txt, the 404
page, and no resource from a third-party host. Plain HTTP, except the 404 page's
looks, which are checked in Chromium.
"""

from __future__ import annotations

import html
import re
import shutil
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from tests.browser.pages import GUIDES_DIR, published_guides
from tests.support.site import REPO, Build, run_build

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    text: str


def fetch(url: str) -> Response:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body, status, headers = response.read(), response.status, response.headers
    except urllib.error.HTTPError as error:
        body, status, headers = error.read(), error.code, error.headers
    return Response(status, headers.get("Content-Type", ""), body.decode("utf-8"))


@pytest.fixture(scope="module")
def public_url(site_url: str) -> str:
    """The site's published address (site_url), as the landing page's canonical link says."""
    home = BeautifulSoup(fetch(site_url).text, "html.parser")
    return home.select_one('link[rel="canonical"]')["href"]


@pytest.fixture(scope="module")
def sitemap(site_url: str) -> list[str]:
    response = fetch(site_url + "sitemap.xml")
    assert response.status == 200
    root = ET.fromstring(response.text)
    return [loc.text or "" for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


@pytest.fixture(scope="module")
def pages(sitemap: list[str], public_url: str, site_url: str) -> dict[str, BeautifulSoup]:
    """Every page the sitemap lists, by its path from the site's root, as served."""
    served = {}
    for loc in sitemap:
        path = loc.removeprefix(public_url)
        response = fetch(site_url + path)
        assert response.status == 200, loc
        served[path] = BeautifulSoup(response.text, "html.parser")
    return served


def _meta(page: BeautifulSoup, key: str) -> str | None:
    tags = page.select(f'meta[property="{key}"], meta[name="{key}"]')
    assert len(tags) <= 1, f"{key} given {len(tags)} times"
    return tags[0]["content"] if tags else None


def test_robots_txt_allows_all_and_names_the_sitemap(site_url: str, public_url: str) -> None:
    response = fetch(site_url + "robots.txt")
    assert response.status == 200
    assert response.content_type.startswith("text/plain")
    lines = response.text.splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert f"Sitemap: {public_url}sitemap.xml" in lines
    assert not [line for line in lines if line.lower().startswith("disallow")]


def test_sitemap_lists_every_published_page(
    sitemap: list[str], public_url: str, shipped_site: Build
) -> None:
    assert len(sitemap) == len(set(sitemap))
    assert all(loc.startswith(public_url) for loc in sitemap)
    built = {
        html_file.relative_to(shipped_site.site).as_posix().removesuffix("index.html")
        for html_file in shipped_site.site.rglob("index.html")
    }
    assert {loc.removeprefix(public_url) for loc in sitemap} == built
    guides = {loc for loc in sitemap if "/exercises/" in loc and not loc.endswith("/exercises/")}
    assert guides == {f"{public_url}exercises/{slug}/" for slug in published_guides()}


def test_sitemap_leaves_out_drafts(tmp_path: Path) -> None:
    """The shipped configuration and theme, with one more guide that is a draft."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("content", "references", "theme"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    draft = (GUIDES_DIR / "crunch.md").read_text(encoding="utf-8")
    draft = re.sub(r"^title: .*$", "title: Side plank\ndraft: true", draft, count=1, flags=re.M)
    (project / "content" / "exercises" / "side-plank.md").write_text(draft, encoding="utf-8")
    build = run_build(project, site=tmp_path / "site")
    assert build.returncode == 0, build.output
    sitemap = build.page("sitemap.xml")
    assert "exercises/crunch/" in sitemap
    assert "side-plank" not in sitemap
    assert not (build.site / "exercises" / "side-plank").exists()
    assert "Sitemap: https://" in build.page("robots.txt")


def test_every_page_has_a_canonical_url_and_a_description(
    pages: dict[str, BeautifulSoup], public_url: str
) -> None:
    titles = set()
    for path, page in pages.items():
        canonical = page.select('link[rel="canonical"]')
        assert [link["href"] for link in canonical] == [public_url + path], path
        description = _meta(page, "description")
        assert description and len(description) <= 200, path
        assert page.html["lang"] == "en"
        assert _meta(page, "viewport") == "width=device-width,initial-scale=1"
        titles.add(page.title.get_text(strip=True))
    assert len(titles) == len(pages), "every page has a title of its own"


def test_every_page_has_open_graph_and_twitter_card_tags(
    pages: dict[str, BeautifulSoup], public_url: str
) -> None:
    for path, page in pages.items():
        is_guide = bool(page.select('script[type="application/ld+json"]'))
        assert _meta(page, "og:type") == ("article" if is_guide else "website"), path
        assert _meta(page, "og:site_name") == "Evidence Guides"
        assert _meta(page, "og:url") == public_url + path
        assert _meta(page, "og:description") == _meta(page, "description"), path
        title = _meta(page, "og:title")
        assert title and title in page.title.get_text(), path
        # A guide with a lead image shares it, in a large card.
        image = _meta(page, "og:image")
        assert bool(image) == is_guide, path
        assert _meta(page, "twitter:card") == ("summary_large_image" if image else "summary")
        if image:
            assert image.startswith(public_url) and _meta(page, "og:image:alt"), path


def test_guides_describe_themselves_from_their_front_matter(
    pages: dict[str, BeautifulSoup],
) -> None:
    for slug, meta in published_guides().items():
        page = pages[f"exercises/{slug}/"]
        description = " ".join(meta["description"].split())
        assert _meta(page, "description") == description
        assert _meta(page, "og:title") == meta["title"]
        assert page.title.get_text(strip=True) == f"{meta['title']} - Evidence Guides"
        modified = _meta(page, "article:modified_time")
        assert modified == meta["last_reviewed"].isoformat()


def test_the_landing_page_is_titled_once(pages: dict[str, BeautifulSoup]) -> None:
    assert pages[""].title.get_text(strip=True) == "Evidence Guides"


def test_no_page_loads_anything_from_another_host(
    pages: dict[str, BeautifulSoup], shipped_site: Build
) -> None:
    """Fonts are the system's; scripts, styles and images come from the site itself."""
    for path, page in pages.items():
        sources = [tag.get("src") for tag in page.select("script[src], img[src], iframe, source")]
        sources += [
            link["href"]
            for link in page.select("link[href]")
            if not {"canonical", "alternate"} & set(link.get("rel", []))
        ]
        remote = [source for source in sources if re.match(r"^(https?:)?//", source or "")]
        assert remote == [], path
    for asset in [*shipped_site.site.rglob("*.html"), *shipped_site.site.rglob("*.css")]:
        text = asset.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, asset


def test_an_unknown_address_gets_the_404_page(site_url: str) -> None:
    response = fetch(site_url + "exercises/no-such-guide/")
    assert response.status == 404
    page = BeautifulSoup(response.text, "html.parser")
    assert page.h1.get_text(strip=True) == "Page not found"
    assert page.title.get_text(strip=True) == "Page not found - Evidence Guides"
    assert _meta(page, "robots") == "noindex"
    home = page.select_one("article a.md-button")
    assert home["href"] == "/" and "home page" in home.get_text()
    stylesheets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert "/assets/stylesheets/guides.css" in stylesheets


@pytest.mark.browser
def test_the_404_page_is_styled_and_leads_home(new_page, site_url: str) -> None:
    page = new_page(390)
    response = page.goto(site_url + "no/such/page/")
    assert response is not None and response.status == 404
    expect(page.locator("article h1")).to_have_text("Page not found")
    # The site's own look: Material's header colour and the guides' button.
    header = page.locator("header.md-header")
    assert header.evaluate("(e) => getComputedStyle(e).backgroundColor") == "rgb(64, 81, 181)"
    button = page.get_by_role("link", name="Go to the home page")
    assert button.evaluate("(e) => getComputedStyle(e).display") == "inline-block"
    button.click()
    expect(page).to_have_url(site_url)
    expect(page.locator(".guide-card").first).to_be_visible()


def test_descriptions_are_escaped_once(pages: dict[str, BeautifulSoup]) -> None:
    """A quote or an ampersand in a description reaches readers as written."""
    for path, page in pages.items():
        description = _meta(page, "description") or ""
        assert html.unescape(description) == description, path
