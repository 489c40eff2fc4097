"""The MkDocs adapter's hooks: each turns a MkDocs event into a call on the site build.

Everything that decides what a page says lives in the engine-free site build
(:mod:`evidence_guides.build`); MkDocs is reached only through
:class:`~evidence_guides.mkdocs_adapter.engine.MkDocsEngine`. The hooks:

- ``on_config`` checks the options (the audit's settings, as ``guides audit``);
- ``on_pre_build`` loads the BibTeX store once per build (and per rebuild in
  ``mkdocs serve``), from the project's ``.cache/`` when the file is unchanged;
- ``on_files`` reads each page once, so a non-UTF-8 file is a one-line error
  naming the file, line and column instead of a traceback, leaves out (with an
  error naming it) a page past the limits or not a regular file, before MkDocs
  or libyaml reads it, marks the drafts, and starts the site build's worker;
- ``on_page_read_source`` hands MkDocs each page as read (only its body when
  the worker read its meta, which ``on_page_markdown`` first sets);
- ``on_page_markdown`` hands MkDocs the body with its citations as placeholders
  (none when the page cache holds MkDocs' conversion of it: see ``conversions``);
- ``on_page_content`` drops the address of every body link whose scheme is not
  allowed, puts the citations in, and lists the guide's sections in the table
  of contents;
- ``on_env``, once every page is converted, adds the catalogue's listing pages
  (all guides A to Z, by level, by muscle) and the references page's later
  pages to the build (see ``generated``);
- ``on_page_context`` adds the summary, sections and references around the
  body, and hands the templates the JSON-LD, guide data and site listings (a
  listing page its guides), and, last of every plugin's, offers a guide its
  whole output as the build before wrote it when nothing its template reads
  has changed (``written_pages``);
- ``on_post_page`` keeps a guide's output as its template wrote it (first of
  every plugin's) and hands each published guide, as written, to the search
  index (Pagefind, :mod:`evidence_guides.build.search_index`), which starts
  writing the index once the last of them is written;
- ``on_post_build`` publishes the front-matter JSON Schema, writes the search
  index and logs the audit, page by page once the site is built, the store's
  findings summed up per rule (:mod:`evidence_guides.build.report`); errors
  fail ``--strict`` (see ``log``).

When the site is served (``on_startup(command="serve")``: ``mkdocs serve`` or
``make serve``'s preview), the build is kept as a
:class:`~evidence_guides.build.live.LiveSite`, each page shows its findings in
a banner and a page lists every finding (:mod:`.preview_pages`); a build
never does either.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.toc import AnchorLink

from evidence_guides.audit.model import AuditSettings
from evidence_guides.audit.rules.people import project_people
from evidence_guides.build.kept_build import KeptSiteBuild
from evidence_guides.build.listings import SiteListings
from evidence_guides.build.live import LiveSite
from evidence_guides.build.report import BuildReport
from evidence_guides.build.site_build import SiteBuild
from evidence_guides.files.atomic import write_atomically
from evidence_guides.guide.frontmatter.model import guide_json_schema
from evidence_guides.guide.quotes import render_quotes
from evidence_guides.mkdocs_adapter.config import EvidenceConfig, plugin_settings
from evidence_guides.mkdocs_adapter.conversions import KeptConversions
from evidence_guides.mkdocs_adapter.engine import MkDocsEngine
from evidence_guides.mkdocs_adapter.generated import ListingPages
from evidence_guides.mkdocs_adapter.log import BuildLog, escape_engine_log
from evidence_guides.mkdocs_adapter.meta import escape_shown_meta, theme_meta_refusals
from evidence_guides.mkdocs_adapter.preview_pages import (
    banner_for,
    watched_files,
    write_findings_page,
)
from evidence_guides.mkdocs_adapter.search import SearchFeed
from evidence_guides.mkdocs_adapter.shown_config import escape_shown_config
from evidence_guides.mkdocs_adapter.site_files import (
    add_policy_page,
    display_path,
    leave_out_unpublished,
    read_pages,
    write_first,
    write_image_copies,
)
from evidence_guides.mkdocs_adapter.written_pages import WrittenPages
from evidence_guides.store.entry import BibStore
from evidence_guides.store.load import BibLoadError, load_bib
from evidence_guides.terminal import escape_controls
from evidence_guides.text.sanitize import neutralise_links

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from evidence_guides.build.pages import PageHtml, RenderedBody

SCHEMA_OUTPUT = "schema/guide.schema.json"


class EvidencePlugin(BasePlugin[EvidenceConfig]):
    """Evidence-linked guides: resolved citations, structured sections, JSON-LD."""

    def __init__(self) -> None:
        self._root = Path.cwd()
        self._settings: AuditSettings | None = None
        self._store: BibStore | None = None
        self._site: SiteBuild | None = None
        self._files: Files | None = None
        self._engine: MkDocsEngine | None = None
        self.listing_pages = ListingPages()  # the catalogue's, added in on_env
        self._search = SearchFeed(enabled=False)
        self._conversions = KeptConversions(None)  # MkDocs' conversions of unchanged pages
        self._written = WrittenPages(None)  # and unchanged guides' whole output
        self._log = BuildLog()
        self._serving = False  # the banner and the findings page: only when served
        self.live: LiveSite | None = None  # the build, kept for the preview's rebuilds
        self.report = BuildReport()  # kept across rebuilds: drafts' placeholders shown once

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        escape_engine_log()  # before MkDocs prints a file's name or a link's target
        self._root = Path(config.config_file_path).resolve().parent
        self._settings = self._store = self._site = None  # one instance: serve's rebuilds
        if self.config.enabled:
            self._settings = plugin_settings(self._root, config, self.config.options())
            escape_shown_config(config)  # what Material prints of mkdocs.yml, as text
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._log = BuildLog()
        if self._settings is None:
            return
        try:
            self._store = load_store(self._settings, self._root)
        except BibLoadError as error:
            raise PluginError(escape_controls(str(error))) from None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> Any:
        options = self.config
        for watched in watched_files(self._root, options.bib, options.muscles, self._settings):
            server.watch(str(watched))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Read every page once; guides' front-matter decides which are drafts.

        A draft (``draft: true``) is left out of the built site, its navigation,
        search index and sitemap, and shown marked as a draft by ``mkdocs serve``.
        A page past the limits, or that is not a regular file, is left out with
        an error naming it: MkDocs never reads it, so no hostile page reaches
        its YAML loader or Markdown converter.
        """
        self._close()
        self._files = files
        if self._settings is None or self._store is None:
            return files
        self._engine = MkDocsEngine(config, files)
        kept = KeptSiteBuild if self._serving else SiteBuild  # kept: the preview's rebuilds
        site = self._site = kept(self._settings, self._store, self._engine)
        self.live = LiveSite(site, self.report) if self._serving else None
        cache = self._settings.cache_dir / "search"
        self._search = SearchFeed(self.config.search, cache, self.config.search_shards)
        for file in read_pages(site, files, config, self._root, self._log):
            files.remove(file)
        leave_out_unpublished(files, config, self._root, self._log, self._settings.people_file)
        add_policy_page(config, site, self.config.policy_page.strip("/"), files)
        site.start((f.src_uri for f in files.documentation_pages()), audits_first=self._serving)
        self._search.ahead(site, files, preview=self._serving)
        cache = None if self._serving else site.cache  # the preview converts every page
        self._conversions = KeptConversions.for_build(cache, self, config, files)
        self._written = WrittenPages.for_build(cache, config, files)
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """The page as read in ``on_files``; only its body when the worker read its meta."""
        return self._site.source(page.file.src_uri) if self._site else None

    @event_priority(100)  # before any other plugin reads page.meta
    def _meta_from_worker(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> None:
        meta = self._site.take_meta(page.file.src_uri) if self._site else None
        if meta is not None or (meta := self.listing_pages.meta(page.file.src_uri)) is not None:
            page.meta = meta

    def _render_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """The body with its citations as placeholders; a guide gets the guide template."""
        src_uri = page.file.src_uri
        rendered = self._site.body(src_uri, markdown) if self._site else None
        if self._site is None or rendered is None:
            return None
        state = self._site.pages[src_uri]
        # A guide's front-matter findings say what is wrong with its values already.
        warn = None if state.is_guide else self._log.warning
        for refused in theme_meta_refusals(page.meta, config.theme.dirs):
            if warn is not None:
                self._log.error(f"{state.path}: {refused}")
        if state.is_guide:
            page.meta["template"] = "guide.html"
        escape_shown_meta(page.meta, state.path, warn)
        return self._conversions.markdown(page, rendered.body.text, files)

    on_page_markdown = CombinedEvent(_meta_from_worker, _render_markdown)

    @event_priority(50)  # before other plugins read the content
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Drop unsafe link addresses; put the body's citations in; list the sections.

        A link or image in the body whose scheme is not allowed loses its
        address here, before anything reads the page (the audit reports it as
        ``unsafe-link``). The sections are added by ``on_page_context``.
        """
        if not self.config.enabled:
            return None
        html = neutralise_links(self._conversions.html(page, html))
        if self._settings is not None and "[!" in html:  # expert quotes
            html = render_quotes(html, project_people(self._settings))
        if self._site is not None:
            html = self._site.figures.place(page.file.src_uri, html)
        rendered = self._site.rendered(page.file.src_uri) if self._site else None
        if rendered is None:
            return html
        page.toc.items.extend(AnchorLink(head.title, head.id, 2) for head in rendered.contents)
        if page.present_anchor_ids is not None:  # MkDocs checks links to them: they exist
            page.present_anchor_ids.update(head.id for head in rendered.contents)
            page.present_anchor_ids.update(f"ref-{key}" for key in rendered.reference_keys)
        return rendered.body.restore(html)

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Add the listing pages, now that every guide is read (see ``generated``); tell
        the templates where the search index's shards are (``evidence_search_folders``)."""
        site = self._site
        if site is not None:
            self.listing_pages.add(files, config, site.listings())
            # The preview renders pages when asked for, not all now: its index is written
            # with the site (on_post_build), and takes none of the pages it renders after.
            site_dir = Path(config.site_dir) if self.live is None else None
            first, env.globals["evidence_search_folders"] = self._search.plan(site, files, site_dir)
            write_first(files, first)  # Pagefind waits for these: it can start sooner
        self._written.use_env(env)
        return env

    def _page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        """Listings for every page; a guide's summary, sections and references around its body.

        ``evidence.indexed`` tells the guide template to mark the article for
        the search index: a published guide's, never a draft's.
        """
        site = self._site
        if site is None:
            return context
        # Every page is converted before any template is rendered, so the
        # listings (landing page cards, the references page) are complete here.
        base = context.get("base_url", ".")
        shown = SiteListings(site.listings, "" if base == "." else f"{base}/")
        context["evidence_site"] = shown
        policy = self.config.policy_page.strip("/")
        if policy and self._engine is not None:
            context["evidence_policy"] = self._engine.url(policy, relative_to=page.file.src_uri)
        src_uri = page.file.src_uri
        if (listing := self.listing_pages.context(page, site.listings, shown)) is not None:
            context["evidence_listing"] = listing
        rendered = site.rendered(src_uri)
        if rendered is None:
            return context
        around = site.around(src_uri)
        for warning in around.link_warnings:
            self._log.error(warning, level=logging.WARNING)
        contents = None
        if rendered.last_reviewed is not None and self._engine is not None:  # a guide
            contents = self._engine.render_partial("guide-contents", toc=page.toc)
        page.content = with_sections(page.content or "", around, contents)
        if self.live is not None:
            context["evidence_preview"] = banner_for(self.live, src_uri, page.url)
        if rendered.last_reviewed is not None:
            indexed = self._search.mark(src_uri, draft=site.pages[src_uri].is_draft)
            level_url = self.listing_pages.level_url(page)
            context["evidence"] = guide_data(rendered, around, site.settings, indexed, level_url)
        return context

    @event_priority(-100)  # after every plugin's: the context as the template reads it
    def _written_page(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> None:
        self._written.offer(context, page)  # a guide's output, given back if made of the same

    on_page_context = CombinedEvent(_page_context, _written_page)

    @event_priority(100)  # before any plugin's: the output as the template wrote it
    def _keep_written(self, output: str, *, page: Page, config: MkDocsConfig) -> None:
        self._written.keep(page, output)

    def _index_written(self, output: str, *, page: Page, config: MkDocsConfig) -> None:
        """Hand a published guide, as written, to the search index."""
        self._search.written(page.file.src_uri, page.url, output)

    on_post_page = CombinedEvent(_keep_written, _index_written)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Publish the schema, index the site for search; log every page's findings.

        Findings (drafts' too, then the corpus's) come last, together, in page
        order: a build of thousands of pages renders them first, and errors
        still fail ``--strict``. A search index that cannot be written stops
        the build with one line.
        """
        if not self.config.enabled:
            return
        target = Path(config.site_dir) / SCHEMA_OUTPUT
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, json.dumps(guide_json_schema(), indent=2) + "\n")
        if self._site is None:
            return
        if self._files is not None and self._settings is not None:
            cache = self._settings.cache_dir / "images"
            for problem in write_image_copies(self._files, cache):
                self._log.warning(problem)
        # Gathered while Pagefind writes the index (since the last guide), logged after it.
        if self.live is not None:
            lines = self.live.build_lines()
        else:
            lines = self.report.lines(self._site.findings(), self._site.store.path)
        self._search.write(Path(config.site_dir))
        self._log.report(lines)
        if self.live is not None:
            write_findings_page(self.live, self._site.engine, config.site_dir)
        self._log.fail_if_strict(config.strict)

    def on_build_error(self, *, error: Exception) -> None:
        self._close()

    def on_shutdown(self) -> None:
        self._close()

    def _close(self) -> None:
        self._conversions.close()
        if self._site is not None:
            self._site.close()
        self._search.close()


def with_sections(content: str, around: PageHtml, contents: str | None) -> str:
    """A page's content with what goes around it: a guide's summary, the list of its
    sections (``contents``), its sections and references."""
    parts = [around.before] if around.before else []
    parts.extend([contents, content] if contents is not None else [content])
    parts.extend([around.after] if around.after else [])
    return "\n".join(parts)


def guide_data(
    rendered: RenderedBody,
    around: PageHtml,
    settings: AuditSettings,
    indexed: bool,
    level_url: str | None,
) -> dict[str, Any]:
    """``evidence`` in a guide's template: what it shows besides the content."""
    return {
        "last_reviewed": rendered.last_reviewed,
        "jsonld": Markup(around.jsonld),
        # After the guide's content, apart from its sections, FAQ and JSON-LD.
        "call_to_action": settings.call_to_action,
        "image": around.image,
        "indexed": indexed,
        "level_url": level_url,
    }


def load_store(settings: AuditSettings, root: Path) -> BibStore:
    """The store as saved, from the project's cache when unchanged; raises BibLoadError."""
    shown = display_path(settings.bib, root)
    return load_bib(settings.bib, shown, cache_dir=settings.cache_dir, limits=settings.limits)
