"""``--format github``: one workflow command per finding, which GitHub Actions annotates.

GitHub reads these lines from a step's log and shows each as an annotation
on the file and line, so a pull request shows the finding where it is. The
escaping is GitHub's own (@actions/core's), or a "," or ":" in a path or
message would cut the command short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides.audit.reporters.base import Reporter, full_message
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from pathlib import Path

    from evidence_guides.audit.model import AuditReport
    from evidence_guides.findings import Finding


class GithubReporter(Reporter):
    """For GitHub Actions: one workflow command per finding, shown as an annotation.

    Non-blocking drafts' findings are notices, after all the others: GitHub keeps
    the first ten annotations of each kind per step and fifty per job, so the ones
    that fail the run come first, in the log as in the annotations.
    """

    name = "github"

    def render(self, report: AuditReport, root: Path, *, exit_code: int | None = None) -> str:
        # sorted() is stable: each group keeps the report's order of path, line, column.
        ordered = sorted(report.findings, key=lambda finding: not report.blocks(finding))
        return "".join(github_command(finding, report) + "\n" for finding in ordered)


def github_command(finding: Finding, report: AuditReport) -> str:
    """``::error file=...,line=...,col=...,title=rule::message``; a notice if it cannot block."""
    command = finding.severity if report.blocks(finding) else "notice"
    properties = ",".join(
        f"{name}={escape_property(escape_controls(str(value)))}"
        for name, value in (
            ("file", finding.path),
            ("line", finding.line),
            ("col", finding.column),
            ("title", finding.rule),
        )
    )
    message = escape_controls(full_message(finding, report), keep="\r\n")  # logs show ANSI
    return f"::{command} {properties}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape a workflow command's message, as @actions/core's escapeData does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value, as @actions/core's escapeProperty does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
