"""What the site build knows about each page, phase by phase, as typed records.

A page goes through the same phases in every build (:class:`Phase`), either in
the engine's process or ahead of it in the worker; each phase's result is a
small frozen record that pickles cheaply across the worker's pipe.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evidence_guides.audit.engine import PageAudit
    from evidence_guides.build.listing_pages import ListedGuide
    from evidence_guides.guide.frontmatter.model import ParsedGuide
    from evidence_guides.guide.jsonld import LeadImage
    from evidence_guides.guide.numbering import RenderedText
    from evidence_guides.guide.page import RenderedPage
    from evidence_guides.guide.sections import Heading
    from evidence_guides.store.answers import RecordedReads


class Phase(enum.Enum):
    """One page's work, in the order the engine needs it.

    Every page's body while the engine converts the pages; then the site's
    listings and the store rules' findings; then the HTML around each page and
    its audit while the engine renders them (findings are logged at the end).
    """

    RENDER = "render"
    LISTINGS = "listings"
    STORE = "store"
    HTML = "html"
    AUDIT = "audit"


SITE = ""
"""The page name of the phases that belong to the whole site (listings, store)."""


@dataclass(frozen=True, slots=True)
class SourceRead:
    """A page's source as the engine reads it: where the body starts, and the meta."""

    body_start: int
    meta: dict[str, Any]


@dataclass(frozen=True, slots=True)
class RenderedBody:
    """A built page's body, and what else the engine's process needs of the page.

    Not the guide nor its formatted references: the engine's process would
    unpickle and keep thousands of objects (and its cycle collector walk them)
    for the listings, which the worker makes from its own.
    """

    body_hash: int  # of the Markdown body it was made from, as the engine passes it
    body: RenderedText  # its citations as placeholders, and their HTML
    reference_keys: tuple[str, ...]  # the store keys of its references, in order
    last_reviewed: str | None  # ISO date, of a guide whose front-matter is valid; else None
    contents: tuple[Heading, ...]  # the sections added after the body, for the contents


@dataclass(frozen=True, slots=True)
class PageHtml:
    """What a guide's page adds around its converted body, and its JSON-LD."""

    before: str = ""  # the guide's summary
    after: str = ""  # its sections and references
    jsonld: str | None = None
    link_warnings: tuple[str, ...] = ()  # of links in front-matter fields to no page of the site
    image: LeadImage | None = None  # a guide's lead image, for og:image


@dataclass(slots=True)
class PageState:
    """One page through a build: its source, what is known of it, and its results so far."""

    path: str  # as editors see it, relative to mkdocs.yml
    source_text: str
    is_guide: bool
    is_draft: bool
    parsed: ParsedGuide | None = None  # a guide's front-matter, read on first use
    body: tuple[str, int] | None = None  # the Markdown body as the engine passes it, its offset
    rendered: RenderedBody | None = None
    rendered_page: RenderedPage | None = None  # its sections, until the HTML around it is made
    meta: dict[str, Any] | None = None  # the worker's reading of it, until the engine has it
    unresolved_links: list[str] | None = None  # to no page, met rendering its fields
    audit: PageAudit | None = None  # its findings, once audited; kept until the page changes
    read: SourceRead | None = None  # the engine's reading of its source, when made for it
    # What its rendering read, as it reads it: its front-matter fields are rendered with the
    # HTML around the page, after the body; the page cache takes both when it keeps the page.
    uses: list[str] = field(default_factory=list)  # other pages: related guides, links' targets
    store_reads: RecordedReads | None = None  # its questions to the store, and the answers
    cached: bool = False  # its rendering was given back by the page cache
    text_kept: bool = False  # the cache kept one for this very text (given back, or stale
    # only because a page it read changed: a related guide's)
    cached_audit: PageAudit | None = None  # its audit, given back by the page cache
    listed: ListedGuide | None = None  # a guide's catalogue entry, given back by the page cache

    def forget_results(self, *, audit: bool = True) -> None:
        """Drop what was made from the page, to make it again (the store or a page changed)."""
        self.body = self.rendered = self.rendered_page = None
        self.unresolved_links = self.listed = None
        self.cached = False
        if audit:
            self.audit = self.cached_audit = None
