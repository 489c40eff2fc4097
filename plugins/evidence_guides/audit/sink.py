"""The sink: where a check puts its findings, at the severity the project configured.

Checks never decide severities or print: they hand each finding to a sink,
which drops a rule that is "off" and stamps the configured severity on the
rest. One sink collects one file's findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from evidence_guides.findings import Finding

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.findings import Suggestion


@dataclass(slots=True)
class Sink:
    """Collects one file's findings at their configured severity; "off" drops them."""

    path: str
    settings: AuditSettings
    findings: list[Finding] = field(default_factory=list)

    def enabled(self, rule: str) -> bool:
        return self.settings.severity(rule) != "off"

    def add(
        self,
        rule: str,
        position: tuple[int, int],
        message: str,
        suggestion: Suggestion | None = None,
    ) -> None:
        severity = self.settings.severity(rule)
        if severity != "off":
            line, column = position
            self.findings.append(
                Finding(self.path, line, column, rule, severity, message, suggestion)
            )

    def reemit(self, finding: Finding) -> None:
        """Re-emit a finding made elsewhere (the store, the front-matter) at our severity."""
        severity = self.settings.severity(finding.rule)
        if severity != "off":
            self.findings.append(replace(finding, severity=severity))
