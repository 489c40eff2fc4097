"""Reading a source file: only a regular file, within its limit, and never waiting on one."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from evidence_guides.files.source import ByteLimit, SourceError, read_source, resolved

LIMIT = ByteLimit(1024 * 1024, "a page", "plugins.evidence.limits.page_mb")


@contextmanager
def deadline(seconds: int = 5) -> Iterator[None]:
    """Fail instead of hanging, should a read ever block again."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("the read blocked")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def refusal(path: Path, limit: ByteLimit | None = LIMIT) -> str:
    with deadline(), pytest.raises(SourceError) as raised:
        read_source(path, "x.md", limit)
    return str(raised.value)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    assert refusal(tmp_path / "pipe.md") == "x.md: a named pipe (FIFO), not a regular file"


def test_a_device_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    assert refusal(tmp_path / "zero.md", None) == "x.md: a device, not a regular file"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path) == "x.md: a folder, not a regular file"


def test_a_looping_link_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "loop.md").symlink_to("loop.md")
    expected = "x.md: a symbolic link that loops (or a chain of too many links)"
    assert refusal(tmp_path / "loop.md") == expected
    assert resolved(tmp_path / "loop.md") == tmp_path / "loop.md"  # no RuntimeError


def test_missing(tmp_path: Path) -> None:
    assert refusal(tmp_path / "gone.md") == "x.md: file not found"


def test_a_file_over_the_limit_is_refused_with_the_option(tmp_path: Path) -> None:
    (tmp_path / "big.md").write_bytes(b"x" * (3 * 1024 * 1024 + 1024 * 100))
    assert refusal(tmp_path / "big.md") == (
        "x.md: 3.1 MB, more than the 1 MB a page may have"
        " (set plugins.evidence.limits.page_mb to raise the limit)"
    )
    (tmp_path / "small.md").write_bytes(b"y" * 1001)
    small = ByteLimit(1000, "a page", "plugins.evidence.limits.page_mb")
    assert "1,001 bytes, more than the 1,000 bytes a page may have" in refusal(
        tmp_path / "small.md", small
    )


def test_a_file_within_the_limit_and_a_link_to_one_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("caf\u00e9\r\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to("a.md")
    for name in ("a.md", "link.md"):
        assert read_source(tmp_path / name, name, LIMIT) == "caf\u00e9\n"
