"""The JSON format, on hand-built audit reports: the exact document, its key order, drafts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence_guides.audit.reporters.json_format import JsonReporter
from evidence_guides.findings import Finding, Suggestion
from tests.unit.audit.reporters.support import CLAIM, UNUSED, VAGUE, report


def test_json_document(root: Path) -> None:
    output = JsonReporter().render(report(VAGUE, UNUSED), root)
    assert output.endswith("}\n")
    document = json.loads(output)
    assert document == {
        "version": 1,
        "findings": [
            {
                "path": "content/exercises/plank.md",
                "line": 5,
                "column": 10,
                "rule": "vague-reference",
                "severity": "error",
                "message": "author-year reference '(Smith, 2019)' without an identifier",
                "suggestion": {
                    "key": "smith2019",
                    "pmid": "123",
                    "text": "cite it as [@smith2019]",
                },
                "draft": False,
            },
            {
                "path": "references/refs.bib",
                "line": 40,
                "column": 1,
                "rule": "unused-reference",
                "severity": "warning",
                "message": "'garber2011' is not cited",
                "suggestion": None,
                "draft": False,
            },
        ],
        "summary": {"files": 3, "entries": 7, "citations": 14, "errors": 1, "warnings": 1},
    }
    # Key order is part of the format.
    assert list(document) == ["version", "findings", "summary"]
    assert list(document["findings"][0]) == [
        "path",
        "line",
        "column",
        "rule",
        "severity",
        "message",
        "suggestion",
        "draft",
    ]
    assert list(document["findings"][0]["suggestion"]) == ["key", "pmid", "text"]
    assert list(document["summary"]) == ["files", "entries", "citations", "errors", "warnings"]


def test_json_keeps_text_as_utf8(root: Path) -> None:
    finding = Finding("müller.md", 1, 1, "mojibake", "error", "'Ã©' for 'é'")
    output = JsonReporter().render(report(finding), root)
    assert "'Ã©' for 'é'" in output and "\\u" not in output
    assert '\n  "version": 1,\n' in output  # indented by two


def test_json_partial_suggestion(root: Path) -> None:
    finding = Finding("g.md", 1, 1, "mojibake", "error", "m", Suggestion("use é"))
    document = json.loads(JsonReporter().render(report(finding), root))
    assert document["findings"][0]["suggestion"] == {"key": None, "pmid": None, "text": "use é"}


@pytest.mark.parametrize(
    "drafts",
    [
        {"drafts": frozenset({VAGUE.path})},  # by default drafts do not block
        {"included_drafts": frozenset({VAGUE.path})},  # --include-drafts: still drafts
    ],
)
def test_json_says_which_findings_are_in_drafts(root: Path, drafts: dict) -> None:
    document = json.loads(JsonReporter().render(report(VAGUE, CLAIM, UNUSED, **drafts), root))
    assert [(f["path"], f["draft"]) for f in document["findings"]] == [
        (VAGUE.path, True),
        (CLAIM.path, True),
        (UNUSED.path, False),
    ]
    # The message is the finding's own: the flag, not a mark in the text, says "draft".
    assert not any("(draft)" in f["message"] for f in document["findings"])
