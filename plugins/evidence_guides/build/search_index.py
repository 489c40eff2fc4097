"""The site's search index: Pagefind fed each guide as the engine writes it, engine-free.

Pagefind writes a static, chunked index (``pagefind/`` in the site), of which a
reader's browser fetches only the few kilobytes a query needs, instead of one
index of the whole site on every page view. It runs as a service beside the
build (the ``pagefind`` binary that the ``pagefind_bin`` wheel ships, so nothing
is downloaded, and it needs no network): the engine hands it each published
guide's HTML as the page is written (no file is read twice), and
then builds and writes the index (:meth:`SearchIndexer.start_writing`). Pagefind
does most of its work in that last step (about 9 s of 2,000 guides' 10 s), so it
starts as soon as the last indexed page is handed over, and overlaps whatever the
build has left to do then; the hand-over itself saves reading the pages again. What it
indexes is the theme's to say: a guide's article carries
``data-pagefind-body`` (:func:`searchable_part` sends only that, half the
page), its ``data-pagefind-filter`` and ``data-pagefind-meta`` attributes give
the level, muscles and equipment as filters and the level as a result's
meta, and ``data-pagefind-ignore`` leaves out the references and related
guides. Citation numbers are left out by :data:`EXCLUDED`.

Given the project's cache, the indexer puts back the index the last build
wrote when every page and setting is the same (:mod:`.search_reuse`), and
Pagefind is not started at all.

The service's protocol: each message is base64 of a JSON object, followed by a
comma, on its standard input; each answer the same on its standard output.
A page's message (tens of kilobytes) is written by a thread of its own, from a
queue: Pagefind reads its input one message at a time, as it gets the core to,
so the build, writing into the pipe itself, would wait for it at every page
(seconds over a build of thousands on a busy machine), instead of writing its
next page. Pages Pagefind has not read yet wait in the queue (at worst every
guide's article, tens of kilobytes each, when Pagefind gets no core until the end).
"""

from __future__ import annotations

import base64
import contextlib
import json
import queue
import subprocess
import threading
from collections.abc import Collection
from importlib import metadata
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: the pipe keeps its size
    fcntl = None  # type: ignore[assignment]
from evidence_guides.build.search_reuse import IndexReuse, page_digest, settings_of

OUTPUT_SUBDIR = "pagefind"
"""Where the index goes in the site: the search script loads ``OUTPUT_SUBDIR/pagefind.js``."""

EXCLUDED = ("sup.citations", ".headerlink")
"""What Pagefind leaves out of a guide's text: citation numbers and heading permalinks (¶)."""

BODY_START = "<div data-pagefind-body>"
BODY_END = "<!--/data-pagefind-body-->"
"""The theme's marks around what is indexed (guide.html)."""

INDEX_CONFIG: dict[str, Any] = {"exclude_selectors": list(EXCLUDED), "force_language": "en"}
"""What Pagefind is told with NewIndex: part of what a kept index is made from."""

TIMEOUT_SECONDS = 600

PIPE_BYTES = 1 << 20
"""The pipe to Pagefind's input, widened (Linux): a few pages wait in it, not in the queue."""


class SearchIndexError(Exception):
    """The search index could not be written; the message is one line."""


def pagefind_executable() -> Path:
    """The Pagefind binary inside the installed ``pagefind_bin`` wheel."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError(
            "search index: the pagefind binary is not installed (pip install 'pagefind[bin]')"
        ) from None
    try:
        return get_executable()
    except (FileNotFoundError, OSError) as error:
        raise SearchIndexError(f"search index: no pagefind binary: {error}") from None


def searchable_part(html: str) -> str:
    """The part of a written page Pagefind reads: its marked article, or the whole page.

    Everything outside ``data-pagefind-body`` is skipped by Pagefind anyway;
    not sending it halves what it parses.
    """
    start = html.find(BODY_START)
    end = html.find(BODY_END, start)
    if start == -1 or end == -1:
        return html
    return f'<!doctype html><html lang="en"><body>{html[start:end]}</body></html>'


def index_settings() -> str | None:
    """Pagefind's version and :data:`INDEX_CONFIG`, as a kept index records them."""
    try:
        version = metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return None
    return settings_of(version, INDEX_CONFIG)


