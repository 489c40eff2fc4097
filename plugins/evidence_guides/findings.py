"""Findings: the one record every check in evidence-guides produces.

The core never logs or prints. It returns findings, and the caller (the MkDocs
plugin, the CLI) decides how to show them. Keeping them small, immutable and
sortable lets the same finding be a MkDocs warning, a line of terminal output,
a JSON object or a SARIF result without any check knowing which.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from evidence_guides.terminal import escape_controls

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed fix: the store entry meant, or replacement text."""

    text: str
    key: str | None = None
    pmid: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem at one place. ``line`` and ``column`` are 1-based."""

    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    suggestion: Suggestion | None = None

    def format(self) -> str:
        """``path:line:col: rule: message``, the form editors' tools jump to.

        One line, safe for a terminal: controls from the files are escaped.
        """
        text = f"{self.path}:{self.line}:{self.column}: {self.rule}: {self.message}"
        if self.suggestion is not None:
            text += f" ({self.suggestion.text})"
        return escape_controls(text)


def in_order(findings: Iterable[Finding]) -> list[Finding]:
    """Findings by path, line, column, rule and message: the order every report uses.

    Not ``sorted(findings)``: two findings at one place that differ only in their
    suggestion would compare a :class:`Suggestion` with None, which cannot be ordered.
    """
    return sorted(findings, key=_place)


def _place(finding: Finding) -> tuple[str, int, int, str, str]:
    return (finding.path, finding.line, finding.column, finding.rule, finding.message)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
