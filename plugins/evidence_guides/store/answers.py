"""What a page asked of the store, kept with the answers: a store change redoes only the pages
whose answers it changes.

A page's rendering reads the store through ``resolve`` alone (a cited key or
PMID to an entry: :class:`~evidence_guides.guide.numbering.PageCitations`).
Its audit asks more: ``resolve``, an entry by DOI, whether a key exists (a
bare ``@key``), and its name index's questions (does a run of words name a
work; which entry does a vague reference mean; which key was a mistyped one
meant to be: :class:`~evidence_guides.store.name_index.EntryIndex`). Each is
asked through a :class:`RecordedReads` and recorded once per page with a
digest of the answer (an entry's: its key and :attr:`~BibEntry.signature`,
all a page can show of it; "" for none). A later build asks them again of its
own store when it reads the page's results back (``build/cached_pages.py``):
the same answers, the same page and the same findings. A corrected title, an
entry added that a citation named in vain, a PMID moved to another entry, an
organisation whose name a vague reference now starts: each changes an answer,
and only the pages that asked are made or audited again.

An entry's names (:meth:`EntryIndex.names`) are not recorded: they are made
from the entry alone, which a recorded answer has already given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Container, Hashable, Iterable
from typing import TYPE_CHECKING, cast

from evidence_guides.store.name_index import Mention, entry_index

if TYPE_CHECKING:
    from evidence_guides.store.entry import BibEntry, BibStore
    from evidence_guides.store.entry_names import EntryNames
    from evidence_guides.store.folding import Words
    from evidence_guides.store.name_index import EntryIndex, Identification
    from evidence_guides.text.citations import CitedSource

Lookup = tuple[str, Hashable, str]
"""A question's kind and argument, and the digest of the store's answer ("": none, or no)."""

# The questions' kinds: an entry by key, PMID or DOI; whether a key is the store's;
# the name index's questions (EntryIndex's methods of those names).
KEY, PMID, DOI, HAS_KEY = "key", "pmid", "doi", "has-key"
NAMES_A_WORK, KEEPS_ARTICLE, HAS_SURNAME = "names-a-work", "keeps-article", "has-surname"
IDENTIFY, CLOSE_KEY = "identify", "close-key"


def entry_digest(entry: BibEntry) -> str:
    """A digest of the entry's key and :attr:`~BibEntry.signature` (all a page shows of it),
    the same in every process (``repr`` of strings and None, unlike ``hash``)."""
    shown = repr((entry.key, entry.signature)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(shown, digest_size=16).hexdigest()


class StoreAnswers:
    """One store's answers to the questions pages ask, each entry's digest worked out once."""

    def __init__(self, store: BibStore) -> None:
        self.store = store
        self._digests: dict[str, str] = {}
        self._index: EntryIndex | None = None

    @property
    def index(self) -> EntryIndex:
        """The store's name index, whose parts are built on the first question they answer."""
        if self._index is None:
            self._index = entry_index(self.store)
        return self._index

    def digest(self, entry: BibEntry | None) -> str:
        """The entry's digest; "" for no entry."""
        if entry is None:
            return ""
        found = self._digests.get(entry.key)
        if found is None:
            found = self._digests[entry.key] = entry_digest(entry)
        return found

    def ask(self, kind: str, argument: Hashable) -> tuple[object, str]:
        """The store's answer to a question, and the answer's digest."""
        if kind in (KEY, PMID, DOI):
            assert isinstance(argument, str)
            entry = self.store.lookup(kind, argument)
            return entry, self.digest(entry)
        if kind == IDENTIFY:
            assert isinstance(argument, Mention)
            found = self.index.identify(argument)
            return found, f"{self.digest(found.entry)}\0{found.note or ''}"
        if kind == CLOSE_KEY:
            assert isinstance(argument, str)
            close = self.index.close_key(argument)
            return close, close or ""
        answer = self._yes_or_no(kind, argument)
        return answer, "yes" if answer else ""

    def hold(self, lookups: Iterable[Lookup]) -> bool:
        """Whether this store answers every question as the store it was recorded against did.

        The questions come from ``.cache/``: one that cannot be asked (a damaged
        file, whatever it makes the index raise) does not hold, and the page is
        made again, as for any other damaged result.
        """
        try:
            return all(self.ask(kind, argument)[1] == digest for kind, argument, digest in lookups)
        except Exception:
            return False

    def recorder(self) -> RecordedReads:
        """The store as one page's rendering or audit reads it, each question recorded."""
        return RecordedReads(self)

    def _yes_or_no(self, kind: str, argument: Hashable) -> bool:
        if kind == HAS_KEY:
            return argument in self.store.entries
        if kind == NAMES_A_WORK:
            assert isinstance(argument, tuple)
            written, minimum = argument
            return self.index.names_a_work(written, minimum=minimum)
        if kind == KEEPS_ARTICLE:
            assert isinstance(argument, tuple)
            return self.index.keeps_article(argument)
        if kind == HAS_SURNAME:
            assert isinstance(argument, tuple)
            return self.index.has_surname(argument)
        raise ValueError(f"no such question of the store: {kind!r}")


