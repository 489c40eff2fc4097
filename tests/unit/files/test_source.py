"""Reading a source file: only a regular file, within its limit, and never waiting on one."""

from __future__ import annotations

import codecs
import io
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from evidence_guides.files.source import (
    ByteLimit,
    SourceDecodeError,
    SourceError,
    _read_at_most,
    decode_source,
    read_exact_text,
    read_source,
    read_source_bytes,
    resolved,
)

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


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"plain\n", "plain\n"),
        (b"\xef\xbb\xbf---\ntitle: x\n", "---\ntitle: x\n"),  # a BOM would hide the fence
        (b"a\r\nb\rc\n", "a\nb\nc\n"),  # Windows and old Mac line ends, as MkDocs reads them
        (b"\xef\xbb\xbf\xef\xbb\xbfa", "\ufeffa"),  # only the leading BOM is an encoding mark
        ("caf\u00e9 \u65e5\u672c".encode(), "caf\u00e9 \u65e5\u672c"),
    ],
)
def test_decode_source_reads_utf8_as_mkdocs_does(data: bytes, text: str) -> None:
    assert decode_source(data, "x.md") == text


@pytest.mark.parametrize(
    ("data", "line", "column", "byte"),
    [
        (b"caf\xe9\n", 1, 4, "0xe9"),  # Latin-1: the most common wrong encoding
        (b"ok\r\nnext \x96 dash", 2, 6, "0x96"),  # Windows-1252, after a CRLF
        ("\u00dcbung\n\u00dcbung ".encode() + b"\xff", 2, 7, "0xff"),  # columns in characters
        (b"\xef\xbb\xbf\xff", 1, 1, "0xff"),  # the dropped BOM does not count
        (b"cut short \xc3", 1, 11, "0xc3"),  # a character cut at the end of the file
    ],
)
def test_a_wrong_encoding_names_the_line_column_and_byte(
    data: bytes, line: int, column: int, byte: str
) -> None:
    with pytest.raises(SourceDecodeError) as raised:
        decode_source(data, "content/plank.md")
    error = raised.value
    assert (error.path, error.line, error.column) == ("content/plank.md", line, column)
    assert str(error) == (
        f"content/plank.md:{line}:{column}: not valid UTF-8 (byte {byte}); save the file as UTF-8"
    )
    assert isinstance(error, SourceError) and isinstance(error, ValueError)


def test_read_source_reports_a_wrong_encoding_at_its_place(tmp_path: Path) -> None:
    (tmp_path / "latin1.md").write_bytes(b"# Plank\n\ncaf\xe9\n")
    assert refusal(tmp_path / "latin1.md").startswith("x.md:3:4: not valid UTF-8 (byte 0xe9)")


def test_read_source_bytes_gives_the_bytes_as_they_are(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbfa\r\n\xff"
    (tmp_path / "raw.bib").write_bytes(data)
    assert read_source_bytes(tmp_path / "raw.bib", "raw.bib", LIMIT) == data
    assert read_source_bytes(tmp_path / "raw.bib", "raw.bib") == data  # no limit


def test_a_file_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    (tmp_path / "edge.md").write_bytes(b"z" * 1000)
    edge = ByteLimit(1000, "a page", "plugins.evidence.limits.page_mb")
    assert read_source(tmp_path / "edge.md", "edge.md", edge) == "z" * 1000


def test_an_unreadable_file_is_one_line(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("x")
    secret.chmod(0)
    if os.access(secret, os.R_OK):
        pytest.skip("running as a user who reads any file (root)")
    assert refusal(secret) == "x.md: cannot read the file (Permission denied)"


def test_resolved_follows_links_to_the_real_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "link.md").symlink_to("a.md")
    assert resolved(tmp_path / "link.md") == (tmp_path / "a.md").resolve()
    assert resolved(tmp_path / "sub" / ".." / "a.md") == (tmp_path / "a.md").resolve()


def test_exact_text_keeps_the_bom_and_line_ends_and_names_a_bad_byte(tmp_path: Path) -> None:
    """The store is rewritten byte for byte: reading it must not change a byte."""
    kept = tmp_path / "kept.bib"
    kept.write_bytes(codecs.BOM_UTF8 + b"@misc{a,\r\n title = {x}}\r\n")
    assert read_exact_text(kept, "kept.bib").encode() == kept.read_bytes()
    bad = tmp_path / "bad.bib"
    bad.write_bytes(b"@misc{a,\n title = {caf\xe9}}\n")
    with pytest.raises(SourceDecodeError, match=r"^bad\.bib:2:14: not valid UTF-8 \(byte 0xe9\)"):
        read_exact_text(bad, "bad.bib")


def test_a_limit_of_a_terabyte_reads_a_page_without_setting_the_limit_aside(
    tmp_path: Path,
) -> None:
    """A read of N bytes sets N aside first: page_mb raised to a terabyte was a MemoryError."""
    (tmp_path / "a.md").write_text("# Plank\n", encoding="utf-8")
    terabyte = ByteLimit(10**12, "a page", "plugins.evidence.limits.page_mb")
    assert read_source(tmp_path / "a.md", "a.md", terabyte) == "# Plank\n"


@pytest.mark.parametrize(("limit", "read"), [(1000, 1001), (5000, 3000)])
def test_a_file_that_grew_since_its_size_was_taken_is_read_to_the_limit(
    limit: int, read: int
) -> None:
    stale = os.stat_result((0o100644, 0, 0, 1, 0, 0, 100, 0, 0, 0))  # 100 bytes, it said
    handle = io.BytesIO(b"x" * 3000)
    data = _read_at_most(handle, ByteLimit(limit, "a page", "page_mb"), stale)
    assert len(data) == read  # one byte past the limit is enough to refuse it
