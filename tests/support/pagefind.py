"""What a built site's Pagefind index holds, read as a reader's browser would get it.

Pagefind writes each indexed page as a fragment (``pagefind/fragment/*.pf_fragment``,
and the same in the folders of the index's other shards, ``pagefind-2/``...):
gzip around a signature and the page's JSON (its URL, text, meta and filters).
Reading them tells which pages search can find and what it shows of each,
without a browser.
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path
from typing import Any

_SIGNATURE = b"pagefind_dcd"


def written_while_waiting(folder: Path, timeout: float = 60) -> bool:
    """Whether Pagefind writes ``folder``'s entry file within ``timeout`` seconds, the
    build not waiting for it (the limit only ends a hang: it takes well under a second)."""
    entry = folder / "pagefind-entry.json"
    deadline = time.monotonic() + timeout
    while not entry.is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    return entry.is_file()


def shard_folders(site: Path) -> list[Path]:
    """The folders of the site's index: ``pagefind/``, then its other shards' in order."""
    folders = [site / "pagefind"] if (site / "pagefind").is_dir() else []
    number = 2
    while (site / f"pagefind-{number}").is_dir():
        folders.append(site / f"pagefind-{number}")
        number += 1
    return folders


def indexed_pages(site: Path) -> dict[str, dict[str, Any]]:
    """URL to fragment (``content``, ``meta``, ``filters``) of every page the index holds,
    in every shard; a page in two shards fails the test."""
    pages: dict[str, dict[str, Any]] = {}
    for folder in shard_folders(site):
        for page in shard_pages(folder):
            assert page["url"] not in pages, f"{page['url']} is in two shards"
            pages[page["url"]] = page
    return pages


def shard_pages(folder: Path) -> list[dict[str, Any]]:
    """The fragments of one shard's folder."""
    pages = []
    for fragment in sorted((folder / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(_SIGNATURE), fragment
        pages.append(json.loads(data[len(_SIGNATURE) :]))
    return pages
