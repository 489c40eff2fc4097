"""Running the audit: one page, the corpus, a whole project.

:func:`audit_page` runs every rule that needs only one page (and the store);
:func:`audit_corpus` runs the rules that compare pages or read the store
itself. :func:`audit_project` reads mkdocs.yml's pages and the store once and
runs both, for the CLI; the MkDocs plugin calls the two halves with the pages
it has already read.

A page's body and each of its front-matter text fields is one segment, masked
and scanned once; every rule reads that shared result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evidence_guides import rule_ids, workers
from evidence_guides.audit import registry
from evidence_guides.audit.context import CorpusContext, PageContext, SegmentContext
from evidence_guides.audit.days import EVERY_DAY, Days
from evidence_guides.audit.model import AuditInputError, AuditReport, AuditSummary
from evidence_guides.audit.project_pages import (
    display_path,
    is_guide_file,
    pages_to_audit,
    resolved_folder,
)
from evidence_guides.audit.prose import read_prose
from evidence_guides.audit.rules.duplicates import paragraphs
from evidence_guides.audit.sink import Sink
from evidence_guides.audit.suppress import Suppression, read_suppressions
from evidence_guides.files.limits import page_refusal
from evidence_guides.files.source import SourceDecodeError, SourceError, read_source, resolved
from evidence_guides.findings import in_order
from evidence_guides.guide.frontmatter.model import parse_guide
from evidence_guides.store.load import BibLoadError, load_bib
from evidence_guides.store.name_index import entry_index
from evidence_guides.text.front_matter import split_front_matter
from evidence_guides.text.segments import JoinedFields, body_segment, guide_segments

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.audit.rules.broken_links import GuideLink
    from evidence_guides.audit.rules.guide import RelatedTarget
    from evidence_guides.audit.rules.review import ReviewRead
    from evidence_guides.findings import Finding
    from evidence_guides.guide.frontmatter.model import ParsedGuide
    from evidence_guides.store.answers import Lookup, RecordedReads
    from evidence_guides.store.entry import BibStore
    from evidence_guides.text.segments import Segment

# The audit's work on a page already read (with its front-matter), against a page to read.
_READ_PAGE_COST = 0.65


@dataclass(frozen=True, slots=True)
class PageInput:
    """One page as read from disk, with its body already split off."""

    path: str  # display path relative to the project root, e.g. "content/exercises/x.md"
    source_text: str  # the whole file (UTF-8, universal newlines: sourcefile.decode_source)
    body: str  # the Markdown body, after the front-matter
    body_offset: int  # where the body starts in source_text
    is_guide: bool
    parsed: ParsedGuide | None = None  # parse_guide's result; computed for guides if None


@dataclass(frozen=True, slots=True)
class PageAudit:
    """One page's findings, and what the corpus rules need to know about it."""

    path: str
    findings: tuple[Finding, ...]  # suppressions applied
    cited_keys: frozenset[str]  # store keys the page cites (resolved)
    citations: int  # sources cited on the page
    paragraphs: tuple[tuple[bytes, int, int], ...]  # (digest of the text, line, column), in order
    is_draft: bool
    suppressions: tuple[Suppression, ...] = ()  # for duplicate-paragraph, found later
    related: tuple[RelatedTarget, ...] = ()  # a guide's related slugs, where they are written
    guide_links: tuple[GuideLink, ...] = ()  # links to guides, where they are written
    days: Days = EVERY_DAY  # the days on which these findings hold (a kept audit is taken back)
    review: ReviewRead | None = None  # what the one check on the clock read (rules/review.py)
    store_reads: tuple[Lookup, ...] = ()  # what it asked of the store, when recorded
    files_read: tuple[str, ...] = ()  # files and folders of the docs folder it looked for
    files_digest: str = ""  # what they were, set by the page cache when it keeps the audit

    def suppresses(self, rule: str, line: int) -> bool:
        """Whether a suppression comment on this page silences ``rule`` on ``line``."""
        return any(suppression.covers(rule, line) for suppression in self.suppressions)


