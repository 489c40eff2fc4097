"""The MkDocs adapter: configuration and event hooks, nothing else.

Everything that decides what a page says lives in the engine-agnostic core
(``bibstore``, ``citations``, ``frontmatter``, ``guide_page``, ``jsonld``).
This module only moves data between MkDocs and the core:

- ``on_pre_build`` loads the BibTeX store once per build (and per rebuild in
  ``mkdocs serve``);
- ``on_page_read_source`` reads each page once, so a non-UTF-8 file is a
  one-line error naming the file, line and column instead of a traceback;
- ``on_page_markdown`` renders citations and the guide's structured fields;
- ``on_page_content`` appends the theme's guide sections and reference list to
  the page body, so search indexes them and the table of contents lists them;
- ``on_page_context`` hands the templates the JSON-LD and guide data;
- ``on_post_build`` publishes the front-matter JSON Schema.

Findings are logged as ``path:line:col: rule: message``; errors are logged as
warnings, which ``mkdocs build --strict`` turns fatal.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import markdown as markdown_lib
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.toc import AnchorLink

from .atomic import write_atomically
from .audit.engine import PageAudit, PageInput, audit_corpus, audit_page
from .audit.model import AuditInputError, AuditSettings
from .audit.settings import settings_from_options
from .bibstore import BibLoadError, BibStore, load_bib
from .catalogue import CitingGuide, GuideCard, guide_card, muscle_names, sorted_cards, source_index
from .frontmatter import ParsedGuide, guide_json_schema, parse_guide, split_front_matter
from .guide_page import MarkdownRenderer, RelatedGuide, RenderedPage, render_page
from .jsonld import Publisher, guide_structured_data, script_json
from .sourcefile import SourceDecodeError, decode_source

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .findings import Finding
    from .refformat import FormattedReference

# A plain "mkdocs.plugins.*" logger (not get_plugin_logger, which prefixes the
# package name) so every line starts with the path editors' tools jump to.
log = logging.getLogger("mkdocs.plugins.evidence_guides")

SCHEMA_OUTPUT = "schema/guide.schema.json"
_SECTION_TITLES = (
    ("muscles", "Muscles worked"),
    ("variations", "Variations"),
    ("mistakes", "Common mistakes"),
    ("faq", "Frequently asked questions"),
)


class EvidenceConfig(base.Config):
    """Options of the ``evidence`` plugin entry in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    """When false, pages build with citations left as written."""

    bib = c.Type(str, default="references/refs.bib")
    """The BibTeX store, relative to mkdocs.yml."""

    guides_dir = c.Type(str, default="exercises")
    """The folder of docs_dir whose pages are guides with structured front-matter."""

    rules = c.Type(dict, default={})
    """Severity per audit rule: ``{rule-id: error | warning | off}``."""


@dataclass(slots=True)
class _PageState:
    path: str  # as editors see it, relative to mkdocs.yml
    source_text: str
    parsed: ParsedGuide | None  # guides only
    rendered: RenderedPage | None = None
    audit: PageAudit | None = None

    @property
    def is_draft(self) -> bool:
        return self.parsed is not None and self.parsed.meta.get("draft") is True


