"""Page work in a second process, when the machine has a second core.

Rendering and auditing a page are pure functions of the page and the store, so
a forked copy of the process can do them while the original does something
else: MkDocs' own work on the pages in a build, or the other half of the pages
in ``guides audit``. The child inherits everything already loaded (the store,
the parsed configuration, the templates) for free, and sends its results back
pickled. Results are identical either way, and so is the order in which the
caller receives them: the child only computes, the caller still logs and
reports.

Anything unusual makes the caller do the work itself, as it would without a
second core: no ``fork`` on this platform (Windows), one usable core, other
threads running, a child that fails on a page (the caller then raises the same
error itself) or dies.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import queue
import sys
import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

try:
    import fcntl
except ImportError:  # Windows, which has no fork either
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
R = TypeVar("R")

_FAILED = object()  # the child could not compute this one: compute it here
_PIPE_BYTES = 1 << 20  # Linux's default limit for a pipe's buffer (/proc/sys/fs/pipe-max-size)
MINIMUM = 32  # items: for fewer, starting a worker costs more than it saves
_BATCH = 16  # results sent at once, at most


def available() -> bool:
    """Whether a forked worker can run beside this process on another core.

    Only a single-threaded process forks: a child forked while another thread
    holds a lock (``mkdocs serve``'s server, a test's replay server) could wait
    on that lock forever.
    """
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return cores > 1


class Ahead(Generic[K, R]):
    """``work(key)`` for each of ``keys``, computed in that order by a forked child.

    :meth:`get` returns the result for a key, from the child when it has sent
    it, else computed here. Call :meth:`close` when done (also safe to call
    twice); a child still running is then stopped. The child keeps at most
    ``ahead`` results the caller has not taken yet (0: no limit), which bounds
    its memory when the caller is slower.
    """

    def __init__(self, work: Callable[[K], R], keys: Sequence[K], *, ahead: int = 0) -> None:
        self._work = work
        self._ready: dict[K, Any] = {}
        self._pending = set(keys)
        self._connection: Connection | None = None
        self._process: Any = None
        if not keys:
            return
        context = multiprocessing.get_context("fork")
        for stream in (sys.stdout, sys.stderr):  # or the child would write it out again
            stream.flush()
        receiver, sender = context.Pipe(duplex=False)
        _widen(sender)
        process = context.Process(
            target=_serve, args=(work, list(keys), sender, ahead), daemon=True
        )
        # Frozen, the objects both processes share are left out of the child's
        # garbage collections, which would otherwise walk (and copy) all of them.
        gc.freeze()
        try:
            process.start()
        except OSError:  # no memory or process left for a child: work here
            receiver.close()
            sender.close()
            return
        finally:
            gc.unfreeze()
        sender.close()
        self._connection, self._process = receiver, process

    def get(self, key: K) -> R:
        if key not in self._ready:
            self._receive_until(key)
        result = self._ready.pop(key, _FAILED)
        self._pending.discard(key)
        return self._work(key) if result is _FAILED else result

    def ready(self, key: K) -> bool:
        """Whether :meth:`get` would return at once: the child sent it, or is gone."""
        while key not in self._ready and self._connection is not None:
            if not self._connection.poll():
                return False
            self._receive()
        return True

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None
        self._ready.clear()

    def _receive_until(self, key: K) -> None:
        if key not in self._pending:
            return  # never asked of the child, or already handed out
        while self._connection is not None and key not in self._ready:
            self._receive()

    def _receive(self) -> None:
        """Wait for the child's next batch of results."""
        assert self._connection is not None
        try:
            batch = self._connection.recv()
        except Exception:  # the child died, or sent what cannot be read: work here
            self.close()
            return
        self._ready.update(batch)


def _widen(connection: Connection) -> None:
    """Give the pipe a buffer of a megabyte, where Linux allows it, instead of 64 KiB.

    Results are some kilobytes each. In 64 KiB the child's sending thread can
    put only a few ahead, and each wait for it to get the interpreter back from
    the working thread stalls the caller; a megabyte holds dozens. Elsewhere the
    pipe keeps its size: slower, never wrong.
    """
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is None:
        return
    with contextlib.suppress(OSError):  # above this system's limit: the default stays
        fcntl.fcntl(connection.fileno(), set_size, _PIPE_BYTES)


def _serve(work: Callable[[K], R], keys: list[K], connection: Connection, ahead: int) -> None:
    """The child: compute each result in order; a thread sends them as the caller reads.

    Sending blocks while the pipe is full, that is until the caller reads; the
    results wait in a queue meanwhile (at most ``ahead`` of them), so the work
    does not. The sending thread runs only when the working one lets it have
    the interpreter, so it sends what is waiting in small batches. A failure
    sends a marker instead.
    """
    outbox: queue.Queue[tuple[K, Any] | None] = queue.Queue(maxsize=ahead)
    gone = threading.Event()  # the caller stopped listening
    sys.setswitchinterval(0.001)  # let the sender in often: the caller waits on it

    def send() -> None:
        finished = False
        while not finished:
            batch = [outbox.get()]
            while len(batch) < _BATCH:  # small batches: the caller takes them as they come
                try:
                    batch.append(outbox.get_nowait())
                except queue.Empty:
                    break
            finished = batch[-1] is None
            items = [item for item in batch if item is not None]
            try:
                _send(connection, items)
            except (BrokenPipeError, OSError):
                gone.set()
                return

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        for key in keys:
            try:
                result: Any = work(key)
            except Exception:  # the caller computes it again, and raises it there
                result = _FAILED_MARK
            while not gone.is_set():
                try:
                    outbox.put((key, result), timeout=1)
                    break
                except queue.Full:
                    continue
            if gone.is_set():
                return
        outbox.put(None)
        sender.join()
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: stop quietly
        return
    finally:
        connection.close()


def _send(connection: Connection, items: list[tuple[K, Any]]) -> None:
    """Send a batch of results; one that cannot be pickled goes as a failure marker."""
    if not items:
        return
    try:
        connection.send(items)
    except (BrokenPipeError, OSError):
        raise
    except Exception:  # pickling failed before anything was written
        for key, result in items:
            try:
                connection.send([(key, result)])
            except (BrokenPipeError, OSError):
                raise
            except Exception:
                connection.send([(key, _FAILED_MARK)])


class _FailedMark:
    """Sent instead of a result; unpickles as the parent's ``_FAILED``."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_failed, ())


def _failed() -> object:
    return _FAILED


_FAILED_MARK = _FailedMark()


def split_map(
    work: Callable[[T], R], items: Iterable[T], costs: Sequence[float] | None = None
) -> list[R]:
    """``[work(item) for item in items]``, the second half computed by a forked child.

    Half by count, or by ``costs`` (one per item, in any unit) when the items
    are known to differ.
    """
    items = list(items)
    if len(items) < MINIMUM or not available():
        return [work(item) for item in items]
    half = len(items) // 2 if costs is None else _middle(costs)
    keys = list(range(half, len(items)))
    ahead: Ahead[int, R] = Ahead(lambda index: work(items[index]), keys)
    try:
        results = [work(item) for item in items[:half]]
        results.extend(ahead.get(index) for index in keys)
    finally:
        ahead.close()
    return results


def _middle(costs: Sequence[float]) -> int:
    """Where the items split into two runs of about equal cost."""
    target, running = sum(costs) / 2, 0.0
    for index, cost in enumerate(costs):
        running += cost
        if running >= target:
            return index + 1
    return len(costs)
