"""Filling each entry's ``pubtype`` from PubMed: reported always, written only when asked.

A reference shows its study design from PubMed's publication types
(:mod:`evidence_guides.store.designs`). Entries typed by hand, or imported
before PubMed classified them, have none or old ones, so ``guides refs verify``
compares each entry's ``pubtype`` with its record and reports every
difference; ``--write`` stores them. The store is the editors' file: only the
``pubtype`` values change (a value replaced, or one field line added to an
entry), every other byte stays as it was, the result is parsed back and must
hold exactly the same entries and fields but those, and it is written
atomically under the store's lock, after checking that nobody saved the file
meanwhile. Any failure is a :class:`PubtypeWriteError` and nothing is written.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence_guides.files.atomic import (
    LockTimeoutError,
    exclusive_lock,
    replace_refusal,
    write_atomically,
)
from evidence_guides.files.limits import Limits
from evidence_guides.files.source import SourceError, read_exact_text
from evidence_guides.pubmed.bibtex import UnsafeValueError, pubtype_value
from evidence_guides.pubmed.records import PubMedRecord
from evidence_guides.store.designs import PUBTYPE_FIELD, publication_types
from evidence_guides.store.entry import BibEntry, BibStore
from evidence_guides.store.parse import parse_bib

LOCK_WAIT = 30.0  # seconds, as for an import
_FIELD_RE = re.compile(r"[ \t]*([A-Za-z][\w:.+/'-]*)([ \t]*)=")
_PUBTYPE_RE = re.compile(r"(?<![\w:.+/'-])pubtype\s*=\s*", re.IGNORECASE)
_BARE_RE = re.compile(r"[^\s,}]+")


class PubtypeWriteError(Exception):
    """The store cannot be updated; the message is one line and nothing was written."""


@dataclass(frozen=True, slots=True)
class PubtypeChange:
    """One entry whose ``pubtype`` differs from PubMed's publication types."""

    key: str
    line: int  # of its pubtype field, or of the entry when it has none
    old: str | None  # the value as written, or None
    new: str  # the value to write, BibTeX-escaped


def pubtype_changes(store: BibStore, records: Mapping[str, PubMedRecord]) -> list[PubtypeChange]:
    """Each entry with a PMID whose ``pubtype`` is not its record's; a record without types
    changes nothing (a value is never removed).
    """
    changes = []
    for entry in store.entries.values():
        record = records.get(entry.pmid) if entry.pmid else None
        if record is None:
            continue
        try:
            new = pubtype_value(record)
        except UnsafeValueError:
            continue  # a type that cannot be written safely is never written
        if new is None:
            continue
        old = entry.fields.get(PUBTYPE_FIELD)
        if old is not None and publication_types(old) == publication_types(new):
            continue
        line = entry.field_lines.get(PUBTYPE_FIELD, entry.line)
        changes.append(PubtypeChange(entry.key, line, old, new))
    return changes


def write_pubtypes(
    bib_file: Path,
    display_path: str,
    records: Mapping[str, PubMedRecord],
    *,
    limits: Limits | None = None,
) -> list[PubtypeChange]:
    """Store PubMed's publication types in ``bib_file``; the changes written (maybe none).

    Holds the store's lock from reading it to renaming the new file, so an import
    cannot interleave. Raises :class:`PubtypeWriteError` and writes nothing when the
    store is read-only, unreadable, cannot be edited safely, or changed meanwhile.
    """
    limits = limits or Limits()
    bib_file = Path(os.path.realpath(bib_file))  # a linked store is written where it lives
    _check_replaceable(bib_file, display_path)
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(exclusive_lock(bib_file, LOCK_WAIT))
        except LockTimeoutError:
            raise PubtypeWriteError(
                f"{display_path}: another command is writing it (lock {bib_file.name}.lock);"
                " nothing written, run again"
            ) from None
        except OSError as error:
            raise PubtypeWriteError(
                f"{display_path}: cannot lock it for writing ({_reason(error)}); nothing written"
            ) from None
        original = _read(bib_file, display_path, limits)
        store = parse_bib(original.replace("\r\n", "\n"), display_path, limits=limits)
        changes = pubtype_changes(store, records)
        if not changes:
            return []
        updated = apply_changes(original, store, changes, display_path)
        check_read_back(updated, store, changes, display_path, limits)
        if _read(bib_file, display_path, limits) != original:
            raise PubtypeWriteError(f"{display_path} changed meanwhile; nothing written, run again")
        _check_replaceable(bib_file, display_path)
        try:
            write_atomically(bib_file, updated)
        except OSError as error:
            raise PubtypeWriteError(
                f"{display_path}: cannot write it ({_reason(error)}); nothing written"
            ) from None
    return changes


