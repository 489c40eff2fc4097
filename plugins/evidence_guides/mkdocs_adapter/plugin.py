"""The MkDocs adapter: configuration and event hooks, nothing else.

Everything that decides what a page says lives in the engine-agnostic core
(``bibstore``, ``citations``, ``frontmatter``, ``guide_page``, ``jsonld``).
This module only moves data between MkDocs and the core:

- ``on_pre_build`` loads the BibTeX store once per build (and per rebuild in
  ``mkdocs serve``), from the project's ``.cache/`` when the file is unchanged;
- ``on_files`` reads each page once, so a non-UTF-8 file is a one-line error
  naming the file, line and column instead of a traceback, leaves out (with
  an error naming it) a page past the limits (``limits``) or not a regular
  file, before MkDocs or libyaml reads it, finds the drafts, and starts a
  worker process that renders and audits the pages ahead of MkDocs when a
  second core is free (``parallel``; see ``workers``);
- ``on_page_read_source`` hands MkDocs each page as read; when the worker
  has read its meta (with MkDocs' own function), only the body, and
  ``on_page_markdown`` first sets that meta;
- ``on_page_markdown`` hands MkDocs the body with its citations as placeholders;
- ``on_page_content`` drops the address of every body link whose scheme is not
  allowed, keeps the citations as HTML comments in the converted body and
  lists the guide's sections in the table of contents;
- ``on_page_context``, after search has indexed the body, puts the citations
  in, adds the guide's summary, sections and references around the body, and
  hands the templates the JSON-LD, guide data and site listings;
- ``on_post_build`` publishes the front-matter JSON Schema and logs the audit.

Findings are logged as ``path:line:col: rule: message``, page by page once the
site is built; errors are logged as warnings, which ``mkdocs build --strict``
turns fatal. MkDocs counts warnings only when it shows them (``--quiet`` hides
them, and then strict never trips), so in a strict build the plugin also fails
the build itself, after logging, when it logged an error.
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
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.meta import get_data

from evidence_guides.audit.engine import PageAudit, PageInput, audit_corpus, audit_page
from evidence_guides.audit.engine import store_checks as store_findings
from evidence_guides.audit.model import AuditInputError, AuditSettings
from evidence_guides.audit.settings import settings_from_options
from evidence_guides.build import workers
from evidence_guides.files.atomic import write_atomically
from evidence_guides.files.limits import Limits, page_refusal
from evidence_guides.files.source import SourceDecodeError, SourceError, read_source, resolved
from evidence_guides.guide.field_links import FieldLinks, unresolved_link_warnings
from evidence_guides.guide.frontmatter import (
    ParsedGuide,
    guide_json_schema,
    may_set_draft,
    parse_guide,
    split_front_matter,
)
from evidence_guides.guide.jsonld import Publisher, guide_structured_data, script_json
from evidence_guides.guide.listings import (
    CitingGuide,
    GuideCard,
    guide_card,
    muscle_names,
    sorted_cards,
    source_index,
)
from evidence_guides.guide.page import MarkdownRenderer, RelatedGuide, plain_paragraph, render_page
from evidence_guides.store.entry import BibStore
from evidence_guides.store.formatting import format_reference
from evidence_guides.store.load import BibLoadError, load_bib
from evidence_guides.text.sanitize import neutralise_links, text_value, tooltip_text
from evidence_guides.text.terminal import escape_controls

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File, Files

    from evidence_guides.findings import Finding
    from evidence_guides.guide.numbering import RenderedText
    from evidence_guides.guide.page import RenderedPage
    from evidence_guides.store.formatting import FormattedReference

# A plain "mkdocs.plugins.*" logger (not get_plugin_logger, which prefixes the
# package name) so every line starts with the path editors' tools jump to.
log = logging.getLogger("mkdocs.plugins.evidence_guides")

SCHEMA_OUTPUT = "schema/guide.schema.json"
AHEAD = 200  # pages the worker may render before MkDocs takes them (about 8 MB of results)
_SECTION_TITLES = (
    ("muscles", "Muscles worked"),
    ("variations", "Variations"),
    ("mistakes", "Common mistakes"),
    ("faq", "Frequently asked questions"),
)

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

    parallel = c.Type(bool, default=True)
    """Render and audit pages in a second process when a second core is free."""

    limits = c.Type(dict, default={})
    """What a page and the store may be: ``{page_mb: 5, ...}`` (see ``limits.Limits``)."""


# What the worker computes, in the order MkDocs needs it: every page's body while
# MkDocs converts the pages, then the site listings and the store rules'
# findings, then the HTML around each page and its audit while MkDocs renders
# them (findings are logged when the build is done).
_RENDER, _LISTINGS, _STORE, _HTML, _AUDIT = "render", "listings", "store", "html", "audit"
# Where the listings' links start from: replaced by each page's path to the site root.
_SITE_ROOT = "\ue002"


@dataclass(frozen=True, slots=True)
class _Rendered:
    """A built page's body, and what else MkDocs' process needs of the page.

    Not the guide nor its formatted references: MkDocs' process would unpickle
    and keep thousands of objects (and its cycle collector walk them) for the
    listings, which the worker makes from its own (see ``_build_listings``).
    """

    body_hash: int  # of the Markdown body it was made from, as MkDocs passes it
    body: RenderedText  # its citations as placeholders, and their HTML
    reference_keys: tuple[str, ...]  # the store keys of its references, in order
    last_reviewed: str | None  # ISO date, of a guide whose front-matter is valid; else None
    toc: tuple[tuple[str, str], ...]  # (id, title) of the sections added after the body


@dataclass(frozen=True, slots=True)
class _SourceRead:
    """A page's source as MkDocs reads it (``get_data``): where the body starts, and the meta."""

    body_start: int
    meta: dict[str, Any]


