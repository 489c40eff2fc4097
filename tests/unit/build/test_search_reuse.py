"""The kept search index: put back when no page changed, checked, never half, never via a link.

Every index here is Pagefind's own (the service from the venv): what a reader's
browser would fetch is read back with :func:`indexed_pages`.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from evidence_guides.build import search_index
from evidence_guides.build.search_index import SearchIndexer
from evidence_guides.build.search_reuse import KEPT_PREFIX, MANIFEST, IndexReuse, page_digest
from evidence_guides.build.search_spool import TEXTS, encoded, read_record
from tests.support.pagefind import indexed_pages, written_while_waiting
from tests.unit.build.test_search_index import GUIDE

PAGES = {
    "/guides/a/": GUIDE.format(title="Alpha", word="hinges", muscle="Glutes"),
    "/guides/b/": GUIDE.format(title="Beta", word="presses", muscle="Deltoids"),
    "/guides/c/": GUIDE.format(title="Gamma", word="rows", muscle="Lats"),
}


def build(site: Path, cache: Path, pages: dict[str, str] = PAGES) -> SearchIndexer:
    """One build's index of ``pages`` into ``site/pagefind``, as the plugin feeds it."""
    indexer = SearchIndexer(cache)
    for url, html in pages.items():
        indexer.add(url, html)
    indexer.start_writing(site / "pagefind")
    assert indexer.write(site / "pagefind") == len(pages)
    return indexer


def kept(cache: Path) -> Path:
    (folder,) = [entry for entry in cache.iterdir() if entry.name.startswith(KEPT_PREFIX)]
    return folder


def kept_urls(texts: Path) -> list[str]:
    """The URLs of the pages written down in ``texts``, in order."""
    urls = []
    with texts.open("rb") as reading:
        while reading.peek(1):
            urls.append(read_record(reading, texts.stat().st_size)[0])
    return urls


