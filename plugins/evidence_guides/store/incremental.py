"""The store after an edit, reading again only the entries the edit touched.

Parsing a store of 20,000 entries takes a second or more, and the preview
(``make serve``) does it whenever an editor saves ``refs.bib``, usually to
change one entry, as does a build after a correction or an import (the store
kept in ``.cache/``: :mod:`~evidence_guides.store.load`). :func:`reparse`
finds the entries the edit touched (the
text between the first and the last character that differ, widened to whole
entries), parses those alone, and lays them over the store as it was, the
entries after them moved by the lines the edit added or removed. The result
is the store a full parse gives (tested on random edits); whenever it might
not be, it returns None and the caller parses the whole file: an edit that
touches an ``@string`` or a comment block, anything the parser reports
(a syntax error, an undefined macro), a key, PMID or DOI that another entry
has, a store that had findings already, or an edit spanning so much of the
file that parsing it before and after would take longer than the file.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType

from evidence_guides.files.limits import Limits
from evidence_guides.store.entry import BibEntry, BibStore
from evidence_guides.store.parse import parse_bib

_FIELDS = frozenset(field.name for field in dataclasses.fields(BibEntry))
MAX_LAYERS = 8  # edits laid over one another before a full parse flattens them
_BLOCK_START = re.compile(r"^[ \t]*@", re.MULTILINE)
_OTHER_BLOCKS = re.compile(r"@\s*(string|preamble|comment)\b", re.IGNORECASE)


Edit = tuple[int, int, int, Mapping[str, BibEntry]]
"""The lines an edit replaced (first, last], how many lines it added, the entries it holds."""


class EditedEntries(Mapping[str, BibEntry]):
    """A store's entries with an edit laid over them: some replaced, the rest moved."""

    def __init__(
        self,
        base: Mapping[str, BibEntry],
        replaced: dict[str, BibEntry],
        removed: frozenset[str],
        lines: tuple[int, int],
        delta: int,
    ) -> None:
        self._base = base
        self._first_line = lines[0]  # the edit replaced the base's lines after this one
        self._after_line = lines[1]  # ... up to this one
        self._replaced = replaced
        self._removed = removed  # base keys the edit took out (those replaced included)
        self._delta = delta
        self._moved: dict[str, BibEntry] = {}
        self.layers: int = getattr(base, "layers", 0) + 1

    @property
    def edit(self) -> Edit:
        """The edit laid over the base: the lines it replaced (first, last], how many lines
        it added (negative: removed), and the entries it holds now."""
        return self._first_line, self._after_line, self._delta, MappingProxyType(self._replaced)

    def __getitem__(self, key: str) -> BibEntry:
        if key in self._replaced:
            return self._replaced[key]
        if key in self._removed:
            raise KeyError(key)
        moved = self._moved.get(key)
        if moved is not None:
            return moved
        entry = self._base[key]
        if self._delta and entry.line > self._after_line:
            entry = self._moved[key] = _moved(entry, self._delta)
        return entry

    def __contains__(self, key: object) -> bool:
        return key in self._replaced or (key not in self._removed and key in self._base)

    def __iter__(self) -> Iterator[str]:
        yield from (key for key in self._base if key not in self._removed)
        yield from self._replaced

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def identifiers(self) -> Iterator[tuple[str, str | None, str | None]]:
        """Each entry's key, PMID and DOI, without making the base's entries."""
        for key, pmid, doi in _identifiers(self._base):
            if key not in self._removed:
                yield key, pmid, doi
        yield from ((e.key, e.pmid, e.doi) for e in self._replaced.values())

    def lines(self) -> Iterator[tuple[str, int]]:
        """Each entry's key and line, without making the base's entries."""
        for key, line in _lines(self._base):
            if key not in self._removed:
                yield key, line + self._delta if line > self._after_line else line
        yield from ((e.key, e.line) for e in self._replaced.values())


