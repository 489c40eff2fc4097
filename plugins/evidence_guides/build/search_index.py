"""The site's search index: Pagefind fed each guide as the engine writes it, engine-free.

Pagefind writes a static, chunked index (``pagefind/`` in the site), of which a
reader's browser fetches only the few kilobytes a query needs, instead of one
index of the whole site on every page view. It runs as a service beside the
build (:mod:`.pagefind_service`): the engine hands it each published
guide's HTML as the page is written (no file is read twice), and
then builds and writes the index (:meth:`SearchIndexer.start_writing`). Pagefind
does most of its work in that last step (about 9 s of 2,000 guides' 10 s), so it
starts as soon as the last indexed page is handed over, and overlaps whatever the
build has left to do then; the hand-over itself saves reading the pages again. What it
indexes is the theme's to say: a guide's article carries
``data-pagefind-body`` (:func:`searchable_part` sends only that, half the
page), its ``data-pagefind-filter`` and ``data-pagefind-meta`` attributes give
the level, muscles and equipment as filters and the level as a result's
meta, and ``data-pagefind-ignore`` leaves out the references and related
guides. Citation numbers are left out by :data:`EXCLUDED`. What Pagefind
leaves out is not even sent (:func:`searchable_part`).

Given the project's cache, the indexer puts back the index the last build
wrote when every page and setting is the same (:mod:`.search_reuse`), and
Pagefind is not started at all.

Pagefind's service, its protocol and its threads are :mod:`.pagefind_service`'s.
"""

from __future__ import annotations

from collections.abc import Collection
from importlib import metadata
from pathlib import Path
from typing import Any

from evidence_guides.build.pagefind_service import (
    PagefindService,
    SearchIndexError,
    one_line,
    pagefind_executable,
    wait_until_written,
)
from evidence_guides.build.search_reuse import IndexReuse, page_digest, settings_of
from evidence_guides.build.search_spool import encoded

__all__ = ["SearchIndexError", "SearchIndexer", "pagefind_executable", "searchable_part"]

OUTPUT_SUBDIR = "pagefind"
"""Where the index goes in the site: the search script loads ``OUTPUT_SUBDIR/pagefind.js``."""

EXCLUDED = ("sup.citations", ".headerlink")
"""What Pagefind leaves out of a guide's text: citation numbers and heading permalinks (¶)."""

BODY_START = "<div data-pagefind-body>"
BODY_END = "<!--/data-pagefind-body-->"
"""The theme's marks around what is indexed (guide.html)."""

SKIP_START = "<!--search:skip-->"
SKIP_END = "<!--/search:skip-->"
"""The theme's marks around parts of the article Pagefind ignores (``data-pagefind-ignore``),
never sent: the references and the related guides."""

CITATIONS = '<sup class="citations">'
"""How a citation's numbers begin (:mod:`evidence_guides.guide.numbering`); Pagefind leaves
them out (:data:`EXCLUDED`), so they are not sent either: with the references, two fifths of
an article's text, each citation's tooltip the whole reference."""

INDEX_CONFIG: dict[str, Any] = {"exclude_selectors": list(EXCLUDED), "force_language": "en"}
"""What Pagefind is told with NewIndex: part of what a kept index is made from."""


def searchable_part(html: str) -> str:
    """The part of a written page Pagefind reads: its marked article, or the whole page,
    without what Pagefind would leave out of it anyway.

    Everything outside ``data-pagefind-body`` is skipped by Pagefind; not
    sending it halves what it parses. The parts the theme marks skipped and
    the citations are ignored by Pagefind too: leaving them out makes what is
    sent, written down and digested smaller still, and a corrected reference
    or a renamed related guide changes no page of the index, so the kept
    index is put back.
    """
    start = html.find(BODY_START)
    end = html.find(BODY_END, start)
    if start == -1 or end == -1:
        return html
    body = _cut_out(html[start:end], SKIP_START, SKIP_END)
    body = _cut_out(body, CITATIONS, "</sup>", nested="<sup")
    return f'<!doctype html><html lang="en"><body>{body}</body></html>'


def _cut_out(text: str, opening: str, closing: str, *, nested: str = "") -> str:
    """``text`` without each part from ``opening`` to the ``closing`` after it.

    A part with ``nested`` in it, or never closed, is left in: where the
    first ``closing`` is not its end, only Pagefind can tell what it leaves out.
    """
    parts, position = [], 0
    while (found := text.find(opening, position)) != -1:
        close = text.find(closing, found)
        if close == -1:
            break
        if nested and text.find(nested, found + len(opening), close) != -1:
            parts.append(text[position : close + len(closing)])  # left in, whole
        else:
            parts.append(text[position:found])
        position = close + len(closing)
    parts.append(text[position:])
    return "".join(parts)


def index_settings() -> str | None:
    """Pagefind's version and :data:`INDEX_CONFIG`, as a kept index records them."""
    try:
        version = metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return None
    return settings_of(version, INDEX_CONFIG)