def _read_like_mkdocs(source: str, parsed: ParsedGuide | None) -> _SourceRead | None:
    """What MkDocs reads from ``source``, when it would read the body alone the same way.

    Reading the meta is a page's costliest step in MkDocs' process after
    Markdown (the YAML's objects are built in Python); the worker reads it
    beside MkDocs instead. A valid guide's meta is the one its front-matter was
    read into (which holds values as YAML's safe loader does: tested); another
    page's is read with MkDocs' own function. MkDocs is then handed the body
    alone, which must read as a body without meta: not so when the body itself
    starts with a YAML block or "Key: value" lines; then MkDocs reads the page.
    (Such a block in the body is never read as YAML here: only the page's own
    front-matter was checked against the limits.)
    """
    if parsed is not None and parsed.guide is not None:
        body, meta = parsed.source.body.lstrip("\n"), parsed.meta
    else:
        body, meta = get_data(source)
    if not meta or not source.endswith(body) or split_front_matter(body).meta_text is not None:
        return None
    if get_data(body) != (body, {}):  # "Key: value" lines, which get_data reads without YAML
        return None
    return _SourceRead(len(source) - len(body), meta)


@dataclass(frozen=True, slots=True)
class _Html:
    """What a guide's page adds around its converted body, and its JSON-LD."""

    before: str = ""  # the guide's summary
    after: str = ""  # its sections and references
    jsonld: str | None = None
    link_warnings: tuple[str, ...] = ()  # of links in front-matter fields to no page of the site


@dataclass(frozen=True, slots=True)
class _SiteHtml:
    """The site listings' HTML, links from ``_SITE_ROOT``: made once, shown on a few pages."""

    guide_cards: str
    source_index: str


@dataclass(frozen=True, slots=True)
class SiteListings:
    """``evidence_site`` in templates: the listings, their links relative to the page."""

    html: _SiteHtml
    site_root: str  # "" at the site's root, else "../" and so on

    @property
    def guide_cards(self) -> Markup:
        """Every published guide as a card, with level and muscle filters."""
        return Markup(self.html.guide_cards.replace(_SITE_ROOT, self.site_root))

    @property
    def source_index(self) -> Markup:
        """Every cited source once, with the guides citing it."""
        return Markup(self.html.source_index.replace(_SITE_ROOT, self.site_root))


