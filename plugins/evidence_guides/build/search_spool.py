"""The pages one build's search index is made of, as sent to Pagefind, in a file of their own.

A build writes every page it indexes here as it goes: a JSON line of its URL
and its text's length in bytes, then the text's UTF-8 bytes and a newline. The
text is written as it is, not as JSON: escaping a page's text cost three
times the rest of writing it down (about 160 against 50 microseconds for a
page of 23 KB), on the thread that writes the site. The file serves twice:

- within the build, pages held back while they may still be the kept index's
  (:mod:`.search_reuse`) are replayed from it to Pagefind as soon as one
  differs, and so is every page written so far when Pagefind must start again;
- after the build, it is kept beside the index it made (renamed, not copied).
  The next build then hands Pagefind the pages it expects unchanged at once,
  instead of waiting for MkDocs to write them (:meth:`.SearchIndexer.prefill`).

A kept page is trusted only as far as it checks: its URL and text must give a
digest the kept index's manifest lists. A record that does not parse ends the
reading: what came before it checked, what follows is not used.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import IO

from evidence_guides.build.pagefind_service import SearchIndexError

TEXTS = "pages.spool"
"""The kept pages' file, beside the kept index's manifest."""

_HEADER_LIMIT = 1 << 16
"""The longest header line read: a URL and a number (a damaged file is not read whole)."""

READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
"""How a kept file is opened: never through a link, never waiting (a FIFO is a miss, not a hang)."""


class PageSpool:
    """This build's pages, in the order they came, in a file of the cache when it can be.

    Where the cache cannot hold the file (not writable, not a folder), an
    anonymous temporary file holds the pages for this build only.
    """

    def __init__(self, cache: Path) -> None:
        self._path: Path | None = None
        self._file: IO[bytes] | None = None
        self._cache = cache
        self.count = 0

    def record(self, url: str, text: bytes) -> None:
        """Write one page down, after the others (``text`` encoded: :func:`encoded`)."""
        file = self._file or self._open()
        try:
            file.write(json.dumps([url, len(text)]).encode() + b"\n")
            file.write(text)
            file.write(b"\n")
        except OSError as error:
            raise SearchIndexError(f"search index: pages cannot be written down: {error}") from None
        self.count += 1

    def replay(self) -> Iterator[tuple[str, str]]:
        """Every page written down so far, in order; more may be written down after."""
        file = self._file
        if file is None:
            return
        try:
            end = file.tell()
            file.seek(0)
            while file.tell() < end:
                url, text = read_record(file, end)
                yield url, decoded(text)
        except (OSError, ValueError) as error:
            message = f"search index: pages written down cannot be read: {error}"
            raise SearchIndexError(message) from None
        finally:
            file.seek(0, os.SEEK_END)

    def keep_as(self, target: Path) -> bool:
        """Move the file to ``target`` (in the cache); whether it could be."""
        file, path = self._file, self._path
        if file is None or path is None:
            return False
        try:
            file.flush()
            os.replace(path, target)
        except OSError:
            return False
        self._path = None
        return True

    def close(self) -> None:
        """Let the file go (deleted, unless kept)."""
        file, self._file = self._file, None
        path, self._path = self._path, None
        if file is not None:
            file.close()
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink()

    def _open(self) -> IO[bytes]:
        try:
            self._cache.mkdir(parents=True, exist_ok=True)
            descriptor, name = tempfile.mkstemp(prefix=".tmp-", suffix=".jsonl", dir=self._cache)
            self._file, self._path = open(descriptor, "w+b"), Path(name)  # noqa: SIM115
        except OSError:  # no cache to keep it in: for this build only
            try:
                self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
            except OSError as error:
                raise SearchIndexError(f"search index: no temporary file: {error}") from None
        return self._file


def kept_texts(
    texts: Path,
    urls: Collection[str],
    digest_of: Callable[[str, bytes], str],
    known: Collection[str],
) -> Iterator[tuple[str, str, str]]:
    """The kept pages at ``urls`` whose digest is ``known``: URL, text and digest each.

    None if the file cannot be read; reads one page at a time, so the build's
    memory does not grow with the site.
    """
    try:
        descriptor = os.open(texts, READ_FLAGS)
    except OSError:
        return
    seen: set[str] = set()
    with open(descriptor, "rb") as reading, contextlib.suppress(OSError):
        status = os.fstat(reading.fileno())
        if not stat.S_ISREG(status.st_mode):
            return
        while True:
            try:
                url, text = read_record(reading, status.st_size)
            except ValueError:  # the end, or a damaged file: what was read so far checked
                return
            if url in seen or url not in urls or (digest := digest_of(url, text)) not in known:
                continue
            try:
                page = decoded(text)
            except ValueError:
                return
            seen.add(url)
            yield url, page, digest


def encoded(text: str) -> bytes:
    """A page's text as written down and digested: UTF-8, any lone surrogate kept."""
    return text.encode("utf-8", "surrogatepass")


def decoded(text: bytes) -> str:
    """A page's text as :func:`encoded` wrote it."""
    return text.decode("utf-8", "surrogatepass")


def read_record(file: IO[bytes], end: int) -> tuple[str, bytes]:
    """The next page written down in ``file``, which holds ``end`` bytes: its URL and its
    text's bytes.

    Raises ``ValueError`` at the end of the file and for a record that is not
    one: a header that is not ``[url, length]``, a length past the end (read
    as asked, a damaged one would be a memory error), a text cut short, no
    newline after it.
    """
    header = file.readline(_HEADER_LIMIT)
    if not header.endswith(b"\n"):
        raise ValueError("no page header")
    try:
        fields = json.loads(header)
    except RecursionError:  # "[[[[...": nested past the parser's depth
        raise ValueError("not a page header") from None
    if not (isinstance(fields, list) and len(fields) == 2):
        raise ValueError("not a page header")
    url, length = fields
    if not isinstance(url, str) or type(length) is not int or length < 0:
        raise ValueError("not a page header")
    if length >= end - file.tell():
        raise ValueError("a page past the end")
    text = file.read(length + 1)
    if len(text) != length + 1 or not text.endswith(b"\n"):
        raise ValueError("a page cut short")
    return url, text[:-1]
