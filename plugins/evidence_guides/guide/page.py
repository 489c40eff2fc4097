"""Rendering one page: citations in the body and in the guide's structured fields.

This is the engine-agnostic heart of the site build. The engine (MkDocs, or a
later one) hands over the page's source text and Markdown body plus a function
that turns Markdown into HTML with the site's extensions; this module returns
the body with citations replaced, the guide's sections rendered in display
order and the reference list. It renders and never judges: an unresolved
citation is shown marked as missing, and reporting it is the audit's job.

Display order matters because references are numbered by first citation as a
reader meets them: the "at a glance" MET value, the safety note, the body, then
muscles (by role), variations (beginner to advanced), mistakes and the FAQ.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from markupsafe import Markup

from evidence_guides.guide.frontmatter.model import LEVELS, ROLES
from evidence_guides.guide.muscles import EMPTY, TRAINS, MuscleVocabulary
from evidence_guides.guide.numbering import MARK_CHARACTERS, PageCitations, RenderedText
from evidence_guides.text.html_text import html_to_text
from evidence_guides.text.sanitize import sanitize_html

if TYPE_CHECKING:
    from evidence_guides.guide.frontmatter.model import Guide, Muscle, ParsedGuide, Variation
    from evidence_guides.guide.numbering import SourceResolver
    from evidence_guides.store.formatting import FormattedReference

MarkdownRenderer = Callable[[str], str]
"""Turns a front-matter field's Markdown into HTML with the site's extensions.

It must escape raw HTML: front-matter text is data, and data never becomes
markup (an FAQ answer holding ``<script>`` shows those characters). What
Markdown itself makes of data (links, attribute lists) is then sanitised.
"""

_SINGLE_PARAGRAPH_RE = re.compile(r"\A<p>((?:(?!<p[ >]).)*)</p>\Z", re.DOTALL)
# A heading (a "# Title" line, or the line over a "===" or "---" underline) or an
# indented line; over-inclusive is harmless.
_INLINE_LINE_RE = re.compile(
    r"^(?:([ \t]*#[^\n]*|(?: {4}|[ ]{0,3}\t)[^\n]*)$|([^\n]*)\n[ \t]*(?:=+|-+)[ \t]*$)",
    re.MULTILINE,
)
# Text a Markdown converter can only wrap in a paragraph: one line, no character
# Markdown or its common extensions give a meaning (emphasis, code, links, HTML,
# entities, tables, attribute lists, marks, keys...), and nothing at its start
# that opens a block (a list item, an admonition, a details or tabbed block).
_MARKDOWN_SYNTAX_RE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029\\`*_{}\[\]<>&|~^$=+#]")
_BLOCK_START_RE = re.compile(r"[\s\-!?/:.]|\d+[.)]")


@dataclass(frozen=True, slots=True)
class RenderedMuscle:
    name: str  # the vocabulary's name for it (the name as written when it knows none)
    role: str
    note: Markup | None
    group: str = ""  # its muscle group, from the vocabulary

    @property
    def trains(self) -> bool:
        """Whether it counts for what the guide trains (primary, secondary), or only works."""
        return self.role in TRAINS


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
    safety: Markup | None = None  # the guide's own cautions, shown before the body


@dataclass(slots=True)
class RenderedPage:
    """A rendered page. The engine converts ``markdown``, then calls :meth:`restore` on the HTML.

    A guide's sections are rendered when first asked for: an engine may want the
    body long before the HTML around it. Their sources are numbered already,
    so the numbers, and ``references``, do not depend on when that is.
    """

    body: RenderedText  # the body, its citations as placeholders outside headings
    references: tuple[FormattedReference, ...]
    guide: Guide | None = None  # a guide with valid front-matter
    related: tuple[RelatedGuide, ...] = ()
    _pending: Callable[[], GuideSections] | None = field(default=None, repr=False)
    _sections: GuideSections | None = field(default=None, repr=False)

    @property
    def sections(self) -> GuideSections | None:
        """A valid guide's structured fields, rendered (on first use) and in display order."""
        if self._pending is not None:
            self._sections, self._pending = self._pending(), None
        return self._sections

    @property
    def markdown(self) -> str:
        """The body to convert: Markdown with its citations' placeholders."""
        return self.body.text

    def restore(self, html: str) -> str:
        """The converted body with its citations' HTML put in."""
        return self.body.restore(html)


def plain_paragraph(text: str) -> str | None:
    """``<p>text</p>`` when ``text`` holds no Markdown at all, else None.

    Most front-matter fields are a plain sentence, and this is what every
    Markdown converter makes of one: an engine whose extensions give no meaning
    to plain letters, digits and punctuation (no "smart" quotes or symbols) can
    skip its converter for them. Nothing needs escaping: ``&``, ``<`` and ``>``
    are not plain.
    """
    if (
        not text
        or text[-1].isspace()
        or _BLOCK_START_RE.match(text)
        or _MARKDOWN_SYNTAX_RE.search(text)
    ):
        return None
    return f"<p>{text}</p>"


