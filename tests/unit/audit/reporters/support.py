"""Hand-built audit reports and findings, shared by the tests of every format."""

from __future__ import annotations

from evidence_guides.audit.model import AuditReport, AuditSummary
from evidence_guides.findings import Finding, Suggestion

PLANK = """\
---
title: Plank
---

Hold it (Smith, 2019).
Studies show it works.
"""

VAGUE = Finding(
    "content/exercises/plank.md",
    5,
    10,
    "vague-reference",
    "error",
    "author-year reference '(Smith, 2019)' without an identifier",
    Suggestion("cite it as [@smith2019]", key="smith2019", pmid="123"),
)
CLAIM = Finding(
    "content/exercises/plank.md",
    6,
    1,
    "unsupported-claim",
    "warning",
    "'Studies show' without a citation",
)
UNUSED = Finding(
    "references/refs.bib", 40, 1, "unused-reference", "warning", "'garber2011' is not cited"
)


def report(
    *findings: Finding,
    drafts: frozenset[str] = frozenset(),
    included_drafts: frozenset[str] = frozenset(),
    files: int = 3,
) -> AuditReport:
    """``drafts`` do not block, as by default; ``included_drafts`` do, as with --include-drafts."""
    errors = sum(f.severity == "error" for f in findings)
    summary = AuditSummary(
        files=files, entries=7, citations=14, errors=errors, warnings=len(findings) - errors
    )
    return AuditReport(tuple(sorted(findings)), summary, drafts, drafts | included_drafts)