class RecordedReads:
    """The store and its name index as one page sees them, each question recorded once.

    It answers what :class:`BibStore` and :class:`EntryIndex` answer to the
    page's rendering and its audit, as they would.
    """

    def __init__(self, answers: StoreAnswers) -> None:
        self._answers = answers
        self._seen: dict[tuple[str, Hashable], tuple[object, str]] = {}
        self.entries = _RecordedKeys(self)

    @property
    def path(self) -> str:
        """The store's path, as findings name it (where the store is: in the site's key)."""
        return self._answers.store.path

    @property
    def lookups(self) -> tuple[Lookup, ...]:
        """Every distinct question so far, in the order first asked, with its answer's digest."""
        return tuple(
            (kind, argument, digest) for (kind, argument), (_, digest) in self._seen.items()
        )

    def asked(self, kind: str, argument: Hashable) -> object:
        """The store's answer, recorded with its digest the first time it is asked."""
        question = (kind, argument)
        found = self._seen.get(question)
        if found is None:
            found = self._seen[question] = self._answers.ask(kind, argument)
        return found[0]

    # --- what BibStore answers ---------------------------------------------------------------

    def resolve(self, source: CitedSource) -> BibEntry | None:
        """The entry the source names, as :meth:`BibStore.resolve` finds it."""
        return self._entry(source.kind, source.value)

    def by_doi(self, doi: str) -> BibEntry | None:
        return self._entry(DOI, doi)

    def _entry(self, kind: str, value: str) -> BibEntry | None:
        return cast("BibEntry | None", self.asked(kind, value))

    # --- what EntryIndex answers --------------------------------------------------------------

    def names(self, entry: BibEntry) -> EntryNames:
        return self._answers.index.names(entry)

    def names_a_work(self, written: Words, *, minimum: int = 2) -> bool:
        return bool(self.asked(NAMES_A_WORK, (written, minimum)))

    def keeps_article(self, written: Words) -> bool:
        return bool(self.asked(KEEPS_ARTICLE, written))

    def has_surname(self, surname: Words) -> bool:
        return bool(self.asked(HAS_SURNAME, surname))

    def identify(self, mention: Mention) -> Identification:
        return cast("Identification", self.asked(IDENTIFY, mention))

    def close_key(self, key: str) -> str | None:
        return cast("str | None", self.asked(CLOSE_KEY, key))


class _RecordedKeys(Container[str]):
    """The store's keys, as ``in`` asks them (a bare ``@key`` is the store's, or not)."""

    def __init__(self, reads: RecordedReads) -> None:
        self._reads = reads

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self._reads.asked(HAS_KEY, key))