@dataclass(slots=True)
class _PageState:
    path: str  # as editors see it, relative to mkdocs.yml
    source_text: str
    is_guide: bool
    is_draft: bool
    parsed: ParsedGuide | None = None  # a guide's front-matter, read on first use
    body: tuple[str, int] | None = None  # the Markdown body as MkDocs passes it, its offset
    rendered: _Rendered | None = None
    rendered_page: RenderedPage | None = None  # its sections, until the HTML around it is made
    meta: dict[str, Any] | None = None  # the worker's reading of it, until MkDocs' page has it
    unresolved_links: list[str] | None = None  # to no page, met rendering its fields


_SHOWN_META = ("title", "description", "author", "subtitle", "status")
"""Front-matter values Material prints as they are: as HTML, or inside an attribute."""
_IN_TOOLTIPS = ("title", "subtitle")  # Material may set their text as a tooltip's HTML
_NOT_TEXT = {list: "a list", dict: "a mapping", bool: "true or false"}


def _escape_shown_meta(meta: dict[str, Any], path: str, *, warn: bool) -> None:
    """Make each value Material prints as it is text, escaped; leave out what is not text.

    Material writes a title into the header, the navigation and the search
    index as HTML, and a description or author into an attribute, unescaped:
    a quote or a "<" would end the attribute or open a tag. Each becomes text
    escaped once, as markupsafe's ``Markup`` (so a template's ``| e`` leaves
    it as it is); a title's "<" stays text in Material's tooltips too. A value
    that is not text (a list, a mapping) is left out of the page, with a
    warning naming the file: its Python form would be printed otherwise.
    """
    for key in _SHOWN_META:
        if key not in meta:
            continue
        value = meta[key]
        text = text_value(value)
        if text is not None:
            text = tooltip_text(text) if key in _IN_TOOLTIPS else text
            meta[key] = Markup(html.escape(text, quote=True))
            continue
        del meta[key]
        if warn and value is not None:
            kind = _NOT_TEXT.get(type(value), "not text")
            log.warning(f"{path}: front-matter '{key}' is {kind}, not text: left out of the page")


