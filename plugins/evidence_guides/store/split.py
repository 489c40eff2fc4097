"""Splitting a ``.bib`` file into raw blocks: quickly when it is regular, by bibtexparser if not.

bibtexparser's splitter walks the file one mark at a time (brace, quote,
comma, equals sign, newline) in Python: about 1.3 s for 20,000 entries, most
of a cold parse. Files written by reference managers are regular: ``@type{key,``
then ``name = value`` fields, each value braced, quoted or a bare word.
:func:`fast_split` reads such a file with one regular expression per field and
returns exactly the blocks bibtexparser's splitter returns. The moment it meets
anything else (a block bibtexparser would fail, a ``(``-delimited block, an
``@`` that could start a block inside another, a line ending in a backslash,
which bibtexparser does not count as a line), it gives up and :func:`split`
hands the whole file to bibtexparser. The fast path is therefore never more
lenient than bibtexparser: ``tests/unit/store/test_split.py`` compares the two on
generated files full of the constructs that tell them apart.

Blocks other than entries and ``@string`` (comments, ``@preamble``) are
skipped: the store has no use for them. Line numbers are 0-based, as
bibtexparser counts them.
"""

from __future__ import annotations

import contextlib
import logging
import re
import warnings
from collections.abc import Iterator
from typing import NamedTuple

import bibtexparser
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
    String,
)


class RawField(NamedTuple):
    key: str  # as written, e.g. "Title"
    value: str  # as written, delimiters and macros included, stripped
    start_line: int  # the line of its "=", from 0


class RawEntry(NamedTuple):
    entry_type: str  # lowercase
    key: str
    start_line: int  # the line of its "@", from 0
    fields: list[RawField]


class RawString(NamedTuple):
    key: str
    value: str
    start_line: int


class FailedBlock(NamedTuple):
    start_line: int
    reason: str  # bibtexparser's reason for giving up on the block


class Blocks(NamedTuple):
    """A file's ``@string`` blocks and entries in file order, and the blocks that failed."""

    strings: list[RawString]
    entries: list[RawEntry]
    failed: list[FailedBlock]


def split(text: str) -> Blocks:
    """The file's blocks, as bibtexparser's splitter reads them."""
    return fast_split(text) or bibtexparser_split(text)


# --- the fast path ---------------------------------------------------------------------------

# bibtexparser's block start: "@type", spaces or tabs, then "{" or "(", anywhere outside a block.
_BLOCK_START = re.compile(r"@[\w]*( |\t)*(?=[{(])")
# The shapes nearly every field has: a name, "=", then a value that is a braced text
# (with up to two levels of inner braces, as in "{M{\v{s}}ller}"), a quoted text without
# braces, or a bare word. Inside braces, quotes, commas and equals signs are text, and a
# backslash matters only before a brace (which it makes text) or a backslash; "@" never
# stands in these shapes (it might start a block).
_RUN = r"(?:[^{}\\@]++|\\[^{}\\@])"  # inside braces: plain text up to a brace, or an escape
_INNER = r"\{(?:" + _RUN + r"|\{" + _RUN + r"*+\})*+\}"
_BRACED = r"\{(?:" + _RUN + "|" + _INNER + r")*+\}"
# What may stand between two marks where the fast path expects none: an entry key, a
# field or @string name. Escapes (\) and "@" are left to the careful path.
_NAME_PART = r"""[^{}",=\\@]*+"""
_NAME = re.compile(_NAME_PART)
_VALUE_PART = r"""\s*+(?:""" + _BRACED + r"""|"[^"{}\\@]*+"|[^{}",\\@]*+)\s*+"""
# A field (name and value captured) followed by the "," or "}" that ends it.
_SIMPLE_FIELD = re.compile(f"({_NAME_PART})=({_VALUE_PART})(?=[,}}])")
# A whole entry after its "{": the key, its comma, and only fields of those shapes.
_ANY_FIELD = f"{_NAME_PART}={_VALUE_PART}"
_SIMPLE_ENTRY = re.compile(f"({_NAME_PART}),((?:{_ANY_FIELD},)*(?:{_ANY_FIELD})?)" + r"\s*\}")
# The fields of a matched entry, each ending in its comma or at the end of the fields.
_FIELD_OF_ENTRY = re.compile(f"({_NAME_PART})=({_VALUE_PART})(?:,|\\Z)")
# Marks inside a value, as bibtexparser's splitter finds them (an escaped one is none).
_VALUE_MARK = re.compile(r'(?<!\\)[{}",]|@[\w]*( |\t)*(?=[{(])')
_BRACE_MARK = re.compile(r"(?<!\\)[{}]|@[\w]*( |\t)*(?=[{(])")


class _GiveUp(Exception):
    """The file holds something only bibtexparser's own splitter should judge."""


def fast_split(text: str) -> Blocks | None:
    """The blocks of a regular file, equal to bibtexparser's; None for any other file."""
    if "\\\n" in text:
        return None
    try:
        return _Reader(text).read()
    except _GiveUp:
        return None