def reparse(
    old_text: str, new_text: str, old: BibStore, *, limits: Limits | None = None
) -> tuple[BibStore, set[str]] | None:
    """The store for ``new_text`` made from ``old`` (the store of ``old_text``), and the keys
    and PMIDs of the entries that changed; None when only a full parse can tell."""
    if old.findings or getattr(old.entries, "layers", 0) >= MAX_LAYERS:
        return None
    start, old_end, new_end = _edited(old_text, new_text)
    if (old_end - start) + (new_end - start) > len(new_text) // 2:
        return None  # parsing the edit, before and after, would take longer than the file
    old_region, new_region = old_text[start:old_end], new_text[start:new_end]
    if _OTHER_BLOCKS.search(old_region) or _OTHER_BLOCKS.search(new_region):
        return None
    first_line = old_text.count("\n", 0, start)  # lines above the edit, the same in both
    before = parse_bib(old_region, old.path, limits=limits)
    after = parse_bib(new_region, old.path, limits=limits)
    if before.findings or after.findings:
        return None
    last_line = first_line + old_region.count("\n") + (not old_region.endswith("\n"))
    region_keys = {key for key, line in _lines(old.entries) if first_line < line <= last_line}
    if region_keys != set(before.entries):
        return None  # the edit's blocks are not the entries the store has there
    replaced = {key: _moved(entry, first_line) for key, entry in after.entries.items()}
    if _clashes(old, replaced, region_keys):
        return None
    delta = new_region.count("\n") - old_region.count("\n")
    lines = (first_line, last_line)
    entries = EditedEntries(old.entries, replaced, frozenset(region_keys), lines, delta)
    changed = {
        key
        for key in region_keys | replaced.keys()
        if _signature(before.entries.get(key)) != _signature(after.entries.get(key))
    }
    touched = (*before.entries.values(), *after.entries.values())
    pmids = {entry.pmid for entry in touched if entry.key in changed and entry.pmid}
    return BibStore(old.path, entries, ()), changed | pmids


def _edited(old: str, new: str) -> tuple[int, int, int]:
    """Where the edit starts (a block's start) and ends, in each text (the next block's start)."""
    shortest = min(len(old), len(new))
    prefix = _same_for(lambda start, end: old[start:end] == new[start:end], shortest)
    ends = len(old), len(new)
    suffix = _same_for(
        lambda start, end: (
            old[ends[0] - end : ends[0] - start] == new[ends[1] - end : ends[1] - start]
        ),
        shortest - prefix,
    )
    starts = [m.start() for m in _BLOCK_START.finditer(old, 0, prefix + 1)]
    start = old.rfind("\n", 0, starts[-1]) + 1 if starts else 0
    old_end = _next_block(old, len(old) - suffix)
    new_end = _next_block(new, len(new) - suffix)
    if len(old) - old_end != len(new) - new_end:  # the next block is not the same one
        return start, len(old), len(new)
    return start, old_end, new_end


def _same_for(same: Callable[[int, int], bool], most: int) -> int:
    """The longest ``n <= most`` whose span ``[0, n)`` is the same, ``same(start, end)``
    telling of one span.

    Spans are compared as slices, in C, each once: growing ones until one
    differs, then halves of it. A store of megabytes is compared in
    milliseconds, where a loop over its characters takes a second.
    """
    low, step = 0, 4096
    while low < most:
        high = min(low + step, most)
        if not same(low, high):
            break
        low, step = high, step * 2
    else:
        return most
    while high - low > 1:  # [0, low) is the same; [low, high) is not
        middle = (low + high) // 2
        if same(low, middle):
            low = middle
        else:
            high = middle
    return low if not same(low, low + 1) else low + 1


def _next_block(text: str, at: int) -> int:
    """The start of the line of the first block at or after ``at``; the end without one."""
    line_start = text.rfind("\n", 0, at) + 1
    found = _BLOCK_START.search(text, line_start if line_start == at else at)
    return text.rfind("\n", 0, found.start()) + 1 if found else len(text)


def _clashes(old: BibStore, replaced: dict[str, BibEntry], region: set[str]) -> bool:
    """Whether an entry of the edit shares a key (in any case), PMID or DOI with another."""
    folded = {key.casefold() for key in old.entries if key not in region}
    for entry in replaced.values():
        if entry.key.casefold() in folded:
            return True
        for other in (entry.pmid and old.by_pmid(entry.pmid), entry.doi and old.by_doi(entry.doi)):
            if other and other.key not in region:
                return True
    return False


def _moved(entry: BibEntry, lines: int) -> BibEntry:
    """The entry ``lines`` further down; what was decoded of it for display comes along."""
    moved = BibEntry(
        key=entry.key,
        entry_type=entry.entry_type,
        line=entry.line + lines,
        fields=entry.fields,
        field_lines=MappingProxyType({name: n + lines for name, n in entry.field_lines.items()}),
        pmid=entry.pmid,
        doi=entry.doi,
    )
    decoded = {name: value for name, value in entry.__dict__.items() if name not in _FIELDS}
    moved.__dict__.update(decoded)  # cached properties (names, title...), as _restore sets fields
    return moved


def _signature(entry: BibEntry | None) -> tuple[object, ...] | None:
    return None if entry is None else entry.signature


def _identifiers(entries: Mapping[str, BibEntry]) -> Iterator[tuple[str, str | None, str | None]]:
    identifiers = getattr(entries, "identifiers", None)
    if identifiers is not None:
        return identifiers()
    return ((e.key, e.pmid, e.doi) for e in entries.values())


def _lines(entries: Mapping[str, BibEntry]) -> Iterator[tuple[str, int]]:
    lines = getattr(entries, "lines", None)
    if lines is not None:
        return lines()
    return ((e.key, e.line) for e in entries.values())
