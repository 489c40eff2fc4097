"""Rendering one page: citations in the body and in the guide's structured fields.

This is the engine-agnostic heart of the site build. The engine (MkDocs, or a
later one) hands over the page's source text and Markdown body plus a function
that turns Markdown into HTML with the site's extensions; this module returns
the body with citations replaced, the guide's sections rendered in display
order, the reference list and every finding at its ``file:line:col``.

Display order matters because references are numbered by first citation as a
reader meets them: the "at a glance" MET value, the body, then muscles (by
role), variations (beginner to advanced), mistakes and the FAQ.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from markupsafe import Markup

from .findings import Finding, Suggestion
from .frontmatter import LEVELS, ROLES
from .htmltext import html_to_text
from .page_citations import PageCitations
from .segments import body_segment, guide_segments

if TYPE_CHECKING:
    from .bibstore import BibStore
    from .citations import CitedSource
    from .frontmatter import Guide, ParsedGuide
    from .refformat import FormattedReference

MarkdownRenderer = Callable[[str], str]
"""Turns a front-matter field's Markdown into HTML with the site's extensions.

It must escape raw HTML: front-matter text is data, and data never becomes
markup (an FAQ answer holding ``<script>`` shows those characters).
"""

_SINGLE_PARAGRAPH_RE = re.compile(r"\A<p>((?:(?!<p[ >]).)*)</p>\Z", re.DOTALL)


@dataclass(frozen=True, slots=True)
class RenderedMuscle:
    name: str
    role: str
    note: Markup | None


@dataclass(frozen=True, slots=True)
class RenderedVariation:
    name: str
    level: str
    how: Markup


@dataclass(frozen=True, slots=True)
class RenderedMistake:
    mistake: Markup
    fix: Markup


@dataclass(frozen=True, slots=True)
class RenderedQuestion:
    question: str
    answer: Markup
    answer_text: str  # what a reader sees, without citation numbers: the JSON-LD answer


@dataclass(frozen=True, slots=True)
class RelatedGuide:
    """A guide named in ``related``, as the engine resolved it."""

    slug: str
    title: str
    url: str  # relative to the page that links to it
    level: str


RelatedResolver = Callable[[str], "RelatedGuide | None"]
"""Finds a published guide by slug; None when there is none (the audit reports it)."""


@dataclass(frozen=True, slots=True)
class GuideSections:
    """A valid guide's structured fields, rendered and in display order."""

    guide: Guide
    met: Markup | None
    muscles: tuple[RenderedMuscle, ...]
    variations: tuple[RenderedVariation, ...]
    mistakes: tuple[RenderedMistake, ...]
    faq: tuple[RenderedQuestion, ...]
    related: tuple[RelatedGuide, ...] = ()


@dataclass(frozen=True, slots=True)
class RenderedPage:
    markdown: str
    references: tuple[FormattedReference, ...]
    findings: tuple[Finding, ...]
    sections: GuideSections | None = None  # guides with valid front-matter only


def render_page(
    *,
    path: str,
    source_text: str,
    body: str,
    body_offset: int,
    store: BibStore,
    render_markdown: MarkdownRenderer,
    parsed: ParsedGuide | None = None,
    resolve_related: RelatedResolver | None = None,
) -> RenderedPage:
    """Render ``body`` (which starts at ``body_offset`` in ``source_text``).

    ``path`` is the display path used in findings, e.g. ``content/exercises/x.md``;
    ``parsed`` is the guide's front-matter (``parse_guide``), None for other pages.
    """
    citations = PageCitations(store)
    findings: list[Finding] = []
    guide = parsed.guide if parsed else None
    if parsed:
        findings.extend(parsed.findings)
    renderer = _FieldRenderer(path, source_text, parsed, citations, render_markdown, findings)

    met = renderer.inline(guide.met.cite, "met.cite") if guide and guide.met else None
    body_text = citations.render(body)
    body_position = body_segment(source_text, body, body_offset).position
    for source in body_text.unresolved:
        line, column = body_position(source.offset)
        findings.append(_unresolved_finding(path, line, column, source, store.path))
    sections = _render_sections(guide, met, renderer) if guide else None
    if sections is not None and resolve_related is not None:
        found = (resolve_related(slug) for slug in dict.fromkeys(guide.related))
        sections = replace(sections, related=tuple(item for item in found if item is not None))
    findings.sort()
    return RenderedPage(body_text.text, tuple(citations.references), tuple(findings), sections)


def _render_sections(guide: Guide, met: Markup | None, renderer: _FieldRenderer) -> GuideSections:
    muscles = sorted(enumerate(guide.muscles), key=lambda pair: ROLES.index(pair[1].role))
    variations = sorted(enumerate(guide.variations), key=lambda pair: LEVELS.index(pair[1].level))
    return GuideSections(
        guide=guide,
        met=met,
        muscles=tuple(
            RenderedMuscle(
                m.name, m.role, renderer.inline(m.note, f"muscles[{i}].note") if m.note else None
            )
            for i, m in muscles
        ),
        variations=tuple(
            RenderedVariation(v.name, v.level, renderer.inline(v.how, f"variations[{i}].how"))
            for i, v in variations
        ),
        mistakes=tuple(
            RenderedMistake(
                renderer.inline(m.mistake, f"mistakes[{i}].mistake"),
                renderer.inline(m.fix, f"mistakes[{i}].fix"),
            )
            for i, m in enumerate(guide.mistakes)
        ),
        faq=tuple(
            _question(item.q, renderer.block(item.a, f"faq[{i}].a"))
            for i, item in enumerate(guide.faq)
        ),
    )


def _question(question: str, answer: Markup) -> RenderedQuestion:
    return RenderedQuestion(question, answer, html_to_text(answer))


class _FieldRenderer:
    """Renders front-matter text fields, reporting citations at their file position."""

    def __init__(
        self,
        path: str,
        source_text: str,
        parsed: ParsedGuide | None,
        citations: PageCitations,
        render_markdown: MarkdownRenderer,
        findings: list[Finding],
    ) -> None:
        self._path = path
        self._segments = guide_segments(parsed, source_text) if parsed else {}
        self._citations = citations
        self._render_markdown = render_markdown
        self._findings = findings

    def block(self, text: str, field_path: str) -> Markup:
        """A field that may hold several paragraphs (an FAQ answer)."""
        rendered = self._citations.render(text, deferred=True)
        self._report(field_path, text, rendered.unresolved)
        return Markup(rendered.restore(self._render_markdown(rendered.text)))

    def inline(self, text: str, field_path: str) -> Markup:
        """A short field shown inside a table cell or list item: no wrapping ``<p>``."""
        html = self.block(text, field_path)
        match = _SINGLE_PARAGRAPH_RE.match(html.strip())
        return Markup(match.group(1)) if match else html

    def _report(self, field_path: str, text: str, unresolved: Sequence[CitedSource]) -> None:
        segment = self._segments.get(field_path)
        for source in unresolved:
            line, column = segment.position(source.offset) if segment else (1, 1)
            self._findings.append(
                _unresolved_finding(self._path, line, column, source, self._citations.store_path)
            )


def _unresolved_finding(
    path: str, line: int, column: int, source: CitedSource, bib_path: str
) -> Finding:
    if source.kind == "pmid":
        hint = f"import it with 'guides refs add {source.value}'"
    else:
        hint = f"add it to {bib_path}, e.g. 'guides refs add PMID'"
    return Finding(
        path,
        line,
        column,
        "unresolved-citation",
        "error",
        f"unresolved citation '{source.label}'",
        Suggestion(hint, pmid=source.value if source.kind == "pmid" else None),
    )
