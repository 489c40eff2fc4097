"""The site's search index in a MkDocs build: which pages it holds, fed as they are written.

A published guide's page is marked for the index when its context is made (the
template then marks its article) and handed to Pagefind as MkDocs writes it
(:mod:`evidence_guides.build.search_index`). Pagefind writes the index as soon
as the last of the guides it was told to expect is written, while MkDocs writes
the other pages and the audit's findings are gathered, or else with the site.
An error is one line that stops the build.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mkdocs.exceptions import PluginError

from evidence_guides.build.search_index import OUTPUT_SUBDIR, SearchIndexer, SearchIndexError
from evidence_guides.terminal import escape_controls


class SearchFeed:
    """One build's search index (none when the ``search`` option is off).

    ``cache`` is the project's ``.cache/search/``: the last index written is
    kept there and put back when no page of it changed.
    """

    def __init__(self, enabled: bool, cache: Path | None = None) -> None:
        self._indexer = SearchIndexer(cache) if enabled else None
        self._indexed: set[str] = set()
        self._expected: set[str] | None = None  # the guides still to be written, when known
        self._site_dir: Path | None = None

    def expect(self, src_uris: Iterable[str], site_dir: Path) -> None:
        """The guides the index will hold, once every page is read: the index is written
        into ``site_dir`` as soon as the last of them is, not after the whole site."""
        self._expected = set(src_uris)
        self._site_dir = site_dir

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
