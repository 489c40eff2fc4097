"""Links in front-matter text fields, resolved the way the engine resolves the body's.

An editor writes ``See the [flutter kick guide](flutter-kick.md).`` in a
variation's "how" exactly as in the body: a link to the page's source file.
The engine rewrites the body's links to the published URLs, but a field is
converted by our own Markdown converter, so this tree processor does the same
for it. Which source files exist and where they are published is the engine's
knowledge; it answers through a :data:`SourceLookup`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from evidence_guides.text.segments import field_positions

if TYPE_CHECKING:
    from evidence_guides.guide.frontmatter.model import ParsedGuide

SourceLookup = Callable[[str], "str | None"]
"""A source file's path (relative to the docs folder, POSIX) to its URL relative
to the page being rendered; None when the site has no such file."""

_LINK_ATTRIBUTES = {"a": "href", "img": "src"}


def linked_source(href: str, page_source: str) -> tuple[str, str] | None:
    """The source file ``href`` points at from ``page_source``, and its query and fragment.

    None for what is not a link to a file of the site: a URL with a scheme or
    host, an absolute path, a fragment alone (``#faq``) or an empty link.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    # A path out of the docs folder ("../../x.md") keeps its "..": no file has it.
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page_source), unquote(parts.path)))
    suffix = (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else ""
    )
    return path, suffix


class FieldLinks(Treeprocessor):
    """Rewrites links to source files in a converted field.

    Register it on the field converter, then call :meth:`convert_for` instead
    of the converter's ``convert``. Links the site cannot resolve are left as
    written and returned, for the engine to report.
    """

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self._page_source: str | None = None
        self._lookup: SourceLookup | None = None
        self._unresolved: list[str] = []

    def convert_for(
        self, text: str, page_source: str, lookup: SourceLookup
    ) -> tuple[str, list[str]]:
        """``text`` converted as a field of the page whose source is ``page_source``.

        Also the links in it to files the site does not have.
        """
        self._page_source, self._lookup, self._unresolved = page_source, lookup, []
        try:
            return self.md.reset().convert(text), self._unresolved
        finally:
            self._page_source = self._lookup = None

    def run(self, root: Element) -> None:
        if self._page_source is None or self._lookup is None:
            return
        for element in root.iter():
            attribute = _LINK_ATTRIBUTES.get(element.tag)
            if attribute is None or not (href := element.get(attribute)):
                continue
            target = linked_source(href, self._page_source)
            if target is None:
                continue
            path, suffix = target
            url = self._lookup(path)
            if url is None:
                self._unresolved.append(href)
            else:
                element.set(attribute, url + suffix)


def unresolved_link_warnings(
    path: str, source_text: str, parsed: ParsedGuide | None, hrefs: Iterable[str]
) -> list[str]:
    """One warning per front-matter field linking to no page, at ``path:line:col``.

    The converter knows a link by its text; the editor needs its place in the
    file, so each field's value is mapped back to the YAML as the audit maps
    its findings.
    """
    fix = "which is not a file of the site; link to a page's .md file, as in the body"
    warnings = []
    for href in dict.fromkeys(hrefs):
        found: list[tuple[str, int, int]] = []
        if parsed is not None:
            # "](plank.md" is not in "](side-plank.md"; a link spelt otherwise is rare.
            found = field_positions(parsed, source_text, href, after="](")
            found = found or field_positions(parsed, source_text, href)
        for field, line, column in found:
            at = f"{path}:{line}:{column}"
            warnings.append(f"{at}: front-matter field '{field}' links to '{href}', {fix}")
        if not found:  # not spelt out in any field (a reference-style link, say)
            warnings.append(f"{path}: a front-matter field links to '{href}', {fix}")
    return warnings