class EvidencePlugin(BasePlugin[EvidenceConfig]):
    """Evidence-linked guides: resolved citations, structured sections, JSON-LD."""

    def __init__(self) -> None:
        self._root = Path.cwd()
        self._store: BibStore | None = None
        self._settings: AuditSettings | None = None
        self._pages: dict[str, _PageState] = {}
        self._field_links: FieldLinks | None = None
        self._plain = False  # whether plain fields may skip the converter
        self._env: jinja2.Environment | None = None
        self._templates: dict[str, jinja2.Template] = {}
        self._files: Files | None = None
        self._site_html: _SiteHtml | None = None
        self._ahead: workers.Ahead[tuple[str, str], Any] | None = None
        self._config: MkDocsConfig | None = None
        self._error_count = 0  # errors logged this build: strict mode fails on them
        self._first_unshown: str | None = None  # the first one the log did not show (--quiet)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._root = Path(config.config_file_path).resolve().parent
        if self.config.enabled:
            options = {"bib": self.config.bib, "guides_dir": self.config.guides_dir}
            options["rules"] = self.config.rules
            options["parallel"] = self.config.parallel
            options["limits"] = self.config.limits
            try:
                self._settings = settings_from_options(
                    self._root, Path(config.docs_dir), options, config_name=config.config_file_path
                )
            except AuditInputError as error:
                raise PluginError(escape_controls(str(error))) from None
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._field_links = None
        self._config = config
        self._error_count = 0
        self._first_unshown = None
        if not self.config.enabled:
            return
        # MkDocs' own on_env comes after pages are converted, too late for
        # on_page_content: the partials get an environment of the same theme.
        self._env = config.theme.get_env()
        self._templates.clear()
        bib_file = self._root / self.config.bib
        try:
            self._store = load_bib(
                bib_file,
                self._display_path(bib_file),
                cache_dir=self._root / ".cache",
                limits=self._limits,
            )
        except BibLoadError as error:
            raise PluginError(escape_controls(str(error))) from None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> Any:
        # Editing the store re-renders the pages and prints the findings again.
        server.watch(str(self._root / self.config.bib))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Read every page once; guides' front-matter decides which are drafts.

        A draft (``draft: true``) is left out of the built site, its navigation,
        search index and sitemap, and shown marked as a draft by ``mkdocs serve``.
        A page past the limits, or that is not a regular file, is left out with
        an error naming it: MkDocs never reads it, so no hostile page reaches
        its YAML loader or Markdown converter.
        """
        self._close_worker()
        self._pages.clear()
        self._files = files
        self._site_html = None
        if not self.config.enabled:
            return files
        docs = self._display_path(Path(config.docs_dir))  # resolved once, not per page
        refused: list[File] = []
        for file in files.documentation_pages():
            if file.abs_src_path is None:
                continue
            if file.src_dir == config.docs_dir:
                path = f"{docs}/{file.src_uri}"
            else:  # a page another plugin adds from elsewhere
                path = self._display_path(Path(file.abs_src_path))
            text = self._read_page(Path(file.abs_src_path), path)
            if text is None:
                refused.append(file)
                continue
            is_guide = self._is_guide(file.src_uri)
            # Most guides do not mention "draft": reading their YAML can wait.
            parsed = parse_guide(text, path) if is_guide and may_set_draft(text) else None
            is_draft = parsed is not None and parsed.meta.get("draft") is True
            self._pages[file.src_uri] = _PageState(path, text, is_guide, is_draft, parsed)
            if is_draft:
                file.inclusion = InclusionLevel.DRAFT
        for file in refused:
            files.remove(file)
        self._start_worker(files)
        return files

    def _read_page(self, file: Path, path: str) -> str | None:
        """A page's text; None (and an error logged) for one that is refused.

        Refused: not a regular file (a FIFO would block the build, a device
        fill the memory), larger than ``limits.page_mb``, or nesting YAML or
        Markdown deeper than the limits (MkDocs' YAML loader and Markdown
        converter recurse). Text that is not UTF-8 stops the build, as before.
        """
        try:
            text = read_source(file, path, self._limits.page)
        except SourceDecodeError as error:
            raise PluginError(escape_controls(str(error))) from None
        except SourceError as error:
            self._log_error(f"{error}; the page is left out")
            return None
        refusal = page_refusal(text, self._limits)
        if refusal is not None:
            line, column, message = refusal
            self._log_error(f"{path}:{line}:{column}: {message}; the page is left out")
            return None
        return text

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """The page as read in ``on_files``; only its body when the worker read its meta.

        The worker renders the page's body ahead of MkDocs, from its own reading
        of the source; MkDocs takes the meta it read in ``_meta_from_worker``.
        """
        state = self._pages.get(page.file.src_uri)
        if state is None:
            return None
        if self._ahead is not None and self._store is not None:
            read, state.rendered = self._ahead.get((_RENDER, page.file.src_uri))
            if read is not None:
                state.meta = read.meta
                return state.source_text[read.body_start :]
        return state.source_text

    @event_priority(100)  # before any other plugin reads page.meta
    def _meta_from_worker(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> None:
        state = self._pages.get(page.file.src_uri)
        if state is not None and state.meta is not None:
            page.meta, state.meta = state.meta, None

    def _render_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """The body with its citations as placeholders; a guide gets the guide template."""
        src_uri = page.file.src_uri
        state = self._pages.get(src_uri)
        if state is None or self._store is None:
            return None
        rendered = state.rendered
        if rendered is None or rendered.body_hash != hash(markdown):  # another plugin changed it
            rendered = self._render(src_uri, markdown)
        state.rendered = rendered
        if state.is_guide:
            page.meta["template"] = "guide.html"
        # A guide's front-matter findings say what is wrong with its values already.
        _escape_shown_meta(page.meta, state.path, warn=not state.is_guide)
        return rendered.body.text

    on_page_markdown = CombinedEvent(_meta_from_worker, _render_markdown)

    @event_priority(50)  # before other plugins read the content
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Drop unsafe link addresses; hold the body's citations as comments; list the sections.

        A link or image in the body whose scheme is not allowed loses its
        address here, before anything reads the page (the audit reports it as
        ``unsafe-link``). Search reads the body next: comments cost its HTML
        parser nothing, where a dozen citations' links and tooltips per page
        cost it seconds at scale, and numbers would only clutter the index.
        The citations go in after it, and the sections ``on_page_context`` adds.
        """
        if not self.config.enabled:
            return None
        html = neutralise_links(html)
        rendered = self._built(page)
        if rendered is None:
            return html
        page.toc.items.extend(AnchorLink(title, id, 2) for id, title in rendered.toc)
        return rendered.body.hold(html)

    @event_priority(-50)  # after search has indexed the body
    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any] | None:
        """Listings for every page; a guide's sections, after search indexed its body.

        Search indexes a guide's Markdown body only: the structured sections and
        the reference list are added to the page after it. With thousands of
        guides that keeps the search index (which every reader's browser loads
        whole) about a third smaller and the build faster; the references are
        listed and linked on the references page, and bibliographic words
        (authors, journals) would otherwise match nearly every guide.
        """
        if not self.config.enabled:
            return context
        # Every page is converted before any template is rendered, so the
        # listings (landing page cards, the references page) are complete here.
        if self._site_html is None:
            # The worker's listings hold unless a page was rendered here (state.body).
            rendered_here = any(state.body is not None for state in self._pages.values())
            from_worker = None if rendered_here else self._from_worker((_LISTINGS, ""))
            self._site_html = from_worker or self._listings_html()
        base = context.get("base_url", ".")
        context["evidence_site"] = SiteListings(self._site_html, "" if base == "." else f"{base}/")
        rendered = self._built(page)
        if rendered is None:
            return context
        around = self._from_this_or_worker(_HTML, page.file.src_uri)
        for warning in around.link_warnings:
            self._log_error(warning, level=logging.WARNING)
        body = rendered.body.restore(page.content or "")
        parts = [around.before] if around.before else []
        parts.append(body)
        parts.extend([around.after] if around.after else [])
        page.content = "\n".join(parts)
        if rendered.last_reviewed is not None:
            context["evidence"] = {
                "last_reviewed": rendered.last_reviewed,
                "jsonld": Markup(around.jsonld),
            }
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Publish the schema; log every page's findings (drafts too), then the corpus's.

        Findings come last, together, in page order: a build of thousands of
        pages renders them first, and errors still fail ``--strict``.
        """
        if not self.config.enabled:
            return
        target = Path(config.site_dir) / SCHEMA_OUTPUT
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, json.dumps(guide_json_schema(), indent=2) + "\n")
        if self._store is None:
            return
        audits = []
        for src_uri, state in self._pages.items():
            audit = self._from_this_or_worker(_AUDIT, src_uri)
            self._log_findings(audit.findings, draft=state.is_draft)
            audits.append(audit)
        found = self._from_worker((_STORE, ""))
        self._close_worker()
        drafts = {state.path for state in self._pages.values() if state.is_draft}
        corpus = audit_corpus(
            audits, self._store, self._settings, whole_project=True, store_findings_found=found
        )
        for finding in corpus:
            self._log_findings((finding,), draft=finding.path in drafts)
        self._fail_if_strict(config)

    def _fail_if_strict(self, config: MkDocsConfig) -> None:
        """In a strict build, fail on any error logged, whether or not MkDocs counted it.

        MkDocs counts a warning only when its logger lets it through, and
        ``--quiet`` raises that logger's level: then ``--strict -q`` would
        publish a page with a vague reference.
        """
        if config.strict and self._error_count:
            errors = f"strict mode: {self._error_count} error{'s' * (self._error_count > 1)}"
            if self._first_unshown is None:
                raise PluginError(f"{errors} (shown above)")
            raise PluginError(f"{errors}, the first (not shown above): {self._first_unshown}")

    def on_build_error(self, *, error: Exception) -> None:
        self._close_worker()

    def on_shutdown(self) -> None:
        self._close_worker()

    # --- one page's work: here, or in the worker -----------------------------------------------

    def _work(self, key: tuple[str, str]) -> Any:
        """The worker's job: one phase of one page (see ``_RENDER``)."""
        phase, src_uri = key
        if phase == _RENDER:
            state = self._pages[src_uri]
            source = state.source_text
            read = _read_like_mkdocs(source, self._parsed(state))
            body = source[read.body_start :] if read else self._predicted_body(src_uri)
            return read, self._render(src_uri, body)
        if phase == _STORE:
            assert self._store is not None and self._settings is not None
            return store_findings(self._store, self._settings)
        if phase == _LISTINGS:
            # A page other than a guide is listed by its title, which MkDocs works
            # out after the fork: with one that cites a source, the listings are made there.
            citing = (state.rendered for state in self._pages.values() if not state.is_draft)
            if any(r is not None and r.last_reviewed is None and r.reference_keys for r in citing):
                return None
            return self._listings_html()
        return self._html(src_uri) if phase == _HTML else self._audit(src_uri)

    def _predicted_body(self, src_uri: str) -> str:
        """The body as MkDocs will pass it to on_page_markdown (its meta.get_data).

        That is after the front-matter and the blank lines that follow it. Should
        another plugin change it first, on_page_markdown sees a different body
        than the worker rendered, and renders it itself.
        """
        source = self._pages[src_uri].source_text
        split = split_front_matter(source)
        return split.body.lstrip("\n") if split.meta_text is not None else source

    def _render(self, src_uri: str, markdown: str) -> _Rendered:
        """Render a built page's body, citations and structured fields."""
        assert self._store is not None and self._files is not None
        state = self._pages[src_uri]
        file = self._files.get_file_from_path(src_uri)
        assert file is not None
        source = state.source_text
        # MkDocs strips the front-matter and leading blank lines: the body is the
        # source's tail, which gives exact file positions for findings.
        offset = (
            len(source) - len(markdown)
            if source.endswith(markdown)
            else split_front_matter(source).body_offset
        )
        state.body = (markdown, offset)
        state.unresolved_links = []
        page = state.rendered_page = render_page(
            body=markdown,
            store=self._store,
            render_markdown=self._renderer(file, state.unresolved_links),
            parsed=self._parsed(state),
            resolve_related=lambda slug: self._related(slug, file),
        )
        toc: list[tuple[str, str]] = []
        if page.guide is not None:
            toc.extend(_SECTION_TITLES)
            if page.related:
                toc.append(("related", "Related guides"))
        if page.references:
            toc.append(("references", "References"))
        keys = tuple(reference.key for reference in page.references)
        reviewed = page.guide.last_reviewed.isoformat() if page.guide is not None else None
        state.rendered = _Rendered(hash(markdown), page.body, keys, reviewed, tuple(toc))
        return state.rendered

    def _html(self, src_uri: str) -> _Html:
        """The theme's summary, sections and references for a rendered page, and its JSON-LD."""
        state = self._pages[src_uri]
        if state.rendered_page is None:  # rendered by the worker, which is gone: again
            self._render(src_uri, state.body[0] if state.body else self._predicted_body(src_uri))
        page, state.rendered_page = state.rendered_page, None  # taken once: they are large
        assert page is not None and self._files is not None and self._config is not None
        sections = page.sections  # the front-matter fields are rendered now
        if sections is None:
            references = page.references
            return _Html(
                after=self._partial("references", references=references) if references else ""
            )
        after = [self._partial("guide-sections", sections=sections)]
        if page.references:
            after.append(self._partial("references", references=page.references))
        file = self._files.get_file_from_path(src_uri)
        assert file is not None
        # The worker starts before MkDocs makes the pages: it makes its own.
        page_object = file.page if file.page is not None else Page(None, file, self._config)
        data = guide_structured_data(
            sections.guide,
            page_url=page_object.canonical_url,
            faq_answers=[question.answer_text for question in sections.faq],
            references=page.references,
            publisher=Publisher(self._config.site_name, self._config.site_url),
        )
        before = self._partial("guide-summary", sections=sections)
        links = state.unresolved_links or ()
        warnings = unresolved_link_warnings(
            state.path, state.source_text, self._parsed(state), links
        )
        return _Html(before, "\n".join(after), script_json(data), tuple(warnings))

    def _audit(self, src_uri: str) -> PageAudit:
        """A page's findings: of the body MkDocs rendered, or (not built) of the file's."""
        assert self._store is not None and self._settings is not None
        state = self._pages[src_uri]
        if state.body is not None:
            markdown, offset = state.body
        elif state.is_draft:
            split = split_front_matter(state.source_text)
            markdown, offset = split.body, split.body_offset
        else:  # rendered by the worker, which is gone
            markdown = self._predicted_body(src_uri)
            offset = len(state.source_text) - len(markdown)
        parsed = self._parsed(state)
        page = PageInput(state.path, state.source_text, markdown, offset, state.is_guide, parsed)
        return audit_page(page, self._store, self._settings)

    def _start_worker(self, files: Files) -> None:
        """Fork a worker to render and audit the pages ahead of MkDocs, if a core is free.

        It starts as soon as every page is read, so it is ahead of MkDocs by the
        time MkDocs has built the navigation and converts the first page.
        """
        if not (self.config.parallel and self._store is not None):
            return
        if len(self._pages) < workers.MINIMUM or not workers.available():
            return
        self._field_converter()  # build the converter once, before the fork
        built = {f.src_uri: None for f in files.documentation_pages() if f.src_uri in self._pages}
        keys = [(_RENDER, src_uri) for src_uri in built]
        keys += [(_LISTINGS, ""), (_STORE, "")]
        for src_uri in built:  # MkDocs takes each HTML; the audits wait in this process
            keys += [(_HTML, src_uri), (_AUDIT, src_uri)]
        keys += [(_AUDIT, src_uri) for src_uri in self._pages if src_uri not in built]
        self._ahead = workers.Ahead(self._work, keys, ahead=AHEAD)

    def _from_this_or_worker(self, phase: str, src_uri: str) -> Any:
        """A later phase of a page: the worker's, unless the page was rendered here."""
        if self._pages[src_uri].body is None:  # rendered by the worker
            result = self._from_worker((phase, src_uri))
            if result is not None:
                return result
        return self._html(src_uri) if phase == _HTML else self._audit(src_uri)

    def _from_worker(self, key: tuple[str, str]) -> Any:
        return self._ahead.get(key) if self._ahead is not None else None

    def _close_worker(self) -> None:
        if self._ahead is not None:
            self._ahead.close()
            self._ahead = None

    def _parsed(self, state: _PageState) -> ParsedGuide | None:
        """A guide's front-matter, read once; None for other pages."""
        if state.is_guide and state.parsed is None:
            state.parsed = parse_guide(state.source_text, state.path)
        return state.parsed

    def _partial(self, name: str, **context: Any) -> str:
        """Render one of the theme's ``partials/NAME.html`` with MkDocs' Jinja environment."""
        if self._env is None:
            return ""
        template = self._templates.get(name)
        if template is None:  # looked up once per build: Jinja checks the file on each lookup
            template = self._templates[name] = self._env.get_template(f"partials/{name}.html")
        return template.render(**context)

    def _listings_html(self) -> _SiteHtml:
        """The landing page's cards and the references page's index, as HTML."""
        listings = self._build_listings()
        return _SiteHtml(
            self._partial("guide-cards", evidence_site=listings, site_root=_SITE_ROOT),
            self._partial("source-index", evidence_site=listings, site_root=_SITE_ROOT),
        )

    def _build_listings(self) -> dict[str, Any]:
        """Guide cards and the source index, of the pages rendered.

        Made in the worker, where each guide's front-matter is read already; in
        MkDocs' process (a page rendered there, or a page that is not a guide
        citing a source) guides are read again.
        """
        assert self._store is not None
        cards: list[GuideCard] = []
        uses: list[tuple[CitingGuide, tuple[FormattedReference, ...]]] = []
        for src_uri, state in self._pages.items():
            file = self._files.get_file_from_path(src_uri) if self._files else None
            rendered = state.rendered
            if file is None or state.is_draft or rendered is None:
                continue
            parsed = self._parsed(state)
            guide = parsed.guide if parsed is not None else None
            if guide is not None:
                cards.append(guide_card(guide, file.url))
            if rendered.reference_keys:
                # MkDocs' page titles are HTML (from a heading, or escaped above): the text.
                page_title = (file.page.title if file.page else None) or src_uri
                title = guide.title if guide else Markup(page_title).striptags()
                entries = (self._store.get(key) for key in rendered.reference_keys)
                references = tuple(format_reference(e) for e in entries if e is not None)
                uses.append((CitingGuide(title, file.url), references))
        cards = sorted_cards(cards)
        return {"guides": cards, "muscles": muscle_names(cards), "sources": source_index(uses)}

    def _related(self, slug: str, file: File) -> RelatedGuide | None:
        """A published sibling guide by slug, with its URL relative to ``file``'s page."""
        src_uri = f"{self.config.guides_dir}/{slug}.md"
        target = self._files.get_file_from_path(src_uri) if self._files else None
        state = self._pages.get(src_uri)
        if target is None or state is None or state.is_draft or not state.is_guide:
            return None
        parsed = self._parsed(state)
        guide = parsed.guide if parsed else None
        title = guide.title if guide else slug
        level = guide.level if guide else ""
        return RelatedGuide(slug, title, target.url_relative_to(file), level)

    def _built(self, page: Page) -> _Rendered | None:
        state = self._pages.get(page.file.src_uri)
        return state.rendered if state else None

    def _is_guide(self, src_uri: str) -> bool:
        parts = PurePosixPath(src_uri).parts
        return len(parts) == 2 and parts[0] == self.config.guides_dir and parts[1] != "index.md"

    def _renderer(self, file: File, unresolved: list[str]) -> MarkdownRenderer:
        """Converts the front-matter fields of ``file``'s page; collects links to no page.

        A field that is a plain sentence skips the converter when no extension
        changes plain text (as ``smarty`` would): most fields are.
        """
        links = self._field_converter()
        plain = self._plain

        def lookup(path: str) -> str | None:
            target = self._files.get_file_from_path(path) if self._files else None
            return target.url_relative_to(file) if target is not None else None

        def render(text: str) -> str:
            html = plain_paragraph(text) if plain else None
            if html is not None:
                return html
            html, missing = links.convert_for(text, file.src_uri, lookup)
            unresolved.extend(missing)
            return html

        return render

    def _field_converter(self) -> FieldLinks:
        """The front-matter fields' converter: the site's extensions, no raw HTML.

        One converter per build, reset per use. Without its raw-HTML block
        preprocessor and inline pattern, Markdown escapes "<script>" as text.
        Its last tree processor resolves links to pages, as MkDocs does the body's.
        """
        assert self._config is not None
        if self._field_links is None:
            converter = markdown_lib.Markdown(
                extensions=self._config.markdown_extensions,
                extension_configs=self._config.mdx_configs,
            )
            converter.preprocessors.deregister("html_block")
            converter.inlinePatterns.deregister("html")
            self._field_links = FieldLinks(converter)
            converter.treeprocessors.register(self._field_links, "evidence_field_links", 0)
            self._plain = all(
                isinstance(name, str) and name.removeprefix("markdown.extensions.") in _PLAIN_SAFE
                for name in self._config.markdown_extensions
            )
        return self._field_links

    def _display_path(self, file: Path) -> str:
        """A path relative to mkdocs.yml's folder when possible, as editors see it.

        A link inside the project keeps its own name (``references/refs.bib``,
        not the file it points at).
        """
        for candidate in (file, resolved(file)):
            try:
                return candidate.relative_to(self._root).as_posix()
            except ValueError:
                continue
        return file.as_posix()

    @property
    def _limits(self) -> Limits:
        return self._settings.limits if self._settings is not None else Limits()

    def _log_findings(self, findings: Iterable[Finding], *, draft: bool = False) -> None:
        """Errors as warnings (``--strict`` makes them fatal); a draft's never block."""
        for finding in findings:
            if finding.severity == "error" and not draft:
                self._log_error(finding.format(), level=logging.WARNING)
            else:
                log.info(finding.format() + (" (draft)" if draft else ""))

    def _log_error(self, message: str, *, level: int = logging.ERROR) -> None:
        """Log a problem that fails a strict build, controls escaped; count it for strict mode."""
        message = escape_controls(message)
        log.log(level, message)
        self._error_count += 1
        if self._first_unshown is None and not log.isEnabledFor(level):
            self._first_unshown = message