class SearchIndexer:
    """One build's search index: Pagefind's service, started on the first page added.

    With ``cache`` (the project's ``.cache/search/``), the last index written
    is kept there and put back when nothing it holds changed; ``reused`` says
    whether it was.
    """

    def __init__(self, cache: Path | None = None) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._writer: threading.Thread | None = None
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._broken = False  # a write to the service failed: it stopped
        self._answers: dict[int, dict[str, Any]] = {}
        self._answered = threading.Condition()
        self._ended = False  # the service's output closed: no answer will come
        self._sent = 0
        self._index_id: int | None = None
        self._writing: int | None = None  # the WriteFiles message, once sent
        self.pages = 0  # pages indexed: handed to Pagefind, or held back for the kept index
        settings = index_settings() if cache is not None else None
        self._reuse = IndexReuse(cache, settings) if cache is not None and settings else None
        self.reused = False  # the kept index was put into the site; Pagefind never ran
        self._prefilled: dict[str, str] = {}  # URL: digest of the kept text handed over

    def add(self, url: str, html: str) -> None:
        """Index the page at ``url`` (from the site's root, "/exercises/plank/")."""
        expected = self._prefilled.pop(url, None)  # its kept text, already with Pagefind
        if self.reused or (self._writing is not None and expected is None):
            raise SearchIndexError(f"search index: {url} added after the index was written")
        text = searchable_part(html)
        self.pages += 1
        if self._reuse is None:
            if self._index_id is None:
                self._start()
            self._add_file(url, text)
            return
        held = self._reuse.hold(url, text)  # written down in any case
        if expected is not None:
            if expected != page_digest(url, text):
                self._start_again()
        elif not held:
            if self._index_id is None:
                self._start()  # sends every page written down: this one too
            else:
                self._add_file(url, text)

    def prefill(self, urls: Collection[str]) -> set[str]:
        """Hand Pagefind now the kept text of the pages at ``urls`` (expected unchanged), so
        it can write the index while they are written; the URLs handed over. Each is checked
        when written: one that differs, or never comes, and Pagefind starts again with the
        pages as written. Called before any page is added."""
        if self._reuse is None or self._index_id is not None or self.pages or not urls:
            return set()
        for url, text in self._reuse.kept_pages(urls):
            if self._index_id is None:
                self._start()
            self._add_file(url, text)
            self._prefilled[url] = page_digest(url, text)
        return set(self._prefilled)

    def start_writing(self, output: Path) -> None:
        """Have Pagefind build and write the index into ``output`` now, without waiting.

        Pagefind does most of its work here; started as soon as the last page
        is added, it works while the build does what is left (the pages that
        are not indexed, the audits). :meth:`write` then waits for it. No page
        may be added after. The kept index, when it holds these very pages, is
        put into ``output`` instead.
        """
        if self._reuse is not None and self._index_id is None and self.pages and not self.reused:
            self.reused = self._reuse.restore(output)
            if self.reused:
                return
            self._start()  # the pages held back go to Pagefind
        if self._index_id is not None and self._writing is None:
            if self._reuse is not None:
                self._reuse.before_writing(output)
            write = {"type": "WriteFiles", "index_id": self._index_id, "output_path": str(output)}
            self._writing = self._send(write)

    def write(self, output: Path) -> int:
        """Write the index into ``output`` (unless started); the number of pages indexed.

        Stops the service. Raises :class:`SearchIndexError` (one line) if
        Pagefind refused a page or could not write.
        """
        try:
            if self._prefilled:  # expected unchanged, never written: not the site's pages
                self._start_again()
            self.start_writing(output)
            if self._writing is None:  # nothing to index, or the kept index put back
                return self.pages if self.reused else 0
            answer = self._wait(self._writing)
            if answer.get("type") != "WriteFiles":
                raise SearchIndexError(f"search index: pagefind did not write: {answer}")
            errors = [a for a in self._answers.values() if a.get("type") == "Error"]
            if errors:
                raise SearchIndexError(f"search index: pagefind: {_one_line(errors[0])}")
            if self._reuse is not None:
                self._reuse.save(output)
            return self.pages
        finally:
            self.close()

    def close(self) -> None:
        """Stop the service, if it runs (after an error, too)."""
        if self._reuse is not None:
            self._reuse.close()
        self._stop_service()

    def _start_again(self) -> None:
        """A page handed over as kept differs: Pagefind starts again with the pages as written."""
        self._prefilled.clear()
        self._stop_service(kill=True)
        self._start()

    def _stop_service(self, *, kill: bool = False) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if kill:
            process.kill()
        self._stop_writer(process)
        if process.stdin is not None and not process.stdin.closed:
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._reader is not None:
            self._reader.join(timeout=5)
        if process.stdout is not None:
            process.stdout.close()
        self._index_id = self._writing = None

    # --- the service ----------------------------------------------------------------------

    def _start(self) -> None:
        executable = pagefind_executable()
        try:
            self._process = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise SearchIndexError(f"search index: pagefind could not run: {error}") from None
        self._ended = self._broken = False
        widen_pipe(self._process)
        self._outbox = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write_messages, daemon=True)
        self._writer.start()
        self._reader = threading.Thread(target=self._read_answers, daemon=True)
        self._reader.start()
        answer = self._wait(self._send({"type": "NewIndex", "config": INDEX_CONFIG}))
        if answer.get("type") != "NewIndex":
            self.close()
            raise SearchIndexError(f"search index: pagefind did not start: {_one_line(answer)}")
        self._index_id = answer["index_id"]
        if self._reuse is not None:
            for url, text in self._reuse.recorded():
                self._add_file(url, text)

    def _add_file(self, url: str, text: str) -> None:
        self._send(
            {"type": "AddFile", "index_id": self._index_id, "url": url, "file_contents": text}
        )

    def _send(self, payload: dict[str, Any]) -> int:
        """Queue a message for the writer thread; its id, whose answer :meth:`_wait` gets."""
        if self._process is None:
            raise SearchIndexError("search index: pagefind is not running")
        if self._broken:
            raise SearchIndexError(f"search index: pagefind stopped ({self._exit()})")
        self._sent += 1
        message = {"message_id": self._sent, "payload": payload}
        self._outbox.put(base64.b64encode(json.dumps(message).encode()) + b",")
        return self._sent

    def _write_messages(self) -> None:
        """The writer thread: the queued messages into Pagefind's input, in order, until None."""
        process = self._process
        assert process is not None and process.stdin is not None
        while (message := self._outbox.get()) is not None:
            if self._broken:
                continue  # the service stopped: what is left is dropped
            try:
                process.stdin.write(message)
                process.stdin.flush()
            except (OSError, ValueError):  # a closed pipe, or closed by close()
                self._broken = True

    def _stop_writer(self, process: subprocess.Popen[bytes]) -> None:
        """End the writer thread once it has written what is queued; at once if it cannot."""
        writer, self._writer = self._writer, None
        if writer is None:
            return
        self._outbox.put(None)
        writer.join(timeout=5)
        if writer.is_alive():  # Pagefind reads no more: its pipe is full
            self._broken = True
            process.kill()
            writer.join()

    def _wait(self, message_id: int) -> dict[str, Any]:
        with self._answered:
            found = self._answered.wait_for(
                lambda: message_id in self._answers or self._ended, TIMEOUT_SECONDS
            )
        if not found or message_id not in self._answers:
            raise SearchIndexError(f"search index: pagefind stopped ({self._exit()})")
        return self._answers[message_id]

    def _read_answers(self) -> None:
        process = self._process
        assert process is not None and process.stdout is not None
        pending = b""
        while chunk := process.stdout.read1(1 << 16):
            pending += chunk
            *messages, pending = pending.split(b",")
            for message in messages:
                self._record(message)
        with self._answered:  # said under the lock: a waiter checks it before it waits
            self._ended = True
            self._answered.notify_all()

    def _record(self, message: bytes) -> None:
        try:
            answer = json.loads(base64.b64decode(message))
        except ValueError:
            return
        payload = answer.get("payload") or {}
        if payload.get("type") == "IndexedFile":
            return  # one per page: not kept
        with self._answered:
            self._answers[answer.get("message_id") or 0] = payload
            self._answered.notify_all()

    def _exit(self) -> str:
        code = None
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):  # its output closed: ending
                code = self._process.wait(timeout=1)
        return "still running, no answer" if code is None else f"exit {code}"


def widen_pipe(process: subprocess.Popen[bytes]) -> None:
    """Widen the pipe to the service's input to :data:`PIPE_BYTES`, where Linux can."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is None or process.stdin is None:
        return
    with contextlib.suppress(OSError):  # above the system's limit: the pipe stays as it is
        fcntl.fcntl(process.stdin.fileno(), set_size, PIPE_BYTES)


def _one_line(answer: dict[str, Any]) -> str:
    return " ".join(str(answer.get("message", answer)).split())
