"""The site's search index in a MkDocs build: which pages it holds, fed as they are written.

A published guide's page is marked for the index when its context is made (the
template then marks its article) and handed to Pagefind as MkDocs writes it
(:mod:`evidence_guides.build.search_index`), in its shard
(:mod:`evidence_guides.build.search_shards`). Pagefind writes a shard as soon
as the last of the guides it was told to expect is written, while MkDocs writes
the other pages and the audit's findings are gathered, or else with the site.
An error is one line that stops the build.

Once the index is written it takes no more pages: the preview renders pages
after its first build (a save, a page shown), through the same hooks, and
serves the index that build wrote until it is restarted.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from evidence_guides.build.search_shards import SearchIndexError, ShardedIndex, shard_folder
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

    from evidence_guides.build.site_build import SiteBuild


class SearchFeed:
    """One build's search index (none when the ``search`` option is off).

    ``cache`` is the project's ``.cache/search/``: the last index written is
    kept there and put back when no page of it changed. The index is split
    into ``shards``; one that cannot be is a one-line error.
    """

    def __init__(self, enabled: bool, cache: Path | None = None, shards: int = 1) -> None:
        try:
            self._indexer = ShardedIndex(shards, cache) if enabled else None
        except SearchIndexError as error:
            raise PluginError(escape_controls(str(error))) from None
        self._indexed: set[str] = set()
        self._handed: set[str] = set()  # URLs of the kept pages handed over ahead
        self._finished = False  # the index is written: a page rendered after is not in it

    def ahead(self, site: SiteBuild, files: Files, *, preview: bool = False) -> None:
        """Hand Pagefind now the kept pages of the guides the page cache gave back, expected
        as the last build wrote them, in the shards of the guides it did not (changed)
        and of those that lost a guide: it then waits only for the others. Not in the
        preview, which renders pages when asked."""
        if self._indexer is None or preview:
            return
        published = published_guides(site, files)
        kept, changed = kept_guides(site, published)
        if kept:
            try:
                self._handed = self._indexer.prefill(
                    set(kept.values()), changed, published.values()
                )
            except SearchIndexError as error:
                raise PluginError(escape_controls(str(error))) from None

    def expect(self, guides: Mapping[str, str], site_dir: Path) -> set[str]:
        """The guides the index will hold (source URI: URL from the site's root), once every
        page is read; each shard is written into ``site_dir`` as soon as its last is.

        Returned: the guides Pagefind still waits for in the shards it works on
        already (some of their guides handed over ahead), best written first.
        """
        if self._indexer is None:
            return set()
        waited = [url for url in guides.values() if url not in self._handed]
        first = self._indexer.expect(waited, site_dir)
        return {src_uri for src_uri, url in guides.items() if url in first}

    def plan(
        self, site: SiteBuild, files: Files, site_dir: Path | None
    ) -> tuple[set[str], list[str]]:
        """Once every page is converted: :meth:`expect` the guides of the index written
        into ``site_dir`` (none in the preview); the guides best written first, and the
        site's folders of the index, the first the one the search script loads."""
        if site_dir is None:  # the guides as read: which render as guides is not known yet
            return set(), self.folders(published_guides(site, files).values())
        guides = indexed_guides(site, files)
        return self.expect(guides, site_dir), self.folders(guides.values())

    def folders(self, guides: Collection[str]) -> list[str]:
        """The site's folders of the index of ``guides`` (URLs from the site's root), the
        first the one the search script loads."""
        return [shard_folder(0)] if self._indexer is None else self._indexer.folders(guides)

    def mark(self, src_uri: str, *, draft: bool) -> bool:
        """Whether the guide at ``src_uri`` goes into the index: a published one, when on."""
        indexed = self._indexer is not None and not draft
        if indexed:
            self._indexed.add(src_uri)
        return indexed

    def written(self, src_uri: str, url: str, output: str) -> None:
        """A page as MkDocs writes it (``url`` from the site's root): indexed if marked,
        unless the index is written already (a page the preview renders again)."""
        if self._indexer is not None and src_uri in self._indexed and not self._finished:
            try:
                self._indexer.add(f"/{url}", output)
            except SearchIndexError as error:
                raise PluginError(escape_controls(str(error))) from None

    def write(self, site_dir: Path) -> None:
        """Write the index into the site; it takes no page after."""
        self._finished = True
        if self._indexer is not None:
            try:
                self._indexer.write(site_dir)
            except SearchIndexError as error:
                raise PluginError(escape_controls(str(error))) from None

    def close(self) -> None:
        if self._indexer is not None:
            self._indexer.close()


def indexed_guides(site: SiteBuild, files: Files) -> dict[str, str]:
    """The pages ``on_page_context`` will mark for the search index, once all are
    converted (the published guides that rendered as guides): source URI to URL."""
    guides = {}
    for file in files.documentation_pages():
        rendered = site.rendered(file.src_uri)
        guide = rendered is not None and rendered.last_reviewed is not None
        if guide and not site.pages[file.src_uri].is_draft:
            guides[file.src_uri] = f"/{file.url}"
    return guides


def kept_guides(site: SiteBuild, published: Mapping[str, str]) -> tuple[dict[str, str], set[str]]:
    """Of the ``published`` guides (source URI to URL), those the page cache gave back:
    pages Pagefind can have before MkDocs writes them; and the URLs of those whose text
    it kept nothing for (edited, or new). A guide made again only because a guide it
    lists as related changed is neither: its page is most likely the same, and checked
    when written."""
    kept, changed = {}, set()
    for src_uri, url in published.items():
        state = site.pages[src_uri]
        rendered = site.rendered(src_uri) if state.cached else None
        if rendered is not None and rendered.last_reviewed is not None:
            kept[src_uri] = url
        elif not state.text_kept:
            changed.add(url)
    return kept, changed


def published_guides(site: SiteBuild, files: Files) -> dict[str, str]:
    """The published guides as read (source URI to URL), before any is converted."""
    guides = {}
    for file in files.documentation_pages():
        state = site.pages.get(file.src_uri)
        if state is not None and state.is_guide and not state.is_draft:
            guides[file.src_uri] = f"/{file.url}"
    return guides
