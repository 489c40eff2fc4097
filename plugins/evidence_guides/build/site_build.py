"""The site build: every page's work, in the order a site engine needs it, engine-free.

An engine adapter (:mod:`evidence_guides.mkdocs_adapter`) turns the engine's
events into calls here: add each page as it is read, then ask for a page's
source, its body, the site listings, the HTML around each page and, when the
site is written, the findings. The build knows nothing of the engine but the
small :class:`~evidence_guides.build.engine.Engine` protocol.

When a second core is free, a forked worker (:mod:`evidence_guides.workers`)
does each page's phases (:class:`~evidence_guides.build.pages.Phase`) ahead of
the engine; whatever the worker did not do, or did for a body the engine then
changed, is done here, with the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, cast

from evidence_guides import workers
from evidence_guides.audit.engine import PageAudit, audit_corpus
from evidence_guides.audit.engine import store_checks as store_findings
from evidence_guides.build.cached_pages import CachedPages
from evidence_guides.build.figures import BodyFigures
from evidence_guides.build.listings import (
    LazyListingsHtml,
    ListingsHtml,
    RenderedParts,
    collect_listings,
    render_listings,
)
from evidence_guides.build.page_work import PageWork
from evidence_guides.build.pages import SITE, PageHtml, PageState, Phase, RenderedBody, SourceRead
from evidence_guides.files.limits import page_refusal
from evidence_guides.files.source import read_source
from evidence_guides.guide.frontmatter.model import parse_guide
from evidence_guides.store.formatting import format_reference
from evidence_guides.text.front_matter import may_set_draft

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.build.engine import Engine
    from evidence_guides.findings import Finding
    from evidence_guides.guide.frontmatter.model import ParsedGuide
    from evidence_guides.store.entry import BibEntry, BibStore
    from evidence_guides.store.formatting import FormattedReference

AHEAD = 200  # pages the worker may render before the engine takes them (about 8 MB of results)

PhaseResult = (
    tuple[SourceRead | None, RenderedBody] | ListingsHtml | list["Finding"] | PageHtml | PageAudit
)
"""What a phase gives: RENDER the reading and the body; LISTINGS their HTML (None when they
must be made in the engine's process); STORE the store's findings; HTML and AUDIT a page's."""


class PageRefused(Exception):
    """A page is left out of the site: not readable as a regular file, or past the limits."""


class SiteBuild:
    """One build of a site: its pages, the store, and the worker ahead of the engine."""

    KEEPS_RESULTS = True  # pages' results are kept for the next build (build/page_cache.py)

    def __init__(self, settings: AuditSettings, store: BibStore, engine: Engine) -> None:
        self.settings = settings
        self.pages: dict[str, PageState] = {}
        self._work = PageWork(self.pages, store, settings, engine)
        self._ahead: workers.Ahead[tuple[Phase, str], PhaseResult | None] | None = None
        self._listings: ListingsHtml | None = None
        self.figures = BodyFigures(settings.docs_dir, engine)  # the converted bodies' images
        self._store_findings: list[Finding] | None = None  # the store's own rules, once per store
        self._cache: CachedPages | None = None  # the results kept from earlier builds

    # --- reading the pages --------------------------------------------------------------------

    def is_guide(self, src_uri: str) -> bool:
        """Whether page ``src_uri`` (a path in docs_dir) is a guide: structured front-matter."""
        parts = PurePosixPath(src_uri).parts
        return len(parts) == 2 and parts[0] == self.settings.guides_dir and parts[1] != "index.md"

    def add_page(self, src_uri: str, file: Path, path: str) -> PageState:
        """Read a page once (``path`` as editors see it); find whether it is a draft.

        Raises :class:`~evidence_guides.files.source.SourceDecodeError` for text
        that is not UTF-8 (the build stops), and :class:`PageRefused` for a page
        that is not a regular file (a FIFO would block the build, a device fill
        the memory), is too large, or nests YAML or Markdown deeper than the
        limits (the engine's YAML loader and Markdown converter recurse).
        """
        text = read_source(file, path, self.settings.limits.page)  # SourceError: refused
        refusal = page_refusal(text, self.settings.limits)
        if refusal is not None:
            line, column, message = refusal
            raise PageRefused(f"{path}:{line}:{column}: {message}")
        is_guide = self.is_guide(src_uri)
        # Most guides do not mention "draft": reading their YAML can wait.
        parsed = parse_guide(text, path) if is_guide and may_set_draft(text) else None
        is_draft = parsed is not None and parsed.meta.get("draft") is True
        state = self.pages[src_uri] = PageState(path, text, is_guide, is_draft, parsed)
        return state

    def start(self, built: Iterable[str], *, audits_first: bool = False) -> None:
        """Fork a worker to do the pages' phases ahead of the engine, if a core is free.

        ``built`` are the pages the engine will build (not drafts), in its order.
        Called as soon as every page is read, so the worker is ahead by the time
        the engine has built its navigation and converts the first page.
        ``audits_first``: every page's audit before the HTML around any page, for
        a preview that shows each page's findings on the page itself.
        """
        self._cache = CachedPages.open(self.pages, self._work, writes=self.KEEPS_RESULTS)
        if self._cache is not None:
            self._store_findings = self._cache.restore()
            self._listings = self._cache.listings()  # the same pages: the same listings
        if not self.settings.parallel:
            return
        if len(self.pages) < workers.MINIMUM or not workers.available():
            return
        self._work.fields.prepare()  # build the converter once, before the fork
        keys = _worker_keys(self.pages, built, audits_first, self._store_findings is None)
        keys = [key for key in keys if key[0] is not Phase.LISTINGS or self._listings is None]
        self._ahead = workers.Ahead(self._do, keys, ahead=AHEAD)

    def close(self) -> None:
        """Stop the worker, if one runs; whatever is left is done in this process."""
        if self._ahead is not None:
            self._ahead.close()
            self._ahead = None

    # --- a page, phase by phase ----------------------------------------------------------------

    def source(self, src_uri: str) -> str | None:
        """The page's text for the engine: only its body when the worker read its meta.

        The worker renders the body ahead of the engine, from its own reading of
        the source; the engine then takes that meta from :meth:`take_meta`.
        """
        state = self.pages.get(src_uri)
        if state is None:
            return None
        if state.cached:  # its meta and rendering were given back by the page cache
            return state.source_text[state.read.body_start :] if state.read else state.source_text
        if self._ahead is not None:
            read, state.rendered = cast(
                "tuple[SourceRead | None, RenderedBody]", self._ahead.get((Phase.RENDER, src_uri))
            )
            if read is not None:
                state.meta, state.read = read.meta, read
                return state.source_text[read.body_start :]
        return state.source_text

    def take_meta(self, src_uri: str) -> dict[str, object] | None:
        """The meta the worker read for the page, once; None when the engine read it."""
        state = self.pages.get(src_uri)
        if state is None or state.meta is None:
            return None
        meta, state.meta = state.meta, None
        return meta

    def body(self, src_uri: str, markdown: str) -> RenderedBody | None:
        """The page's body with its citations as placeholders; None for a page not read here."""
        state = self.pages.get(src_uri)
        if state is None:
            return None
        rendered = state.rendered
        if rendered is None or rendered.body_hash != hash(markdown):  # another plugin changed it
            rendered = self._work.render(src_uri, markdown)
        state.rendered = rendered
        return rendered

    def rendered(self, src_uri: str) -> RenderedBody | None:
        """The page's rendered body, once :meth:`body` has made it."""
        state = self.pages.get(src_uri)
        return state.rendered if state else None

    def listings(self) -> ListingsHtml:
        """The site's listings, once every page is converted (the worker's, if they hold)."""
        if self._listings is None:
            # The worker's listings hold unless a page was rendered here (state.body).
            rendered_here = any(state.body is not None for state in self.pages.values())
            found = None if rendered_here else self._from_worker(Phase.LISTINGS, SITE)
            self._listings = cast("ListingsHtml | None", found) or self._make_listings()
        return self._listings

    def around(self, src_uri: str) -> PageHtml:
        """What goes around the page's converted body: summary, sections, references, JSON-LD."""
        return cast("PageHtml", self._this_or_worker(Phase.HTML, src_uri))

    def page_audit(self, src_uri: str) -> PageAudit:
        """A page's audit: made once, kept until the page or the store changes."""
        state = self.pages[src_uri]
        if state.audit is None:
            state.audit = cast("PageAudit", self._this_or_worker(Phase.AUDIT, src_uri))
        return state.audit

    def findings(self) -> Iterator[tuple[Finding, bool]]:
        """Every page's findings in page order (drafts too), then the corpus's: (finding, draft).

        The worker stops once the pages' audits are in; the corpus rules run here.
        """
        for src_uri, state in self.pages.items():
            yield from ((finding, state.is_draft) for finding in self.page_audit(src_uri).findings)
        corpus = self.corpus_findings()
        self.close()
        if self._cache is not None:
            audits = {src_uri: self.page_audit(src_uri) for src_uri in self.pages}
            self._cache.keep_audits(audits, self._store_findings)
            if self._listings is not None:
                self._cache.keep_listings(self._listings)
            self._cache.keep_listing_work()
        yield from corpus

    def corpus_findings(self) -> list[tuple[Finding, bool]]:
        """The rules across pages and on the store, over every page's audit: (finding, draft)."""
        audits = [self.page_audit(src_uri) for src_uri in self.pages]
        in_store = self.store_rule_findings()
        corpus = audit_corpus(
            audits, self.store, self.settings, whole_project=True, store_findings_found=in_store
        )
        return with_drafts(self.pages, corpus)

    def store_rule_findings(self) -> list[Finding]:
        """The store's own rules' findings: the worker's, or worked out once per store."""
        if self._store_findings is None:
            found = cast("list[Finding] | None", self._from_worker(Phase.STORE, SITE))
            if found is None:
                found = store_findings(self.store, self.settings)
            self._store_findings = found
        return self._store_findings

    # --- what the preview's kept build reads ---------------------------------------------------

    @property
    def store(self) -> BibStore:
        return self._work.store

    @property
    def engine(self) -> Engine:
        return self._work.engine

    @property
    def cache(self) -> CachedPages | None:
        """The results kept from earlier builds, and kept for the next; None if none are."""
        return self._cache

    def parsed(self, state: PageState) -> ParsedGuide | None:
        """A guide's front-matter, read once; None for other pages."""
        return self._work.parsed(state)

    # --- the work, here or in the worker -------------------------------------------------------

    def _do(self, key: tuple[Phase, str]) -> PhaseResult | None:
        """The worker's job: one phase of one page (or of the site)."""
        phase, src_uri = key
        work = self._work
        if phase is Phase.RENDER:
            state = self.pages[src_uri]
            read = state.read = work.engine.read_source(state.source_text, work.parsed(state))
            body = state.source_text[read.body_start :] if read else work.predicted_body(src_uri)
            return read, work.render(src_uri, body)
        if phase is Phase.STORE:
            return store_findings(work.store, self.settings)
        if phase is Phase.LISTINGS:
            # A page other than a guide is listed by its title, which the engine works
            # out after the fork: with one that cites a source, the listings are made there.
            citing = (state.rendered for state in self.pages.values() if not state.is_draft)
            if any(r is not None and r.last_reviewed is None and r.reference_keys for r in citing):
                return None
            made = self._make_listings()  # both parts, made here: they travel as text
            done = ListingsHtml(made.landing, made.source_index, made.pages, made.source_pages)
            if self._cache is not None:
                self._cache.keep_listing_work()
            return done
        return self._html(src_uri) if phase is Phase.HTML else work.audit(src_uri)

    def _html(self, src_uri: str) -> PageHtml:
        """Make the HTML around a page, and keep the page's results for the next build."""
        html = self._work.html(src_uri)
        if self._cache is not None:
            self._cache.keep(src_uri, html)
        return html

    def _make_listings(self) -> ListingsHtml:
        """The listings, each part made when first shown; of every page, rendered or not yet."""
        if (cache := self._cache) is None:
            return lazy_listings(self.pages, self._work, format_reference)
        return lazy_listings(self.pages, self._work, cache.formatted, cache.listing_parts())

    def _this_or_worker(self, phase: Phase, src_uri: str) -> PageHtml | PageAudit:
        """A later phase of a page: kept from an earlier build or the worker's, unless
        the page was rendered here."""
        state = self.pages[src_uri]
        if state.body is None:  # rendered by the worker, or given back by the cache
            result = self._kept(phase, state, src_uri)
            if result is None and not (phase is Phase.HTML and state.cached):
                result = self._from_worker(phase, src_uri)
            if result is not None:
                return cast("PageHtml | PageAudit", result)
        return self._html(src_uri) if phase is Phase.HTML else self._work.audit(src_uri)

    def _kept(self, phase: Phase, state: PageState, src_uri: str) -> PageHtml | PageAudit | None:
        """A page's HTML or audit as the page cache gave it back; None if not."""
        if phase is Phase.AUDIT:
            return state.cached_audit
        return self._cache.html(src_uri) if state.cached and self._cache is not None else None

    def _from_worker(self, phase: Phase, src_uri: str) -> PhaseResult | None:
        return self._ahead.get((phase, src_uri)) if self._ahead is not None else None


def with_drafts(
    pages: Mapping[str, PageState], findings: Iterable[Finding]
) -> list[tuple[Finding, bool]]:
    """Each finding, and whether it is a draft's (a draft's findings never block)."""
    drafts = {state.path for state in pages.values() if state.is_draft}
    return [(finding, finding.path in drafts) for finding in findings]


def _worker_keys(
    pages: Mapping[str, PageState], built: Iterable[str], audits_first: bool, store: bool = True
) -> list[tuple[Phase, str]]:
    """The worker's phases in the order the engine asks for them.

    Every page's body and the listings; then every page's HTML, and only then
    the store's findings and every page's audit, which are read once the site
    is written; or, ``audits_first``, the store's findings and every audit
    before any HTML.

    The audits come last because the engine waits for each page's HTML, not
    for an audit: between two HTMLs an audit would hold the engine up (the
    worker then does a page's two phases while the engine templates one page).
    Last, they are done while the engine writes its last pages and while the
    search index is written, which starts as the last guide is written.
    """
    built = [src_uri for src_uri in dict.fromkeys(built) if src_uri in pages]
    taken = set(built)
    not_built = [src_uri for src_uri in pages if src_uri not in taken]
    rendered = [src_uri for src_uri in built if not pages[src_uri].cached]
    keys = [(Phase.RENDER, src_uri) for src_uri in rendered]
    keys.append((Phase.LISTINGS, SITE))
    audited = (src for src in (*built, *not_built) if pages[src].cached_audit is None)
    audits = [(Phase.STORE, SITE)] if store else []
    audits += [(Phase.AUDIT, src_uri) for src_uri in audited]
    htmls = [(Phase.HTML, src_uri) for src_uri in rendered]
    return keys + (audits + htmls if audits_first else htmls + audits)


def lazy_listings(
    pages: Mapping[str, PageState],
    work: PageWork,
    formatted: Callable[[BibEntry], FormattedReference],
    parts: RenderedParts | None = None,
) -> ListingsHtml:
    """The site's listings, each part made when first shown, of every page rendered or not."""
    work.render_unrendered()  # pages the preview renders when asked for

    def make(cards: bool, sources: bool) -> ListingsHtml:
        found = collect_listings(
            pages,
            work.store,
            work.engine,
            work.parsed,
            work.settings.muscles,
            cards=cards,
            sources=sources,
            formatted=formatted,
        )
        return render_listings(found, work.engine, parts)

    return cast("ListingsHtml", LazyListingsHtml(make))
