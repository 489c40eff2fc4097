"""Safe writes: what may be replaced, the store's lock, and no temporary file left by a signal."""

from __future__ import annotations

import os
import signal
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