def apply_changes(
    text: str, store: BibStore, changes: Sequence[PubtypeChange], display_path: str
) -> str:
    """``text`` with each change made: a value replaced, or a field line added to its entry."""
    lines = _line_starts(text)
    edits: list[tuple[int, int, str]] = []
    for change in changes:
        entry = store.entries[change.key]
        if change.old is not None:
            edits.append(_replacement(text, lines, entry, change, display_path))
        else:
            edits.append(_insertion(text, lines, entry, change, display_path))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def check_read_back(
    text: str,
    before: BibStore,
    changes: Sequence[PubtypeChange],
    display_path: str,
    limits: Limits,
) -> None:
    """Refuse unless ``text`` holds the same entries and fields, but the changed ``pubtype``s."""
    after = parse_bib(text.replace("\r\n", "\n"), display_path, limits=limits)
    wanted = {change.key: change.new for change in changes}
    if list(after.entries) != list(before.entries):
        raise PubtypeWriteError(
            f"{display_path}: the entries would not read back as they are; nothing written"
        )
    for key, entry in before.entries.items():
        fields = dict(after.entries[key].fields)
        new = fields.pop(PUBTYPE_FIELD, None)
        old = {name: value for name, value in entry.fields.items() if name != PUBTYPE_FIELD}
        expected = wanted.get(key, entry.fields.get(PUBTYPE_FIELD))
        if fields != old or new != expected:
            line = after.entries[key].line
            raise PubtypeWriteError(
                f"{display_path}:{line}: '{key}' would not read back as written; nothing written"
            )


def _replacement(
    text: str, lines: list[int], entry: BibEntry, change: PubtypeChange, shown: str
) -> tuple[int, int, str]:
    """Where the entry's ``pubtype`` value is, and its new value, braced."""
    names = _PUBTYPE_RE.finditer(text, lines[entry.line - 1])
    # The field whose "=" is on its line (where the store read it): not a word in a value.
    name = next((m for m in names if _line_of(lines, m.end() - 1) == change.line), None)
    if name is None:
        raise _cannot(shown, change.line, entry.key)
    value = name.end()
    if text.startswith("{", value):
        end = _closing(text, value, "{", "}")
    elif text.startswith('"', value):
        end = text.find('"', value + 1) + 1
    else:
        bare = _BARE_RE.match(text, value)
        end = bare.end() if bare else -1
    if end <= value:
        raise _cannot(shown, change.line, entry.key)
    return value, end, "{" + change.new + "}"


def _insertion(
    text: str, lines: list[int], entry: BibEntry, change: PubtypeChange, shown: str
) -> tuple[int, int, str]:
    """A ``pubtype`` line added as the entry's last field, aligned with its first."""
    start = text.find("@", lines[entry.line - 1])
    opening = text.find("{", start)
    if start < 0 or opening < 0 or "(" in text[start:opening]:
        raise _cannot(shown, entry.line, entry.key)
    closing = _closing(text, opening, "{", "}") - 1
    if closing < 0:
        raise _cannot(shown, entry.line, entry.key)
    last = len(text[:closing].rstrip())  # just after the last field's value (or its comma)
    newline = "\r\n" if "\r\n" in text[start:closing] else "\n"
    indent, width = "  ", 0
    if entry.field_lines:
        first = _FIELD_RE.match(text, lines[min(entry.field_lines.values()) - 1])
        if first is not None:
            indent = text[lines[min(entry.field_lines.values()) - 1] : first.start(1)]
            width = len(first.group(1)) + len(first.group(2))
    name = PUBTYPE_FIELD.ljust(max(width, len(PUBTYPE_FIELD) + 1))
    field = f"{indent}{name}= {{{change.new}}}"
    if text[last - 1] == ",":
        return last, last, f"{newline}{field},"
    return last, last, f",{newline}{field}"


def _closing(text: str, opening: int, open_char: str, close_char: str) -> int:
    """Just after the delimiter that closes the one at ``opening``; -1 if none."""
    depth = 0
    for index in range(opening, len(text)):
        char = text[index]
        if char == open_char:
            depth += 1
        elif char == close_char:
            depth -= 1
            if depth == 0:
                return index + 1
    return -1


def _line_of(lines: list[int], offset: int) -> int:
    """The 1-based line of ``offset``."""
    return bisect.bisect_right(lines, offset)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    return starts


def _cannot(shown: str, line: int, key: str) -> PubtypeWriteError:
    return PubtypeWriteError(
        f"{shown}:{line}: cannot find where to write the pubtype of '{key}'"
        " (see 'guides refs check'); nothing written"
    )


def _check_replaceable(bib_file: Path, display_path: str) -> None:
    refusal = replace_refusal(bib_file)
    if refusal is not None:
        raise PubtypeWriteError(f"{display_path}: {refusal}; nothing written")


def _read(bib_file: Path, display_path: str, limits: Limits) -> str:
    try:
        return read_exact_text(bib_file, display_path, limits.store)
    except SourceError as error:  # not UTF-8 too, at its line and column
        raise PubtypeWriteError(f"{error}; nothing written") from None


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__
