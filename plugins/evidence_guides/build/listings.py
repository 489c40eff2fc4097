"""The site's listings (the landing page, the catalogue's pages, the references page's index).

Listings are made from every rendered page, once per build, with their links
written from a placeholder for the site's root (:data:`SITE_ROOT`); each page
that shows them gets the placeholder replaced by its own path to the root, so
one rendering serves every page. The catalogue's listing pages
(:mod:`evidence_guides.build.listing_pages`) and the references page's later
pages (:mod:`evidence_guides.build.source_pages`) are rendered here too, each
once, and handed to the engine as pages to add to the site.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from markupsafe import Markup

from evidence_guides.build.listing_pages import (
    Catalogue,
    ListedGuide,
    ListingPage,
    muscle_keys,
    plan_catalogue,
)
from evidence_guides.build.source_pages import (
    SourcePage,
    first_references_page,
    plan_source_pages,
)
from evidence_guides.guide.listings import (
    CitingGuide,
    GuideCard,
    SourceUse,
    filter_groups,
    guide_card,
    sorted_cards,
    source_index,
)
from evidence_guides.guide.muscles import EMPTY, MuscleGroup, MuscleVocabulary
from evidence_guides.store.formatting import format_reference

if TYPE_CHECKING:
    from evidence_guides.build.engine import Engine
    from evidence_guides.build.pages import PageState, RenderedBody
    from evidence_guides.guide.frontmatter.model import ParsedGuide
    from evidence_guides.store.entry import BibEntry, BibStore
    from evidence_guides.store.formatting import FormattedReference

SITE_ROOT = "\ue002"
"""Where the listings' links start from: replaced by each page's path to the site root."""


@dataclass(frozen=True, slots=True)
class ListingPageHtml:
    """A listing page as the engine adds it: where, its title, its neighbours, its HTML.

    The references page's pages are these too; the first is the references
    page itself, which the engine has already (its HTML is ``source_index``).
    """

    src_uri: str
    title: str
    description: str
    number: int
    count: int
    previous: str | None  # src_uri
    next: str | None
    html: str  # links from SITE_ROOT


@dataclass(frozen=True, slots=True)
class ListingsHtml:
    """The site listings' HTML, links from :data:`SITE_ROOT`: made once, shown on a few pages."""

    landing: str
    source_index: str  # the first page of sources, shown by the references page
    pages: tuple[ListingPageHtml, ...] = ()  # the catalogue's
    source_pages: tuple[ListingPageHtml, ...] = ()  # the references page's, itself first


def generated_pages(made: ListingsHtml) -> tuple[ListingPageHtml, ...]:
    """The pages the engine adds to the site: the catalogue's, the references' after the first."""
    return made.pages + made.source_pages[1:]


@dataclass(frozen=True, slots=True)
class SiteListings:
    """``evidence_site`` in templates: the listings, their links relative to the page.

    ``made`` is the listings, or what makes them when a template first shows
    them: a page that does not show them (a guide) never waits for them, which
    matters in the preview, where a save can make them stale.
    """

    made: ListingsHtml | Callable[[], ListingsHtml]
    site_root: str  # "" at the site's root, else "../" and so on

    @property
    def html(self) -> ListingsHtml:
        return self.made() if callable(self.made) else self.made

    @property
    def landing(self) -> Markup:
        """The landing page's bounded view of the library: selections, levels, muscles."""
        return Markup(self.html.landing.replace(SITE_ROOT, self.site_root))

    @property
    def source_index(self) -> Markup:
        """The first page of the cited sources, with the guides citing each and page links."""
        return Markup(self.html.source_index.replace(SITE_ROOT, self.site_root))

    def listing(self, page: ListingPageHtml) -> Markup:
        """A listing page's guides and its page navigation."""
        return Markup(page.html.replace(SITE_ROOT, self.site_root))


@dataclass(frozen=True, slots=True)
class Listings:
    """What the listing templates read: the guides' cards, their muscles, every source."""

    guides: list[GuideCard]
    muscles: list[MuscleGroup]  # the groups the guides train
    sources: list[SourceUse]
    catalogue: Catalogue
    source_pages: list[SourcePage]  # none without a references page

    def as_context(self) -> dict[str, object]:
        return {
            "guides": self.guides,
            "muscles": self.muscles,
            "sources": self.sources,
            "catalogue": self.catalogue,
        }


class LazyListingsHtml:
    """The listings' two parts, each made when a page first shows it.

    The landing and listing pages show the catalogue, the references page the
    sources: after a save in the preview, the one asked for does not wait for
    the other. ``make(cards, sources)`` makes the parts asked for.
    """

    def __init__(self, make: Callable[[bool, bool], ListingsHtml]) -> None:
        self._make = make

    @cached_property
    def _catalogue(self) -> ListingsHtml:
        return self._make(True, False)

    @property
    def landing(self) -> str:
        return self._catalogue.landing

    @property
    def pages(self) -> tuple[ListingPageHtml, ...]:
        return self._catalogue.pages

    @cached_property
    def _sources(self) -> ListingsHtml:
        return self._make(False, True)

    @property
    def source_index(self) -> str:
        return self._sources.source_index

    @property
    def source_pages(self) -> tuple[ListingPageHtml, ...]:
        return self._sources.source_pages


def made_listings(listings: ListingsHtml | LazyListingsHtml) -> ListingsHtml:
    """The listings as one record (every part made), to pickle: to keep, or send."""
    if isinstance(listings, ListingsHtml):
        return listings
    parts = (listings.landing, listings.source_index, listings.pages, listings.source_pages)
    return ListingsHtml(*parts)


