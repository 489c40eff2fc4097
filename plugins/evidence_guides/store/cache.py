"""Parsed data kept on disk, keyed by the content it was parsed from.

Splitting a 20,000-entry ``.bib`` file takes seconds; reading back what the
last run made of the same bytes takes a tenth of that. An entry is one file
per source (``.cache/bibstore/<hash of the source's path>.marshal``) holding the
key it was made for and the value. The key is a hash of everything the value
depends on: the source's bytes, how the caller names it, the caller's own
format version, the code that parses it and the versions of Python and the
parser library. A file whose key differs is stale and is overwritten; a file
that cannot be read or decoded is ignored. Nothing here ever raises because of
the cache: at worst the caller parses again.

Values are plain data (tuples, lists, dicts, strings, numbers, None) written
with :mod:`marshal`, which is fast and, unlike pickle, cannot run code when a
file is read.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
from pathlib import Path
from typing import Any

from evidence_guides.files.atomic import write_cache_file
from evidence_guides.files.source import SourceError, read_source_bytes, resolved

_FOLDER = "bibstore"


def content_key(data: bytes, *parts: str) -> str:
    """The hash of ``data`` and every other input the cached value depends on."""
    digest = hashlib.sha256()
    for part in (*parts, sys.version):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(data)
    return digest.hexdigest()


def cache_file(cache_dir: Path, source: Path) -> Path:
    """The one cache file of ``source``: new content replaces the old entry."""
    name = hashlib.sha256(str(resolved(source)).encode("utf-8", "surrogatepass")).hexdigest()
    return cache_dir / _FOLDER / f"{name[:32]}.marshal"


def read(file: Path) -> tuple[str, Any] | None:
    """The key and value stored, or None when missing or unreadable (the caller compares
    the key: a stale value may still help it, as the store of an earlier version of a file).

    Only a regular file is read, never through a link and without blocking: a
    FIFO or a link to a device left in ``.cache/`` is a miss, not a hang.
    """
    try:
        if not stat.S_ISREG(os.lstat(file).st_mode):
            return None
        stored_key, value = marshal.loads(read_source_bytes(file, file.name))
    except (OSError, SourceError, EOFError, ValueError, TypeError):
        return None
    return (stored_key, value) if isinstance(stored_key, str) else None


def write(file: Path, key: str, value: Any) -> None:
    """Store ``value`` under ``key``, atomically; a cache that cannot be written is skipped."""
    try:
        data = marshal.dumps((key, value))
    except ValueError:
        return
    write_cache_file(file, data)
