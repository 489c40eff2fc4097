"""Decoding source files (guides, the BibTeX store) with errors editors can act on.

A wrong encoding is the most common way a file from another tool breaks a
build. Python's own error names a byte offset; editors need the line and
column, and the byte, in one line.
"""

from __future__ import annotations

import codecs
from pathlib import Path


class SourceError(Exception):
    """A source file cannot be read; ``str(error)`` is the one-line message."""


class SourceDecodeError(SourceError, ValueError):
    """A file is not valid UTF-8, at ``line`` and ``column``."""

    def __init__(self, path: str, line: int, column: int, reason: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {reason}")
        self.path, self.line, self.column, self.reason = path, line, column, reason


def read_source_bytes(file: Path, path: str) -> bytes:
    """The bytes of ``file`` (``path`` as editors see it), or a one-line :class:`SourceError`."""
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: file not found") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SourceError(f"{path}: cannot read the file ({reason})") from None


def read_source(file: Path, path: str) -> str:
    """The text of ``file`` as :func:`decode_source` gives it, or a :class:`SourceError`."""
    return decode_source(read_source_bytes(file, path), path)


def decode_source(data: bytes, path: str) -> str:
    """Decode UTF-8 with universal newlines (a leading BOM is dropped), or raise."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        # The column counts characters, so decode the valid part of the line.
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        reason = f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        raise SourceDecodeError(path, line, column, reason) from None
    # Universal newlines, as Python's text mode (and so MkDocs) reads files:
    # front-matter fences and line numbers depend on it.
    return text.replace("\r\n", "\n").replace("\r", "\n")
