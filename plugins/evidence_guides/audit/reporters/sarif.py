"""``--format sarif``: a SARIF 2.1.0 log, the format code-scanning services read.

GitHub code scanning and other services take one SARIF file per tool and
show its results beside the code; they validate it against the schema and
reject what does not conform (a relative ``helpUri``, an unknown level), so
this module writes exactly what SARIF 2.1.0 asks, and describes every rule
so a result can say how to fix it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from evidence_guides import __version__
from evidence_guides.audit.registry import RULES
from evidence_guides.audit.reporters.base import Reporter, full_message

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditReport
    from evidence_guides.audit.registry import Rule
    from evidence_guides.findings import Finding

TOOL_NAME = "evidence-guides"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# The README whose rule table has a row, with an anchor, per rule: in a source
# checkout (the editable install `make site` makes) it is beside the package.
README = Path(__file__).resolve().parents[4] / "README.md"


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
        log = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": sarif_driver()},
                    "invocations": [sarif_invocation(exit_code)],
                    "originalUriBaseIds": {"%SRCROOT%": {"uri": folder_uri(root)}},
                    # Findings count columns in characters, not SARIF's default UTF-16 units.
                    "columnKind": "unicodeCodePoints",
                    "results": [sarif_result(f, report, rule_index) for f in report.findings],
                }
            ],
        }
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def sarif_driver() -> dict[str, Any]:
    """The tool: its name, home page, version and every rule it has."""
    driver: dict[str, Any] = {"name": TOOL_NAME}
    uri = information_uri()
    if uri is not None:
        driver["informationUri"] = uri
    driver["version"] = __version__
    driver["rules"] = [sarif_rule(rule) for rule in RULES.values()]
    return driver


def sarif_result(
    finding: Finding, report: AuditReport, rule_index: dict[str, int]
) -> dict[str, Any]:
    """One finding: its rule, level, message and place, relative to ``%SRCROOT%``."""
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    result["level"] = finding.severity if report.blocks(finding) else "note"
    result["message"] = {"text": full_message(finding, report)}
    result["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": quote(finding.path.replace(os.sep, "/")),
                    "uriBaseId": "%SRCROOT%",
                },
                "region": {"startLine": finding.line, "startColumn": finding.column},
            }
        }
    ]
    return result


def sarif_rule(rule: Rule) -> dict[str, Any]:
    """A reportingDescriptor: what the rule catches, how to fix it, and where it is documented."""
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description},
    }
    uri = help_uri(rule)
    if uri is not None:
        descriptor["helpUri"] = uri
    descriptor["defaultConfiguration"] = {"level": rule.severity}
    return descriptor


def help_uri(rule: Rule) -> str | None:
    """The rule's row of the README's rule table, as an absolute ``file:`` URI.

    SARIF requires helpUri to be absolute, and GitHub's upload-sarif rejects a
    log whose helpUri has no scheme; the project has no public address to link
    to instead. An installed wheel has no README beside it: then no helpUri.
    """
    if not README.is_file():
        return None
    return f"{README.as_uri()}#{rule.anchor}"


def sarif_invocation(exit_code: int | None) -> dict[str, Any]:
    """The run's invocation. It completed: a report exists, whatever it found.

    SARIF's executionSuccessful says whether the tool ran, not whether the code
    passed, so it is true also when findings make the exit status 1.
    """
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if exit_code is not None:
        invocation["exitCode"] = exit_code
    return invocation


def folder_uri(folder: Path) -> str:
    """An absolute ``file:`` URI ending in ``/``, as SARIF requires of a base URI."""
    uri = Path(folder).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def information_uri() -> str | None:
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
