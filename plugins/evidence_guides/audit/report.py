"""Reporters: one audit report, shown as terminal text, JSON, GitHub annotations or SARIF.

Each format is one small class with the same interface, as flake8's formatters
are: ``Reporter(color=...).render(report, root, exit_code=...) -> str``. Adding
a format is adding a class to ``REPORTERS``. Reporters only turn a report into
text; the caller decides where it goes and what the exit status is. Findings'
paths are relative to ``root``, the folder of mkdocs.yml; the text reporter
reads the files there for excerpts.

Drafts: a finding in a draft guide whose findings do not fail the run
(``report.blocks(finding)`` is false) is marked "(draft)" in text, is a
``notice`` after the other annotations in ``github`` and has level ``note`` in
SARIF, so CI shows it without treating it as a failure. With
``--include-drafts`` drafts block like any guide and are reported like one; the
JSON format says ``"draft": true`` of a draft's findings either way.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

from evidence_guides import __version__
from evidence_guides.audit.registry import RULES
from evidence_guides.files.limits import Limits
from evidence_guides.files.source import SourceError, read_source
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditReport
    from evidence_guides.audit.registry import Rule
    from evidence_guides.findings import Finding

TOOL_NAME = "evidence-guides"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
JSON_VERSION = 1  # of the --format json document; bump it when a key changes meaning


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


class TextReporter(Reporter):
    """For people: findings grouped by file, each with its source line and a caret.

    Paths, messages, suggestions and excerpts are text from files: controls in
    them are shown escaped (``\\x1b``), never sent to the terminal.
    """

    name = "text"

    def render(self, report: AuditReport, root: Path, *, exit_code: int | None = None) -> str:
        style = _Style(self.color)
        findings = report.findings
        place_width = max((len(_place(f)) for f in findings), default=0)
        rule_width = max((len(f.rule) for f in findings), default=0)
        blocks: list[str] = []
        for path, group in _by_path(findings).items():
            lines = _source_lines(root / path)
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
                excerpt = _excerpt(lines, finding.line, finding.column)
                if excerpt is not None:
                    source, caret = excerpt
                    block.append(f"    {source}")
                    block.append(f"    {caret}" + style.severity(finding.severity, "^"))
            blocks.append("\n".join(block))
        blocks.append(style.summary(_summary_line(report), report))
        return "\n\n".join(blocks) + "\n"


class JsonReporter(Reporter):
    """For programs: a stable JSON document (``version`` 1), UTF-8, keys in a fixed order.

    Each finding's ``draft`` says whether it is in a draft guide, also with
    --include-drafts: a program can tell drafts apart whether or not they block.
    """

    name = "json"

    def render(self, report: AuditReport, root: Path, *, exit_code: int | None = None) -> str:
        summary = report.summary
        document = {
            "version": JSON_VERSION,
            "findings": [
                {
                    "path": f.path,
                    "line": f.line,
                    "column": f.column,
                    "rule": f.rule,
                    "severity": f.severity,
                    "message": f.message,
                    "suggestion": None
                    if f.suggestion is None
                    else {
                        "key": f.suggestion.key,
                        "pmid": f.suggestion.pmid,
                        "text": f.suggestion.text,
                    },
                    "draft": report.in_draft(f),
                }
                for f in report.findings
            ],
            "summary": {
                "files": summary.files,
                "entries": summary.entries,
                "citations": summary.citations,
                "errors": summary.errors,
                "warnings": summary.warnings,
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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
        return "".join(_github_command(finding, report) + "\n" for finding in ordered)


class SarifReporter(Reporter):
    """For code-scanning services: a SARIF 2.1.0 log with one run.

    Every rule is described (``fullDescription``, and ``helpUri`` when the README
    is at hand). Non-blocking drafts' results have level ``note``: code scanning
    shows them as notes, not errors or warnings. The run's ``invocations`` record
    the exit status when the caller gives it.
    """

    name = "sarif"

    def render(self, report: AuditReport, root: Path, *, exit_code: int | None = None) -> str:
        rule_index = {rule_id: index for index, rule_id in enumerate(RULES)}
        driver: dict[str, Any] = {"name": TOOL_NAME}
        information_uri = _information_uri()
        if information_uri is not None:
            driver["informationUri"] = information_uri
        driver["version"] = __version__
        driver["rules"] = [_sarif_rule(rule) for rule in RULES.values()]
        results = []
        for f in report.findings:
            result: dict[str, Any] = {"ruleId": f.rule}
            if f.rule in rule_index:
                result["ruleIndex"] = rule_index[f.rule]
            result["level"] = f.severity if report.blocks(f) else "note"
            result["message"] = {"text": _full_message(f, report)}
            result["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": quote(f.path.replace(os.sep, "/")),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ]
            results.append(result)
        log = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": driver},
                    "invocations": [_sarif_invocation(exit_code)],
                    "originalUriBaseIds": {"%SRCROOT%": {"uri": _folder_uri(root)}},
                    # Findings count columns in characters, not SARIF's default UTF-16 units.
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        }
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


REPORTERS: Mapping[str, type[Reporter]] = {
    reporter.name: reporter
    for reporter in (TextReporter, JsonReporter, GithubReporter, SarifReporter)
}


# --- shared -------------------------------------------------------------------


def _full_message(finding: Finding, report: AuditReport) -> str:
    """The message with the suggestion and the draft mark, for one-line formats."""
    text = finding.message
    if finding.suggestion is not None:
        text += f" — {finding.suggestion.text}"
    if not report.blocks(finding):
        text += " (draft)"
    return text


def _folder_uri(folder: Path) -> str:
    """An absolute ``file:`` URI ending in ``/``, as SARIF requires of a base URI."""
    uri = Path(folder).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _information_uri() -> str | None:
    """The project's home page from the installed package's metadata, if it names one."""
    from importlib import metadata  # imported on use: only SARIF reports need it

    try:
        urls = metadata.metadata(TOOL_NAME).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for label, _, url in (entry.partition(",") for entry in urls):
        if label.strip().lower() in {"homepage", "home", "documentation", "repository"}:
            return url.strip()
    return None


# --- text ---------------------------------------------------------------------

_EXCERPT_WIDTH = 100  # characters of a long line shown around the column
_EXCERPT_BEFORE = 40
_TAB_SIZE = 4


def _by_path(findings: tuple[Finding, ...]) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.path, []).append(finding)
    return groups


def _place(finding: Finding) -> str:
    return f"{finding.line}:{finding.column}"


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def _source_lines(path: Path) -> list[str] | None:
    """The file's lines as the audit numbered them, or None if it cannot be read.

    The audit refused a page over the limits; the store's limit bounds any file here.
    """
    try:
        return read_source(path, str(path), Limits().store).split("\n")
    except SourceError:
        return None


def _excerpt(lines: list[str] | None, line: int, column: int) -> tuple[str, str] | None:
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
    return shown.expandtabs(_TAB_SIZE), " " * _width(before)


def _visible(text: str) -> str:
    """Controls escaped (they would move the cursor or colour the terminal); tabs kept."""
    return escape_controls(text, keep="\t")


def _width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    width = 0
    for character in text:
        if unicodedata.combining(character):
            continue
        width += 2 if unicodedata.east_asian_width(character) in "WF" else 1
    return width


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _summary_line(report: AuditReport) -> str:
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


class _Style:
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


# --- github -------------------------------------------------------------------


def _github_command(finding: Finding, report: AuditReport) -> str:
    """``::error file=...,line=...,col=...,title=rule::message``; a notice if it cannot block."""
    command = finding.severity if report.blocks(finding) else "notice"
    properties = ",".join(
        f"{name}={_github_property(escape_controls(str(value)))}"
        for name, value in (
            ("file", finding.path),
            ("line", finding.line),
            ("col", finding.column),
            ("title", finding.rule),
        )
    )
    message = escape_controls(_full_message(finding, report), keep="\r\n")  # logs show ANSI
    return f"::{command} {properties}::{_github_data(message)}"


def _github_data(text: str) -> str:
    """Escape a workflow command's message, as @actions/core's escapeData does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """Escape a workflow command's property value, as @actions/core's escapeProperty does."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


# --- sarif --------------------------------------------------------------------

# The README whose rule table has a row, with an anchor, per rule: in a source
# checkout (the editable install `make site` makes) it is beside the package.
_README = Path(__file__).resolve().parents[3] / "README.md"


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    """A reportingDescriptor: what the rule catches, how to fix it, and where it is documented."""
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description},
    }
    help_uri = _help_uri(rule)
    if help_uri is not None:
        descriptor["helpUri"] = help_uri
    descriptor["defaultConfiguration"] = {"level": rule.severity}
    return descriptor


def _help_uri(rule: Rule) -> str | None:
    """The rule's row of the README's rule table, as an absolute ``file:`` URI.

    SARIF requires helpUri to be absolute, and GitHub's upload-sarif rejects a
    log whose helpUri has no scheme; the project has no public address to link
    to instead. An installed wheel has no README beside it: then no helpUri.
    """
    if not _README.is_file():
        return None
    return f"{_README.as_uri()}#{rule.anchor}"


def _sarif_invocation(exit_code: int | None) -> dict[str, Any]:
    """The run's invocation. It completed: a report exists, whatever it found.

    SARIF's executionSuccessful says whether the tool ran, not whether the code
    passed, so it is true also when findings make the exit status 1.
    """
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if exit_code is not None:
        invocation["exitCode"] = exit_code
    return invocation
