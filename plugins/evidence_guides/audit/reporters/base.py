"""What every reporter shares: the interface the CLI calls, and what it decides about colour.

The CLI holds a format's name and a stream; it needs neither to know which
class renders the format nor how. So every reporter is built and called the
same way, ``Reporter(color=...).render(report, root, exit_code=...) -> str``,
as flake8's formatters are. Findings' paths are relative to ``root``, the
folder of mkdocs.yml.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from pathlib import Path

    from evidence_guides.audit.model import AuditReport
    from evidence_guides.findings import Finding


def use_color(stream: IO[str], environ: Mapping[str, str] = os.environ) -> bool:
    """Colour only for a terminal, and only when ``NO_COLOR`` is unset or empty.

    An empty ``NO_COLOR`` counts as unset, as https://no-color.org asks.
    """
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not environ.get("NO_COLOR")


class Reporter:
    """Renders an ``AuditReport`` as the text of one output format."""

    name: ClassVar[str]

    def __init__(self, *, color: bool = False) -> None:
        self.color = color  # only the text format has colour; the others ignore it

    def render(self, report: AuditReport, root: Path, *, exit_code: int | None = None) -> str:
        """The whole output for ``report``; ``root`` is the folder findings are relative to.

        ``exit_code`` is the status the command will exit with, when the caller knows it:
        only SARIF records it (a run's ``invocations``); the others ignore it.
        """
        raise NotImplementedError


def full_message(finding: Finding, report: AuditReport) -> str:
    """The message with the suggestion and the draft mark, for one-line formats."""
    text = finding.message
    if finding.suggestion is not None:
        text += f" — {finding.suggestion.text}"
    if not report.blocks(finding):
        text += " (draft)"
    return text
