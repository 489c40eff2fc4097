"""A site built again: the search index put back from ``.cache/search/`` when no guide changed.

The index put back is the cache's own files (hard links, the project and its
site on one filesystem); an index Pagefind wrote is a copy of what is kept. So
a file's inode tells which of the two a build did.
"""

from __future__ import annotations

from pathlib import Path

from tests.integration.conftest import ProjectFactory, run_build
from tests.support.guides import guide_source
from tests.support.pagefind import indexed_pages

ENTRY = "pagefind/pagefind-entry.json"


def _kept_entry(project: Path) -> Path:
    (kept,) = (project / ".cache" / "search").glob("index-*")
    return kept / ENTRY


def _put_back(site: Path, project: Path) -> bool:
    return (site / ENTRY).stat().st_ino == _kept_entry(project).stat().st_ino


def test_an_unchanged_site_reuses_its_index_and_a_changed_guide_is_indexed_again(
    make_project: ProjectFactory,
) -> None:
    project = make_project({"content/exercises/side-plank.md": guide_source("Side plank")})
    first = run_build(project)
    assert first.returncode == 0, first.output
    assert not _put_back(first.site, project)

    second = run_build(project, site=project / "again")
    assert second.returncode == 0, second.output
    assert _put_back(second.site, project)
    pages = indexed_pages(second.site)
    assert set(pages) == {"/exercises/plank/", "/exercises/side-plank/"}
    assert pages == indexed_pages(first.site)
    assert len(list((second.site / "pagefind" / "fragment").iterdir())) == 2

    guide = project / "content/exercises/side-plank.md"
    guide.write_text(guide_source("Side plank", body="A zephyrine tempo suits it."), "utf-8")
    third = run_build(project)
    assert third.returncode == 0, third.output
    assert not _put_back(third.site, project)
    assert "zephyrine" in indexed_pages(third.site)["/exercises/side-plank/"]["content"]
    assert "zephyrine" not in indexed_pages(third.site)["/exercises/plank/"]["content"]


def test_a_site_with_search_off_keeps_no_index(make_project: ProjectFactory) -> None:
    config = "plugins:\n  - evidence:\n      search: false\n"
    project = make_project()
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text().replace("plugins:\n  - evidence\n", config)
    )
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert not (build.site / "pagefind").exists()
    assert not (project / ".cache" / "search").exists()
