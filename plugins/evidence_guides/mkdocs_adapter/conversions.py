"""MkDocs' conversion of an unchanged page, given back instead of made again.

MkDocs converts each page's Markdown in ``Page.render``, between the plugins'
``on_page_markdown`` and ``on_page_content``; on a site of thousands of guides
that is most of a build after a build. When the page cache holds MkDocs'
conversion of the very Markdown this build hands it
(:mod:`evidence_guides.build.conversion`), ``on_page_markdown`` hands MkDocs no
Markdown, which it turns into nothing at once, and ``on_page_content`` puts the
kept conversion in its place: the HTML, the table of contents, the anchors the
page holds and its links to other pages' anchors, which MkDocs checks once every
page is converted, as it would have.

A conversion is kept only when nothing else could make it differ:

- no other plugin sees the Markdown after this one or the HTML before it
  (``on_page_markdown``, ``on_page_content``);
- no Markdown extension reads other files (``pymdownx.snippets`` and the like);
- the page's meta gives its title (MkDocs would otherwise take the first heading);
- MkDocs logged nothing while converting it (a link to a missing page, say), so
  every build logs that again.

The preview (``mkdocs serve``) converts every page.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.structure.toc import AnchorLink, get_toc

from evidence_guides.build.conversion import Conversion, TocEntry

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from evidence_guides.build.cached_pages import CachedPages

# Extensions whose output depends on files other than the page, which the cache's keys do not hold.
READS_OTHER_FILES = frozenset(
    {"pymdownx.snippets", "pymdownx.b64", "markdown_include.include", "mdx_include"}
)
_EVENTS = ("page_markdown", "page_content")


class KeptConversions:
    """One build's pages converted by MkDocs or given back from the page cache."""

    def __init__(self, cache: CachedPages | None, files: Files | None = None) -> None:
        self._cache = cache  # None: every page is converted, nothing kept
        self._files = files
        self._given: dict[str, Conversion] = {}  # pages handed no Markdown: their conversion
        self._converting: dict[str, str] = {}  # pages MkDocs converts: the Markdown handed
        self._heard = _Heard()
        self._looked_up: dict[str, bool] | None = None  # while MkDocs converts a page
        self._watched: Files | None = None  # the files it looks them up in

    @classmethod
    def for_build(
        cls, cache: CachedPages | None, plugin: BasePlugin, config: MkDocsConfig, files: Files
    ) -> KeptConversions:
        """Conversions kept and given back, when nothing but the Markdown decides them."""
        alone = all(
            getattr(handler, "__self__", None) is plugin
            for event in _EVENTS
            for handler in config.plugins.events.get(event, [])
        )
        if not alone or READS_OTHER_FILES.intersection(config.markdown_extensions):
            return cls(None)
        return cls(cache, files)

    def markdown(self, page: Page, markdown: str, files: Files | None = None) -> str:
        """The Markdown to hand MkDocs: none when its conversion is kept. ``files`` are those
        MkDocs converts the page with (``on_page_markdown``'s: another plugin may have
        replaced the build's), whose lookups a kept conversion notes."""
        if self._cache is None or "title" not in page.meta:
            return markdown
        src_uri = page.file.src_uri
        kept = self._cache.conversion(src_uri, markdown)
        if kept is not None:
            self._given[src_uri] = kept
            return ""
        self._converting[src_uri] = markdown
        self._heard.listen()
        self._watched = files if files is not None else self._files
        self._looked_up = _watch_lookups(self._watched)
        return markdown

    def html(self, page: Page, html: str) -> str:
        """MkDocs' HTML of the page: the kept conversion put back, or the new one kept."""
        src_uri = page.file.src_uri
        kept = self._given.pop(src_uri, None)
        if kept is not None:
            self._give_back(page, kept)
            return kept.html
        markdown = self._converting.pop(src_uri, None)
        looked_up = self._stop_watching()
        if markdown is not None and not self._heard.stop() and self._cache is not None:
            conversion = conversion_of(page, html, looked_up)
            self._cache.keep_conversion(src_uri, markdown, conversion)
        return html

    def close(self) -> None:
        """Stop listening to the log (a build that stopped between two events)."""
        self._heard.stop()
        self._stop_watching()

    def _stop_watching(self) -> tuple[tuple[str, bool], ...]:
        """The files MkDocs looked for since :meth:`markdown`; its lookups no longer noted."""
        looked_up, self._looked_up = self._looked_up, None
        watched, self._watched = self._watched, None
        if looked_up is None or watched is None:
            return ()
        vars(watched).pop("get_file_from_path", None)
        return tuple(looked_up.items())

    def _give_back(self, page: Page, kept: Conversion) -> None:
        page.toc = get_toc([_token(entry) for entry in kept.toc])
        page.present_anchor_ids = set(kept.anchors)
        if kept.links is not None and self._files is not None:
            links = {}
            for src_uri, anchors in kept.links:
                target = self._files.get_file_from_path(src_uri)
                if target is not None:  # found: given back only while its lookups are the same
                    links[target] = dict(anchors)
            page.links_to_anchors = links


def _watch_lookups(files: Files | None) -> dict[str, bool] | None:
    """Note each file MkDocs looks for among ``files`` (its links' targets, while it converts a
    page), and whether it found it: a kept conversion holds only while each lookup does."""
    if files is None:
        return None
    looked_up: dict[str, bool] = {}
    find = files.get_file_from_path

    def get_file_from_path(path: str) -> File | None:
        found = find(path)
        looked_up[path] = found is not None
        return found

    files.get_file_from_path = get_file_from_path  # type: ignore[method-assign]
    return looked_up


def conversion_of(
    page: Page, html: str, looked_up: tuple[tuple[str, bool], ...] = ()
) -> Conversion:
    """What MkDocs made of the page's Markdown, as plain data."""
    links = page.links_to_anchors
    kept_links = None
    if links is not None:
        kept_links = tuple(
            (target.src_uri, tuple(anchors.items())) for target, anchors in links.items()
        )
    return Conversion(
        html=html,
        toc=tuple(_entry(link) for link in page.toc.items),
        anchors=frozenset(page.present_anchor_ids or ()),
        links=kept_links,
        looked_up=looked_up,
    )


def _entry(link: AnchorLink) -> TocEntry:
    return TocEntry(link.title, link.id, link.level, tuple(_entry(c) for c in link.children))


def _token(entry: TocEntry) -> dict:
    children = [_token(child) for child in entry.children]
    return {"name": entry.title, "id": entry.id, "level": entry.level, "children": children}


class _Heard(logging.Handler):
    """Whether MkDocs (or Python-Markdown) logged anything while it converted a page."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self._loggers = (logging.getLogger("mkdocs"), logging.getLogger())
        self._count = 0
        self._listening = False

    def emit(self, record: logging.LogRecord) -> None:
        self._count += 1

    def listen(self) -> None:
        self._count = 0
        if not self._listening:
            for logger in self._loggers:
                logger.addHandler(self)
            self._listening = True

    def stop(self) -> int:
        """How many records were logged since :meth:`listen`; stops listening."""
        if self._listening:
            for logger in self._loggers:
                logger.removeHandler(self)
            self._listening = False
        return self._count
