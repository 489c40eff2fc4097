"""Safe writes: what may be replaced, the store's lock, and no temporary file left by a signal."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from evidence_guides.files import atomic
from evidence_guides.files.atomic import (
    LockTimeoutError,
    exclusive_lock,
    replace_refusal,
    signals_raise_exit,
    write_atomically,
)


def test_what_may_be_replaced(tmp_path: Path) -> None:
    regular = tmp_path / "regular.txt"
    regular.write_text("x")
    read_only = tmp_path / "read-only.txt"
    read_only.write_text("x")
    read_only.chmod(0o444)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(regular)
    assert replace_refusal(tmp_path / "new.txt") is None
    assert replace_refusal(regular) is None
    assert replace_refusal(read_only) == "read-only"
    assert replace_refusal(fifo) == "not a regular file"
    assert replace_refusal(link) == "not a regular file"
    assert replace_refusal(tmp_path) == "not a regular file"
    assert replace_refusal(regular / "below-a-file") == "Not a directory"


def test_the_lock_file_is_gone_after_use(tmp_path: Path) -> None:
    store = tmp_path / "refs.bib"
    with exclusive_lock(store) as lock_path:
        assert lock_path == tmp_path / "refs.bib.lock" and lock_path.exists()
    assert list(tmp_path.iterdir()) == []


def test_taking_the_lock_removes_what_a_killed_writer_left(tmp_path: Path) -> None:
    """A writer killed mid-write (kill -9: no finally) left its temporary file beside the store."""
    store = tmp_path / "refs.bib"
    store.write_text("@misc{a, title={A}}\n", encoding="utf-8")
    (tmp_path / ".refs.bib.k3j9x2.tmp").write_text("@misc{a, ti", encoding="utf-8")
    (tmp_path / ".refs.bib.other.tmp").symlink_to(store)  # not a regular file: left
    (tmp_path / ".notes.bib.q1.tmp").write_text("another file's", encoding="utf-8")
    with exclusive_lock(store):
        pass
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        ".notes.bib.q1.tmp",
        ".refs.bib.other.tmp",
        "refs.bib",
    ]
    assert store.read_text(encoding="utf-8") == "@misc{a, title={A}}\n"


def test_a_second_holder_waits_then_gives_up(tmp_path: Path) -> None:
    store = tmp_path / "refs.bib"
    waits: list[str] = []
    with (
        exclusive_lock(store),
        pytest.raises(LockTimeoutError),
        exclusive_lock(store, wait=0.2, on_wait=lambda: waits.append("waiting")),
    ):
        pass  # pragma: no cover: the second lock is never held
    assert waits == ["waiting"]  # said once, not at every poll
    with exclusive_lock(store, wait=0.2):  # released: free again
        pass


def test_sigterm_becomes_system_exit_and_the_handler_comes_back() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as raised, signals_raise_exit():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler ends the sleep
    assert raised.value.code == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) == before


def test_a_write_ended_by_sigterm_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "refs.bib"
    target.write_text("old")

    def killed_while_syncing(descriptor: int) -> None:
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(atomic.os, "fsync", killed_while_syncing)
    with pytest.raises(SystemExit):
        write_atomically(target, "new" * 1_000_000)
    assert target.read_text() == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["refs.bib"]


def test_a_write_replaces_the_text_exactly_and_keeps_the_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "refs.bib"
    target.write_text("old")
    target.chmod(0o640)
    write_atomically(target, "caf\u00e9\r\nline two\n")
    assert target.read_bytes() == "caf\u00e9\r\nline two\n".encode()  # UTF-8, newlines as given
    assert target.stat().st_mode & 0o7777 == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["refs.bib"]


def test_a_write_creates_a_new_file(tmp_path: Path) -> None:
    write_atomically(tmp_path / "new.md", "# New\n")
    assert (tmp_path / "new.md").read_text(encoding="utf-8") == "# New\n"
    assert [path.name for path in tmp_path.iterdir()] == ["new.md"]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "refs.bib"
    target.write_text("old")

    def disk_full(source: str, destination: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["refs.bib"]


def test_a_write_into_a_missing_folder_fails_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "gone" / "refs.bib", "new")
    assert list(tmp_path.iterdir()) == []


def test_a_handler_someone_else_installed_is_left_alone() -> None:
    def mine(number: int, frame: object) -> None:
        pass

    before = signal.signal(signal.SIGTERM, mine)
    try:
        with signals_raise_exit():
            assert signal.getsignal(signal.SIGTERM) is mine
            assert signal.getsignal(signal.SIGHUP) is atomic._raise_exit
        assert signal.getsignal(signal.SIGTERM) is mine
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_DFL
    finally:
        signal.signal(signal.SIGTERM, before)


def test_outside_the_main_thread_signals_are_left_alone() -> None:
    """Only the main thread may set handlers: elsewhere the block must still run."""
    ran: list[bool] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with signals_raise_exit():
                ran.append(signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)
        except BaseException as error:  # pragma: no cover: the failure this test is for
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(5)
    assert (ran, errors) == ([True], [])


def test_a_waiter_that_locked_the_removed_file_locks_the_new_one(tmp_path: Path) -> None:
    """The holder removes the lock file on release; a waiter holding the old one retries.

    Otherwise the waiter would hold a lock on a file no one else can open, and the
    next process would create a new lock file and get it at once: two writers.
    """
    store = tmp_path / "refs.bib"
    waiting, held, release = threading.Event(), threading.Event(), threading.Event()

    def second_holder() -> None:
        with exclusive_lock(store, wait=10, on_wait=waiting.set):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=second_holder)
    with exclusive_lock(store) as lock_path:
        thread.start()
        assert waiting.wait(10)
    try:
        assert held.wait(10)
        assert lock_path.exists()  # the second holder's own file, in place
        with pytest.raises(LockTimeoutError), exclusive_lock(store, wait=0.2):
            pass  # pragma: no cover: the third lock is never held
    finally:
        release.set()
        thread.join(10)
    assert list(tmp_path.iterdir()) == []
