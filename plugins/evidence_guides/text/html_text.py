"""Plain text of rendered HTML, as a reader sees it.

Structured data must say what the page shows: an FAQ answer's JSON-LD text is
the visible answer's text. Citation superscripts are left out, because the
numbers mean nothing outside the page, and so is what is never shown: scripts,
style sheets and templates.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SPACE_RE = re.compile(r"\s+")
_SKIPPED_CLASSES = frozenset({"citations"})
_SKIPPED_TAGS = frozenset({"script", "style", "template"})  # content never shown
# Elements a browser shows apart from the text around them: their start and end part words.
_BLOCK_TAGS = frozenset(
    {"p", "div", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li"}
    | {"dl", "dt", "dd", "table", "caption", "tr", "td", "th", "details", "summary"}
    | {"figure", "figcaption", "section", "article", "aside", "header", "footer", "nav"}
    | {"main", "address", "fieldset", "legend", "form"}
)
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            self.parts.append(" ")
            return
        classes = next((value or "" for name, value in attrs if name == "class"), "").split()
        if self._skip_depth or tag in _SKIPPED_TAGS or _SKIPPED_CLASSES.intersection(classes):
            self._skip_depth += 1
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")
        if self._skip_depth:
            self._skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of ``html`` with white space collapsed, citations and scripts left out."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return _SPACE_RE.sub(" ", "".join(collector.parts)).strip()
