"""What every part of the audit shares: the rule registry, settings and the report.

Rule IDs are stable: CI configurations, suppression comments and SARIF
consumers refer to them, so a rule is renamed never, only added or retired.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from evidence_guides.findings import Finding, Severity

FailOn = Literal["error", "warning", "never"]
SeveritySetting = Literal["error", "warning", "off"]


class AuditInputError(Exception):
    """The audit cannot run (unreadable store, bad configuration); one-line message."""


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    severity: Severity  # the default
    summary: str  # one line, for --help, SARIF and the README


RULES: Mapping[str, RuleInfo] = {
    rule.id: rule
    for rule in (
        RuleInfo("unresolved-citation", "error", "A cited key or PMID is not in the store."),
        RuleInfo(
            "vague-reference",
            "error",
            "A citation in prose without an identifier: '(n.d.)', author-year, a truncated title.",
        ),
        RuleInfo(
            "citation-mismatch",
            "error",
            "An author or year written beside a citation disagrees with its entry.",
        ),
        RuleInfo(
            "unsupported-claim",
            "warning",
            "'Studies show' and similar phrases in a sentence with no citation.",
        ),
        RuleInfo(
            "bib-invalid-entry",
            "error",
            "A store entry without author, title, year or identifier, or a BibTeX syntax error.",
        ),
        RuleInfo("bib-duplicate", "error", "Two store entries share a key, a PMID or a DOI."),
        RuleInfo("unused-reference", "warning", "A store entry that no guide cites."),
        RuleInfo(
            "reference-drift",
            "error",
            "An entry's title, first author, year or DOI differs from its PubMed record.",
        ),
        RuleInfo("retracted-source", "error", "A citation of an entry marked retracted."),
        RuleInfo(
            "duplicate-paragraph",
            "warning",
            "The same paragraph twice, in one guide or across guides.",
        ),
        RuleInfo(
            "mojibake",
            "error",
            "Text decoded with the wrong codec, such as 'Ã©' where 'é' was meant.",
        ),
        RuleInfo(
            "frontmatter-invalid",
            "error",
            "Guide front-matter that breaks the model, or a related guide that does not exist.",
        ),
        RuleInfo("placeholder", "error", "A 'TODO:' placeholder left from 'guides new'."),
        RuleInfo(
            "bad-suppression",
            "error",
            "An 'audit: ignore' comment without a reason or naming an unknown rule.",
        ),
        RuleInfo(
            "malformed-citation",
            "error",
            "Something that looks like a citation but does not parse, such as '[@key p. 3]' or"
            " '(@key)'.",
        ),
    )
}


@dataclass(frozen=True, slots=True)
class AuditSettings:
    """Where the project's files are and how strict to be; read from mkdocs.yml."""

    root: Path  # the folder of mkdocs.yml; findings' paths are relative to it
    docs_dir: Path
    bib: Path
    guides_dir: str = "exercises"  # inside docs_dir
    severities: Mapping[str, SeveritySetting] = field(default_factory=dict)  # overrides
    include_drafts: bool = False
    parallel: bool = True  # audit half the pages in a second process when a core is free

    def severity(self, rule: str) -> SeveritySetting:
        """The configured severity of ``rule``, or its default."""
        return self.severities.get(rule, RULES[rule].severity)

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

    def fails(self, fail_on: FailOn) -> bool:
        """Whether any blocking finding reaches ``fail_on``."""
        if fail_on == "never":
            return False
        levels = {"error"} if fail_on == "error" else {"error", "warning"}
        return any(
            finding.severity in levels and finding.path not in self.non_blocking_paths
            for finding in self.findings
        )
