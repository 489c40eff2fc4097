"""A site build kept between a preview's rebuilds: what changed, what it affects, what it finds.

MkDocs' ``serve`` builds the whole site again on every save: half a minute at
2,000 guides. The preview keeps one :class:`~evidence_guides.build.site_build.SiteBuild`
for the whole session, and on a save reads what changed and makes again only
what depends on it: the page saved (its body, sections and audit), the pages
that show it (:mod:`evidence_guides.build.affected`), and for a store entry
the pages that cite it. Everything else is kept as it was made, so a page
that did not change costs nothing.

A rebuild goes in two steps, as a build does: :meth:`LiveSite.read_page` and
:meth:`LiveSite.replace_store` say what changed (the engine then converts the
pages to render), and :meth:`LiveSite.settle` audits them, works out the pages
that show them and says what to print. A store change can alter what any
page's audit finds (an author-date citation is matched against every entry),
so the other pages are audited again afterwards, a few at a time, while the
preview waits for the next save (:meth:`LiveSite.idle`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.build.affected import (
    PageFacts,
    changed_entries,
    mentioning,
    page_facts,
    slug_of,
)
from evidence_guides.build.affected import (
    citing as cited_by,
)
from evidence_guides.build.banner import counts
from evidence_guides.build.corpus import LiveCorpus
from evidence_guides.build.report import clean_lines, store_lines
from evidence_guides.build.site_build import with_drafts
from evidence_guides.build.store_findings import edited_store_findings

if TYPE_CHECKING:
    from pathlib import Path

    from evidence_guides.audit.engine import PageAudit
    from evidence_guides.build.kept_build import KeptSiteBuild
    from evidence_guides.build.report import BuildReport, ReportLine
    from evidence_guides.findings import Finding
    from evidence_guides.store.entry import BibStore

IDLE_PAGES = 10  # pages per step of work that waits (some milliseconds: a request may wait)


@dataclass(frozen=True, slots=True)
class Settled:
    """A rebuild's outcome: the pages that show what changed, and the lines to print."""

    stale: frozenset[str]  # render these before serving them
    lines: list[ReportLine]


