"""The catalogue's listing pages in a real MkDocs build: generated, in the sitemap, linked."""

from __future__ import annotations

from bs4 import BeautifulSoup

from .conftest import MINIMAL_GUIDE, ProjectFactory, run_build

SIDE = MINIMAL_GUIDE.replace("title: Plank", "title: Side plank").replace(
    "level: beginner", "level: advanced"
)


def test_listing_pages_are_built_into_the_site_and_its_sitemap(
    make_project: ProjectFactory,
) -> None:
    project = make_project({"content/exercises/side-plank.md": SIDE})
    build = run_build(project)
    assert build.returncode == 0, build.output
    sitemap = build.page("sitemap.xml")
    for url in ("browse/", "browse/level/beginner/", "browse/level/advanced/", "browse/muscles/"):
        assert f"<loc>https://guides.test/{url}</loc>" in sitemap, url
        page = BeautifulSoup(build.page(url + "index.html"), "html.parser")
        assert page.select_one('link[rel="canonical"]')["href"] == f"https://guides.test/{url}"
    everything = BeautifulSoup(build.page("browse/index.html"), "html.parser")
    assert everything.select_one("h1").get_text() == "Guides A to Z"
    links = [a["href"] for a in everything.select(".guide-card__title a")]
    assert links == ["../exercises/plank/", "../exercises/side-plank/"]
    muscle = BeautifulSoup(build.page("browse/muscles/index.html"), "html.parser")
    assert [a.get_text() for a in muscle.select(".guide-browse a")] == ["Rectus abdominis"]


def test_a_page_where_a_listing_page_goes_is_a_one_line_error(
    make_project: ProjectFactory,
) -> None:
    project = make_project({"content/browse/index.md": "# Mine\n"})
    build = run_build(project)
    assert build.returncode != 0
    assert "content/browse/index.md: the guides' listing pages are generated into 'browse/'" in (
        build.output
    )
    assert "Traceback" not in build.output
