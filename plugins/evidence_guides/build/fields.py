"""Converting a guide's front-matter fields to HTML with the site's own Markdown set-up.

A variation's steps or an FAQ answer is Markdown, and must read exactly like the
body: the same extensions, and links to other pages resolved to their URLs as
the engine resolves the body's. One converter serves the whole build (made once,
reset per field); raw HTML is switched off in it, so data never becomes markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import markdown as markdown_lib

from evidence_guides.guide.field_links import FieldLinks
from evidence_guides.guide.page import MarkdownRenderer, plain_paragraph

if TYPE_CHECKING:
    from evidence_guides.build.engine import Engine

# Markdown extensions that give plain letters, digits and punctuation no meaning
# (unlike smarty, smartsymbols, magiclink, emoji, meta): with only these, a
# front-matter field that is a plain sentence needs no converter.
_PLAIN_SAFE = frozenset(
    (
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",
        "footnotes",
        "legacy_attrs",
        "md_in_html",
        "nl2br",
        "sane_lists",
        "tables",
        "toc",
        "wikilinks",
        "pymdownx.arithmatex",
        "pymdownx.betterem",
        "pymdownx.blocks.admonition",
        "pymdownx.blocks.details",
        "pymdownx.blocks.tab",
        "pymdownx.caret",
        "pymdownx.critic",
        "pymdownx.details",
        "pymdownx.escapeall",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
        "pymdownx.keys",
        "pymdownx.mark",
        "pymdownx.progressbar",
        "pymdownx.saneheaders",
        "pymdownx.snippets",
        "pymdownx.striphtml",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
        "pymdownx.tilde",
    )
)


class FieldConverter:
    """The front-matter fields' converter of one build: the site's extensions, no raw HTML."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._links: FieldLinks | None = None
        self._plain = False  # whether plain fields may skip the converter

    def prepare(self) -> FieldLinks:
        """Build the converter (once per build; before a fork, so the worker inherits it).

        Without its raw-HTML block preprocessor and inline pattern, Markdown
        escapes "<script>" as text. Its last tree processor resolves links to
        pages, as the engine does the body's.
        """
        if self._links is None:
            engine = self._engine
            converter = markdown_lib.Markdown(
                extensions=list(engine.markdown_extensions),
                extension_configs=dict(engine.markdown_configs),
            )
            converter.preprocessors.deregister("html_block")
            converter.inlinePatterns.deregister("html")
            self._links = FieldLinks(converter)
            converter.treeprocessors.register(self._links, "evidence_field_links", 0)
            self._plain = all(
                isinstance(name, str) and name.removeprefix("markdown.extensions.") in _PLAIN_SAFE
                for name in engine.markdown_extensions
            )
        return self._links

    def renderer(
        self, src_uri: str, unresolved: list[str], looked_up: list[str] | None = None
    ) -> MarkdownRenderer:
        """Converts the fields of page ``src_uri``; collects its links to no page in ``unresolved``,
        and every file its links looked for in ``looked_up`` (for the page cache).

        A field that is a plain sentence skips the converter when no extension
        changes plain text (as ``smarty`` would): most fields are.
        """
        links = self.prepare()
        plain = self._plain
        engine = self._engine

        def lookup(path: str) -> str | None:
            if looked_up is not None:
                looked_up.append(path)
            return engine.url(path, relative_to=src_uri)

        def render(text: str) -> str:
            html = plain_paragraph(text) if plain else None
            if html is not None:
                return html
            html, missing = links.convert_for(text, src_uri, lookup)
            unresolved.extend(missing)
            return html

        return render
