"""Pagefind's service (``pagefind --service``): one process, messages in, answers out.

The binary is the one the ``pagefind_bin`` wheel ships, so nothing is
downloaded and no network is needed. Its protocol: each message is base64 of
a JSON object, followed by a comma, on its standard input; each answer the
same on its standard output.

A message (a page is tens of kilobytes) is written by a thread of its own,
from a queue: Pagefind reads its input one message at a time, as it gets the
core to, so a build writing into the pipe itself would wait for it at every
page (seconds over a build of thousands on a busy machine), instead of
writing its next page. Messages Pagefind has not read yet wait in the queue.
Answers are read by another thread and kept by message id.

Pagefind runs at the lowest priority (``nice`` 19, where there is ``nice``).
It works beside the build: while MkDocs writes pages, every CPU second it
takes from them lengthens the build, and a build indexing a quarter of its
guides again gives it a third to a half more CPU than the build itself uses.
At the lowest priority it takes the time the build leaves idle, and all of it
once the build only waits for it. What it writes is the same. (Measured, the
gain was within this machine's drift: see the README's Performance section.)
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: the pipe keeps its size
    fcntl = None  # type: ignore[assignment]

TIMEOUT_SECONDS = 600

NICENESS = 19
"""Pagefind's priority (``nice``): the lowest, so the build's own work comes first."""

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


class PagefindService:
    """One running ``pagefind --service``; :meth:`stop` ends it (after an error, too)."""

    def __init__(self, executable: Path) -> None:
        if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):  # said here:
            # through ``nice``, the failure would be only its exit status
            raise SearchIndexError(
                f"search index: pagefind could not run: {executable} is not an executable file"
            )
        try:
            self.process = subprocess.Popen(
                [*lowest_priority(), str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise SearchIndexError(f"search index: pagefind could not run: {error}") from None
        self._broken = False  # a write to the service failed: it stopped
        self._ended = False  # the service's output closed: no answer will come
        self._answers: dict[int, dict[str, Any]] = {}
        self._answered = threading.Condition()
        self._sent = 0
        widen_pipe(self.process)
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._writer: threading.Thread | None = threading.Thread(target=self._write, daemon=True)
        self._writer.start()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def send(self, payload: dict[str, Any]) -> int:
        """Queue a message for the writer thread; its id, whose answer :meth:`wait` gets."""
        if self._broken:
            raise SearchIndexError(f"search index: pagefind stopped ({self._exit()})")
        self._sent += 1
        message = {"message_id": self._sent, "payload": payload}
        self._outbox.put(base64.b64encode(json.dumps(message).encode()) + b",")
        return self._sent

    def wait(self, message_id: int) -> dict[str, Any]:
        """The answer to message ``message_id``; :class:`SearchIndexError` if none comes."""
        with self._answered:
            found = self._answered.wait_for(
                lambda: message_id in self._answers or self._ended, TIMEOUT_SECONDS
            )
        if not found or message_id not in self._answers:
            raise SearchIndexError(f"search index: pagefind stopped ({self._exit()})")
        return self._answers[message_id]

    def errors(self) -> list[dict[str, Any]]:
        """The errors Pagefind answered with so far."""
        with self._answered:
            return [answer for answer in self._answers.values() if answer.get("type") == "Error"]

    def stop(self, *, kill: bool = False) -> None:
        """End the service: once it has read what is queued, or at once with ``kill``."""
        process = self.process
        if kill:
            process.kill()
        self._stop_writer()
        if process.stdin is not None and not process.stdin.closed:
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._reader.join(timeout=5)
        if process.stdout is not None:
            process.stdout.close()

    def _write(self) -> None:
        """The writer thread: the queued messages into Pagefind's input, in order, until None."""
        stdin = self.process.stdin
        assert stdin is not None
        while (message := self._outbox.get()) is not None:
            if self._broken:
                continue  # the service stopped: what is left is dropped
            try:
                stdin.write(message)
                stdin.flush()
            except (OSError, ValueError):  # a closed pipe, or closed by stop()
                self._broken = True

    def _stop_writer(self) -> None:
        """End the writer thread once it has written what is queued; at once if it cannot."""
        writer, self._writer = self._writer, None
        if writer is None:
            return
        self._outbox.put(None)
        writer.join(timeout=5)
        if writer.is_alive():  # Pagefind reads no more: its pipe is full
            self._broken = True
            self.process.kill()
            writer.join()

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        pending = b""
        while chunk := stdout.read1(1 << 16):
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
        with contextlib.suppress(subprocess.TimeoutExpired):  # its output closed: ending
            code = self.process.wait(timeout=1)
        return "still running, no answer" if code is None else f"exit {code}"


def lowest_priority() -> list[str]:
    """The command that runs another at :data:`NICENESS` (``nice`` replaces itself with it:
    the process is the service's); none where there is no ``nice`` (Windows)."""
    nice = shutil.which("nice")
    return [nice, "-n", str(NICENESS)] if nice else []


def wait_until_written(folder: Path, *, still: float = 0.25, limit: float = 30.0) -> None:
    """Return once nothing in ``folder`` has changed for ``still`` seconds (or after ``limit``).

    Pagefind's service answers WriteFiles before every file is whole: the
    entry file and the search UI's files were seen changing a few hundred
    milliseconds after the answer, and a service stopped at once can leave
    them cut short. So the index is kept, and Pagefind stopped, only once its
    folder is still.
    """
    deadline = time.monotonic() + limit
    last = _state(folder)
    settled = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(still / 5)
        now = _state(folder)
        if now != last:
            last, settled = now, time.monotonic()
        elif time.monotonic() - settled >= still:
            return


def _state(folder: Path) -> list[tuple[str, int, int]]:
    """Every file under ``folder``: its path, size and modification time (ns)."""
    found = []
    for root, _, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                info = os.stat(os.path.join(root, name), follow_symlinks=False)
                found.append((os.path.join(root, name), info.st_size, info.st_mtime_ns))
    return sorted(found)


def widen_pipe(process: subprocess.Popen[bytes]) -> None:
    """Widen the pipe to the service's input to :data:`PIPE_BYTES`, where Linux can."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is None or process.stdin is None:
        return
    with contextlib.suppress(OSError):  # above the system's limit: the pipe stays as it is
        fcntl.fcntl(process.stdin.fileno(), set_size, PIPE_BYTES)


def one_line(answer: dict[str, Any]) -> str:
    """An answer (an error's message, else the whole answer) as one line."""
    return " ".join(str(answer.get("message", answer)).split())
