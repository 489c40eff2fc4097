"""The site build's own pages (the catalogue's listing pages), added to a MkDocs build.

They are planned from every guide's front-matter, which is known only once the
pages are converted, so they join the build in ``on_env``: after the guides are
read and before MkDocs writes the sitemap and renders the pages, which then
include them like any page of docs_dir (a listing page is in the sitemap, has
a canonical URL and gets ``on_page_context``). Their content is the listing's
HTML, put in by the plugin's ``on_page_context``; MkDocs has no Markdown of
theirs to convert.
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

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from evidence_guides.build.listings import ListingPageHtml, SiteListings

TEMPLATE = "listing.html"


class ListingPages:
    """The catalogue's listing pages a build added, and what templates read of them."""

    def __init__(self) -> None:
        self.added: dict[str, ListingPageHtml] = {}  # by src_uri

    def add(self, files: Files, config: MkDocsConfig, pages: tuple[ListingPageHtml, ...]) -> None:
        self.added = add_listing_pages(files, config, pages)

    def context(
        self, page: Page, now: Callable[[], tuple[ListingPageHtml, ...]], shown: SiteListings
    ) -> dict[str, object] | None:
        """``evidence_listing`` for a listing page (None for any other page).

        ``now`` gives the listing pages as they are now: in the preview, a save
        may have changed them since they were added.
        """
        src_uri = page.file.src_uri
        if src_uri not in self.added:
            return None
        listing = next((p for p in now() if p.src_uri == src_uri), self.added[src_uri])
        return {
            "html": shown.listing(listing),
            "previous": listing_url(listing.previous, page, self.added),
            "next": listing_url(listing.next, page, self.added),
        }

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
            folder = listing.src_uri.split("/", 1)[0]
            raise PluginError(
                f"{config.docs_dir}/{listing.src_uri}: the guides' listing pages are generated"
                f" into '{folder}/': move this page elsewhere"
            )
        file = File.generated(config, listing.src_uri, content="")
        files.append(file)
        page = Page(listing.title, file, config)
        page.markdown = ""
        page.content = ""
        page.meta = {
            "template": TEMPLATE,
            "title": Markup(html.escape(listing.title, quote=True)),
            "description": Markup(html.escape(listing.description, quote=True)),
        }
        added[listing.src_uri] = listing
    return added


def listing_url(src_uri: str | None, page: Page, added: Mapping[str, object]) -> str | None:
    """The URL of listing page ``src_uri`` (a neighbour of ``page``) relative to ``page``."""
    if src_uri is None or src_uri not in added:
        return None
    target = File(src_uri, None, "", page.file.use_directory_urls)
    return get_relative_url(target.url, page.url)
