"""The rules across pages, between saves: ``duplicate-paragraph`` from an index kept up to date.

``duplicate-paragraph`` compares every paragraph of every page with every
other: at 5,000 guides, 150,000 paragraphs, most of a second for each save.
But a paragraph that no other place has cannot give a finding, nor be the
first of those that do; so :class:`LiveCorpus` keeps, page by page, how
often each paragraph occurs, and runs the rule (the audit's own
:func:`~evidence_guides.audit.rules.duplicates.duplicate_findings`) over the
few pages that share one, in their order. The findings are those of the
whole corpus (tested). The other corpus rules run as they are.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.engine import audit_corpus
from evidence_guides.audit.rules.duplicates import duplicate_findings
from evidence_guides.findings import in_order

if TYPE_CHECKING:
    from evidence_guides.audit.engine import PageAudit
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.findings import Finding
    from evidence_guides.store.entry import BibStore


class LiveCorpus:
    """How often each paragraph occurs in the site, kept as pages are audited again."""

    def __init__(self) -> None:
        self._occurrences: Counter[bytes] = Counter()
        self._pages_with: dict[bytes, Counter[str]] = {}
        self._indexed: dict[str, tuple[tuple[bytes, int, int], ...]] = {}  # path: its paragraphs

    def findings(
        self,
        audits: Sequence[PageAudit],
        store: BibStore,
        settings: AuditSettings,
        store_findings: list[Finding] | None,
    ) -> list[Finding]:
        """The corpus rules' findings over ``audits`` (every page, in site order)."""
        self._index(audits)
        others = dataclasses.replace(
            settings, severities={**settings.severities, rule_ids.DUPLICATE_PARAGRAPH: "off"}
        )
        found = audit_corpus(
            audits, store, others, whole_project=True, store_findings_found=store_findings
        )
        sharing = {
            path
            for paragraph, count in self._occurrences.items()
            if count > 1
            for path in self._pages_with[paragraph]
        }
        found += duplicate_findings([audit for audit in audits if audit.path in sharing], settings)
        return in_order(found)

    def _index(self, audits: Sequence[PageAudit]) -> None:
        """Count the paragraphs of the pages audited since, and forget those of pages gone."""
        paths = set()
        for audit in audits:
            paths.add(audit.path)
            if self._indexed.get(audit.path) is not audit.paragraphs:
                self._forget(audit.path)
                self._indexed[audit.path] = audit.paragraphs
                for paragraph, _, _ in audit.paragraphs:
                    self._occurrences[paragraph] += 1
                    self._pages_with.setdefault(paragraph, Counter())[audit.path] += 1
        for gone in self._indexed.keys() - paths:
            self._forget(gone)
            del self._indexed[gone]

    def _forget(self, path: str) -> None:
        for paragraph, _, _ in self._indexed.get(path, ()):
            self._occurrences[paragraph] -= 1
            if not self._occurrences[paragraph]:
                del self._occurrences[paragraph]
                del self._pages_with[paragraph]
                continue
            pages = self._pages_with[paragraph]
            pages[path] -= 1
            if not pages[path]:
                del pages[path]