class EvidencePlugin(BasePlugin[EvidenceConfig]):
    """Evidence-linked guides: resolved citations, structured sections, JSON-LD."""

    def __init__(self) -> None:
        self._root = Path.cwd()
        self._store: BibStore | None = None
        self._settings: AuditSettings | None = None
        self._pages: dict[str, _PageState] = {}
        self._markdown: markdown_lib.Markdown | None = None
        self._env: jinja2.Environment | None = None
        self._files: Files | None = None
        self._listings: dict[str, Any] | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._root = Path(config.config_file_path).resolve().parent
        if self.config.enabled:
            options = {"bib": self.config.bib, "guides_dir": self.config.guides_dir}
            options["rules"] = self.config.rules
            try:
                self._settings = settings_from_options(
                    self._root, Path(config.docs_dir), options, config_name=config.config_file_path
                )
            except AuditInputError as error:
                raise PluginError(str(error)) from None
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._markdown = None
        if not self.config.enabled:
            return
        # MkDocs' own on_env comes after pages are converted, too late for
        # on_page_content: the partials get an environment of the same theme.
        self._env = config.theme.get_env()
        bib_file = self._root / self.config.bib
        try:
            self._store = load_bib(bib_file, self._display_path(bib_file))
        except BibLoadError as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> Any:
        # Editing the store re-renders the pages and prints the findings again.
        server.watch(str(self._root / self.config.bib))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Read every page once; guides' front-matter decides which are drafts.

        A draft (``draft: true``) is left out of the built site, its navigation,
        search index and sitemap, and shown marked as a draft by ``mkdocs serve``.
        """
        self._pages.clear()
        self._files = files
        self._listings = None
        if not self.config.enabled:
            return files
        for file in files.documentation_pages():
            if file.abs_src_path is None:
                continue
            path = self._display_path(Path(file.abs_src_path))
            try:
                text = decode_source(Path(file.abs_src_path).read_bytes(), path)
            except OSError as error:
                raise PluginError(f"{path}: cannot read: {error.strerror}") from None
            except SourceDecodeError as error:
                raise PluginError(str(error)) from None
            parsed = parse_guide(text, path) if self._is_guide(file.src_uri) else None
            state = self._pages[file.src_uri] = _PageState(path, text, parsed)
            if state.is_draft:
                file.inclusion = InclusionLevel.DRAFT
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        state = self._pages.get(page.file.src_uri)
        return state.source_text if state else None

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        state = self._pages.get(page.file.src_uri)
        if state is None or self._store is None:
            return None
        source = state.source_text
        # MkDocs strips the front-matter and leading blank lines: the body is the
        # source's tail, which gives exact file positions for findings.
        offset = (
            len(source) - len(markdown)
            if source.endswith(markdown)
            else split_front_matter(source).body_offset
        )
        state.rendered = render_page(
            body=markdown,
            store=self._store,
            render_markdown=self._render_markdown(config),
            parsed=state.parsed,
            resolve_related=lambda slug: self._related(slug, page, files),
        )
        state.audit = audit_page(
            PageInput(state.path, source, markdown, offset, state.parsed is not None, state.parsed),
            self._store,
            self._settings,
        )
        self._log_findings(state.audit.findings, draft=state.is_draft)
        if state.parsed is not None:
            page.meta["template"] = "guide.html"
        if isinstance(description := page.meta.get("description"), str):
            # Material writes it into content="..." as it is: a quote would end the attribute.
            page.meta["description"] = html.escape(description, quote=True)
        return state.rendered.markdown

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> None:
        """Every page is converted now: audit the rest (drafts) and run the corpus rules."""
        if not self.config.enabled or self._store is None:
            return
        for state in self._pages.values():
            if state.audit is None:
                source = split_front_matter(state.source_text)
                page = PageInput(
                    state.path,
                    state.source_text,
                    source.body,
                    source.body_offset,
                    state.parsed is not None,
                    state.parsed,
                )
                state.audit = audit_page(page, self._store, self._settings)
                self._log_findings(state.audit.findings, draft=state.is_draft)
        audits = [state.audit for state in self._pages.values() if state.audit is not None]
        drafts = {state.path for state in self._pages.values() if state.is_draft}
        for finding in audit_corpus(audits, self._store, self._settings, whole_project=True):
            self._log_findings((finding,), draft=finding.path in drafts)

    @event_priority(50)  # before search indexes the content
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        rendered = self._rendered(page)
        if rendered is None or self._env is None:
            return None
        parts = [html]
        if rendered.sections is not None:
            parts.insert(0, self._partial("guide-summary", sections=rendered.sections))
            parts.append(self._partial("guide-sections", sections=rendered.sections))
            page.toc.items.extend(AnchorLink(title, id, 2) for id, title in _SECTION_TITLES)
            if rendered.sections.related:
                page.toc.items.append(AnchorLink("Related guides", "related", 2))
        if rendered.references:
            parts.append(self._partial("references", references=rendered.references))
            page.toc.items.append(AnchorLink("References", "references", 2))
        return "\n".join(parts)

    def _partial(self, name: str, **context: Any) -> str:
        """Render one of the theme's ``partials/NAME.html`` with MkDocs' Jinja environment."""
        assert self._env is not None
        return self._env.get_template(f"partials/{name}.html").render(**context)

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any] | None:
        if not self.config.enabled:
            return context
        # Every page is converted before any template is rendered, so the
        # listings (landing page cards, the references page) are complete here.
        if self._listings is None:
            self._listings = self._build_listings()
        context["evidence_site"] = self._listings
        rendered = self._rendered(page)
        if rendered is None or rendered.sections is None:
            return context
        sections = rendered.sections
        data = guide_structured_data(
            sections.guide,
            page_url=page.canonical_url,
            faq_answers=[question.answer_text for question in sections.faq],
            references=rendered.references,
            publisher=Publisher(config.site_name, config.site_url),
        )
        context["evidence"] = {"guide": sections.guide, "jsonld": Markup(script_json(data))}
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        target = Path(config.site_dir) / SCHEMA_OUTPUT
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, json.dumps(guide_json_schema(), indent=2) + "\n")

    def _build_listings(self) -> dict[str, Any]:
        """Guide cards and the source index, from what rendering already produced."""
        cards: list[GuideCard] = []
        uses: list[tuple[CitingGuide, tuple[FormattedReference, ...]]] = []
        for src_uri, state in self._pages.items():
            file = self._files.get_file_from_path(src_uri) if self._files else None
            if file is None or state.is_draft or state.rendered is None:
                continue
            guide = state.parsed.guide if state.parsed else None
            if guide is not None:
                cards.append(guide_card(guide, file.url))
            if state.rendered.references:
                title = guide.title if guide else (file.page.title if file.page else src_uri)
                uses.append((CitingGuide(str(title), file.url), state.rendered.references))
        cards = sorted_cards(cards)
        return {"guides": cards, "muscles": muscle_names(cards), "sources": source_index(uses)}

    def _related(self, slug: str, page: Page, files: Files) -> RelatedGuide | None:
        """A published sibling guide by slug, with its URL relative to ``page``."""
        src_uri = f"{self.config.guides_dir}/{slug}.md"
        target = files.get_file_from_path(src_uri)
        state = self._pages.get(src_uri)
        if target is None or state is None or state.is_draft or state.parsed is None:
            return None
        guide = state.parsed.guide
        title = guide.title if guide else slug
        level = guide.level if guide else ""
        return RelatedGuide(slug, title, target.url_relative_to(page.file), level)

    def _rendered(self, page: Page) -> RenderedPage | None:
        state = self._pages.get(page.file.src_uri)
        return state.rendered if state else None

    def _is_guide(self, src_uri: str) -> bool:
        parts = PurePosixPath(src_uri).parts
        return len(parts) == 2 and parts[0] == self.config.guides_dir and parts[1] != "index.md"

    def _render_markdown(self, config: MkDocsConfig) -> MarkdownRenderer:
        """The front-matter fields' converter: the site's extensions, no raw HTML.

        One converter per build, reset per use. Without its raw-HTML block
        preprocessor and inline pattern, Markdown escapes "<script>" as text.
        """
        if self._markdown is None:
            converter = markdown_lib.Markdown(
                extensions=config.markdown_extensions, extension_configs=config.mdx_configs
            )
            converter.preprocessors.deregister("html_block")
            converter.inlinePatterns.deregister("html")
            self._markdown = converter
        converter = self._markdown

        def render(text: str) -> str:
            return converter.reset().convert(text)

        return render

    def _display_path(self, file: Path) -> str:
        """A path relative to mkdocs.yml's folder when possible, as editors see it."""
        try:
            return file.resolve().relative_to(self._root).as_posix()
        except ValueError:
            return file.as_posix()

    @staticmethod
    def _log_findings(findings: Iterable[Finding], *, draft: bool = False) -> None:
        """Errors as warnings (``--strict`` makes them fatal); a draft's never block."""
        for finding in findings:
            if finding.severity == "error" and not draft:
                log.warning(finding.format())
            else:
                log.info(finding.format() + (" (draft)" if draft else ""))
