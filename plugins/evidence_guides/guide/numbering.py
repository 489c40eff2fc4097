"""Numbering and rendering the citations of one page.

Vancouver/AMA numbering: sources are numbered in the order they are first
cited on the page, a source cited again keeps its number, and a group shows
its numbers sorted and compressed ("1,3-5"). A page is rendered as several
segments (the Markdown body, then each front-matter field in display order),
so one :class:`PageCitations` is shared by all of a page's segments.

An unresolved source is never dropped: it stays visible, marked as missing,
and is reported back to the caller with its offset so the caller can turn it
into a ``file:line:col`` finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Protocol

from evidence_guides.store.formatting import format_reference
from evidence_guides.text.citations import Citation, CitedSource, scan_citations
from evidence_guides.text.sanitize import tooltip_text

if TYPE_CHECKING:
    from evidence_guides.store.entry import BibEntry
    from evidence_guides.store.formatting import FormattedReference


# Private-use characters: Markdown passes them through untouched, and no editor types them.
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARK_RE = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")
# A mark as :meth:`RenderedText.hold` keeps it, or as the converter passed it on.
_HELD_OR_MARK_RE = re.compile(f"<!--{_MARK_OPEN}(\\d+){_MARK_CLOSE}-->|{_MARK_RE.pattern}")
# A citation's link as rendered, before its title (the reference, shown on hover) is put in.
_LINK_RE = re.compile(r'<a class="citation" href="#ref-([^"]*)">')
MARK_CHARACTERS = frozenset((_MARK_OPEN, _MARK_CLOSE))


# Nothing but indentation or a list or quote marker before a citation on its line.
_ONLY_A_MARKER_RE = re.compile(r"^\s*(?:[-*+>]|\d+[.)])?\s*$")


@dataclass(frozen=True, slots=True)
class RenderedText:
    """Text with its citations rendered, and the sources that did not resolve.

    Each citation links to its reference, whose text is the link's title (a
    tooltip); :meth:`restore` puts the titles in with the deferred citations.
    """

    text: str
    unresolved: tuple[CitedSource, ...]  # offsets are into the original text
    deferred_html: tuple[str, ...]
    titles: tuple[tuple[str, str], ...] = ()  # (escaped key, escaped title) per cited entry

    def hold(self, html: str) -> str:
        """``html`` (converted from ``text``) with each deferred citation as an HTML comment.

        For an engine that parses the page before it is shown, such as a search
        indexer: a comment costs its parser next to nothing and adds no words
        to the index. :meth:`restore` then puts the citations in.
        """
        if not self.deferred_html:
            return html
        return _MARK_RE.sub(lambda mark: f"<!--{mark.group()}-->", html)

    def restore(self, html: str) -> str:
        """Put the deferred citations' HTML into ``html`` (converted from ``text``, or held)."""
        if self.deferred_html:
            html = _HELD_OR_MARK_RE.sub(self._deferred, html)
        return self._add_titles(html)

    def _add_titles(self, html: str) -> str:
        """Give this text's citation links in ``html`` their titles."""
        if not self.titles:
            return html
        titles = dict(self.titles)

        def titled(match: re.Match[str]) -> str:
            title = titles.get(match.group(1))
            return match.group() if title is None else f'{match.group()[:-1]} title="{title}">'

        return _LINK_RE.sub(titled, html)

    def _deferred(self, match: re.Match[str]) -> str:
        index = int(match.group(1) or match.group(2))
        # A mark that is not ours (typed into the page) stays as it is.
        return self.deferred_html[index] if index < len(self.deferred_html) else match.group()


@dataclass(frozen=True, slots=True)
class _Numbered:
    number: int
    entry: BibEntry
    locator: str | None


class SourceResolver(Protocol):
    """All a page's citations read of the store (a :class:`~evidence_guides.store.entry.BibStore`,
    or one recording what it is asked: ``store/answers.py``)."""

    def resolve(self, source: CitedSource) -> BibEntry | None: ...


