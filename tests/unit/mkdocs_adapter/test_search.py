"""The search feed: only published guides marked for the index reach it; errors are one line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from evidence_guides.build import search_index
from evidence_guides.mkdocs_adapter.search import SearchFeed
from tests.support.pagefind import indexed_pages, written_while_waiting

GUIDES = {"exercises/plank.md": "/exercises/plank/", "exercises/side.md": "/exercises/side/"}
PAGE = "<html><body><div data-pagefind-body><h1>{0}</h1><p>About {0}.</p></div></body></html>"


def test_only_the_marked_published_guides_are_indexed(tmp_path: Path) -> None:
    feed = SearchFeed(enabled=True)
    assert feed.mark("exercises/plank.md", draft=False)
    assert not feed.mark("exercises/side.md", draft=True)
    feed.written("exercises/plank.md", "exercises/plank/", PAGE.format("Plank"))
    feed.written("exercises/side.md", "exercises/side/", PAGE.format("Side"))
    feed.written("index.md", "", PAGE.format("Home"))
    feed.write(tmp_path)
    assert set(indexed_pages(tmp_path)) == {"/exercises/plank/"}


def test_a_feed_that_is_off_indexes_nothing(tmp_path: Path) -> None:
    feed = SearchFeed(enabled=False)
    assert not feed.mark("exercises/plank.md", draft=False)
    feed.written("exercises/plank.md", "exercises/plank/", PAGE.format("Plank"))
    feed.write(tmp_path)
    assert not (tmp_path / "pagefind").exists()


def test_an_indexer_error_stops_the_build_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "pagefind_executable", lambda: Path("/bin/false"))
    feed = SearchFeed(enabled=True)
    feed.mark("exercises/plank.md", draft=False)
    with pytest.raises(PluginError, match=r"^search index: pagefind stopped \(exit 1\)$"):
        feed.written("exercises/plank.md", "exercises/plank/", PAGE.format("Plank"))
    feed.close()


def test_the_index_is_written_once_the_last_expected_guide_is(tmp_path: Path) -> None:
    feed = SearchFeed(enabled=True)
    feed.expect(GUIDES, tmp_path)
    for name in ("plank", "side"):
        assert feed.mark(f"exercises/{name}.md", draft=False)
    feed.written("exercises/plank.md", "exercises/plank/", PAGE.format("Plank"))
    entry = tmp_path / "pagefind" / "pagefind-entry.json"
    time.sleep(0.5)
    assert not entry.exists()  # a guide is still to come
    feed.written("exercises/side.md", "exercises/side/", PAGE.format("Side"))
    assert written_while_waiting(entry.parent)  # before the site is: write() only waits for it
    feed.write(tmp_path)
    assert set(indexed_pages(tmp_path)) == {"/exercises/plank/", "/exercises/side/"}


def test_a_guide_not_expected_after_the_index_is_written_is_one_line(tmp_path: Path) -> None:
    feed = SearchFeed(enabled=True)
    feed.expect({"exercises/plank.md": "/exercises/plank/"}, tmp_path)
    feed.mark("exercises/plank.md", draft=False)
    feed.mark("exercises/late.md", draft=False)
    feed.written("exercises/plank.md", "exercises/plank/", PAGE.format("Plank"))
    message = r"^search index: /exercises/late/ added after the index was written$"
    with pytest.raises(PluginError, match=message):
        feed.written("exercises/late.md", "exercises/late/", PAGE.format("Late"))
    feed.close()


def test_a_page_written_after_the_kept_index_is_put_back_is_left_out(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for site in (tmp_path / "built", tmp_path / "preview"):  # the second puts the first back
        feed = SearchFeed(enabled=True, cache=cache)
        feed.mark("exercises/plank.md", draft=False)
        feed.written("exercises/plank.md", "exercises/plank/", PAGE.format("Plank"))
        feed.write(site)
    edited = PAGE.format("Plank, edited")
    feed.written("exercises/plank.md", "exercises/plank/", edited)  # as the preview renders it
    assert set(indexed_pages(tmp_path / "preview")) == {"/exercises/plank/"}


def test_a_page_written_after_the_index_starts_no_pagefind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = SearchFeed(enabled=True)
    feed.mark("exercises/plank.md", draft=False)
    feed.written("exercises/plank.md", "exercises/plank/", PAGE.format("Plank"))
    feed.write(tmp_path)
    monkeypatch.setattr(search_index, "pagefind_executable", lambda: Path("/bin/false"))
    feed.written("exercises/plank.md", "exercises/plank/", PAGE.format("Plank, edited"))
    feed.close()
    assert set(indexed_pages(tmp_path)) == {"/exercises/plank/"}
