"""What the preview shows of the audit: a banner on each page, and a page of every finding.

An editor looks at the page, not at the terminal: each page of the preview
carries a banner with its own findings at their lines, and links to a page
listing every finding of the site. Both exist only in the preview (the
engine's adapter adds them when it serves, never when it builds the site);
their markup is the theme's (``partials/preview-banner.html``,
``preview-findings.html``), which reads the records made here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from evidence_guides.findings import Finding

FINDINGS_PAGE = "_preview/findings/"
"""Where the preview serves the page of every finding, from the site's root."""


@dataclass(frozen=True, slots=True)
class ShownFinding:
    """One finding as the preview shows it: place, rule, severity, message and fix."""

    path: str
    line: int
    column: int
    rule: str
    severity: str  # "error", "warning", or "draft" for a draft's (they never block)
    message: str
    fix: str | None

    @property
    def place(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class PreviewBanner:
    """``evidence_preview`` in templates: a page's findings, and the site's count."""

    path: str  # the page's file, as editors see it
    findings: tuple[ShownFinding, ...]
    findings_url: str  # the page of every finding, relative to this page
    site_errors: int
    site_warnings: int

    @property
    def signature(self) -> str:
        """Changes when the page's findings change: a banner hidden stays hidden until then."""
        text = "\n".join(f"{f.place} {f.rule} {f.message}" for f in self.findings)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """The findings of one file, or of one rule in the store, on the page of every finding."""

    title: str
    findings: tuple[ShownFinding, ...]
    summed_up: bool  # a store rule with many findings: shown folded


def shown(finding: Finding, draft: bool) -> ShownFinding:
    """A finding as the preview shows it; controls from the files escaped, as in the log."""
    suggestion = finding.suggestion.text if finding.suggestion is not None else None
    return ShownFinding(
        path=escape_controls(finding.path),
        line=finding.line,
        column=finding.column,
        rule=finding.rule,
        severity="draft" if draft else finding.severity,
        message=escape_controls(finding.message),
        fix=escape_controls(suggestion) if suggestion is not None else None,
    )


def page_banner(
    path: str,
    findings: Iterable[tuple[Finding, bool]],
    findings_url: str,
    site_counts: tuple[int, int],
) -> PreviewBanner:
    """The banner of the page at ``path``; ``site_counts``: the site's errors and warnings."""
    items = tuple(shown(finding, draft) for finding, draft in findings)
    return PreviewBanner(escape_controls(path), items, findings_url, *site_counts)


def counts(findings: Iterable[tuple[Finding, bool]]) -> tuple[int, int]:
    """Errors and warnings, outside drafts (a draft's findings never block)."""
    errors = warnings = 0
    for finding, draft in findings:
        if not draft:
            errors += finding.severity == "error"
            warnings += finding.severity == "warning"
    return errors, warnings


def finding_groups(
    findings: Iterable[tuple[Finding, bool]], store_path: str, *, fold_over: int = 3
) -> list[FindingGroup]:
    """Every finding by file, pages first; a store rule with more than ``fold_over``, folded."""
    pages: dict[str, list[ShownFinding]] = {}
    store: dict[str, list[ShownFinding]] = {}
    for finding, draft in findings:
        if finding.path == store_path:
            store.setdefault(finding.rule, []).append(shown(finding, draft))
        else:
            pages.setdefault(finding.path, []).append(shown(finding, draft))
    groups = [FindingGroup(escape_controls(path), tuple(f), False) for path, f in pages.items()]
    for rule, found in store.items():
        title = f"{escape_controls(store_path)}: {rule}"
        groups.append(FindingGroup(title, tuple(found), len(found) > fold_over))
    return groups
