"""What the editorial report shows, gathered: the audit's findings, and each guide's trust data.

Editors decide what to fix and re-review first from one page, so for every
guide it gathers its findings by rule, its review date and age, its author
and reviewer and the mix of study designs among its sources. The findings
are those of :func:`~evidence_guides.audit.engine.audit_project`, the audit
``guides audit`` runs, unchanged: the report's counts are the audit's. Guides
are ordered worst first: the most errors, then warnings, then a stale review,
then the oldest review.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evidence_guides.audit.engine import audit_project
from evidence_guides.audit.model import AuditInputError
from evidence_guides.audit.project_pages import is_page
from evidence_guides.audit.rules.people import project_people
from evidence_guides.audit.rules.review import is_stale, months_between
from evidence_guides.files.source import SourceError, read_source, resolved
from evidence_guides.guide.evidence import EvidenceMix, evidence_mix
from evidence_guides.guide.frontmatter.model import ParsedGuide, parse_guide
from evidence_guides.guide.numbering import PageCitations
from evidence_guides.store.designs import entry_evidence
from evidence_guides.store.load import BibLoadError, load_bib

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditReport, AuditSettings
    from evidence_guides.findings import Finding
    from evidence_guides.guide.people import People
    from evidence_guides.store.entry import BibStore


@dataclass(frozen=True, slots=True)
class GuideRow:
    """One guide as the report shows it."""

    path: str  # as the audit names it, relative to mkdocs.yml
    title: str
    draft: bool
    last_reviewed: datetime.date | None  # None when its front-matter cannot be read
    age_months: int | None
    stale: bool
    author: str | None  # the name a byline shows
    reviewer: str | None  # "NAME, CREDENTIALS"
    evidence: EvidenceMix
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        return sum(finding.severity == "error" for finding in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def by_rule(self) -> list[tuple[str, str, int]]:
        """(rule, severity, findings) of each rule with findings here, errors first."""
        return count_by_rule(self.findings)


@dataclass(frozen=True, slots=True)
class EditorialReport:
    """The audit's report, and every guide's row, worst first."""

    audit: AuditReport  # exactly what ``guides audit`` reports
    guides: tuple[GuideRow, ...]
    other_files: tuple[tuple[str, tuple[Finding, ...]], ...]  # the store, the people file, pages
    today: datetime.date
    stale_review_months: int

    def by_rule(self) -> list[tuple[str, str, int]]:
        """Every finding of the audit counted by rule, errors first."""
        return count_by_rule(self.audit.findings)


def editorial_report(settings: AuditSettings) -> EditorialReport:
    """Audit the project as ``guides audit`` does and gather every guide's row.

    Raises :class:`~evidence_guides.audit.model.AuditInputError` as the audit does.
    """
    audit = audit_project(settings)
    by_path: dict[str, list[Finding]] = {}
    for finding in audit.findings:
        by_path.setdefault(finding.path, []).append(finding)
    store = _store(settings)
    people = project_people(settings)
    rows = []
    for file, shown in _guide_files(settings):
        try:
            text = read_source(file, shown, settings.limits.page)
        except SourceError:
            text = ""  # the audit reported it
        findings = tuple(by_path.pop(shown, ()))
        rows.append(_row(parse_guide(text, shown), shown, findings, store, people, settings))
    rows.sort(key=_worst_first)
    other = tuple((path, tuple(findings)) for path, findings in sorted(by_path.items()))
    return EditorialReport(audit, tuple(rows), other, settings.day, settings.stale_review_months)


def _row(
    parsed: ParsedGuide,
    shown: str,
    findings: tuple[Finding, ...],
    store: BibStore,
    people: People,
    settings: AuditSettings,
) -> GuideRow:
    guide = parsed.guide
    title = parsed.meta.get("title")
    reviewed = guide.last_reviewed if guide is not None else None
    reviewer = people.get(guide.reviewed_by) if guide is not None else None
    author = people.get(guide.author) if guide is not None else None
    return GuideRow(
        path=shown,
        title=title if isinstance(title, str) and title.strip() else Path(shown).stem,
        draft=parsed.meta.get("draft") is True,
        last_reviewed=reviewed,
        age_months=months_between(reviewed, settings.day) if reviewed else None,
        stale=reviewed is not None and is_stale(reviewed, settings),
        author=author.name if author else None,
        reviewer=", ".join(filter(None, (reviewer.name, reviewer.credentials)))
        if reviewer
        else None,
        evidence=_evidence(parsed, store),
        findings=findings,
    )


def _evidence(parsed: ParsedGuide, store: BibStore) -> EvidenceMix:
    """The study designs of the sources the guide cites (each once), as its page lists them."""
    citations = PageCitations(store)
    citations.number(parsed.source.body)
    for field in parsed.text_fields:
        citations.number(field.value)
    return evidence_mix(entry_evidence(entry) for entry in citations.entries)


def _worst_first(row: GuideRow) -> tuple[int, int, int, int, str]:
    return (-row.errors, -row.warnings, -row.stale, -(row.age_months or 0), row.path)


def count_by_rule(findings: tuple[Finding, ...]) -> list[tuple[str, str, int]]:
    """(rule, severity, findings) of each rule with findings, errors first, then the most."""
    counts = Counter((finding.rule, finding.severity) for finding in findings)
    return sorted(
        ((rule, severity, count) for (rule, severity), count in counts.items()),
        key=lambda item: (item[1] != "error", -item[2], item[0]),
    )


def _guide_files(settings: AuditSettings) -> list[tuple[Path, str]]:
    """Each guide file (as the audit finds them) and its path as the audit names it."""
    docs = resolved(settings.docs_dir)
    folder = docs / settings.guides_dir
    root = resolved(settings.root)
    found = []
    for file in sorted(folder.glob("*")):
        if file.name == "index.md" or file.is_dir() or not is_page(file, docs):
            continue
        try:
            shown = file.relative_to(root).as_posix()
        except ValueError:
            shown = file.as_posix()
        found.append((file, shown))
    return found


def _store(settings: AuditSettings) -> BibStore:
    try:
        return load_bib(
            settings.bib, settings.bib.name, cache_dir=settings.cache_dir, limits=settings.limits
        )
    except BibLoadError as error:  # the audit has already read it: this is rare
        raise AuditInputError(str(error)) from None