def render_page(
    *,
    body: str,
    store: SourceResolver,
    render_markdown: MarkdownRenderer,
    parsed: ParsedGuide | None = None,
    resolve_related: RelatedResolver | None = None,
    vocabulary: MuscleVocabulary = EMPTY,
) -> RenderedPage:
    """Render a page's Markdown ``body``; ``parsed`` is a guide's front-matter, else None."""
    citations = PageCitations(store)
    guide = parsed.guide if parsed else None
    renderer = _FieldRenderer(citations, render_markdown)

    met = renderer.inline(guide.met.cite) if guide and guide.met else None
    # The safety note comes before the body on the page, so its sources are numbered first.
    safety = renderer.block(guide.safety) if guide and guide.safety else None
    rendered_body = citations.render(body, deferred=True, inline=_inline_spans(body))
    if guide is None:
        return RenderedPage(rendered_body, tuple(citations.references))
    muscles, variations = _display_order(guide)
    for text in _field_texts(guide, muscles, variations):
        citations.number(text)
    related: tuple[RelatedGuide, ...] = ()
    if resolve_related is not None:
        found = (resolve_related(slug) for slug in dict.fromkeys(guide.related))
        related = tuple(item for item in found if item is not None)

    def sections() -> GuideSections:
        rendered = _render_sections(guide, met, renderer, muscles, variations, related)
        named = tuple(
            replace(m, name=vocabulary.display_name(m.name), group=vocabulary.group_of(m.name).name)
            for m in rendered.muscles
        )
        return replace(rendered, safety=safety, muscles=named)

    return RenderedPage(rendered_body, tuple(citations.references), guide, related, sections)


def _inline_spans(markdown: str) -> list[tuple[int, int]]:
    """Where the body's citations go in as HTML before conversion, as they always did.

    Headings (a converter reads their text for the table of contents and their
    ids) and indented lines (which may be code). Everywhere else they are
    deferred, which spares the converter parsing their HTML. A body that holds
    the placeholders' own characters is rendered inline throughout.
    """
    if MARK_CHARACTERS.intersection(markdown):
        return [(0, len(markdown))]
    return [match.span(match.lastindex or 0) for match in _INLINE_LINE_RE.finditer(markdown)]


def _display_order(guide: Guide) -> tuple[list[Muscle], list[Variation]]:
    """Muscles by role, variations by level: display order, which is also numbering order."""
    muscles = sorted(guide.muscles, key=lambda muscle: ROLES.index(muscle.role))
    variations = sorted(guide.variations, key=lambda variation: LEVELS.index(variation.level))
    return muscles, variations


def _field_texts(guide: Guide, muscles: list[Muscle], variations: list[Variation]) -> Iterator[str]:
    """The sections' text fields that may cite, in the order the sections show them."""
    yield from (muscle.note for muscle in muscles if muscle.note)
    yield from (variation.how for variation in variations)
    for mistake in guide.mistakes:
        yield mistake.mistake
        yield mistake.fix
    yield from (item.a for item in guide.faq)


def _render_sections(
    guide: Guide,
    met: Markup | None,
    renderer: _FieldRenderer,
    muscles: list[Muscle],
    variations: list[Variation],
    related: tuple[RelatedGuide, ...],
) -> GuideSections:
    return GuideSections(
        guide=guide,
        met=met,
        muscles=tuple(
            RenderedMuscle(m.name, m.role, renderer.inline(m.note) if m.note else None)
            for m in muscles
        ),
        variations=tuple(
            RenderedVariation(v.name, v.level, renderer.inline(v.how)) for v in variations
        ),
        mistakes=tuple(
            RenderedMistake(renderer.inline(m.mistake), renderer.inline(m.fix))
            for m in guide.mistakes
        ),
        faq=tuple(_question(item.q, renderer.block(item.a)) for item in guide.faq),
        related=related,
    )


def _question(question: str, answer: Markup) -> RenderedQuestion:
    return RenderedQuestion(question, answer, html_to_text(answer))


class _FieldRenderer:
    """Renders front-matter text fields, numbering their citations with the body's.

    Every field's HTML, its citations in, is sanitised here, the one place
    where front-matter text becomes markup (see :mod:`evidence_guides.text.sanitize`).
    """

    def __init__(self, citations: PageCitations, render_markdown: MarkdownRenderer) -> None:
        self._citations = citations
        self._render_markdown = render_markdown

    def block(self, text: str) -> Markup:
        """A field that may hold several paragraphs (an FAQ answer)."""
        rendered = self._citations.render(text, deferred=True)
        return sanitize_html(rendered.restore(self._render_markdown(rendered.text)))

    def inline(self, text: str) -> Markup:
        """A short field shown inside a table cell or list item: no wrapping ``<p>``."""
        html = self.block(text)
        match = _SINGLE_PARAGRAPH_RE.match(html.strip())
        return Markup(match.group(1)) if match else html
