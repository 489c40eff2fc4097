"""A site built again: the search index put back from ``.cache/search/`` when no guide changed.

The index put back is the cache's own files (hard links, the project and its
site on one filesystem), so its files are those an earlier build wrote: their
inode is the earlier site's, their time before this build started.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from tests.integration.conftest import Build, ProjectFactory, run_build
from tests.support.guides import guide_source
from tests.support.pagefind import indexed_pages

ENTRY = "pagefind/pagefind-entry.json"


def _kept_entry(project: Path) -> Path:
    (kept,) = (project / ".cache" / "search").glob("index-*")
    return kept / ENTRY


def _put_back(site: Path, project: Path, started: float) -> bool:
    """Whether the site's index is the kept one, written before the build ``started``."""
    entry = (site / ENTRY).stat()
    return entry.st_ino == _kept_entry(project).stat().st_ino and entry.st_mtime < started


def _built(project: Path, site: Path | None = None) -> tuple[Build, bool]:
    """A build of ``project`` that must succeed, and whether it put the kept index back."""
    started = time.time()
    build = run_build(project, site=site)
    assert build.returncode == 0, build.output
    return build, _put_back(build.site, project, started)


def test_an_unchanged_site_reuses_its_index_and_a_changed_guide_is_indexed_again(
    make_project: ProjectFactory,
) -> None:
    project = make_project({"content/exercises/side-plank.md": guide_source("Side plank")})
    first, put_back = _built(project)
    assert not put_back
    second, put_back = _built(project, site=project / "again")
    assert put_back
    assert (second.site / ENTRY).stat().st_ino == (first.site / ENTRY).stat().st_ino
    pages = indexed_pages(second.site)
    assert set(pages) == {"/exercises/plank/", "/exercises/side-plank/"}
    assert pages == indexed_pages(first.site)
    assert len(list((second.site / "pagefind" / "fragment").iterdir())) == 2

    guide = project / "content/exercises/side-plank.md"
    guide.write_text(guide_source("Side plank", body="A zephyrine tempo suits it."), "utf-8")
    third, put_back = _built(project)
    assert not put_back
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


def test_after_an_edit_the_changed_guide_is_written_first_and_the_index_is_a_fresh_ones(
    make_project: ProjectFactory,
) -> None:
    """Pagefind gets the unchanged guides' kept pages at once and waits only for the edited
    one, which MkDocs writes before the others; what search holds is what a first build's
    index would, and the site is the same site."""
    names = ("Side plank", "Dead bug", "Bird dog")
    project = make_project(
        {f"content/exercises/{n.lower().replace(' ', '-')}.md": guide_source(n) for n in names}
    )
    _built(project)
    guide = project / "content/exercises/dead-bug.md"
    guide.write_text(guide_source("Dead bug", body="A zephyrine tempo suits it."), "utf-8")
    edited, put_back = _built(project)
    assert not put_back
    written = {
        page.parent.name: page.stat().st_mtime_ns
        for page in (edited.site / "exercises").glob("*/index.html")
    }
    assert min(written, key=written.__getitem__) == "dead-bug"
    pages = indexed_pages(edited.site)
    assert "zephyrine" in pages["/exercises/dead-bug/"]["content"]
    assert "Body text" not in pages["/exercises/dead-bug/"]["content"]

    shutil.rmtree(project / ".cache")
    cold, _ = _built(project, site=project / "cold")
    assert indexed_pages(cold.site) == pages
    for name in ("sitemap.xml", "exercises/plank/index.html", "exercises/dead-bug/index.html"):
        assert (cold.site / name).read_bytes() == (edited.site / name).read_bytes(), name
