"""``--format text``: the report for people, at a terminal or in a log.

People read a finding beside the line it is about, so each is shown under its
file with the source line and a caret at the column, and the run ends with a
one-line summary. Paths, messages and excerpts are text from files: what a
terminal would obey in them (escape sequences, bidirectional controls) is
shown escaped, and a long line is cut to a window around the column.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from evidence_guides.audit.reporters.base import Reporter
from evidence_guides.files.limits import Limits
from evidence_guides.files.source import SourceError, read_source
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from pathlib import Path

    from evidence_guides.audit.model import AuditReport
    from evidence_guides.findings import Finding

_EXCERPT_WIDTH = 100  # characters of a long line shown around the column
_EXCERPT_BEFORE = 40
_TAB_SIZE = 4


class TextReporter(Reporter):
    """For people: findings grouped by file, each with its source line and a caret.

    Paths, messages, suggestions and excerpts are text from files: controls in
    them are shown escaped (``\\x1b``), never sent to the terminal.
    """

    name = "text"

    def render(self, report: AuditReport, root: Path, *, exit_code: int | None = None) -> str:
        style = Style(self.color)
        findings = report.findings
        place_width = max((len(_place(f)) for f in findings), default=0)
        rule_width = max((len(f.rule) for f in findings), default=0)
        blocks: list[str] = []
        for path, group in _by_path(findings).items():
            lines = source_lines(root / path)
            block = [style.path(escape_controls(path))]
            for finding in group:
                place = _place(finding).rjust(place_width)
                severity = style.severity(finding.severity, finding.severity.ljust(7))
                rule = style.dim(finding.rule.ljust(rule_width))
                message = escape_controls(_one_line(finding.message))
                if not report.blocks(finding):
                    message += " " + style.dim("(draft)")
                block.append(f"  {place}  {severity}  {rule}  {message}")
                if finding.suggestion is not None:
                    suggestion = escape_controls(_one_line(finding.suggestion.text))
                    block.append(f"    {style.suggestion('suggestion:')} {suggestion}")
                shown = excerpt(lines, finding.line, finding.column)
                if shown is not None:
                    source, caret = shown
                    block.append(f"    {source}")
                    block.append(f"    {caret}" + style.severity(finding.severity, "^"))
            blocks.append("\n".join(block))
        blocks.append(style.summary(summary_line(report), report))
        return "\n\n".join(blocks) + "\n"


def _by_path(findings: tuple[Finding, ...]) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.path, []).append(finding)
    return groups


def _place(finding: Finding) -> str:
    return f"{finding.line}:{finding.column}"


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def source_lines(path: Path) -> list[str] | None:
    """The file's lines as the audit numbered them, or None if it cannot be read.

    The audit refused a page over the limits; the store's limit bounds any file here.
    """
    try:
        return read_source(path, str(path), Limits().store).split("\n")
    except SourceError:
        return None


def excerpt(lines: list[str] | None, line: int, column: int) -> tuple[str, str] | None:
    """The source line (a window of it, if long) and the padding that puts a caret under it.

    The window is cut before anything else: a line of a megabyte with a
    thousand findings on it is shown a hundred characters at a time.
    """
    if lines is None or not 1 <= line <= len(lines):
        return None
    text = lines[line - 1].rstrip()
    if not text.strip() or not 1 <= column <= len(text) + 1:
        return None
    offset = column - 1
    start, end = 0, len(text)
    if len(text) > _EXCERPT_WIDTH:
        start = max(0, min(offset - _EXCERPT_BEFORE, len(text) - _EXCERPT_WIDTH))
        end = start + _EXCERPT_WIDTH
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    before = (prefix + _visible(text[start:offset])).expandtabs(_TAB_SIZE)
    shown = prefix + _visible(text[start:offset]) + _visible(text[offset:end]) + suffix
    return shown.expandtabs(_TAB_SIZE), " " * width(before)


def _visible(text: str) -> str:
    """Controls escaped (they would move the cursor or colour the terminal); tabs kept."""
    return escape_controls(text, keep="\t")


def width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    columns = 0
    for character in text:
        if unicodedata.combining(character):
            continue
        columns += 2 if unicodedata.east_asian_width(character) in "WF" else 1
    return columns


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def summary_line(report: AuditReport) -> str:
    """The last line: how many errors and warnings in how much, and how many are in drafts."""
    summary = report.summary
    scope = (
        f"in {_count(summary.files, 'file')} "
        f"({_count(summary.citations, 'citation')}, {_count(summary.entries, 'reference')})"
    )
    problems = [
        _count(number, noun)
        for number, noun in ((summary.errors, "error"), (summary.warnings, "warning"))
        if number
    ]
    if not problems:
        return f"No problems {scope}."
    line = f"{', '.join(problems)} {scope}."
    in_drafts = sum(not report.blocks(f) for f in report.findings)
    if in_drafts:
        line += f" {in_drafts} in drafts, which do not fail the run."
    return line


class Style:
    """ANSI SGR codes, or nothing when colour is off."""

    _CODES: ClassVar[Mapping[str, str]] = {
        "bold": "1",
        "dim": "2",
        "red": "1;31",
        "yellow": "1;33",
        "green": "1;32",
        "cyan": "36",
    }

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _wrap(self, style: str, text: str) -> str:
        return f"\033[{self._CODES[style]}m{text}\033[0m" if self.enabled else text

    def path(self, text: str) -> str:
        return self._wrap("bold", text)

    def dim(self, text: str) -> str:
        return self._wrap("dim", text)

    def severity(self, severity: str, text: str) -> str:
        return self._wrap("red" if severity == "error" else "yellow", text)

    def suggestion(self, text: str) -> str:
        return self._wrap("cyan", text)

    def summary(self, text: str, report: AuditReport) -> str:
        if report.summary.errors:
            return self._wrap("red", text)
        return self._wrap("yellow" if report.summary.warnings else "green", text)