def test_an_unchanged_build_puts_the_kept_index_back_without_pagefind(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build(tmp_path / "one", cache)
    assert not first.reused
    second = build(tmp_path / "two", cache)
    assert second.reused
    site = tmp_path / "two"
    assert indexed_pages(site) == indexed_pages(tmp_path / "one")
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert len(list((site / "pagefind" / "fragment").iterdir())) == len(PAGES)
    # Hard links to the kept files (same filesystem), which are the first build's own.
    entry = site / "pagefind" / "pagefind-entry.json"
    kept_entry = kept(cache) / "pagefind" / "pagefind-entry.json"
    assert entry.stat().st_ino == kept_entry.stat().st_ino
    assert (tmp_path / "one/pagefind/pagefind-entry.json").stat().st_ino == kept_entry.stat().st_ino


def test_the_order_pages_come_in_does_not_matter(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    reordered = dict(reversed(PAGES.items()))
    assert build(tmp_path / "two", cache, reordered).reused


def test_a_changed_page_is_indexed_again_and_then_kept(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    changed = {
        **PAGES,
        "/guides/b/": GUIDE.format(title="Beta", word="zephyrine", muscle="Deltoids"),
    }
    second = build(tmp_path / "two", cache, changed)
    assert not second.reused
    assert "zephyrine" in indexed_pages(tmp_path / "two")["/guides/b/"]["content"]
    third = build(tmp_path / "three", cache, changed)
    assert third.reused
    assert "zephyrine" in indexed_pages(tmp_path / "three")["/guides/b/"]["content"]
    assert len([e for e in cache.iterdir()]) == 1  # one kept index, no temporary folder


@pytest.mark.parametrize(
    "pages",
    [
        {url: html for url, html in PAGES.items() if url != "/guides/c/"},  # one fewer
        {**PAGES, "/guides/d/": GUIDE.format(title="Delta", word="x", muscle="Lats")},  # one more
        {url.replace("/a/", "/a2/"): html for url, html in PAGES.items()},  # a page moved
    ],
    ids=["fewer", "more", "moved"],
)
def test_another_set_of_pages_is_indexed_again(tmp_path: Path, pages: dict[str, str]) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    again = build(tmp_path / "two", cache, pages)
    assert not again.reused
    assert set(indexed_pages(tmp_path / "two")) == set(pages)


def test_another_pagefind_or_configuration_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    monkeypatch.setitem(search_index.INDEX_CONFIG, "force_language", "de")
    assert not build(tmp_path / "two", cache).reused
    reuse = IndexReuse(cache, "another pagefind")  # a version the kept index was not made by
    for url, html in PAGES.items():
        text = encoded(search_index.searchable_part(html))
        assert not reuse.hold(url, text, page_digest(url, text))
    assert not reuse.restore(tmp_path / "three" / "pagefind")
    reuse.close()


def _damage_a_fragment(folder: Path) -> None:
    fragment = next((folder / "pagefind" / "fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes()[:-10])


def _remove_a_fragment(folder: Path) -> None:
    next((folder / "pagefind" / "fragment").iterdir()).unlink()


def _link_a_fragment(folder: Path) -> None:
    """A fragment replaced by a symlink to an identical file outside the cache."""
    fragment = next((folder / "pagefind" / "fragment").iterdir())
    outside = folder.parent.parent / "outside.pf_fragment"
    outside.write_bytes(fragment.read_bytes())
    fragment.unlink()
    fragment.symlink_to(outside)


def _edit_the_manifest(folder: Path) -> None:
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["pages"] = manifest["pages"][1:]
    (folder / MANIFEST).write_text(json.dumps(manifest))


def _link_the_kept_folder(folder: Path) -> None:
    """The kept folder itself a symlink to an intact copy elsewhere."""
    elsewhere = folder.parent.parent / "elsewhere"
    folder.rename(elsewhere)
    folder.symlink_to(elsewhere, target_is_directory=True)


def _fifo_for_the_manifest(folder: Path) -> None:
    """A FIFO where the manifest goes: opening it to read would wait for a writer forever."""
    (folder / MANIFEST).unlink()
    os.mkfifo(folder / MANIFEST)


def _half_written(folder: Path) -> None:
    """A build stopped mid-copy: its temporary folder, the kept one gone."""
    _remove_a_fragment(folder)
    folder.rename(folder.parent / ".tmp-stopped")


@pytest.mark.parametrize(
    "spoil",
    [
        _damage_a_fragment,
        _remove_a_fragment,
        _link_a_fragment,
        _edit_the_manifest,
        _link_the_kept_folder,
        _fifo_for_the_manifest,
        _half_written,
    ],
)
def test_a_kept_index_that_does_not_check_is_a_miss(tmp_path: Path, spoil) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    written = indexed_pages(tmp_path / "one")
    spoil(kept(cache))  # the first site's files are the kept ones: spoilt with them
    again = _within_a_minute(lambda: build(tmp_path / "two", cache))
    assert not again.reused
    site = tmp_path / "two"
    assert indexed_pages(site) == written
    assert not [path for path in site.rglob("*") if path.is_symlink()]
    # Pagefind's index is kept in its place: the next build reuses it.
    assert build(tmp_path / "three", cache).reused
    assert not [path for path in cache.rglob("*") if path.is_symlink()]


def test_a_symlink_where_the_site_index_goes_is_replaced_not_followed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "pagefind").symlink_to(outside, target_is_directory=True)
    assert build(tmp_path / "two", cache).reused
    assert not (tmp_path / "two" / "pagefind").is_symlink()
    assert list(outside.iterdir()) == []


def test_pages_held_back_reach_pagefind_when_a_later_one_differs(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    last_changed = {**PAGES, "/guides/c/": GUIDE.format(title="Gamma", word="new", muscle="Lats")}
    again = build(tmp_path / "two", cache, last_changed)
    assert not again.reused
    pages = indexed_pages(tmp_path / "two")
    assert set(pages) == set(PAGES)
    assert pages["/guides/a/"]["content"].startswith("Alpha. Body text about hinges")


def test_a_cache_that_cannot_be_written_costs_only_the_reuse(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.write_text("a file where the cache folder goes")
    first = build(tmp_path / "one", cache)
    assert set(indexed_pages(tmp_path / "one")) == set(PAGES)
    assert not build(tmp_path / "two", cache).reused and not first.reused
    assert os.path.isfile(cache)


def _ahead(site: Path, cache: Path, ahead: list[str], pages: dict[str, str]) -> SearchIndexer:
    """A build handing Pagefind ``ahead`` from the kept pages, then writing ``pages`` in order:
    the others first, the index started once they are all in."""
    indexer = SearchIndexer(cache)
    handed = indexer.prefill(ahead)
    for url in [url for url in pages if url not in handed]:
        indexer.add(url, pages[url])
    indexer.start_writing(site / "pagefind")
    for url in [url for url in pages if url in handed]:
        indexer.add(url, pages[url])
    indexer.write(site / "pagefind")
    return indexer


def test_pages_handed_over_ahead_let_pagefind_write_before_they_are_written(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    changed = {**PAGES, "/guides/b/": GUIDE.format(title="Beta", word="zephyr", muscle="Deltoids")}
    indexer = SearchIndexer(cache)
    assert indexer.prefill(["/guides/a/", "/guides/c/"]) == {"/guides/a/", "/guides/c/"}
    indexer.add("/guides/b/", changed["/guides/b/"])
    indexer.start_writing(tmp_path / "two" / "pagefind")
    assert written_while_waiting(tmp_path / "two" / "pagefind")  # before pages a and c are
    for url in ("/guides/a/", "/guides/c/"):
        indexer.add(url, changed[url])
    assert indexer.write(tmp_path / "two" / "pagefind") == 3
    pages = indexed_pages(tmp_path / "two")
    assert set(pages) == set(PAGES)
    assert "zephyr" in pages["/guides/b/"]["content"]
    assert pages["/guides/a/"] == indexed_pages(tmp_path / "one")["/guides/a/"]
    # The pages written down are kept with the index: the next build can start from them.
    assert sorted(kept_urls(kept(cache) / TEXTS)) == sorted(PAGES)
    assert build(tmp_path / "three", cache, changed).reused


def test_a_page_handed_over_ahead_that_differs_when_written_is_indexed_as_written(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    changed = {
        "/guides/a/": PAGES["/guides/a/"],
        "/guides/b/": GUIDE.format(title="Beta", word="zephyr", muscle="Deltoids"),
        "/guides/c/": GUIDE.format(title="Gamma", word="quillwort", muscle="Lats"),
    }
    _ahead(tmp_path / "two", cache, ["/guides/a/", "/guides/c/"], changed)
    pages = indexed_pages(tmp_path / "two")
    assert set(pages) == set(PAGES)
    assert "quillwort" in pages["/guides/c/"]["content"]
    assert "rows" not in pages["/guides/c/"]["content"]  # the kept text handed over: gone
    assert "zephyr" in pages["/guides/b/"]["content"]
    assert build(tmp_path / "three", cache, changed).reused


def test_a_page_handed_over_ahead_that_is_never_written_is_not_indexed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    fewer = {url: html for url, html in PAGES.items() if url != "/guides/c/"}
    _ahead(tmp_path / "two", cache, ["/guides/a/", "/guides/c/"], fewer)
    assert set(indexed_pages(tmp_path / "two")) == set(fewer)


def test_a_fifo_for_the_kept_pages_hands_nothing_over(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    (kept(cache) / TEXTS).unlink()
    os.mkfifo(kept(cache) / TEXTS)
    indexer = SearchIndexer(cache)
    assert _within_a_minute(lambda: indexer.prefill(["/guides/a/"])) == set()
    indexer.close()


@pytest.mark.parametrize(
    "damaged",
    [
        b"\xff\xfe not text\n",
        b'{"url": 1}\n',
        b'["/guides/a/"\n',
        b'["/guides/a/", 4000]\n<html>cut short',
        b'["/guides/a/", -1]\n\n',
        b'["/guides/a/", 1000000000000000]\n<html>',  # as read, a memory error
        b"[" * 30000 + b"\n",  # nested past the JSON parser's depth
        b"",
    ],
    ids=lambda damaged: repr(damaged[:40]),
)
def test_a_damaged_kept_pages_file_hands_nothing_over(tmp_path: Path, damaged: bytes) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    (kept(cache) / TEXTS).write_bytes(damaged)
    indexer = SearchIndexer(cache)
    assert indexer.prefill(list(PAGES)) == set()
    for url, html in PAGES.items():
        indexer.add(url, html)
    indexer.write(tmp_path / "two" / "pagefind")
    assert indexed_pages(tmp_path / "two") == indexed_pages(tmp_path / "one")


def _within_a_minute(call):
    """What ``call`` returns, run in a thread; a failure (not a hung test) if it takes a minute."""
    done: list = []
    worker = threading.Thread(target=lambda: done.append(call()), daemon=True)
    worker.start()
    worker.join(timeout=60)  # only ends a hang: each call takes well under a second
    assert done, "still waiting after a minute"
    return done[0]


def test_a_kept_page_that_does_not_check_is_not_handed_over(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache)
    texts = kept(cache) / TEXTS
    texts.write_bytes(texts.read_bytes().replace(b"hinges", b"forged"))  # page a's text
    changed = {**PAGES, "/guides/b/": GUIDE.format(title="Beta", word="zephyr", muscle="Deltoids")}
    indexer = SearchIndexer(cache)
    assert indexer.prefill(["/guides/a/", "/guides/c/"]) == {"/guides/c/"}
    for url, html in changed.items():
        indexer.add(url, html)
    indexer.write(tmp_path / "two" / "pagefind")
    pages = indexed_pages(tmp_path / "two")
    assert "forged" not in json.dumps(pages) and "hinges" in pages["/guides/a/"]["content"]
    assert set(pages) == set(PAGES)


def test_nothing_is_handed_over_ahead_without_a_kept_index(tmp_path: Path) -> None:
    assert SearchIndexer(tmp_path / "cache").prefill(["/guides/a/"]) == set()
    assert SearchIndexer().prefill(["/guides/a/"]) == set()
