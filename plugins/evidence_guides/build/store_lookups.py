"""What a page looked up in the store, kept with its results: a store change remakes only
the pages whose answers it changes.

A page's rendering (its citations numbered, its reference list, and the HTML
and structured data made from them) reads the store only through ``resolve``:
a cited key or PMID to an entry (:class:`~evidence_guides.guide.numbering.PageCitations`).
Recorded while the page is rendered, each with a digest of the entry found
("" for none), the lookups are asked again of the store a later build has when
the page's results are read back (:mod:`.page_cache`): the same answers, the
same page. An entry added that a citation named in vain, a PMID moved to
another entry, a corrected title: each changes an answer, and only the pages
that asked are made again. The audit is not covered: it reads the whole store
(an author-date citation is matched against every entry), so the page cache
keeps the audits for one store only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evidence_guides.store.entry import BibEntry, BibStore
    from evidence_guides.text.citations import CitedSource

Lookup = tuple[str, str, str]
"""A source's kind ("key" or "pmid") and value, and the digest of the entry found ("": none)."""


def entry_digest(entry: BibEntry) -> str:
    """A digest of the entry's key and :attr:`~BibEntry.signature` (all a page shows of it),
    the same in every process (``repr`` of strings and None, unlike ``hash``)."""
    shown = repr((entry.key, entry.signature)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(shown, digest_size=16).hexdigest()


class StoreAnswers:
    """One store's answers to lookups, each entry's digest worked out once a build."""

    def __init__(self, store: BibStore) -> None:
        self.store = store
        self._digests: dict[str, str] = {}

    def digest(self, entry: BibEntry | None) -> str:
        """The entry's digest; "" for no entry."""
        if entry is None:
            return ""
        found = self._digests.get(entry.key)
        if found is None:
            found = self._digests[entry.key] = entry_digest(entry)
        return found

    def hold(self, lookups: Iterable[Lookup]) -> bool:
        """Whether this store answers every lookup as the store it was recorded against did."""
        lookup = self.store.lookup
        return all(self.digest(lookup(kind, value)) == digest for kind, value, digest in lookups)

    def recorder(self) -> RecordedLookups:
        """A resolver for one page's rendering that records what it looks up."""
        return RecordedLookups(self)


class RecordedLookups:
    """The store as one page's rendering sees it: ``resolve``, each lookup recorded."""

    def __init__(self, answers: StoreAnswers) -> None:
        self._answers = answers
        self._seen: dict[tuple[str, str], str] = {}

    def resolve(self, source: CitedSource) -> BibEntry | None:
        """The entry the source names, as :meth:`BibStore.resolve` finds it."""
        entry = self._answers.store.resolve(source)
        asked = (source.kind, source.value)
        if asked not in self._seen:
            self._seen[asked] = self._answers.digest(entry)
        return entry

    @property
    def lookups(self) -> tuple[Lookup, ...]:
        """Every distinct lookup so far, in the order first asked."""
        return tuple((kind, value, digest) for (kind, value), digest in self._seen.items())