class LiveSite:
    """One site build through a preview session, changed page by page."""

    def __init__(self, site: KeptSiteBuild, report: BuildReport) -> None:
        self.site = site
        self.report = report
        self._before: dict[str, PageFacts] = {}  # the pages changed, as they were
        self._store_changed = False
        self._listings_changed = False  # an entry the listings show changed
        self._unsettled: list[str] = []  # pages audited against an older store
        self._unread: list[str] | None = None  # guides whose front-matter is still to read
        self._corpus: dict[str, list[tuple[Finding, bool]]] | None = None  # by path
        self._all: list[tuple[Finding, bool]] | None = None
        self._counts: tuple[int, int] | None = None
        self._shown: dict[str, frozenset[Finding]] = {}  # findings last printed, by path
        self._live_corpus = LiveCorpus()

    # --- what changed ------------------------------------------------------------------------

    def read_page(self, src_uri: str, file: Path, path: str) -> bool:
        """Read a page that was saved or added; whether its text changed.

        Raises what :meth:`SiteBuild.add_page` raises, the old page kept.
        """
        old = self.site.pages.get(src_uri)
        facts = self._facts(src_uri)
        state = self.site.add_page(src_uri, file, path)
        if old is not None and old.source_text == state.source_text:
            self.site.pages[src_uri] = old  # saved unchanged: keep what was made of it
            return False
        self._before.setdefault(src_uri, facts)
        self.site.forget(src_uri)
        return True

    def remove_page(self, src_uri: str) -> None:
        """A page deleted: the pages that showed it show it no more."""
        self._before.setdefault(src_uri, self._facts(src_uri))
        self.site.remove_page(src_uri)

    def replace_store(self, store: BibStore, changed: set[str] | None = None) -> set[str]:
        """Use the store as saved; the pages that cite an entry that changed, to render again.

        ``changed``: the keys and PMIDs of the entries that changed, when known.
        """
        if changed is None:
            changed = changed_entries(self.site.store, store)
        known = self.site.store_rule_findings()
        self.site.replace_store(store, edited_store_findings(known, store, self.site.settings))
        self._store_changed = True
        citing = cited_by(self.site.pages, changed) if changed else set()
        self._listings_changed = bool(citing)
        # A citation that did not resolve may resolve now, and the other way round.
        citing |= {src for src, state in self.site.pages.items() if _unresolved(state.audit)}
        for src_uri in citing:
            self._before.setdefault(src_uri, self._facts(src_uri))
            self.site.forget(src_uri)
        return citing

    # --- after the engine has converted the pages changed ---------------------------------------

    def settle(self, rendered: Iterable[str], audited: Iterable[str] = ()) -> Settled:
        """Audit the pages changed; the pages that show them; the lines to print.

        ``rendered``: pages the engine converted again; ``audited``: pages to
        audit now and render when next asked for (they cite a store entry that
        changed: their text did not). The lines are those pages' findings in
        full, findings that appeared on other pages because of them (a
        duplicate paragraph, a related guide now a draft), and the store's
        findings summed up.
        """
        done = [src for src in dict.fromkeys((*rendered, *audited)) if src in self.site.pages]
        stale = self._shown_by(set(done) | self._before.keys())
        self._before.clear()
        if self._store_changed:
            self._store_changed = False
            self._unsettled = [src for src in self.site.pages if src not in set(done)]
        for src_uri in done:
            self.site.page_audit(src_uri)
        self._forget_findings()
        lines = self._lines({self.site.pages[src].path for src in done})
        rendered = set(rendered)
        return Settled(frozenset((stale | set(done)) - rendered), lines)

    def idle(self) -> list[ReportLine] | None:
        """One step of the work a store change leaves: audit a few pages again.

        None when there is nothing left to do; else the lines to print, which
        are the findings that appeared once the last page is audited again.
        """
        if not self._unsettled:
            return self._warm()
        step, self._unsettled = self._unsettled[:IDLE_PAGES], self._unsettled[IDLE_PAGES:]
        for src_uri in step:
            state = self.site.pages.get(src_uri)
            if state is not None:
                state.audit = None
                self.site.page_audit(src_uri)
        self._forget_findings()
        if self._unsettled:
            return []
        return self._lines(set(), store=False)

    def _warm(self) -> list[ReportLine] | None:
        """Read a few guides' front-matter ahead, for the listings (the worker read it first)."""
        if self._unread is None:
            self._unread = [src for src, state in self.site.pages.items() if state.parsed is None]
        step, self._unread = self._unread[:IDLE_PAGES], self._unread[IDLE_PAGES:]
        for src_uri in step:
            state = self.site.pages.get(src_uri)
            if state is not None:
                self.site.parsed(state)
        return [] if step else None

    # --- findings, for the banner and the findings page ---------------------------------------

    def page_findings(self, src_uri: str) -> list[tuple[Finding, bool]]:
        """A page's findings as they stand, the corpus rules' included: (finding, draft)."""
        state = self.site.pages.get(src_uri)
        if state is None:
            return []
        own = [(finding, state.is_draft) for finding in self.site.page_audit(src_uri).findings]
        corpus = self._corpus_by_path().get(state.path, [])
        return sorted(own + corpus, key=lambda pair: _place(pair[0]))

    def findings(self) -> list[tuple[Finding, bool]]:
        """Every finding of the site as it stands: the pages' in page order, then the corpus's."""
        if self._all is None:
            pages = [
                (finding, state.is_draft)
                for src_uri, state in self.site.pages.items()
                for finding in self.site.page_audit(src_uri).findings
            ]
            corpus = [pair for found in self._corpus_by_path().values() for pair in found]
            self._all = pages + corpus
        return self._all

    def counts(self) -> tuple[int, int]:
        """The site's errors and warnings, outside drafts."""
        if self._counts is None:
            self._counts = counts(self.findings())
        return self._counts

    def _corpus_by_path(self) -> dict[str, list[tuple[Finding, bool]]]:
        if self._corpus is None:
            site = self.site
            audits = [site.page_audit(src_uri) for src_uri in site.pages]
            found = self._live_corpus.findings(
                audits, site.store, site.settings, site.store_rule_findings()
            )
            self._corpus = {}
            for finding, draft in with_drafts(site.pages, found):
                self._corpus.setdefault(finding.path, []).append((finding, draft))
        return self._corpus

    def _forget_findings(self) -> None:
        self._corpus = self._all = self._counts = None

    def build_lines(self) -> list[ReportLine]:
        """The first build's lines: every finding, the store's summed up."""
        findings = self.findings()
        self.site.close()  # the worker's work is done
        self._shown = _by_path(findings)
        return self.report.lines(findings, self.site.store.path)

    # --- the work -----------------------------------------------------------------------------

    def _facts(self, src_uri: str) -> PageFacts:
        state = self.site.pages.get(src_uri)
        parsed = self.site.parsed(state) if state is not None else None
        return page_facts(state, parsed)

    def _shown_by(self, changed: set[str]) -> set[str]:
        """The pages that show the changed pages: listings, related guides."""
        listings, self._listings_changed = self._listings_changed, False
        related = False
        slugs = []
        for src_uri in changed:
            before, after = self._before.get(src_uri), self._facts(src_uri)
            if before is None or before.listed_differently(after):
                listings = True
            if before is None or before.shown_differently(after):
                related = True
                slugs.append(slug_of(src_uri))
        stale: set[str] = set()
        if listings:
            self.site.forget_listings()
            stale |= {src for src, state in self.site.pages.items() if not state.is_guide}
        if related:
            stale |= mentioning(self.site.pages, slugs)
        return stale

    def _lines(self, rendered_paths: set[str], *, store: bool = True) -> list[ReportLine]:
        """Rendered pages' findings in full; new ones elsewhere; the store summed up."""
        findings = self.findings()
        now = _by_path(findings)
        store_path = self.site.store.path
        shown: list[tuple[Finding, bool]] = []
        for finding, draft in findings:
            path = finding.path
            if path == store_path:
                continue
            if path in rendered_paths or finding not in self._shown.get(path, frozenset()):
                shown.append((finding, draft))
        self._shown = now
        clean = sorted(rendered_paths - now.keys())
        lines = self.report.page_lines(shown) + clean_lines(clean)
        if store:
            lines += store_lines(finding for finding, _ in findings if finding.path == store_path)
        return lines


def _by_path(findings: list[tuple[Finding, bool]]) -> dict[str, frozenset[Finding]]:
    grouped: dict[str, set[Finding]] = {}
    for finding, _ in findings:
        grouped.setdefault(finding.path, set()).add(finding)
    return {path: frozenset(found) for path, found in grouped.items()}


def _unresolved(audit: PageAudit | None) -> bool:
    """Whether the page cited a source the store did not have, when it was last audited."""
    if audit is None:
        return False
    return any(finding.rule == rule_ids.UNRESOLVED_CITATION for finding in audit.findings)


def _place(finding: Finding) -> tuple[int, int, str]:
    return (finding.line, finding.column, finding.rule)
