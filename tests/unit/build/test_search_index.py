"""The search index: Pagefind's service from the venv, fed pages, errors in one line."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from evidence_guides.build import search_index
from evidence_guides.build.pagefind_service import wait_until_written
from evidence_guides.build.search_index import (
    SearchIndexer,
    SearchIndexError,
    searchable_part,
)
from tests.support.pagefind import indexed_pages

GUIDE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Navigation words</nav>
<article><div data-pagefind-body><h1>{title}</h1>
<p>Body text about {word}<sup class="citations"><a class="citation" href="#r">7</a></sup>.</p>
<span data-pagefind-filter="muscle" data-pagefind-meta="level">{muscle}</span>
<ol class="references" data-pagefind-ignore><li>Reference words</li></ol>
</div><!--/data-pagefind-body--><aside>Disclaimer words</aside></article></body></html>
"""


def test_indexes_the_marked_article_of_each_page_it_is_given(tmp_path: Path) -> None:
    indexer = SearchIndexer()
    indexer.add("/guides/a/", GUIDE.format(title="Alpha", word="hinges", muscle="Glutes"))
    indexer.add("/guides/b/", GUIDE.format(title="Beta", word="presses", muscle="Deltoids"))
    assert indexer.write(tmp_path / "pagefind") == 2
    pages = indexed_pages(tmp_path)
    assert set(pages) == {"/guides/a/", "/guides/b/"}
    alpha = pages["/guides/a/"]
    assert alpha["content"].startswith("Alpha. Body text about hinges")
    # Citation numbers, ignored parts and what is outside the article are left out.
    for left_out in ("7", "Reference", "Navigation", "Disclaimer"):
        assert left_out not in alpha["content"]
    assert alpha["filters"] == {"muscle": ["Glutes"]}
    assert alpha["meta"]["title"] == "Alpha"
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()


def test_an_indexer_given_no_page_writes_nothing_and_starts_nothing(tmp_path: Path) -> None:
    indexer = SearchIndexer()
    assert indexer.write(tmp_path / "pagefind") == 0
    assert not (tmp_path / "pagefind").exists()


def test_only_the_marked_article_is_sent() -> None:
    html = GUIDE.format(title="Alpha", word="x", muscle="y")
    part = searchable_part(html)
    assert part.startswith('<!doctype html><html lang="en"><body><div data-pagefind-body>')
    assert "Navigation" not in part and "Disclaimer" not in part and "Alpha" in part
    assert searchable_part("<p>No marks</p>") == "<p>No marks</p>"


def _skipping(html: str, *, closed: bool = True) -> str:
    """``html`` with its reference list marked as the theme marks it: never sent."""
    html = html.replace('<ol class="references"', '<!--search:skip--><ol class="references"')
    return html.replace("</ol>", "</ol><!--/search:skip-->") if closed else html


def test_the_parts_marked_skipped_are_not_sent_and_index_the_same(tmp_path: Path) -> None:
    html = GUIDE.format(title="Alpha", word="hinges", muscle="Glutes")
    part = searchable_part(_skipping(html))
    assert "Reference words" not in part and "search:skip" not in part
    assert "<sup" not in part and 'href="#r"' not in part  # the citation too
    assert "Body text about hinges." in part and 'data-pagefind-filter="muscle"' in part
    assert part.endswith("</span>\n\n</div></body></html>")  # what follows it is sent
    for site, page in (("marked", _skipping(html)), ("unmarked", html)):
        indexer = SearchIndexer()
        indexer.add("/guides/a/", page)
        indexer.write(tmp_path / site / "pagefind")
    assert indexed_pages(tmp_path / "marked") == indexed_pages(tmp_path / "unmarked")


def test_a_skipped_part_never_closed_is_sent() -> None:
    html = _skipping(GUIDE.format(title="Alpha", word="x", muscle="y"), closed=False)
    assert "Reference words" in searchable_part(html)


