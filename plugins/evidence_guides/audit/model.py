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
from evidence_guides.limits import Limits

FailOn = Literal["error", "warning", "never"]
SeveritySetting = Literal["error", "warning", "off"]


class AuditInputError(Exception):
    """The audit cannot run (unreadable store, bad configuration); one-line message."""


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    severity: Severity  # the default
    summary: str  # one line, for --help, SARIF and the README
    # What the rule catches and how to fix it, in two or three sentences: SARIF's
    # fullDescription, which code-scanning services show beside a result.
    description: str

    @property
    def anchor(self) -> str:
        """The id of the rule's row in the README's rule table, which SARIF links to."""
        return f"rule-{self.id}"


RULES: Mapping[str, RuleInfo] = {
    rule.id: rule
    for rule in (
        RuleInfo(
            "unresolved-citation",
            "error",
            "A cited key or PMID is not in the store.",
            description="A citation such as [@key] or [PMID 123] names nothing in the reference"
            " store, so the page would show a broken reference. Fix the key's spelling (the"
            " suggestion names the closest key), or add the source with 'guides refs add PMID'.",
        ),
        RuleInfo(
            "malformed-citation",
            "error",
            "Something that looks like a citation but does not parse, such as '[@key p. 3]' or"
            " '(@key)'.",
            description="Text shaped like a citation that the citation syntax does not read,"
            " so the page would show it as written instead of linking a source. Write it in one"
            " of the citation forms: [@key], [@key, p. 3], [@a; @b] or [PMID 123].",
        ),
        RuleInfo(
            "vague-reference",
            "error",
            "A citation in prose without an identifier: '(n.d.)', author-year, a truncated title.",
            description="A source named only in prose, such as '(Smith, 2019)', '(n.d.)' or the"
            " start of a title, which a reader cannot look up for certain. Cite it by key or PMID"
            " ([@smith2019], [PMID 123]); the suggestion names the store entry it most likely"
            " means.",
        ),
        RuleInfo(
            "citation-mismatch",
            "error",
            "An author or year written beside a citation disagrees with its entry.",
            description="A narrative citation such as 'Smith et al. (2012) [@garber2011]' whose"
            " written author or year differs from the cited entry, so the text and the reference"
            " list disagree. Correct the author or year in the text, or cite the entry that was"
            " meant.",
        ),
        RuleInfo(
            "unsupported-claim",
            "warning",
            "'Studies show' and similar phrases in a sentence with no citation.",
            description="A phrase that appeals to evidence ('studies show', 'research suggests')"
            " in a sentence that cites nothing. Cite the studies meant in the same sentence, or"
            " reword the claim so it no longer leans on unnamed evidence.",
        ),
        RuleInfo(
            "bib-invalid-entry",
            "error",
            "A store entry without author, title, year or identifier, or a BibTeX syntax error.",
            description="A reference store entry that cannot be cited reliably: it lacks an"
            " author, title or year, has a malformed PMID or DOI, or the BibTeX around it does"
            " not parse. Complete or correct the entry at the reported line of the .bib file.",
        ),
        RuleInfo(
            "bib-duplicate",
            "error",
            "Two store entries share a key, a PMID or a DOI.",
            description="Two entries in the reference store have the same key, PMID or DOI, so"
            " a citation could mean either. Keep one entry, and cite its key wherever the other"
            " was cited.",
        ),
        RuleInfo(
            "unused-reference",
            "warning",
            "A store entry that no guide cites.",
            description="An entry in the reference store that no audited page cites; it only"
            " runs when every page is audited. Cite it where it supports the text, or remove it"
            " from the store.",
        ),
        RuleInfo(
            "reference-drift",
            "error",
            "An entry's title, first author, year or DOI differs from its PubMed record.",
            description="'guides refs verify' found that an entry's title, first author, year or"
            " DOI differs from the PubMed record of its PMID: a typo, or a PMID that belongs to"
            " another paper. Correct the field (the suggestion gives PubMed's value), or the"
            " PMID.",
        ),
        RuleInfo(
            "retracted-source",
            "error",
            "A citation of an entry marked retracted.",
            description="A page cites an entry marked 'retracted = {true}' in the store, or"
            " 'guides refs verify' found PubMed marking its PMID retracted. Stop citing it: find"
            " sound evidence for the claim, or remove the claim.",
        ),
        RuleInfo(
            "duplicate-paragraph",
            "warning",
            "The same paragraph twice, in one guide or across guides.",
            description="A paragraph of eight words or more that appears again, ignoring case"
            " and white space, in the same guide or another one; usually a copy-paste left"
            " behind. Remove the copy, or rewrite it for its own page.",
        ),
        RuleInfo(
            "mojibake",
            "error",
            "Text decoded with the wrong codec, such as 'Ã©' where 'é' was meant.",
            description="Characters such as 'Ã©' or 'â€™' that come from UTF-8 text decoded as"
            " another encoding, usually after a copy from another program. Replace them with the"
            " intended text, which the suggestion gives.",
        ),
        RuleInfo(
            "frontmatter-invalid",
            "error",
            "Guide front-matter that breaks the model, or a related guide that does not exist.",
            description="A guide's YAML front-matter is missing a required field, has a value"
            " of the wrong type or outside the allowed values, or links a related guide that"
            " does not exist. Fix the field named in the message; 'guides schema' prints the"
            " model for editors.",
        ),
        RuleInfo(
            "placeholder",
            "error",
            "A 'TODO:' placeholder left from 'guides new'.",
            description="A 'TODO:' that 'guides new' wrote into a new guide's skeleton and that"
            " is still there, in the front-matter or the text. Replace it with the real content"
            " before the guide is published.",
        ),
        RuleInfo(
            "bad-suppression",
            "error",
            "An 'audit: ignore' comment without a reason or naming an unknown rule.",
            description="An '<!-- audit: ignore[rule-id] reason -->' comment that gives no reason,"
            " names a rule that does not exist, or is not in that form; it silences nothing."
            " Name the rule exactly and say why the finding is wrong here.",
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
    limits: Limits = field(default_factory=Limits)  # what a page and the store may be

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
