"""What every part of the audit shares: its settings, its report and its one error.

The rules themselves are in :mod:`evidence_guides.audit.registry`; their ids in
:mod:`evidence_guides.rule_ids`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from evidence_guides.audit.registry import RULES
from evidence_guides.files.limits import Limits
from evidence_guides.findings import Finding
from evidence_guides.guide.call_to_action import CallToAction
from evidence_guides.guide.muscles import EMPTY, MuscleVocabulary
from evidence_guides.options import DEFAULTS

FailOn = Literal["error", "warning", "never"]
SeveritySetting = Literal["error", "warning", "off"]


class AuditInputError(Exception):
    """The audit cannot run (unreadable store, bad configuration); one-line message."""


@dataclass(frozen=True, slots=True)
class AuditSettings:
    """Where the project's files are and how strict to be; read from mkdocs.yml."""

    root: Path  # the folder of mkdocs.yml; findings' paths are relative to it
    docs_dir: Path
    bib: Path
    guides_dir: str = DEFAULTS.guides_dir  # inside docs_dir
    severities: Mapping[str, SeveritySetting] = field(default_factory=dict)  # overrides
    include_drafts: bool = False
    parallel: bool = (
        DEFAULTS.parallel
    )  # audit half the pages in a second process when a core is free
    limits: Limits = field(default_factory=Limits)  # what a page and the store may be
    # Issue 17: the people file, how old a review may be, the audit's clock, the call to action.
    people: Path | None = None  # the people file; None: DEFAULTS.people beside mkdocs.yml
    stale_review_months: int = DEFAULTS.stale_review_months
    today: datetime.date | None = None  # the day ages are counted to; None: the day it runs
    call_to_action: CallToAction | None = None
    muscles: MuscleVocabulary = EMPTY  # the muscle vocabulary (empty: names are not checked)

    @property
    def day(self) -> datetime.date:
        """The day review ages are counted to: ``today``, or the day it runs."""
        return self.today or datetime.date.today()

    def severity(self, rule: str) -> SeveritySetting:
        """The configured severity of ``rule``, or its default."""
        return self.severities.get(rule, RULES[rule].severity)

    @property
    def people_file(self) -> Path:
        """The people file: the ``people`` option, relative to mkdocs.yml's folder."""
        return self.people if self.people is not None else self.root / DEFAULTS.people

    @property
    def cache_dir(self) -> Path:
        """The project's cache (``.cache/`` beside mkdocs.yml): parsed stores, PubMed records."""
        return self.root / ".cache"


@dataclass(frozen=True, slots=True)
class AuditSummary:
    files: int
    entries: int
    citations: int
    errors: int
    warnings: int


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The findings of one audit run, sorted by path, line and column."""

    findings: tuple[Finding, ...]
    summary: AuditSummary
    # Drafts' findings are reported but do not fail the run (unless --include-drafts).
    non_blocking_paths: frozenset[str] = frozenset()
    # Every audited draft, also with --include-drafts (when none is non-blocking), so the
    # machine formats can say which findings are in a draft whether or not they block.
    draft_paths: frozenset[str] = frozenset()

    def blocks(self, finding: Finding) -> bool:
        """Whether ``finding`` can fail the run: it is not in a non-blocking draft."""
        return finding.path not in self.non_blocking_paths

    def in_draft(self, finding: Finding) -> bool:
        """Whether ``finding`` is in a draft guide; a non-blocking path is always a draft."""
        return finding.path in self.draft_paths or not self.blocks(finding)

    def fails(self, fail_on: FailOn) -> bool:
        """Whether any blocking finding reaches ``fail_on``."""
        if fail_on == "never":
            return False
        levels = {"error"} if fail_on == "error" else {"error", "warning"}
        return any(finding.severity in levels and self.blocks(finding) for finding in self.findings)
