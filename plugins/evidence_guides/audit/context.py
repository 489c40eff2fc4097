"""What the checks of one page, or of the whole corpus, read: computed once and shared.

The engine makes a :class:`PageContext` per page and a :class:`SegmentContext`
per prose segment (the body; a guide's front-matter text fields, joined), and
hands them to every check of the registry. What more than one rule needs (the
author-date citations, read by both the author-date rules and the claims
rule) is worked out when first asked for.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from evidence_guides.audit.author_dates.finder import author_dates
from evidence_guides.audit.days import Days
from evidence_guides.audit.malformed.finder import malformed_in

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.model import AuthorDate
    from evidence_guides.audit.malformed.model import Malformed
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.audit.prose import Prose
    from evidence_guides.audit.rules.broken_links import GuideLink
    from evidence_guides.audit.rules.guide import RelatedTarget
    from evidence_guides.audit.rules.review import ReviewRead
    from evidence_guides.guide.frontmatter.model import ParsedGuide
    from evidence_guides.store.entry import BibEntry, BibStore
    from evidence_guides.store.entry_names import EntryNames
    from evidence_guides.store.folding import Words
    from evidence_guides.store.name_index import Identification, Mention
    from evidence_guides.text.citations import CitedSource
    from evidence_guides.text.segments import Segment


class AuditedStore(Protocol):
    """What a page's checks read of the store: a :class:`BibStore`, or a view of one that
    records each question (:class:`~evidence_guides.store.answers.RecordedReads`)."""

    @property
    def path(self) -> str: ...

    @property
    def entries(self) -> Container[str]: ...  # whether a key is the store's

    def resolve(self, source: CitedSource) -> BibEntry | None: ...

    def by_doi(self, doi: str) -> BibEntry | None: ...


class NameIndex(Protocol):
    """What a page's checks ask of the store's names: an
    :class:`~evidence_guides.store.name_index.EntryIndex`, or a recording view of one."""

    def names(self, entry: BibEntry) -> EntryNames: ...

    def names_a_work(self, written: Words, *, minimum: int = 2) -> bool: ...

    def keeps_article(self, written: Words) -> bool: ...

    def has_surname(self, surname: Words) -> bool: ...

    def identify(self, mention: Mention) -> Identification: ...

    def close_key(self, key: str) -> str | None: ...


@dataclass(eq=False)
class PageContext:
    """One page's inputs, and what its checks record for the corpus rules."""

    path: str
    source_text: str
    body_offset: int
    body: Segment
    parsed: ParsedGuide | None
    store: AuditedStore
    index: NameIndex
    settings: AuditSettings
    body_masked: str = ""  # the body as the prose rules read it, set once it is read
    cited: set[str] = field(default_factory=set)  # store keys the page cites
    citations: int = 0  # sources cited on the page
    related: tuple[RelatedTarget, ...] = ()  # a guide's related slugs, where they are written
    guide_links: list[GuideLink] = field(default_factory=list)  # for links to drafts, later
    # Files of the docs folder a check looked for ("exercises/plank.md") and folders whose
    # files it listed ("exercises/"): the page cache audits the page again when one changes.
    files_read: set[str] = field(default_factory=set)
    days: Days = field(default_factory=Days)  # narrowed by each check that reads the clock
    review: ReviewRead | None = None  # what the stale-review check read, to redo on another day

    @property
    def body_text(self) -> str:
        return self.body.text


@dataclass(eq=False)
class SegmentContext:
    """One prose segment of a page."""

    page: PageContext
    prose: Prose

    @cached_property
    def dates(self) -> list[AuthorDate]:
        """The segment's author-date citations, found once for every rule that reads them."""
        return author_dates(self.prose, self.page.index)

    @cached_property
    def malformed(self) -> list[Malformed]:
        """The segment's citations that do not parse or are in another style, found once:
        the malformed-citation and vague-reference rules report them, and a claim beside
        one is not reported again (:mod:`.rules.claims`)."""
        return malformed_in(self.prose, self.page.store)


@dataclass(frozen=True, slots=True)
class CorpusContext:
    """Every audited page, the store, and whether the pages are the whole project."""

    pages: Sequence[object]  # the engine's PageAudit records
    store: BibStore
    settings: AuditSettings
    whole_project: bool