class PageCitations:
    """Resolves, numbers and renders the citations of one page."""

    def __init__(self, store: SourceResolver) -> None:
        self._store = store
        self._numbers: dict[str, int] = {}
        self._entries: list[BibEntry] = []

    def render(
        self,
        text: str,
        *,
        deferred: bool = False,
        inline: Sequence[tuple[int, int]] = (),
    ) -> RenderedText:
        """Replace every citation in ``text`` with its HTML.

        With ``deferred``, citations become placeholders and the HTML is put in
        by :meth:`RenderedText.restore` after the caller's Markdown conversion:
        that conversion may then escape all raw HTML (as it does for
        front-matter text) without escaping the citations, and it has no raw
        HTML to parse, which makes it faster. Citations that start inside an
        ``inline`` span (such as a heading, whose text a converter reads for
        its table of contents) are put in as HTML even then.
        """
        citations = scan_citations(text)
        if not citations:
            return RenderedText(text, (), ())
        titles: dict[str, str] = {}  # escaped key -> escaped title, for RenderedText
        pieces: list[str] = []
        unresolved: list[CitedSource] = []
        deferred_html: list[str] = []
        position = 0
        for citation in citations:
            before = text[position : citation.start]
            if citation.bracketed:
                before = _tighten(before)
            pieces.append(before)
            html, missing = self._render_citation(citation, titles)
            if not citation.bracketed:
                # A PMID mentioned in prose keeps the words the editor wrote.
                pieces.append(text[citation.start : citation.end])
            if deferred and not any(start <= citation.start < end for start, end in inline):
                pieces.append(f"{_MARK_OPEN}{len(deferred_html)}{_MARK_CLOSE}")
                deferred_html.append(html)
            else:
                pieces.append(html)
            unresolved.extend(missing)
            position = citation.end
        pieces.append(text[position:])
        return RenderedText(
            "".join(pieces), tuple(unresolved), tuple(deferred_html), tuple(titles.items())
        )

    def number(self, text: str) -> None:
        """Number the sources ``text`` cites, as rendering it would, without rendering it.

        A page's sources are numbered in reading order; numbering a later part
        first lets it be rendered later, with the same numbers.
        """
        for citation in scan_citations(text):
            for source in citation.sources:
                entry = self._store.resolve(source)
                if entry is not None:
                    self._number(entry)

    @property
    def entries(self) -> list[BibEntry]:
        """The cited entries, in number order."""
        return list(self._entries)

    @property
    def references(self) -> list[FormattedReference]:
        """The page's reference list, in number order."""
        return [format_reference(entry) for entry in self._entries]

    def _number(self, entry: BibEntry) -> int:
        number = self._numbers.get(entry.key)
        if number is None:
            self._entries.append(entry)
            number = self._numbers[entry.key] = len(self._entries)
        return number

    def _render_citation(
        self, citation: Citation, titles: dict[str, str]
    ) -> tuple[str, list[CitedSource]]:
        numbered: dict[int, _Numbered] = {}
        missing: list[CitedSource] = []
        for source in citation.sources:
            entry = self._store.resolve(source)
            if entry is None:
                missing.append(source)
                continue
            number = self._number(entry)
            if number not in numbered or source.locator:
                numbered[number] = _Numbered(number, entry, source.locator)
        items = [numbered[number] for number in sorted(numbered)]
        for item in items:
            key = escape(item.entry.key)
            if key not in titles:
                # "|" would end a Markdown table cell even inside an attribute.
                text = tooltip_text(format_reference(item.entry).tooltip_text())
                titles[key] = escape(text, quote=True).replace("|", "&#124;")
        parts = _compress(items)
        parts.extend(
            f'<span class="citation-missing" title="Unresolved citation: {escape(s.label)}">'
            f"{escape(s.label)}?</span>"
            for s in missing
        )
        return f'<sup class="citations">{",".join(parts)}</sup>', missing


def _tighten(before: str) -> str:
    """Drop the spaces between a word and its superscript: "fitness [@a]" reads "fitness¹".

    Only after a word on the same line, so "- [@a]" keeps its list marker.
    """
    stripped = before.rstrip(" \t")
    line = stripped[stripped.rfind("\n") + 1 :]
    if stripped == before or _ONLY_A_MARKER_RE.match(line):
        return before
    return stripped


def _compress(items: list[_Numbered]) -> list[str]:
    """Render sorted numbers as links, runs of three or more as "first-last"."""
    parts: list[str] = []
    index = 0
    while index < len(items):
        run_end = index
        while (
            run_end + 1 < len(items)
            and items[run_end + 1].number == items[run_end].number + 1
            and not items[run_end].locator
            and not items[run_end + 1].locator
        ):
            run_end += 1
        if run_end - index >= 2:
            parts.append(f"{_link(items[index])}-{_link(items[run_end])}")
            index = run_end + 1
        else:
            parts.append(_link(items[index]))
            index += 1
    return parts


def _link(item: _Numbered) -> str:
    """The citation's link; :meth:`RenderedText.restore` puts its title in."""
    href = f"#ref-{escape(item.entry.key)}"
    link = f'<a class="citation" href="{href}">{item.number}</a>'
    if item.locator:
        link += f'<span class="citation-locator">({escape(item.locator)})</span>'
    return link
