"""Writes that cannot lose data: atomic replacement, a lock, and no debris on any exit.

refs.bib, guides and generated files are written through here, so an
interrupted write (a full disk, Ctrl-C, a crash) cannot lose an editor's work:

- :func:`write_atomically` writes a temporary file beside the target and renames
  it over, so a reader sees the old file or the new one, never half of one. The
  temporary file is removed on every way out, SIGTERM and SIGHUP included (they
  are turned into :class:`SystemExit` while it exists), so a killed write leaves
  nothing behind.
- :func:`replace_refusal` says why a path must not be replaced: a device, a
  folder or a link would silently become a plain file, and a read-only file was
  made read-only on purpose.
- :func:`exclusive_lock` serialises read-compare-write cycles on one file between
  processes (``fcntl.flock`` on ``FILE.lock`` beside it), so two writers cannot
  both read the old file and the second rename drop the first one's addition.
"""

from __future__ import annotations

import contextlib
import glob
import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

try:
    import fcntl
except ImportError:  # Windows: no flock; the compare-before-write check still runs
    fcntl = None  # type: ignore[assignment]

# Signals whose default action kills the process without running `finally` blocks.
_FATAL_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
_LOCK_POLL = 0.05  # seconds between attempts while another process holds the lock


class LockTimeoutError(OSError):
    """Another process held the lock for longer than the caller would wait."""


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary file beside ``path``, then rename it over."""
    path = Path(path)
    temporary: str | None = None
    with signals_raise_exit():
        try:
            descriptor, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
            )
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o7777)
            os.replace(temporary, path)
        except BaseException:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
            raise


def write_cache_file(file: Path, data: bytes) -> None:
    """Write a cache file whole or not at all (a temporary file renamed into place);
    a cache that cannot be written is skipped, never an error."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{file.name}.", dir=file.parent)
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, file)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise


def replace_refusal(path: Path) -> str | None:
    """Why ``path`` must not be replaced by a new file, or None when it is new or a writable file.

    Read without following a final link: replacing a link replaces the link itself.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None  # a new file (a missing folder is the write's own error)
    except OSError as error:
        return error.strerror or type(error).__name__
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        return "read-only"
    return None


@contextlib.contextmanager
def signals_raise_exit() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise ``SystemExit(128 + signal)``.

    Their default action ends the process on the spot, so ``finally`` blocks (which
    remove temporary files and locks) would not run. Only the main thread can set
    handlers, and a handler someone else installed is left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    replaced: dict[int, signal.Handlers | int | None] = {}
    for number in _FATAL_SIGNALS:
        if signal.getsignal(number) == signal.SIG_DFL:
            replaced[number] = signal.signal(number, _raise_exit)
    try:
        yield
    finally:
        for number, previous in replaced.items():
            signal.signal(number, previous)


def _raise_exit(number: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + number)


@contextlib.contextmanager
def exclusive_lock(
    path: Path, wait: float = 30.0, on_wait: Callable[[], None] | None = None
) -> Iterator[Path]:
    """Hold an exclusive lock on ``path`` (through ``PATH.lock``) within the block.

    Waits up to ``wait`` seconds for another holder (calling ``on_wait`` once, so
    the editor knows what the command waits for), then raises
    :class:`LockTimeoutError`; other failures (a read-only folder) are the
    ``OSError`` of creating the lock file. The lock file is removed on release, so
    none is left beside the store; a process that locked a removed file tries again.
    """
    lock_path = path.with_name(path.name + ".lock")
    if fcntl is None:
        yield lock_path
        return
    with signals_raise_exit():
        descriptor = _acquire(lock_path, time.monotonic() + wait, on_wait or (lambda: None))
        try:
            _remove_left_temporaries(path)
            yield lock_path
        finally:
            lock_path.unlink(missing_ok=True)  # still ours: only a holder removes it
            os.close(descriptor)


def _remove_left_temporaries(path: Path) -> None:
    """Remove what a writer of ``path`` killed mid-write left (``.NAME.*.tmp``), lock held.

    Every writer of a locked file writes it under the lock, so a temporary
    file of it found now is a dead process's. Only regular files go, never
    through a link.
    """
    for left in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(left).st_mode):
                left.unlink()


def _acquire(lock_path: Path, deadline: float, on_wait: Callable[[], None]) -> int:
    """An open descriptor of ``lock_path`` holding its flock, once it is the current file."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        descriptor = os.open(lock_path, flags, 0o644)
        try:
            _flock(descriptor, lock_path, deadline, on_wait)
            on_wait = _nothing  # said once, even if the file is then found replaced
            if _is_current(descriptor, lock_path):
                return descriptor
        except BaseException:
            os.close(descriptor)
            raise
        os.close(descriptor)  # the holder removed it as we waited: lock the new one


def _flock(descriptor: int, lock_path: Path, deadline: float, on_wait: Callable[[], None]) -> None:
    """Take the flock, polling until ``deadline``; ``on_wait`` is called once if it must wait."""
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeoutError(f"{lock_path.name} is held by another process") from None
            on_wait()
            on_wait = _nothing
            time.sleep(_LOCK_POLL)


def _nothing() -> None:
    pass


def _is_current(descriptor: int, lock_path: Path) -> bool:
    try:
        on_disk = os.stat(lock_path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)
