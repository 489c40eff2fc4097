"""A site built again: the search index put back from ``.cache/search/`` when no guide changed.

The index is in shards (four by default, each guide in one by its URL: of the
guides here, plank, side plank and dead bug in one, bird dog and glute bridge
in another), each kept and put back on its own. A shard put back is the
cache's own files (hard links, the project and its site on one filesystem), so
its files are those an earlier build wrote: their inode is the earlier site's,
their time before this build started.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from tests.integration.conftest import Build, ProjectFactory, run_build
from tests.support.guides import guide_source
from tests.support.pagefind import indexed_pages, shard_folders

ENTRY = "pagefind/pagefind-entry.json"


def _put_back(site: Path, project: Path, started: float) -> dict[str, bool]:
    """Per shard folder of the site, whether it is a kept index, written before ``started``."""
    kept = {
        (folder / "pagefind" / "pagefind-entry.json").stat().st_ino
        for folder in (project / ".cache" / "search").glob("shard-*/index-*")
    }
    put_back = {}
    for folder in shard_folders(site):
        entry = (folder / "pagefind-entry.json").stat()
        put_back[folder.name] = entry.st_ino in kept and entry.st_mtime < started
    return put_back


def _built(project: Path, site: Path | None = None) -> tuple[Build, dict[str, bool]]:
    """A build of ``project`` that must succeed; per shard, whether it put the kept one back."""
    started = time.time()
    build = run_build(project, site=site)
    assert build.returncode == 0, build.output
    return build, _put_back(build.site, project, started)


def test_an_unchanged_site_reuses_its_index_and_a_changed_guide_is_indexed_again(
    make_project: ProjectFactory,
) -> None:
    project = make_project({"content/exercises/side-plank.md": guide_source("Side plank")})
    first, put_back = _built(project)
    assert put_back == {"pagefind": False}  # both guides in the first shard
    second, put_back = _built(project, site=project / "again")
    assert put_back == {"pagefind": True}
    assert (second.site / ENTRY).stat().st_ino == (first.site / ENTRY).stat().st_ino
    pages = indexed_pages(second.site)
    assert set(pages) == {"/exercises/plank/", "/exercises/side-plank/"}
    assert pages == indexed_pages(first.site)
    assert len(list((second.site / "pagefind" / "fragment").iterdir())) == 2

    guide = project / "content/exercises/side-plank.md"
    guide.write_text(guide_source("Side plank", body="A zephyrine tempo suits it."), "utf-8")
    third, put_back = _built(project)
    assert put_back == {"pagefind": False}
    assert "zephyrine" in indexed_pages(third.site)["/exercises/side-plank/"]["content"]
    assert "zephyrine" not in indexed_pages(third.site)["/exercises/plank/"]["content"]


def test_a_corrected_reference_changes_no_page_of_the_index_which_is_put_back(
    make_project: ProjectFactory,
) -> None:
    project = make_project()
    _built(project)
    bib = project / "references/refs.bib"
    bib.write_text(bib.read_text().replace("1334--1359", "1334--1360"), "utf-8")
    build, put_back = _built(project)
    assert "1334-1360" in (build.site / "exercises/plank/index.html").read_text("utf-8")
    assert put_back == {"pagefind": True}  # the reference list is never sent to Pagefind


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
    """Pagefind gets the unchanged guides' kept pages of the edited guide's shard at once
    and waits only for the edited one, which MkDocs writes before the others; the other
    shard is put back; what search holds is what a first build's index would, and the
    site is the same site."""
    names = ("Side plank", "Dead bug", "Bird dog", "Glute bridge")
    project = make_project(
        {f"content/exercises/{n.lower().replace(' ', '-')}.md": guide_source(n) for n in names}
    )
    # Bird dog lists dead bug: made again after dead bug's edit, its page the same.
    bird_dog = project / "content/exercises/bird-dog.md"
    bird_dog.write_text(guide_source("Bird dog", extra="related: [dead-bug]\n"), "utf-8")
    _built(project)
    guide = project / "content/exercises/dead-bug.md"
    guide.write_text(guide_source("Dead bug", body="A zephyrine tempo suits it."), "utf-8")
    edited, put_back = _built(project)
    # Only dead bug's shard is indexed again: bird dog's, the same pages, is put back.
    assert put_back == {"pagefind": False, "pagefind-2": True}
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
    guides = ("plank", "dead-bug", "bird-dog", "glute-bridge")
    for name in ("sitemap.xml", *(f"exercises/{guide}/index.html" for guide in guides)):
        assert (cold.site / name).read_bytes() == (edited.site / name).read_bytes(), name


def test_a_removed_guide_leaves_its_shard_which_is_indexed_again_and_the_other_put_back(
    make_project: ProjectFactory,
) -> None:
    names = ("Side plank", "Dead bug", "Bird dog", "Glute bridge")
    project = make_project(
        {f"content/exercises/{n.lower().replace(' ', '-')}.md": guide_source(n) for n in names}
    )
    _built(project)
    (project / "content/exercises/side-plank.md").unlink()
    removed, put_back = _built(project)
    assert put_back == {"pagefind": False, "pagefind-2": True}
    pages = indexed_pages(removed.site)
    assert set(pages) == {
        f"/exercises/{g}/" for g in ("plank", "dead-bug", "bird-dog", "glute-bridge")
    }
    shutil.rmtree(project / ".cache")
    cold, _ = _built(project, site=project / "cold")
    assert indexed_pages(cold.site) == pages


def test_a_shard_count_out_of_range_stops_the_build_with_one_line(
    make_project: ProjectFactory,
) -> None:
    project = make_project()
    config = "plugins:\n  - evidence:\n      search_shards: 0\n"
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text().replace("plugins:\n  - evidence\n", config)
    )
    build = run_build(project)
    assert build.returncode != 0
    errors = [line for line in build.output.splitlines() if "search_shards" in line]
    assert errors == [
        f"ERROR   -  {project / 'mkdocs.yml'}: plugins.evidence.search_shards must be a whole"
        " number from 1 to 16, got 0"
    ]
    assert "Traceback" not in build.output
    assert not (build.site / "pagefind").exists()