def audit_page(
    page: PageInput, store: BibStore, settings: AuditSettings, reads: RecordedReads | None = None
) -> PageAudit:
    """Run the per-page rules on one page: the registry's segment and page checks.

    With ``reads`` (a view of ``store``), every question the checks ask of the
    store is recorded, and kept with the audit: a build after a store change
    takes the audit back if the new store answers them the same
    (:mod:`evidence_guides.store.answers`).
    """
    sink = Sink(page.path, settings)
    parsed = page.parsed
    if parsed is None and page.is_guide:
        parsed = parse_guide(page.source_text, page.path)
    if parsed is not None:
        for finding in parsed.findings:
            sink.reemit(finding)
    body = body_segment(page.source_text, page.body, page.body_offset)
    segments = _segments(body, parsed, page.source_text)
    index = entry_index(store) if reads is None else reads
    texts = (page.path, page.source_text, page.body_offset, body, parsed)
    context = PageContext(*texts, store if reads is None else reads, index, settings)
    compare = settings.severity(rule_ids.DUPLICATE_PARAGRAPH) != "off"
    found_paragraphs: list[tuple[bytes, int, int]] = []
    segment_checks = registry.checks("segment", settings)
    for segment in segments:
        prose = read_prose(segment)
        if segment is body:
            context.body_masked = prose.masked
        segment_context = SegmentContext(context, prose)
        for check in segment_checks:
            check(segment_context, sink)
        if compare:
            found_paragraphs.extend(paragraphs(prose))
    for check in registry.checks("page", settings):
        check(context, sink)

    suppressions = read_suppressions(body, sink)
    findings = [
        finding
        for finding in sink.findings
        if not any(suppression.covers(finding.rule, finding.line) for suppression in suppressions)
    ]
    return PageAudit(
        path=page.path,
        findings=tuple(in_order(findings)),
        cited_keys=frozenset(context.cited),
        citations=context.citations,
        paragraphs=tuple(sorted(found_paragraphs, key=lambda p: (p[1], p[2]))),
        is_draft=parsed is not None and parsed.meta.get("draft") is True,
        suppressions=suppressions,
        related=context.related,
        guide_links=tuple(context.guide_links),
        days=context.days,
        review=context.review,
        store_reads=() if reads is None else reads.lookups,
        files_read=tuple(sorted(context.files_read)),
    )


def _segments(
    body: Segment, parsed: ParsedGuide | None, source: str
) -> list[Segment | JoinedFields]:
    """The page's prose segments: its body, and a guide's front-matter text fields joined."""
    segments: list[Segment | JoinedFields] = [body]
    if parsed is not None and (fields := tuple(guide_segments(parsed, source).values())):
        segments.append(JoinedFields.of(fields))
    return segments


def audit_corpus(
    pages: Sequence[PageAudit],
    store: BibStore,
    settings: AuditSettings,
    *,
    whole_project: bool,
    store_rules: bool = True,
    store_findings_found: list[Finding] | None = None,
) -> list[Finding]:
    """The rules across pages and on the store.

    ``duplicate-paragraph`` over ``pages`` in their order, ``related`` links to
    drafts, ``unused-reference`` when ``pages`` are the whole project, and the
    store's own rules unless ``store_rules`` is false (``store_findings_found``
    when they were already worked out).
    """
    corpus = CorpusContext(pages, store, settings, whole_project)
    findings = [f for check in registry.checks("corpus", settings) for f in check(corpus)]
    if store_rules:
        found = store_findings_found
        findings.extend(found if found is not None else store_checks(store, settings))
    return in_order(findings)


def audit_project(
    settings: AuditSettings, paths: Sequence[Path] | None = None, *, store_rules: bool = True
) -> AuditReport:
    """Audit the project's pages (or ``paths``, files or folders under docs_dir).

    ``store_rules=False`` leaves out the store's own rules, for a store known
    unchanged. Raises :class:`AuditInputError` when the store cannot be read or
    a path is not a page of the project.
    """
    files, whole_project = pages_to_audit(settings, paths)
    docs = resolved(settings.docs_dir)
    pages: list[Path | PageInput | PageAudit] = list(files)
    store, found_in_store = _load_store_reading_pages(settings, pages, docs)

    def audit_one(page: Path | PageInput | PageAudit) -> tuple[PageAudit, bool]:
        if isinstance(page, Path):
            page = _read_page(page, docs, settings)
        if isinstance(page, PageAudit):  # not UTF-8
            return page, False
        return audit_page(page, store, settings), True

    if settings.parallel:  # half the work in a second process, when a core is free
        costs = [1.0 if isinstance(page, Path) else _READ_PAGE_COST for page in pages]
        results = workers.split_map(audit_one, pages, costs)
    else:
        results = [audit_one(page) for page in pages]
    audits = [audit for audit, _ in results]
    readable = all(decoded for _, decoded in results)
    # Citations on an unreadable page are unknown: whether an entry is unused is too.
    corpus = audit_corpus(
        audits,
        store,
        settings,
        whole_project=whole_project and readable,
        store_rules=store_rules or whole_project,
        store_findings_found=found_in_store,
    )
    findings = [finding for audit in audits for finding in audit.findings]
    findings.extend(corpus)
    drafts = frozenset(audit.path for audit in audits if audit.is_draft)
    return _report(
        findings,
        files=len(audits),
        entries=len(store.entries),
        citations=sum(audit.citations for audit in audits),
        non_blocking=frozenset() if settings.include_drafts else drafts,
        drafts=drafts,
    )