@pytest.mark.parametrize(
    "citation",
    [
        '<sup class="citations"><sup>2</sup>Squat</sup>',  # nested: its end is not the first
        '<sup class="citations">Squat',  # never closed
    ],
)
def test_a_citation_only_pagefind_can_tell_the_end_of_is_sent(citation: str) -> None:
    html = GUIDE.format(title="Alpha", word=citation, muscle="y")
    assert citation in searchable_part(html)


def test_an_indexer_that_stops_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "pagefind_executable", lambda: Path("/bin/false"))
    indexer = SearchIndexer()
    with pytest.raises(SearchIndexError) as raised:
        indexer.add("/a/", "<p>a</p>")
    assert str(raised.value).startswith("search index: pagefind stopped (exit 1)")
    indexer.close()


def test_a_missing_binary_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> Path:
        raise SearchIndexError("search index: no pagefind binary: gone")

    monkeypatch.setattr(search_index, "pagefind_executable", missing)
    with pytest.raises(SearchIndexError, match=r"^search index: no pagefind binary: gone$"):
        SearchIndexer().add("/a/", "<p>a</p>")


def test_the_binary_is_the_one_inside_the_installed_wheel() -> None:
    executable = search_index.pagefind_executable()
    assert executable.is_file() and executable.name.startswith("pagefind")
    assert "site-packages" in executable.parts


def test_writing_started_early_gives_the_same_index_and_refuses_a_later_page(
    tmp_path: Path,
) -> None:
    indexer = SearchIndexer()
    indexer.add("/guides/a/", GUIDE.format(title="Alpha", word="hinges", muscle="Glutes"))
    indexer.start_writing(tmp_path / "pagefind")
    indexer.start_writing(tmp_path / "pagefind")  # once only
    with pytest.raises(SearchIndexError, match=r"^search index: /guides/b/ added after the index"):
        indexer.add("/guides/b/", GUIDE.format(title="Beta", word="presses", muscle="Deltoids"))
    assert indexer.write(tmp_path / "pagefind") == 1
    pages = indexed_pages(tmp_path)
    assert set(pages) == {"/guides/a/"}
    assert pages["/guides/a/"]["content"].startswith("Alpha. Body text about hinges")


def test_pages_are_handed_over_while_pagefind_is_not_reading(tmp_path: Path) -> None:
    """The build hands a page over and goes on: it never waits for Pagefind to read it.

    Pagefind is stopped (SIGSTOP) while more pages than its input pipe holds are
    added; the adding thread must still finish, and the index hold every page
    once Pagefind runs again.
    """
    indexer = SearchIndexer()
    indexer.add("/guides/0/", GUIDE.format(title="Guide 0", word="hinges", muscle="Glutes"))
    assert indexer._service is not None
    process = indexer._service.process  # the service, to pause it as a busy machine would
    filler = "<p>" + "padding words " * 5_000 + "</p>"  # 70 kB a page: 40 pages fill 2 MB
    pages = [
        (f"/guides/{n}/", GUIDE.format(title=f"Guide {n}", word=f"word{n}", muscle=filler))
        for n in range(1, 41)
    ]
    os.kill(process.pid, signal.SIGSTOP)
    try:
        adding = threading.Thread(target=lambda: [indexer.add(*page) for page in pages])
        adding.start()
        adding.join(timeout=60)  # only ends a hang: adding takes milliseconds
        handed_over = not adding.is_alive()
    finally:
        os.kill(process.pid, signal.SIGCONT)
    adding.join()
    assert handed_over
    assert indexer.write(tmp_path / "pagefind") == 41
    assert len(indexed_pages(tmp_path)) == 41


def test_the_index_is_taken_as_written_only_once_its_folder_is_still(tmp_path: Path) -> None:
    """Pagefind answers before its last files are whole: the wait outlasts a late write."""
    (tmp_path / "pagefind-entry.json").write_text("{")

    def finish_late() -> None:
        time.sleep(0.15)
        (tmp_path / "pagefind-entry.json").write_text('{"version": "1"}')

    late = threading.Thread(target=finish_late)
    late.start()
    wait_until_written(tmp_path, still=0.4)
    assert (tmp_path / "pagefind-entry.json").read_text() == '{"version": "1"}'
    late.join()