class SearchIndexer:
    """One build's search index: Pagefind's service, started on the first page added.

    With ``cache`` (the project's ``.cache/search/``), the last index written
    is kept there and put back when nothing it holds changed; ``reused`` says
    whether it was.
    """

    def __init__(self, cache: Path | None = None) -> None:
        self._service: PagefindService | None = None
        self._index_id: int | None = None
        self._writing: int | None = None  # the WriteFiles message, once sent
        self.pages = 0  # pages indexed: handed to Pagefind, or held back for the kept index
        settings = index_settings() if cache is not None else None
        self._reuse = IndexReuse(cache, settings) if cache is not None and settings else None
        self.reused = False  # the kept index was put into the site; Pagefind never ran
        self._prefilled: dict[str, str] = {}  # URL: digest of the kept text handed over

    def add(self, url: str, html: str) -> None:
        """Index the page at ``url`` (from the site's root, "/exercises/plank/")."""
        expected = self._prefilled.pop(url, None)  # its kept text, already with Pagefind
        if self.reused or (self._writing is not None and expected is None):
            raise SearchIndexError(f"search index: {url} added after the index was written")
        text = searchable_part(html)
        self.pages += 1
        if self._reuse is None:
            if self._index_id is None:
                self._start()
            self._add_file(url, text)
            return
        data = encoded(text)
        digest = page_digest(url, data)
        held = self._reuse.hold(url, data, digest)  # written down in any case
        if expected is not None:
            if expected != digest:
                self._start_again()
        elif not held:
            if self._index_id is None:
                self._start()  # sends every page written down: this one too
            else:
                self._add_file(url, text)

    @property
    def kept_count(self) -> int:
        """The pages of the index the last build kept (0 without one)."""
        return self._reuse.kept_count if self._reuse is not None else 0

    def prefill(self, urls: Collection[str]) -> set[str]:
        """Hand Pagefind now the kept text of the pages at ``urls`` (expected unchanged), so
        it can write the index while they are written; the URLs handed over.

        Each is checked when written: one that differs, or never comes, and
        Pagefind starts again with the pages as written. Called before any
        page is added; none is handed over without a kept index.
        """
        if self._reuse is None or self._index_id is not None or self.pages or not urls:
            return set()
        for url, text, digest in self._reuse.kept_pages(frozenset(urls)):  # a set: once a line
            if self._index_id is None:
                self._start()
            self._add_file(url, text)
            self._prefilled[url] = digest
        return set(self._prefilled)

    def start_writing(self, output: Path) -> None:
        """Have Pagefind build and write the index into ``output`` now, without waiting.

        Pagefind does most of its work here; started as soon as the last page
        is added, it works while the build does what is left (the pages that
        are not indexed, the audits). :meth:`write` then waits for it. No page
        may be added after, but those handed over ahead. The kept index, when
        it holds these very pages, is put into ``output`` instead.
        """
        if self._reuse is not None and self._index_id is None and self.pages and not self.reused:
            self.reused = self._reuse.restore(output)
            if self.reused:
                return
            self._start()  # the pages held back go to Pagefind
        if self._service is not None and self._index_id is not None and self._writing is None:
            if self._reuse is not None:
                self._reuse.before_writing(output)
            write = {"type": "WriteFiles", "index_id": self._index_id, "output_path": str(output)}
            self._writing = self._service.send(write)

    def write(self, output: Path) -> int:
        """Write the index into ``output`` (unless started); the number of pages indexed.

        Stops the service. Raises :class:`SearchIndexError` (one line) if
        Pagefind refused a page or could not write.
        """
        try:
            if self._prefilled:  # expected unchanged, never written: not the site's pages
                self._start_again()
            self.start_writing(output)
            if self._service is None or self._writing is None:  # nothing, or the kept index
                return self.pages if self.reused else 0
            answer = self._service.wait(self._writing)
            if answer.get("type") != "WriteFiles":
                raise SearchIndexError(f"search index: pagefind did not write: {answer}")
            if errors := self._service.errors():
                raise SearchIndexError(f"search index: pagefind: {one_line(errors[0])}")
            wait_until_written(output)  # Pagefind answers before its last files are whole
            self._stop()  # and ends once they are: nothing writes them after
            if self._reuse is not None:
                self._reuse.save(output)
            return self.pages
        finally:
            self.close()

    def close(self) -> None:
        """Stop the service, if it runs (after an error, too): at once, as nothing it does is
        wanted then; :meth:`write` has stopped it already once the index is written."""
        if self._reuse is not None:
            self._reuse.close()
        self._stop(kill=True)

    def _start(self) -> None:
        """Start Pagefind's service and a new index; send it every page written down so far."""
        service = self._service = PagefindService(pagefind_executable())
        answer = service.wait(service.send({"type": "NewIndex", "config": INDEX_CONFIG}))
        if answer.get("type") != "NewIndex":
            self.close()
            raise SearchIndexError(f"search index: pagefind did not start: {one_line(answer)}")
        self._index_id = answer["index_id"]
        if self._reuse is not None:
            for url, text in self._reuse.recorded():
                self._add_file(url, text)

    def _start_again(self) -> None:
        """A page handed over as kept differs: Pagefind starts again with the pages as written."""
        self._prefilled.clear()
        self._stop(kill=True)
        self._start()

    def _stop(self, *, kill: bool = False) -> None:
        service, self._service = self._service, None
        self._index_id = self._writing = None
        if service is not None:
            service.stop(kill=kill)

    def _add_file(self, url: str, text: str) -> None:
        if self._service is None:
            raise SearchIndexError("search index: pagefind is not running")
        self._service.send(
            {"type": "AddFile", "index_id": self._index_id, "url": url, "file_contents": text}
        )
