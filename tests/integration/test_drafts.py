"""Drafts: absent from everything ``mkdocs build`` publishes (serving them: test_serve.py)."""

from __future__ import annotations

from tests.support.pagefind import indexed_pages

from .conftest import MINIMAL_GUIDE, ProjectFactory, run_build

DRAFT = MINIMAL_GUIDE.replace("title: Plank", "title: Side plank\ndraft: true")


def test_draft_is_absent_from_the_published_site(make_project: ProjectFactory) -> None:
    project = make_project({"content/exercises/side-plank.md": DRAFT})
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert not (build.site / "exercises" / "side-plank").exists()
    assert (build.site / "exercises" / "plank" / "index.html").exists()
    assert set(indexed_pages(build.site)) == {"/exercises/plank/"}
    sitemap = (build.site / "sitemap.xml").read_text()
    assert "side-plank" not in sitemap and "exercises/plank/" in sitemap
    for page in build.site.rglob("*.html"):
        assert "side-plank" not in page.read_text(), page
