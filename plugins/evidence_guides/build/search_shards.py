"""The site's search index in shards: one Pagefind index per share of the guides.

Pagefind has no incremental mode, and it does most of a build's search work
(about 9 ms of CPU a guide of 1,500 words, one core, whatever else changed).
With one index, an editor's change to one guide has every guide indexed
again. Split into shards, each guide always in the same one (by a hash of its
URL), only the shard that holds a changed guide is indexed again: the others
are put back as the last build kept them (:mod:`.search_reuse`). In a first
build the shards are indexed side by side, on as many cores as are free.

A reader's browser loads the first shard's script (``pagefind/pagefind.js``)
and merges the others into every search (Pagefind's ``mergeIndex``): each
shard costs a search its small entry file, its page list and the index chunk
of each word searched, so the count stays small (``search_shards``, default 4:
at 5,000 guides a search fetched 399 KiB with four, 330 KiB with two; after an
edit the build took 0.73 to 0.96 times the plain build's with four, 0.85 to
1.13 with two; see the README's Performance section).

A shard is a :class:`.SearchIndexer` with a cache folder of its own; this
module decides which shard a page belongs to, hands each its pages, and starts
each writing as soon as the last page it waits for is added.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections import Counter
from collections.abc import Collection, Iterable
from pathlib import Path

from evidence_guides.build.search_index import OUTPUT_SUBDIR, SearchIndexer, SearchIndexError
from evidence_guides.build.search_reuse import KEPT_PREFIX
from evidence_guides.options import MAX_SEARCH_SHARDS

__all__ = ["SearchIndexError", "ShardedIndex", "shard_folder", "shard_of"]

_SHARD_CACHE = "shard-{number}-of-{count}"


def shard_of(url: str, count: int) -> int:
    """The shard (0 to ``count`` - 1) that holds the page at ``url``: the same in every build.

    A hash, not the order of the guides, so adding or removing a guide moves no other.
    """
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % count


def shard_folder(rank: int) -> str:
    """Where the ``rank``-th shard that holds pages (from 0) goes in the site: ``pagefind/``,
    then ``pagefind-2/``...

    The first is the one the search script loads; the others sit beside it,
    named in order, and the search box lists them for the script to merge. A
    shard with no page (a small site) takes no name: the names stay in sequence.
    """
    return OUTPUT_SUBDIR if rank == 0 else f"{OUTPUT_SUBDIR}-{rank + 1}"


class ShardedIndex:
    """One build's search index, in ``count`` shards.

    With ``cache`` (the project's ``.cache/search/``), each shard keeps its
    index in a folder of its own there; a single shard keeps it in ``cache``
    itself. The kept indexes of another shard count are removed.
    """

    def __init__(self, count: int, cache: Path | None = None) -> None:
        if not 1 <= count <= MAX_SEARCH_SHARDS:
            raise SearchIndexError(
                f"search_shards: {count} is not a shard count: give 1 to {MAX_SEARCH_SHARDS}"
            )
        self.count = count
        if cache is not None:
            _remove_other_layouts(cache, count)
        self._shards = [
            SearchIndexer(_shard_cache(cache, number, count)) for number in range(count)
        ]
        self._handed: set[str] = set()  # pages handed over ahead, from the kept indexes
        self._waiting: list[set[str]] | None = None  # per shard, the pages it still waits for
        self._used: list[int] | None = None  # the shards that hold pages, once known
        self._site_dir: Path | None = None

    @property
    def pages(self) -> int:
        """Pages indexed, in all shards."""
        return sum(shard.pages for shard in self._shards)

    @property
    def reused(self) -> bool:
        """Whether every shard's kept index was put back (Pagefind never ran)."""
        shards = self._shards
        return self.pages > 0 and all(shard.reused or not shard.pages for shard in shards)

    def used(self, urls: Iterable[str]) -> list[int]:
        """The shards that hold the pages at ``urls``, in order."""
        return sorted({shard_of(url, self.count) for url in urls})

    def prefill(
        self, kept: Collection[str], changed: Collection[str], guides: Collection[str]
    ) -> set[str]:
        """Hand Pagefind now the kept pages at ``kept``, in the shards it indexes again;
        the URLs handed over.

        Those are the shards of the pages at ``changed`` and the shards that lost
        a page: whose kept index holds more pages than ``guides`` (every page of
        this build) puts in them. A shard with neither is left alone: its kept
        index is put back once its pages are added, as they were.
        """
        sizes = Counter(shard_of(url, self.count) for url in guides)
        shrunk = {n for n, shard in enumerate(self._shards) if shard.kept_count > sizes[n]}
        for number in sorted({*self.used(changed), *shrunk}):
            mine = [url for url in kept if shard_of(url, self.count) == number]
            self._handed |= self._shards[number].prefill(mine)
        return set(self._handed)

    def expect(self, urls: Iterable[str], site_dir: Path) -> set[str]:
        """The pages still to be added (all but those handed over); each shard is written
        into ``site_dir`` as soon as its last one is (one with none, at :meth:`write`).

        Returned: those of them in the shards Pagefind works on already (with pages
        handed over), which it waits for: best added first.
        """
        waiting: list[set[str]] = [set() for _ in self._shards]
        for url in urls:
            waiting[shard_of(url, self.count)].add(url)
        self._used = sorted({*self.used(self._handed), *(n for n, w in enumerate(waiting) if w)})
        self._waiting = waiting
        self._site_dir = site_dir
        for number in self.used(self._handed):
            if not waiting[number]:  # every page handed over (one was removed): write now
                self._shards[number].start_writing(site_dir / self._folder(number))
        return {url for number in self.used(self._handed) for url in waiting[number]}

    def add(self, url: str, html: str) -> None:
        """Index the page at ``url`` (from the site's root, "/exercises/plank/")."""
        number = shard_of(url, self.count)
        if self._used is not None and number not in self._used:
            raise SearchIndexError(f"search index: {url} is not among the guides expected")
        self._shards[number].add(url, html)
        waiting, site_dir = self._waiting, self._site_dir
        if waiting is None or site_dir is None or url not in waiting[number]:
            return
        waiting[number].discard(url)
        if not waiting[number]:  # its last page: once
            self._shards[number].start_writing(site_dir / self._folder(number))

    def write(self, site_dir: Path) -> int:
        """Write every shard that holds pages into ``site_dir``; the number of pages indexed.

        Every shard is started before any is waited for, so they write side by side.
        """
        try:
            if self._used is None:
                self._used = [n for n, shard in enumerate(self._shards) if shard.pages]
            for number in self._used:
                self._shards[number].start_writing(site_dir / self._folder(number))
            written = sum(
                self._shards[number].write(site_dir / self._folder(number)) for number in self._used
            )
            for rank in range(len(self._used), MAX_SEARCH_SHARDS):  # an earlier build's
                folder = site_dir / shard_folder(rank)
                if folder.is_dir() and not folder.is_symlink() and rank:
                    shutil.rmtree(folder)
            return written
        finally:
            self.close()

    def folders(self, urls: Iterable[str]) -> list[str]:
        """The site's folders of the index of the pages at ``urls``, the first the one the
        search script loads (``pagefind/``, when there is none)."""
        return [shard_folder(rank) for rank in range(max(1, len(self.used(urls))))]

    def close(self) -> None:
        """Stop every shard's Pagefind (after an error, too)."""
        for shard in self._shards:
            shard.close()

    def _folder(self, number: int) -> str:
        used = self._used if self._used is not None else [number]
        return shard_folder(used.index(number))


def _shard_cache(cache: Path | None, number: int, count: int) -> Path | None:
    if cache is None or count == 1:
        return cache
    return cache / _SHARD_CACHE.format(number=number + 1, count=count)


def _remove_other_layouts(cache: Path, count: int) -> None:
    """Remove what another shard count kept in ``cache``: it never matches this build's.

    The cache is the project's own, and a failure here costs nothing but disk.
    """
    mine = {_SHARD_CACHE.format(number=n + 1, count=count) for n in range(count)}
    with contextlib.suppress(OSError):
        for entry in os.scandir(cache):
            single = entry.name.startswith(KEPT_PREFIX) and count > 1
            other = entry.name.startswith("shard-") and entry.name not in mine
            if (single or other) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
