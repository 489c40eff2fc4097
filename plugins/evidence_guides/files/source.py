"""Reading and decoding source files (guides, the BibTeX store) with errors editors can act on.

A wrong encoding is the most common way a file from another tool breaks a
build. Python's own error names a byte offset; editors need the line and
column, and the byte, in one line.

A path is read only when it is a regular file of at most a given size: a FIFO
would block the reader forever, ``/dev/zero`` would fill the memory, and a
link that loops would end in a traceback. Each is one line naming the file.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO, NamedTuple

# The kinds of file that are not regular, as messages name them.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)
_MB = 1024 * 1024


class SourceError(Exception):
    """A source file cannot be read; ``str(error)`` is the one-line message."""


class SourceDecodeError(SourceError, ValueError):
    """A file is not valid UTF-8, at ``line`` and ``column``."""

    def __init__(self, path: str, line: int, column: int, reason: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {reason}")
        self.path, self.line, self.column, self.reason = path, line, column, reason


class ByteLimit(NamedTuple):
    """The most bytes a file may have, and how a refusal names the limit."""

    max_bytes: int
    what: str  # "a page"
    option: str  # where to raise it, e.g. "plugins.evidence.limits.page_mb"

    def refusal(self, size: int) -> str:
        return (
            f"{_size(size)}, more than the {_size(self.max_bytes)} {self.what} may have"
            f" (set {self.option} to raise the limit)"
        )


def _size(size: int) -> str:
    """``5 MB``, ``20.4 MB``; bytes under a megabyte."""
    if size < _MB:
        return f"{size:,} bytes"
    return f"{size / _MB:.1f}".removesuffix(".0") + " MB"


def read_source_bytes(file: Path, path: str, limit: ByteLimit | None = None) -> bytes:
    """The bytes of ``file`` (``path`` as editors see it), or a one-line :class:`SourceError`.

    Only a regular file (or a link to one) is read, and no more than ``limit``
    allows. It is checked before it is opened (opening some devices does
    something) and again once open, without blocking (a FIFO swapped in between).
    """
    try:
        _check_regular(os.stat(file).st_mode, path)
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise SourceError(_open_error(error, path)) from None
    with os.fdopen(descriptor, "rb") as handle:
        try:
            status = os.fstat(descriptor)
            _check_regular(status.st_mode, path)
            if limit is not None and status.st_size > limit.max_bytes:
                raise SourceError(f"{path}: {limit.refusal(status.st_size)}")
            data = handle.read() if limit is None else _read_at_most(handle, limit, status)
        except OSError as error:
            raise SourceError(_open_error(error, path)) from None
    if limit is not None and len(data) > limit.max_bytes:  # it grew while being read
        raise SourceError(f"{path}: {limit.refusal(len(data))}")
    return data


def _read_at_most(handle: BinaryIO, limit: ByteLimit, status: os.stat_result) -> bytes:
    """The file's bytes, and one more when it holds more than the limit allows.

    Read by what the file holds, not by the limit: a read of N bytes sets N
    aside first, and a limit raised to a terabyte would ask for one.
    """
    most = limit.max_bytes + 1
    chunks = [handle.read(min(most, status.st_size + 1))]
    size = len(chunks[0])
    while size < most and (chunk := handle.read(min(most - size, _MB))):  # it grew
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def check_regular_file(file: Path, path: str) -> None:
    """A one-line :class:`SourceError` unless ``file`` is (or links to) a regular file; not read."""
    try:
        _check_regular(os.stat(file).st_mode, path)
    except OSError as error:
        raise SourceError(_open_error(error, path)) from None


def _check_regular(mode: int, path: str) -> None:
    for is_kind, kind in _KINDS:
        if is_kind(mode):
            raise SourceError(f"{path}: {kind}, not a regular file")


def _open_error(error: OSError, path: str) -> str:
    if error.errno == errno.ENOENT:
        return f"{path}: file not found"
    if error.errno == errno.ELOOP:
        return f"{path}: a symbolic link that loops (or a chain of too many links)"
    return f"{path}: cannot read the file ({error.strerror or type(error).__name__})"


def read_source(file: Path, path: str, limit: ByteLimit | None = None) -> str:
    """The text of ``file`` as :func:`decode_source` gives it, or a :class:`SourceError`."""
    return decode_source(read_source_bytes(file, path, limit), path)


def resolved(file: Path) -> Path:
    """``file.resolve()``, or its absolute path when a link on the way loops.

    Python before 3.13 raises RuntimeError for a loop; the file's reader then
    says what is wrong with it, in one line.
    """
    try:
        return file.resolve()
    except (OSError, RuntimeError):
        return file.absolute()


def read_exact_text(file: Path, path: str, limit: ByteLimit | None = None) -> str:
    """The text of ``file`` exactly as stored (BOM and line ends kept), or a :class:`SourceError`.

    For a file the project rewrites byte for byte (the store): decoding must
    not change what is written back.
    """
    return decode_exact(read_source_bytes(file, path, limit), path)


def decode_source(data: bytes, path: str) -> str:
    """Decode UTF-8 with universal newlines (a leading BOM is dropped), or raise."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    text = decode_exact(data, path)
    # Universal newlines, as Python's text mode (and so MkDocs) reads files:
    # front-matter fences and line numbers depend on it.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_exact(data: bytes, path: str) -> str:
    """Decode UTF-8 as it is, or raise :class:`SourceDecodeError` at the line and column."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        # The column counts characters, so decode the valid part of the line.
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        reason = f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        raise SourceDecodeError(path, line, column, reason) from None
