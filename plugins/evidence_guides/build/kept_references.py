"""The store's entries as the references page lists them, kept between builds by each
entry's digest: a store change formats again only the entries it changed.

Formatting an entry (its authors, title and journal decoded from BibTeX, and
set as HTML) takes about a tenth of a millisecond, and the references page of
a library lists every cited entry: 20,000 of them take two seconds. A build
with the store of the last build takes every kept entry back as it is; a build
with another store (an entry corrected or imported, or the preview's store
saved again) takes back each entry whose digest (its key and
:attr:`~evidence_guides.store.entry.BibEntry.signature`, as
:mod:`evidence_guides.store.answers` works it out) is the same, and formats
the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides.store.formatting import format_reference

if TYPE_CHECKING:
    from evidence_guides.build.page_cache import PageCache
    from evidence_guides.build.page_work import PageWork
    from evidence_guides.store.entry import BibEntry
    from evidence_guides.store.formatting import FormattedReference


class KeptReferences:
    """One build's formatted entries: those kept by an earlier build, and those made now."""

    def __init__(self, cache: PageCache, work: PageWork) -> None:
        self._cache = cache
        self._work = work  # its store's answers give an entry's digest
        self._kept: dict[str, tuple[str, FormattedReference]] | None = None  # by key
        self._checked: set[str] | None = None  # keys checked against another store; None: all
        self._store_replaced = False
        self._changed = False  # entries formatted (or checked) in this process, not yet kept

    def formatted(self, entry: BibEntry) -> FormattedReference:
        """The entry as the references page lists it: as kept, or formatted now."""
        kept = self._kept if self._kept is not None else self._read()
        key = entry.key
        found = kept.get(key)
        checked = self._checked
        if found is not None and (checked is None or key in checked):
            return found[1]
        digest = self._work.answers.digest(entry)
        if found is None or found[0] != digest:
            found = kept[key] = (digest, format_reference(entry))
        if checked is not None:
            checked.add(key)
        self._changed = True
        return found[1]

    def store_replaced(self) -> None:
        """The build has another store (the preview's, saved): each entry is checked against it."""
        self._store_replaced = True
        self._checked = set()

    def keep(self) -> None:
        """Keep the entries formatted or checked in this process (with another store, only
        those checked against it: the others may have changed)."""
        if not self._changed or self._kept is None:
            return
        kept = self._kept
        if self._checked is not None:
            kept = {key: kept[key] for key in self._checked}
        self._cache.keep_references(kept)
        self._changed = False

    def _read(self) -> dict[str, tuple[str, FormattedReference]]:
        same_store, self._kept = self._cache.references()
        if self._store_replaced or not same_store:
            self._checked = set()
        return self._kept