def check_references(settings: AuditSettings, bib: Path | None = None) -> AuditReport:
    """The store rules only, for ``settings.bib`` or ``bib`` (relative to the cwd)."""
    store = _load_store(bib if bib is not None else settings.bib, settings)
    findings = store_checks(store, settings)
    return _report(findings, files=1, entries=len(store.entries), citations=0)


def store_checks(store: BibStore, settings: AuditSettings) -> list[Finding]:
    """The findings of the registry's store checks: the store's own rules."""
    return [f for check in registry.checks("store", settings) for f in check(store, settings)]


def _report(
    findings: list[Finding],
    *,
    files: int,
    entries: int,
    citations: int,
    non_blocking: frozenset[str] = frozenset(),
    drafts: frozenset[str] = frozenset(),
) -> AuditReport:
    findings[:] = in_order(findings)
    errors = sum(finding.severity == "error" for finding in findings)
    summary = AuditSummary(
        files=files,
        entries=entries,
        citations=citations,
        errors=errors,
        warnings=len(findings) - errors,
    )
    return AuditReport(tuple(findings), summary, non_blocking, drafts)


def _load_store_reading_pages(
    settings: AuditSettings, pages: list[Path | PageInput | PageAudit], docs: Path
) -> tuple[BibStore, list[Finding] | None]:
    """The store and its own findings; while a child works them out, this reads pages.

    Parsing a large store takes seconds on one core, and the page work does
    not need it until its citations are checked: reading a page and its
    front-matter (from the last) can go on meanwhile. The child leaves the
    parsed store in the project's cache, where this process then finds it (a
    store already cached is read back by both in a blink), and sends the
    store rules' findings. Pages read here replace their paths in ``pages``.
    Without a second core, or for a few pages, it just loads the store.
    """
    if not (settings.parallel and len(pages) >= workers.MINIMUM and workers.available()):
        return _load_store(settings.bib, settings), None

    def parse(_: int) -> list[Finding]:
        return store_checks(_load_store(settings.bib, settings), settings)

    parsing = workers.Ahead(parse, [0])
    try:
        index = len(pages)
        while index and not parsing.ready(0):
            index -= 1
            path = pages[index]
            assert isinstance(path, Path)
            pages[index] = _read_page(path, docs, settings)
        found = parsing.get(0)  # a store that cannot be read raises here, as it would alone
    finally:
        parsing.close()
    return _load_store(settings.bib, settings), found


def _load_store(file: Path, settings: AuditSettings) -> BibStore:
    target = resolved(file)
    shown = _store_name(file, target, settings)
    try:
        return load_bib(target, shown, cache_dir=settings.cache_dir, limits=settings.limits)
    except BibLoadError as error:
        raise AuditInputError(str(error)) from None


def _store_name(file: Path, target: Path, settings: AuditSettings) -> str:
    """The store as editors see it: a link inside the project keeps its own name."""
    root = resolved_folder(settings.root)
    for candidate in (file.absolute(), target):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return target.as_posix()


def _read_page(file: Path, docs: Path, settings: AuditSettings) -> PageInput | PageAudit:
    """A page and a guide's front-matter read; the audit of a page that is not UTF-8."""
    path = display_path(file, settings)
    try:
        text = read_source(file, path, settings.limits.page)
    except SourceDecodeError as error:
        return _undecodable(error, settings)
    except SourceError as error:
        raise AuditInputError(str(error)) from None
    refusal = page_refusal(text, settings.limits)
    if refusal is not None:
        line, column, message = refusal
        raise AuditInputError(f"{path}:{line}:{column}: {message}")
    is_guide = is_guide_file(file, docs, settings)
    parsed = parse_guide(text, path) if is_guide else None
    source = parsed.source if parsed is not None else split_front_matter(text)
    return PageInput(path, text, source.body, source.body_offset, is_guide, parsed)


def _undecodable(error: SourceDecodeError, settings: AuditSettings) -> PageAudit:
    """A page that is not UTF-8: one ``mojibake`` finding at the first bad byte, only."""
    sink = Sink(error.path, settings)
    sink.add(rule_ids.MOJIBAKE, (error.line, error.column), error.reason)
    return PageAudit(error.path, tuple(sink.findings), frozenset(), 0, (), False)
