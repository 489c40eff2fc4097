"""The site's search index in a MkDocs build: which pages it holds, fed as they are written.

A published guide's page is marked for the index when its context is made (the
template then marks its article) and handed to Pagefind as MkDocs writes it
(:mod:`evidence_guides.build.search_index`). Pagefind writes the index as soon
as the last of the guides it was told to expect is written, while MkDocs writes
the other pages and the audit's findings are gathered, or else with the site.
An error is one line that stops the build.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from evidence_guides.build.search_index import OUTPUT_SUBDIR, SearchIndexer, SearchIndexError
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

    from evidence_guides.build.site_build import SiteBuild


class SearchFeed:
    """One build's search index (none when the ``search`` option is off).

    ``cache`` is the project's ``.cache/search/``: the last index written is
    kept there and put back when no page of it changed.
    """

    def __init__(self, enabled: bool, cache: Path | None = None) -> None:
        self._indexer = SearchIndexer(cache) if enabled else None
        self._indexed: set[str] = set()
        self._expected: set[str] | None = None  # the guides still to be written, when known
        self._handed: set[str] = set()  # URLs of the kept pages handed over ahead
        self._site_dir: Path | None = None

    def ahead(self, guides: Mapping[str, str]) -> None:
        """Hand Pagefind now the kept pages of ``guides`` (source URI: URL from the site's
        root), expected as the last build wrote them; it then waits only for the others."""
        if self._indexer is not None and guides:
            try:
                self._handed = self._indexer.prefill(set(guides.values()))
            except SearchIndexError as error:
                raise PluginError(escape_controls(str(error))) from None

    def expect(self, guides: Mapping[str, str], site_dir: Path) -> set[str]:
        """The guides the index will hold (source URI: URL from the site's root), once every
        page is read; the index is written into ``site_dir`` as soon as the last is.

        Returned: the guides Pagefind still waits for when some were handed
        over ahead, best written first; else none.
        """
        self._expected = {src_uri for src_uri, url in guides.items() if url not in self._handed}
        self._site_dir = site_dir
        return set(self._expected) if self._handed else set()

    def mark(self, src_uri: str, *, draft: bool) -> bool:
        """Whether the guide at ``src_uri`` goes into the index: a published one, when on."""
        indexed = self._indexer is not None and not draft
        if indexed:
            self._indexed.add(src_uri)
        return indexed

    def written(self, src_uri: str, url: str, output: str) -> None:
        """A page as MkDocs writes it (``url`` from the site's root): indexed if marked."""
        if self._indexer is not None and src_uri in self._indexed:
            expected = self._expected
            try:
                self._indexer.add(f"/{url}", output)
                if expected is not None and self._site_dir is not None:
                    expected.discard(src_uri)
                    if not expected:  # the last one: once
                        self._expected = None
                        self._indexer.start_writing(self._site_dir / OUTPUT_SUBDIR)
            except SearchIndexError as error:
                raise PluginError(escape_controls(str(error))) from None

    def write(self, site_dir: Path) -> None:
        """Write the index into the site."""
        if self._indexer is not None:
            try:
                self._indexer.write(site_dir / OUTPUT_SUBDIR)
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


def kept_guides(site: SiteBuild, files: Files) -> dict[str, str]:
    """The published guides the page cache gave back, when another was not (source URI to
    URL): pages Pagefind can have before MkDocs writes them. None when none changed (the
    kept index is put back whole) or all did."""
    kept, changed = {}, False
    for file in files.documentation_pages():
        state = site.pages.get(file.src_uri)
        if state is None or not state.is_guide or state.is_draft:
            continue
        rendered = site.rendered(file.src_uri) if state.cached else None
        if rendered is not None and rendered.last_reviewed is not None:
            kept[file.src_uri] = f"/{file.url}"
        elif not state.cached:
            changed = True
    return kept if changed else {}
