"""One page's work in a build: its body, the HTML around it, its audit.

Each is a pure function of the page, the store and the engine's answers, which
is what lets the worker (:mod:`evidence_guides.workers`) do it ahead of
the engine in a forked process and hand back the same result the engine's
process would compute.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from evidence_guides.audit.engine import PageAudit, PageInput, audit_page
from evidence_guides.audit.rules.people import project_people
from evidence_guides.build.fields import FieldConverter
from evidence_guides.build.figures import PlacedImage, figure_html, image_uri
from evidence_guides.build.pages import PageHtml, PageState, RenderedBody
from evidence_guides.files.images import ImageError, read_image_info
from evidence_guides.guide.evidence import evidence_mix
from evidence_guides.guide.field_links import unresolved_link_warnings
from evidence_guides.guide.frontmatter.model import ParsedGuide, parse_guide
from evidence_guides.guide.jsonld import LeadImage, Publisher, guide_structured_data, script_json
from evidence_guides.guide.muscles import muscle_groups
from evidence_guides.guide.page import RelatedGuide, render_page
from evidence_guides.guide.reading_time import guide_texts, reading_minutes
from evidence_guides.guide.sections import HEADINGS, contents
from evidence_guides.store.answers import StoreAnswers
from evidence_guides.text.front_matter import split_front_matter

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.build.engine import Engine
    from evidence_guides.guide.frontmatter.model import Guide
    from evidence_guides.store.entry import BibStore


class PageWork:
    """Renders and audits the pages of one build, given the store and the engine."""

    def __init__(
        self,
        pages: Mapping[str, PageState],
        store: BibStore,
        settings: AuditSettings,
        engine: Engine,
    ) -> None:
        self.pages = pages
        self.answers = StoreAnswers(store)  # what each page asks of it, for the page cache
        self.settings = settings
        self.engine = engine
        self.fields = FieldConverter(engine)

    @property
    def store(self) -> BibStore:
        return self.answers.store

    @store.setter
    def store(self, store: BibStore) -> None:  # a preview's store, saved again
        self.answers = StoreAnswers(store)

    def parsed(self, state: PageState) -> ParsedGuide | None:
        """A guide's front-matter, read once; None for other pages."""
        if state.is_guide and state.parsed is None:
            state.parsed = parse_guide(state.source_text, state.path)
        return state.parsed

    def predicted_body(self, src_uri: str) -> str:
        """The body as the engine will pass it (MkDocs: after the meta and blank lines).

        Should another plugin change it first, the engine passes a different
        body than the worker rendered, and it is rendered again.
        """
        source = self.pages[src_uri].source_text
        split = split_front_matter(source)
        return split.body.lstrip("\n") if split.meta_text is not None else source

    def render(self, src_uri: str, markdown: str) -> RenderedBody:
        """Render a built page's body, citations and structured fields."""
        state = self.pages[src_uri]
        source = state.source_text
        # The engine strips the front-matter and leading blank lines: the body is
        # the source's tail, which gives exact file positions for findings.
        offset = (
            len(source) - len(markdown)
            if source.endswith(markdown)
            else split_front_matter(source).body_offset
        )
        state.body = (markdown, offset)
        state.unresolved_links = []
        state.uses = []  # the pages its related guides and links are, for the page cache
        lookups = state.store_reads = self.answers.recorder()  # and the store's entries
        page = state.rendered_page = render_page(
            body=markdown,
            store=lookups,
            render_markdown=self.fields.renderer(src_uri, state.unresolved_links, state.uses),
            parsed=self.parsed(state),
            resolve_related=self._related_from(src_uri, state.uses),
            vocabulary=self.settings.muscles,
        )
        headings = contents(
            guide=page.guide is not None,
            related=bool(page.related),
            references=bool(page.references),
        )
        keys = tuple(reference.key for reference in page.references)
        reviewed = page.guide.last_reviewed.isoformat() if page.guide is not None else None
        state.rendered = RenderedBody(hash(markdown), page.body, keys, reviewed, headings)
        return state.rendered

    def render_unrendered(self) -> None:
        """Render every published page not rendered yet, as the engine will pass it."""
        for src_uri, state in self.pages.items():
            if state.rendered is None and not state.is_draft:
                self.render(src_uri, self.predicted_body(src_uri))

    def html(self, src_uri: str) -> PageHtml:
        """The theme's summary, sections and references for a rendered page, and its JSON-LD."""
        state = self.pages[src_uri]
        if state.rendered_page is None:  # rendered by the worker, which is gone: again
            self.render(src_uri, state.body[0] if state.body else self.predicted_body(src_uri))
        page, state.rendered_page = state.rendered_page, None  # taken once: they are large
        assert page is not None
        partial = self.engine.render_partial
        sections = page.sections  # the front-matter fields are rendered now
        if sections is None:
            references = page.references
            if not references:
                return PageHtml()
            return PageHtml(after=partial("references", references=references, headings=HEADINGS))
        after = [partial("guide-sections", sections=sections, headings=HEADINGS)]
        figure, shared = self._lead_image(src_uri, sections.guide)
        if page.references:
            after.append(partial("references", references=page.references, headings=HEADINGS))
        people = project_people(self.settings)
        author, reviewer = people.get(sections.guide.author), people.get(sections.guide.reviewed_by)
        data = guide_structured_data(
            sections.guide,
            page_url=self.engine.canonical_url(src_uri),
            faq_answers=[question.answer_text for question in sections.faq],
            references=page.references,
            publisher=Publisher(self.engine.site_name, self.engine.site_url),
            author=author,
            reviewer=reviewer,
            trains=muscle_groups(sections.guide, self.settings.muscles),
            image=shared,
        )
        evidence = evidence_mix(reference.evidence for reference in page.references)
        body = state.body[0] if state.body else self.predicted_body(src_uri)
        minutes = reading_minutes((body, *guide_texts(sections.guide)))
        before = partial(
            "guide-summary",
            sections=sections,
            evidence=evidence,
            headings=HEADINGS,
            author=author,
            reviewer=reviewer,
            reading_minutes=minutes,
        )
        before += partial("guide-safety", sections=sections) + figure
        links = state.unresolved_links or ()
        warnings = unresolved_link_warnings(
            state.path, state.source_text, self.parsed(state), links
        )
        return PageHtml(before, "\n".join(after), script_json(data), tuple(warnings), shared)

    def _lead_image(self, src_uri: str, guide: Guide) -> tuple[str, LeadImage | None]:
        """A guide's lead figure, and the image its metadata shares; none without a file."""
        image = guide.image
        if image is None:
            return "", None
        target = image_uri(src_uri, image.file)
        url = self.engine.url(target, relative_to=src_uri)
        if url is None:  # no such file: the audit's image-invalid says so
            return "", None
        try:
            info = read_image_info(self.settings.docs_dir / target)
        except ImageError:
            return "", None
        placed = PlacedImage(url, info)
        html = figure_html(
            placed,
            image.alt,
            caption=image.caption,
            credit=image.credit,
            licence=image.licence,
            lead=True,
        )
        site_url, path = self.engine.site_url, self.engine.url(target)
        absolute = urljoin(site_url, path) if site_url and path else None
        if absolute is None:
            return html, None
        size = (info.width, info.height)
        return html, LeadImage(absolute, image.alt, *size, image.credit, image.licence)

    def audit(self, src_uri: str) -> PageAudit:
        """A page's findings: of the body the engine rendered, or (not built) of the file's."""
        state = self.pages[src_uri]
        if state.body is not None:
            markdown, offset = state.body
        elif state.is_draft:
            split = split_front_matter(state.source_text)
            markdown, offset = split.body, split.body_offset
        else:  # rendered by the worker, which is gone
            markdown = self.predicted_body(src_uri)
            offset = len(state.source_text) - len(markdown)
        parsed = self.parsed(state)
        page = PageInput(state.path, state.source_text, markdown, offset, state.is_guide, parsed)
        return audit_page(page, self.store, self.settings, self.answers.recorder())

    def _related_from(self, src_uri: str, uses: list[str]) -> Callable[[str], RelatedGuide | None]:
        """Resolves a slug in ``related`` to a published sibling guide, linked from ``src_uri``;
        each page looked at is added to ``uses``."""

        def related(slug: str) -> RelatedGuide | None:
            target = f"{self.settings.guides_dir}/{slug}.md"
            uses.append(target)
            url = self.engine.url(target, relative_to=src_uri)
            state = self.pages.get(target)
            if url is None or state is None or state.is_draft or not state.is_guide:
                return None
            parsed = self.parsed(state)
            guide = parsed.guide if parsed else None
            title = guide.title if guide else slug
            level = guide.level if guide else ""
            return RelatedGuide(slug, title, url, level)

        return related
