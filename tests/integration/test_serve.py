"""Previewing as an editor does: ``make serve``'s preview, and ``mkdocs serve`` itself.

Drafts are previewed, the store is watched, a page with a problem is served
with its findings in a banner (never published), and what the preview shows
is what the build publishes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup

from tests.support.preview import (
    corpus_module,
    fetch,
    free_port,
    previewing,
    served_with,
    wait_until,
    without_preview,
)

from .conftest import MINIMAL_BIB, MINIMAL_CONFIG, MINIMAL_GUIDE, ProjectFactory, run_build

DRAFT = MINIMAL_GUIDE.replace("title: Plank", "title: Side plank\ndraft: true")


@contextmanager
def serving(project: Path) -> Iterator[tuple[str, list[str]]]:
    """Run ``mkdocs serve`` on a free loopback port; yields its URL and its output so far."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = project / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        lines: list[str] = []
        try:
            yield f"http://127.0.0.1:{port}/", lines
        finally:
            server.terminate()
            server.wait(timeout=30)
            lines[:] = log.read_text().splitlines()


def _get(url: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def test_serve_previews_a_draft_marked_as_such(make_project: ProjectFactory) -> None:
    project = make_project({"content/exercises/side-plank.md": DRAFT})
    with serving(project) as (url, output):
        page = _get(url + "exercises/side-plank/")
    assert "mkdocs-draft-marker" in page
    assert "guide-muscles" in page  # the draft renders like any guide
    assert not [line for line in output if "Traceback" in line]


def test_editing_the_store_rerenders_and_prints_findings(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE + "\nA claim [@lee2012].\n"
    project = make_project({"content/exercises/plank.md": guide})
    page_url = "exercises/plank/"
    with serving(project) as (url, _):
        assert "citation-missing" in _get(url + page_url)
        log = project / "serve.log"
        _wait_for(lambda: "unresolved citation 'lee2012'" in log.read_text())
        entry = (
            "@misc{lee2012, author = {Lee, A.}, title = {A synthetic test entry},"
            " year = {2012}, url = {https://example.org/lee2012}}\n"
        )
        (project / "references" / "refs.bib").write_text(MINIMAL_BIB + entry)
        _wait_for(lambda: "citation-missing" not in _get(url + page_url))
        assert 'href="#ref-lee2012"' in _get(url + page_url)


# --- make serve: the preview that renders what a save changed -----------------------------


def test_an_edit_of_a_generated_library_is_served_with_its_findings_and_a_short_log(
    tmp_path: Path,
) -> None:
    corpus = corpus_module().generate(tmp_path / "library", guides=40, references=400)
    guide = corpus.guide(7)
    page_url = f"exercises/{guide.stem}/"
    with previewing(corpus.folder) as preview:
        assert "evidence-preview" in fetch(preview.url + page_url)
        preview.mark()
        text = guide.read_text(encoding="utf-8")
        claim = "A claim no store entry backs [@nosuch2099]."
        guide.write_text(f"{text}\n{claim}\n", "utf-8")
        line, column = text.count("\n") + 2, claim.index("@nosuch2099") + 1
        page = served_with(preview.url + page_url, "nosuch2099")
        wait_until(lambda: any("Preview updated" in line for line in preview.lines_since_mark()))
        printed = preview.lines_since_mark()
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("article .citation-missing") is not None  # marked, not dropped
    banner = soup.select_one("section.evidence-preview")
    assert banner is not None
    items = [" ".join(li.get_text().split()) for li in banner.select("li")]
    assert [item for item in items if item.startswith(f"{line}:")] == [
        f"{line}:{column} error unresolved-citation unresolved citation 'nosuch2099'"
        " Fix: add it to references/refs.bib, e.g. 'guides refs add PMID'"
    ]
    assert len(printed) <= 40, printed
    shown = f"content/exercises/{guide.name}:{line}:{column}: unresolved-citation:"
    assert [text for text in printed if shown in text], printed
    assert any("store entries are cited by no guide (unused-reference)" in t for t in printed)


def test_a_guide_with_an_unresolved_citation_is_served_marked_not_hung(
    make_project: ProjectFactory,
) -> None:
    broken = MINIMAL_GUIDE + "\nA claim [@nosuch2099].\n"
    project = make_project({"content/exercises/plank.md": broken})
    with previewing(project) as preview:
        started = time.monotonic()
        page = fetch(preview.url + "exercises/plank/", timeout=10)
        assert time.monotonic() - started < 10
    assert "citation-missing" in page and "nosuch2099" in page
    assert [line for line in preview.lines() if "unresolved citation 'nosuch2099'" in line]
    assert not [line for line in preview.lines() if "Traceback" in line or "Aborted" in line]


def test_mkdocs_serve_without_strict_serves_a_broken_page_too(
    make_project: ProjectFactory,
) -> None:
    project = make_project({"content/exercises/plank.md": MINIMAL_GUIDE + "\nA [@nosuch2099].\n"})
    with serving(project) as (url, _):
        page = _get(url + "exercises/plank/")
    assert "citation-missing" in page and 'class="evidence-preview"' in page


def test_the_banner_and_the_findings_page_never_reach_the_published_site(
    make_project: ProjectFactory,
) -> None:
    project = make_project(
        {
            "content/exercises/plank.md": MINIMAL_GUIDE + "\nA claim [@nosuch2099].\n",
            "content/exercises/side-plank.md": DRAFT,
        }
    )
    build = run_build(project, strict=False)
    assert build.returncode == 0, build.output
    assert "unresolved citation 'nosuch2099'" in build.output
    (project / "content" / "exercises" / "plank.md").write_text(MINIMAL_GUIDE, "utf-8")
    strict = run_build(project, site=project / "strict")  # as `make site` builds
    assert strict.returncode == 0, strict.output
    for site in (build.site, strict.site):
        pages = list(site.rglob("*.html"))
        assert pages
        for page in pages:
            assert "evidence-preview" not in page.read_text(encoding="utf-8"), page
        assert not (site / "_preview").exists()


def test_what_the_preview_shows_is_what_the_build_publishes(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    port = free_port()
    config = MINIMAL_CONFIG.replace(
        "site_url: https://guides.test/", f"site_url: http://127.0.0.1:{port}/"
    )
    crunch = MINIMAL_GUIDE.replace("title: Plank", "title: Crunch\nrelated: [plank]")
    project = make_project(
        {
            "mkdocs.yml": config,
            "content/index.md": "---\ntemplate: home.html\n---\n\n# Home\n",
            "content/references.md": "---\ntemplate: references.html\n---\n\n# References\n",
            "content/exercises/crunch.md": crunch,
        }
    )
    paths = ("exercises/plank/", "exercises/crunch/", "", "references/")
    with previewing(project, port) as preview:
        for path in paths:
            fetch(preview.url + path)
        guide = project / "content" / "exercises" / "plank.md"
        edited = MINIMAL_GUIDE.replace("title: Plank", "title: Front plank")
        guide.write_text(edited + "\nSaved in the preview [@nosuch2099].\n", "utf-8")
        served_with(preview.url + "exercises/plank/", "Saved in the preview")
        shown = {path: without_preview(fetch(preview.url + path)) for path in paths}
        findings = fetch(preview.url + "_preview/findings/")
    published = run_build(project, strict=False, site=tmp_path / "published")
    assert published.returncode == 0, published.output
    for path in paths:
        assert shown[path] == without_preview(published.page(path + "index.html")), path
    assert "Front plank" in shown[""] and "Front plank" in shown["exercises/crunch/"]
    assert "nosuch2099" in findings and "content/exercises/plank.md" in findings


def test_the_preview_shows_a_draft_and_picks_up_the_store(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE + "\nA claim [@lee2012].\n"
    project = make_project(
        {"content/exercises/plank.md": guide, "content/exercises/side.md": DRAFT}
    )
    with previewing(project) as preview:
        assert "mkdocs-draft-marker" in fetch(preview.url + "exercises/side/")
        assert "citation-missing" in fetch(preview.url + "exercises/plank/")
        entry = (
            "@misc{lee2012, author = {Lee, A.}, title = {A synthetic test entry},"
            " year = {2012}, url = {https://example.org/lee2012}}\n"
        )
        (project / "references" / "refs.bib").write_text(MINIMAL_BIB + entry)
        page = served_with(preview.url + "exercises/plank/", 'href="#ref-lee2012"')
    assert "citation-missing" not in page


def test_an_edit_is_served_when_the_preview_puts_back_the_kept_search_index(
    make_project: ProjectFactory,
) -> None:
    project = make_project()
    build = run_build(project)  # as `make site`: the search index kept in .cache/search/
    assert build.returncode == 0, build.output
    assert (project / ".cache" / "search").is_dir()
    page_url = "exercises/plank/"
    with previewing(project) as preview:  # its first build puts that index back
        assert "Saved after a build" not in fetch(preview.url + page_url)
        preview.mark()
        guide = project / "content" / "exercises" / "plank.md"
        guide.write_text(MINIMAL_GUIDE + "\nSaved after a build.\n", "utf-8")
        served_with(preview.url + page_url, "Saved after a build", timeout=20)
        wait_until(lambda: any("Preview updated" in line for line in preview.lines_since_mark()))
        printed = preview.lines_since_mark()
    assert not [line for line in printed if "ERROR" in line or "search index" in line], printed


def test_a_page_linked_out_and_a_folder_loop_are_one_line_each_and_it_goes_on_serving(
    make_project: ProjectFactory,
) -> None:
    project = make_project()
    guide = project / "content" / "exercises" / "plank.md"
    page_url = "exercises/plank/"
    with previewing(project) as preview:
        before = fetch(preview.url + page_url)
        preview.mark()
        link = project / "plank.md"  # put in place at once, as an editor saves
        link.symlink_to("/dev/zero")
        link.replace(guide)
        wait_until(lambda: any("/dev/zero" in line for line in preview.lines_since_mark()))
        (project / "content" / "exercises" / "loop").symlink_to("..")
        wait_until(lambda: any("loop" in line for line in preview.lines_since_mark()))
        assert without_preview(fetch(preview.url + page_url)) == without_preview(before)
        mended = project / "plank.md"
        mended.write_text(MINIMAL_GUIDE + "\nMended and saved.\n", "utf-8")
        mended.replace(guide)
        served_with(preview.url + page_url, "Mended and saved.", timeout=20)
        printed = preview.lines_since_mark()
    errors = [line for line in printed if line.startswith("ERROR")]
    assert errors == [
        "ERROR   -  content/exercises/plank.md: a link to /dev/zero, outside the docs folder:"
        " copy the file in instead; the preview shows it as it was",
        "ERROR   -  content/exercises/loop: a link to a folder in the docs folder, which MkDocs"
        " follows (two that point at their own folder make the build endless): put the"
        " folder's files there; the preview leaves it out",
    ], printed
