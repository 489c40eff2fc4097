"""The site build's own pages, added to a MkDocs build: the catalogue's listing pages
and the references page's later pages.

They are planned from every guide's front-matter, which is known only once the
pages are converted, so they join the build in ``on_env``: after the guides are
read and before MkDocs writes the sitemap and renders the pages, which then
include them like any page of docs_dir (a listing page is in the sitemap, has
a canonical URL and gets ``on_page_context``). Their content is the listing's
HTML, put in by the plugin's ``on_page_context``; MkDocs has no Markdown of
theirs to convert. The references page itself is a page of docs_dir: it shows
the first page of sources, and links to the next.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from evidence_guides.build.listing_pages import ROOT
from evidence_guides.build.listings import generated_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from evidence_guides.build.listings import ListingPageHtml, ListingsHtml, SiteListings

TEMPLATE = "listing.html"


class ListingPages:
    """The listing pages a build added, and what templates read of them."""

    def __init__(self) -> None:
        self.added: dict[str, ListingPageHtml] = {}  # by src_uri
        self.references: ListingPageHtml | None = None  # the references page: the first
        self._of_sources: set[str] = set()  # the references' pages, the first too

    def add(self, files: Files, config: MkDocsConfig, made: ListingsHtml) -> None:
        self.added = add_listing_pages(files, config, generated_pages(made))
        self.references = made.source_pages[0] if made.source_pages else None
        self._of_sources = {listing.src_uri for listing in made.source_pages}

    def context(
        self, page: Page, now: Callable[[], ListingsHtml], shown: SiteListings
    ) -> dict[str, object] | None:
        """``evidence_listing`` for a listing page or the references page (None for another).

        ``now`` gives the listings as they are now: in the preview, a save may
        have changed them since the pages were added.
        """
        src_uri = page.file.src_uri
        known = self.added.get(src_uri)
        if known is None and self.references is not None and self.references.src_uri == src_uri:
            known = self.references
        if known is None:
            return None
        made = now()  # only the part this page shows is made
        pool = made.source_pages if src_uri in self._of_sources else made.pages
        listing = next((p for p in pool if p.src_uri == src_uri), known)
        linked = self._linked()
        return {
            "html": shown.listing(listing),
            "previous": listing_url(listing.previous, page, linked),
            "next": listing_url(listing.next, page, linked),
        }

    def meta(self, src_uri: str) -> dict[str, object] | None:
        """A listing page's meta, which MkDocs resets when it converts the page again
        (in the preview); None for another page."""
        listing = self.added.get(src_uri)
        return listing_meta(listing) if listing is not None else None

    def shows_listing(self, src_uri: str) -> bool:
        """Whether page ``src_uri`` is a listing page or the references page (it links to them)."""
        return src_uri in self.added or src_uri in self._of_sources

    def _linked(self) -> Mapping[str, object]:
        """The pages a listing page may link to: those added, and the references page."""
        if self.references is None:
            return self.added
        return {**self.added, self.references.src_uri: self.references}

    def level_url(self, page: Page) -> str | None:
        """The listing page of a guide's level, relative to the guide; None if there is none."""
        level = page.meta.get("level")
        if not isinstance(level, str):
            return None
        return listing_url(f"{ROOT}/level/{level}/index.md", page, self.added)


def add_listing_pages(
    files: Files, config: MkDocsConfig, pages: tuple[ListingPageHtml, ...]
) -> dict[str, ListingPageHtml]:
    """Add each listing page to ``files`` as a page MkDocs renders; by src_uri.

    A page of docs_dir where a listing page goes is a configuration error:
    one line naming it.
    """
    added = {}
    for listing in pages:
        existing = files.get_file_from_path(listing.src_uri)
        if existing is not None and existing.generated_by is not None:
            files.remove(existing)  # ours, from the build before (the preview's theme reload)
        elif existing is not None:
            raise PluginError(f"{config.docs_dir}/{listing.src_uri}: {_whose(listing)}")
        file = File.generated(config, listing.src_uri, content="")
        files.append(file)
        page = Page(listing.title, file, config)
        page.markdown = ""
        page.content = ""
        page.meta = listing_meta(listing)
        added[listing.src_uri] = listing
    return added


def listing_meta(listing: ListingPageHtml) -> dict[str, object]:
    """A listing page's meta: its template, and its title and description as HTML."""
    return {
        "template": TEMPLATE,
        "title": Markup(html.escape(listing.title, quote=True)),
        "description": Markup(html.escape(listing.description, quote=True)),
    }


def listing_url(src_uri: str | None, page: Page, added: Mapping[str, object]) -> str | None:
    """The URL of listing page ``src_uri`` (a neighbour of ``page``) relative to ``page``."""
    if src_uri is None or src_uri not in added:
        return None
    target = File(src_uri, None, "", page.file.use_directory_urls)
    return get_relative_url(target.url, page.url)


def _whose(listing: ListingPageHtml) -> str:
    """Why a page of docs_dir cannot be where a listing page goes, and where they go."""
    if listing.src_uri.startswith(f"{ROOT}/"):
        return f"the guides' listing pages are generated into '{ROOT}/': move this page elsewhere"
    folder = listing.src_uri.removesuffix(f"{listing.number}/index.md")
    return (
        f"the references page's later pages are generated into '{folder}' (page"
        f" {listing.number} of {listing.count}): move this page elsewhere"
    )
