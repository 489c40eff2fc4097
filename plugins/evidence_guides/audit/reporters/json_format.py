"""``--format json``: the report as a stable document for programs.

Programs read it by key, so its keys, their order and their meaning are a
contract: ``JSON_VERSION`` is bumped when one changes meaning.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from evidence_guides.audit.reporters.base import Reporter

if TYPE_CHECKING:
    from pathlib import Path

    from evidence_guides.audit.model import AuditReport

JSON_VERSION = 1  # of the --format json document; bump it when a key changes meaning


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