class _Reader:
    """One pass over the text, keeping the line count of the last position asked about."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._counted_to = 0
        self._lines = 0

    def line_at(self, position: int) -> int:
        """Newlines before ``position``; positions are asked about in increasing order."""
        self._lines += self.text.count("\n", self._counted_to, position)
        self._counted_to = position
        return self._lines

    def read(self) -> Blocks:
        text = self.text
        strings: list[RawString] = []
        entries: list[RawEntry] = []
        position = 0
        while (start := _BLOCK_START.search(text, position)) is not None:
            opener = start.end()
            if text[opener] != "{":
                raise _GiveUp  # "(" blocks: bibtexparser reads them with other marks
            kind = start.group().lower()
            line = self.line_at(start.start())
            if kind.startswith(("@comment", "@preamble")):
                position = _closing_brace(text, opener + 1) + 1
            elif kind.startswith("@string"):
                string, position = self._string(opener + 1, line)
                strings.append(string)
            else:
                entry, position = self._entry(kind[1:].strip(), opener + 1, line)
                entries.append(entry)
        return Blocks(strings, entries, [])

    def _string(self, start: int, line: int) -> tuple[RawString, int]:
        text = self.text
        name = _NAME.match(text, start)
        equals = name.end()  # type: ignore[union-attr]
        if equals >= len(text) or text[equals] != "=":
            raise _GiveUp
        close = _closing_brace(text, equals + 1)
        value = text[equals + 1 : close].strip()
        return RawString(name.group().strip(), value, line), close + 1  # type: ignore[union-attr]

    def _entry(self, entry_type: str, start: int, line: int) -> tuple[RawEntry, int]:
        simple = _SIMPLE_ENTRY.match(self.text, start)
        if simple is None:
            return self._entry_field_by_field(entry_type, start, line)
        key, fields_text = simple.group(1, 2)
        fields: list[RawField] = []
        # The line of each field's "=": newlines before it in the entry, after the "{".
        at = self.line_at(start) + key.count("\n")
        for name, value in _FIELD_OF_ENTRY.findall(fields_text):
            at += name.count("\n")
            fields.append(RawField(name.strip(), value.strip(), at))
            at += value.count("\n")
        return RawEntry(entry_type, key.strip(), line, fields), simple.end()

    def _entry_field_by_field(self, entry_type: str, start: int, line: int) -> tuple[RawEntry, int]:
        """An entry with a field of another shape: each value is read mark by mark."""
        text = self.text
        key = _NAME.match(text, start)
        after_key = key.end()  # type: ignore[union-attr]
        if after_key >= len(text) or text[after_key] not in ",}":
            raise _GiveUp
        fields: list[RawField] = []
        entry = RawEntry(entry_type, key.group().strip(), line, fields)  # type: ignore[union-attr]
        if text[after_key] == "}":
            return entry, after_key + 1
        field_start = after_key + 1
        while True:
            simple = _SIMPLE_FIELD.match(text, field_start)
            if simple is not None:
                name, value = simple.group(1, 2)
                equals, end = simple.end(1), simple.end()
            else:
                before = _NAME.match(text, field_start)
                name, equals = before.group(), before.end()  # type: ignore[union-attr]
                if equals < len(text) and text[equals] == "}" and not name.strip():
                    return entry, equals + 1  # a "," before the closing brace
                if equals >= len(text) or text[equals] != "=":
                    raise _GiveUp
                end = _value_end(text, equals + 1)
                value = text[equals + 1 : end]
            fields.append(RawField(name.strip(), value.strip(), self.line_at(equals)))
            if text[end] == "}":
                return entry, end + 1
            field_start = end + 1


def _value_end(text: str, start: int) -> int:
    """Where the value from ``start`` ends (its "," or the entry's "}"), as bibtexparser finds it.

    Braces nest; quotes open and close only outside braces; inside quotes, braces
    do not count and ``{"}`` is a literal quote.
    """
    depth = 0
    quoted = False
    for mark in _VALUE_MARK.finditer(text, start):
        char = mark.group()
        at = mark.start()
        if char == '"':
            if depth == 0:
                literal = (
                    quoted and at + 2 < len(text) and text[at - 1] == "{" and text[at + 1] == "}"
                )
                quoted = quoted if literal else not quoted
        elif char == "{":
            depth += not quoted
        elif char == "}":
            if not quoted:
                if depth == 0:
                    return at
                depth -= 1
        elif char == ",":
            if not quoted and depth == 0:
                return at
        else:
            raise _GiveUp  # "@type{" inside a value: bibtexparser may start a block there
    raise _GiveUp  # the file ends inside the value


def _closing_brace(text: str, start: int) -> int:
    """The "}" closing a block whose "{" is just before ``start``; quotes do not count."""
    depth = 0
    for mark in _BRACE_MARK.finditer(text, start):
        char = mark.group()
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return mark.start()
            depth -= 1
        else:
            raise _GiveUp
    raise _GiveUp


# --- bibtexparser ----------------------------------------------------------------------------


def bibtexparser_split(text: str) -> Blocks:
    """The blocks as bibtexparser's own splitter reads them, failed blocks included."""
    with _silenced_bibtexparser():
        library = bibtexparser.parse_string(text, parse_stack=[])
    blocks = Blocks([], [], [])
    for block in library.blocks:
        if isinstance(block, DuplicateBlockKeyBlock | DuplicateFieldKeyBlock):
            # Set aside by bibtexparser, but still a readable block: the store
            # judges duplicates with BibTeX's own rules.
            block = block.ignore_error_block
        elif isinstance(block, ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", None) or block.error
            blocks.failed.append(FailedBlock(block.start_line or 0, str(reason)))
            continue
        if isinstance(block, String):
            blocks.strings.append(RawString(block.key, block.value, block.start_line or 0))
        elif isinstance(block, Entry):
            fields = [RawField(f.key, f.value, f.start_line or 0) for f in block.fields]
            entry = RawEntry(block.entry_type, block.key, block.start_line or 0, fields)
            blocks.entries.append(entry)
    return blocks


@contextlib.contextmanager
def _silenced_bibtexparser() -> Iterator[None]:
    """Keep bibtexparser's log lines and warnings out of the build's output.

    It logs a warning for every failed block; the store turns those blocks
    into findings, which the caller shows in its own format.
    """
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