def collect_listings(
    pages: Mapping[str, PageState],
    store: BibStore,
    engine: Engine,
    parsed: Callable[[PageState], ParsedGuide | None],
    vocabulary: MuscleVocabulary = EMPTY,
    *,
    cards: bool = True,
    sources: bool = True,
    formatted: Callable[[BibEntry], FormattedReference] = format_reference,
) -> Listings:
    """Guide cards and the catalogue, and the source index (or either), of the pages
    rendered and published.

    ``parsed`` reads a guide's front-matter (once): in the worker it is read
    already; in the engine's process (a page rendered there, or a page that is
    not a guide citing a source) guides are read again. ``formatted`` formats a
    cited entry (the build's, from the page cache when it has it).
    """
    found: list[GuideCard] = []
    listed: list[ListedGuide] = []
    uses: list[tuple[CitingGuide, tuple[FormattedReference, ...]]] = []
    for src_uri, state in pages.items():
        url = engine.url(src_uri)
        rendered = state.rendered
        if url is None or state.is_draft:
            continue
        if rendered is None:
            continue
        entry = state.listed or listed_guide(parsed(state), rendered, url, vocabulary)
        if entry is not None and cards:
            found.append(entry.card)
            listed.append(entry)
        if rendered.reference_keys and sources:
            # The engine's page titles are HTML (from a heading, or escaped): the text.
            page_title = engine.page_title(src_uri) or src_uri
            title = entry.card.title if entry else Markup(page_title).striptags()
            entries = (store.get(key) for key in rendered.reference_keys)
            references = tuple(formatted(e) for e in entries if e is not None)
            uses.append((CitingGuide(title, url), references))
    found = sorted_cards(found)
    index = source_index(uses)
    first = (
        first_references_page(
            (src_uri, state.source_text)
            for src_uri, state in pages.items()
            if not (state.is_guide or state.is_draft) and engine.url(src_uri) is not None
        )
        if sources
        else None
    )
    planned = plan_source_pages(index, first) if first is not None else []
    return Listings(found, filter_groups(found), index, plan_catalogue(listed), planned)


def listed_guide(
    parsed: ParsedGuide | None, rendered: RenderedBody, url: str, vocabulary: MuscleVocabulary
) -> ListedGuide | None:
    """A guide as the catalogue lists it (its card); None for a page that is not a guide.

    Kept with the page's results, so a build that takes the page back lists it
    without reading its front-matter again.
    """
    guide = parsed.guide if parsed is not None else None
    if guide is None:
        return None
    card = guide_card(guide, url, vocabulary)
    reviewed = guide.last_reviewed.isoformat()
    count = len(rendered.reference_keys)
    return ListedGuide(card, reviewed, count, muscle_keys(guide, vocabulary))


class RenderedParts:
    """Listing pages' HTML by a digest of what each is made from: the last build's, and this one's.

    A listing page's HTML is a function of its record (its guides' cards, or
    its sources) and the URLs of the pages it links to; all else it depends on
    (the theme, the site's configuration) is in the page cache's site key. So
    after an edit that changes no card, no listing page is rendered again, and
    after one that does, only the pages listing that guide.
    """

    def __init__(self, kept: Mapping[str, str] | None = None) -> None:
        self._kept = kept or {}
        self.made: dict[str, str] = {}  # this build's: what the next build may take back

    @property
    def changed(self) -> bool:
        """Whether this build's pages differ from those kept (to keep them)."""
        return self.made.keys() != self._kept.keys()

    def html(self, key: str, render: Callable[[], str]) -> str:
        found = self._kept.get(key)
        self.made[key] = found = render() if found is None else found
        return found


def render_listings(
    listings: Listings, engine: Engine, parts: RenderedParts | None = None
) -> ListingsHtml:
    """The landing page, every listing page and every page of the references, as HTML.

    ``parts``: the listing pages as a build rendered them, to take back.
    """
    parts = parts if parts is not None else RenderedParts()
    context = listings.as_context()
    catalogue = listings.catalogue
    urls = {page.src_uri: engine.page_url(page.src_uri) for page in catalogue.pages}
    links = _Links(urls)
    sources = _Links(
        {page.src_uri: engine.page_url(page.src_uri) for page in listings.source_pages}
    )
    source_pages = tuple(
        _listing_page(page, sources, engine, parts, "source-index")
        for page in listings.source_pages
    )
    return ListingsHtml(
        engine.render_partial("catalogue", evidence_site=context, site_root=SITE_ROOT, urls=urls),
        source_pages[0].html if source_pages else "",
        tuple(_listing_page(page, links, engine, parts) for page in catalogue.pages),
        source_pages,
    )


class _Links:
    """The URLs of the pages a listing page links to, and their digest, worked out once."""

    def __init__(self, urls: dict[str, str]) -> None:
        self.urls = urls
        text = "\0".join(f"{src_uri}\0{url}" for src_uri, url in sorted(urls.items()))
        self.digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _listing_page(
    page: ListingPage | SourcePage,
    links: _Links,
    engine: Engine,
    parts: RenderedParts,
    partial: str = "listing",
) -> ListingPageHtml:
    made_from = pickle.dumps((partial, page), pickle.HIGHEST_PROTOCOL)
    key = links.digest + hashlib.blake2b(made_from, digest_size=20).hexdigest()
    urls = links.urls
    html = parts.html(
        key, lambda: engine.render_partial(partial, listing=page, site_root=SITE_ROOT, urls=urls)
    )
    return ListingPageHtml(
        page.src_uri,
        page.title,
        page.description,
        page.number,
        page.count,
        page.previous,
        page.next,
        html,
    )
