"""The search index in shards: each page in one shard, always the same; an edit indexes one again.

Every index here is Pagefind's own (the service from the venv), read back as a
reader's browser gets it with :func:`indexed_pages`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from evidence_guides.build.search_reuse import KEPT_PREFIX
from evidence_guides.build.search_shards import (
    SearchIndexError,
    ShardedIndex,
    shard_folder,
    shard_of,
)
from evidence_guides.options import MAX_SEARCH_SHARDS
from tests.support.pagefind import (
    indexed_pages,
    shard_folders,
    shard_pages,
    written_while_waiting,
)
from tests.unit.build.test_search_index import GUIDE

WORDS = ("hinges", "presses", "rows", "carries", "lunges", "squats", "twists", "curls")


def pages_in_both_shards() -> dict[str, str]:
    """Eight guides, at least two in each of two shards."""
    pages = {
        f"/guides/{word}/": GUIDE.format(title=word.title(), word=word, muscle="Glutes")
        for word in WORDS
    }
    assert min(Counter(shard_of(url, 2) for url in pages).values()) >= 2
    return pages


def build(
    site: Path, cache: Path | None, pages: dict[str, str], changed: set[str] | None = None
) -> ShardedIndex:
    """One build of ``pages`` into ``site``, fed as the plugin feeds it: the kept pages
    of the shards of ``changed`` handed over first, then every page as written."""
    index = ShardedIndex(2, cache)
    handed = index.prefill(set(pages) - (changed or set()), changed or set(), set(pages))
    index.expect((url for url in pages if url not in handed), site)
    for url, html in pages.items():
        index.add(url, html)
    assert index.write(site) == len(pages)
    return index


def test_a_page_is_always_in_the_same_one_shard_and_the_shards_share_the_pages() -> None:
    urls = [f"/exercises/synthetic-drill-{number:05d}/" for number in range(2_000)]
    for count in (1, 2, 3, 7):
        shards = [shard_of(url, count) for url in urls]
        assert shards == [shard_of(url, count) for url in urls]
        sizes = Counter(shards)
        assert set(sizes) == set(range(count))
        assert max(sizes.values()) < 1.2 * len(urls) / count  # none far above its share
    assert shard_folder(0) == "pagefind" and shard_folder(1) == "pagefind-2"


def test_every_page_is_indexed_once_across_the_shards(tmp_path: Path) -> None:
    pages = pages_in_both_shards()
    build(tmp_path, None, pages)
    assert [folder.name for folder in shard_folders(tmp_path)] == ["pagefind", "pagefind-2"]
    for number, folder in enumerate(shard_folders(tmp_path)):
        urls = {page["url"] for page in shard_pages(folder)}
        assert urls == {url for url in pages if shard_of(url, 2) == number}
        assert (folder / "pagefind-entry.json").is_file()
    assert set(indexed_pages(tmp_path)) == set(pages)


def test_an_edit_indexes_its_shard_again_and_puts_the_other_back(tmp_path: Path) -> None:
    pages = pages_in_both_shards()
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache, pages)
    edited = next(url for url in pages if shard_of(url, 2) == 1)
    pages[edited] = pages[edited].replace("Glutes</span>", "Glutes</span><p>zephyrine</p>")
    assert "zephyrine" in pages[edited]
    index = build(tmp_path / "two", cache, pages, changed={edited})
    assert not index.reused
    entry = "pagefind-entry.json"
    one, two = tmp_path / "one", tmp_path / "two"
    # The untouched shard is the first build's files (hard links), not written again.
    assert (two / "pagefind" / entry).stat().st_ino == (one / "pagefind" / entry).stat().st_ino
    assert (two / "pagefind-2" / entry).stat().st_ino != (one / "pagefind-2" / entry).stat().st_ino
    found = indexed_pages(two)
    assert set(found) == set(pages)
    assert "zephyrine" in found[edited]["content"]
    assert all("zephyrine" not in found[url]["content"] for url in pages if url != edited)
    # Built again unchanged, both shards are put back.
    assert build(tmp_path / "three", cache, pages).reused
    assert indexed_pages(tmp_path / "three") == found


def test_a_removed_page_has_its_shard_indexed_again_from_the_kept_pages(tmp_path: Path) -> None:
    """Nothing changed is left in that shard: its kept pages go to Pagefind before any page
    is written, and the index comes out without the removed one."""
    pages = pages_in_both_shards()
    cache = tmp_path / "cache"
    build(tmp_path / "one", cache, pages)
    removed = next(url for url in pages if shard_of(url, 2) == 1)
    del pages[removed]
    index = ShardedIndex(2, cache)
    handed = index.prefill(set(pages), set(), set(pages))
    assert handed == {url for url in pages if shard_of(url, 2) == 1}
    site = tmp_path / "two"
    assert index.expect((url for url in pages if url not in handed), site) == set()
    # No page of it is waited for: Pagefind writes it now, before any page is added.
    assert written_while_waiting(site / "pagefind-2")
    for url, html in pages.items():
        index.add(url, html)
    assert index.write(site) == len(pages)
    assert set(indexed_pages(site)) == set(pages)
    entry = "pagefind-entry.json"
    one = tmp_path / "one"
    assert (site / "pagefind" / entry).stat().st_ino == (one / "pagefind" / entry).stat().st_ino
    # Nothing removed or changed: nothing is handed over, and both shards are put back.
    again = ShardedIndex(2, cache)
    assert again.prefill(set(pages), set(), set(pages)) == set()
    again.close()


def test_the_shards_that_hold_pages_take_the_folder_names_in_order(tmp_path: Path) -> None:
    """A small site may leave a shard empty: the other is still ``pagefind/``, the folder
    the search script loads, and an earlier build's second folder is gone."""
    pages = pages_in_both_shards()
    only = {url: html for url, html in pages.items() if shard_of(url, 2) == 1}
    (tmp_path / "pagefind-2").mkdir()  # from an earlier build with more guides
    index = build(tmp_path, None, only)
    assert [folder.name for folder in shard_folders(tmp_path)] == ["pagefind"]
    assert not (tmp_path / "pagefind-2").exists()
    assert set(indexed_pages(tmp_path)) == set(only)
    assert index.folders(only) == ["pagefind"]
    assert index.folders(pages) == ["pagefind", "pagefind-2"]


def test_the_kept_indexes_of_another_shard_count_are_removed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (cache / f"{KEPT_PREFIX}single").mkdir(parents=True)
    (cache / "shard-1-of-3").mkdir()
    (cache / "shard-2-of-2").mkdir()
    (cache / "notes").mkdir()  # not the index's: left alone
    ShardedIndex(2, cache).close()
    assert sorted(entry.name for entry in cache.iterdir()) == ["notes", "shard-2-of-2"]


@pytest.mark.parametrize("count", [0, -1, MAX_SEARCH_SHARDS + 1])
def test_a_shard_count_out_of_range_is_one_line(count: int) -> None:
    with pytest.raises(SearchIndexError, match=rf"^search_shards: {count} is not a shard count"):
        ShardedIndex(count)
