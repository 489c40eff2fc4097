"""The reporters, on hand-built audit reports: exact output of every format."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import jsonschema
import pytest

from evidence_guides import __version__
from evidence_guides.audit.model import AuditReport, AuditSummary
from evidence_guides.audit.registry import RULES
from evidence_guides.audit.report import (
    REPORTERS,
    GithubReporter,
    JsonReporter,
    SarifReporter,
    TextReporter,
    use_color,
)
from evidence_guides.findings import Finding, Suggestion
from tests.support.sarif import sarif_validator as make_sarif_validator

README = Path(__file__).resolve().parents[3] / "README.md"
ANSI = re.compile(r"\033\[[0-9;]*m")

PLANK = """\
---
title: Plank
---

Hold it (Smith, 2019).
Studies show it works.
"""

VAGUE = Finding(
    "content/exercises/plank.md",
    5,
    10,
    "vague-reference",
    "error",
    "author-year reference '(Smith, 2019)' without an identifier",
    Suggestion("cite it as [@smith2019]", key="smith2019", pmid="123"),
)
CLAIM = Finding(
    "content/exercises/plank.md",
    6,
    1,
    "unsupported-claim",
    "warning",
    "'Studies show' without a citation",
)
UNUSED = Finding(
    "references/refs.bib", 40, 1, "unused-reference", "warning", "'garber2011' is not cited"
)


def report(
    *findings: Finding,
    drafts: frozenset[str] = frozenset(),
    included_drafts: frozenset[str] = frozenset(),
    files: int = 3,
) -> AuditReport:
    """``drafts`` do not block, as by default; ``included_drafts`` do, as with --include-drafts."""
    errors = sum(f.severity == "error" for f in findings)
    summary = AuditSummary(
        files=files, entries=7, citations=14, errors=errors, warnings=len(findings) - errors
    )
    return AuditReport(tuple(sorted(findings)), summary, drafts, drafts | included_drafts)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    guide = tmp_path / "content" / "exercises" / "plank.md"
    guide.parent.mkdir(parents=True)
    guide.write_text(PLANK, encoding="utf-8")
    return tmp_path


def text(report_: AuditReport, root: Path, *, color: bool = False) -> str:
    return TextReporter(color=color).render(report_, root)


# --- text ---------------------------------------------------------------------


def test_text_groups_by_file_with_excerpts_and_a_summary(root: Path) -> None:
    # refs.bib does not exist under root: its finding is shown without an excerpt.
    assert text(report(VAGUE, CLAIM, UNUSED), root) == (
        "content/exercises/plank.md\n"
        "  5:10  error    vague-reference    author-year reference '(Smith, 2019)'"
        " without an identifier\n"
        "    suggestion: cite it as [@smith2019]\n"
        "    Hold it (Smith, 2019).\n"
        "             ^\n"
        "   6:1  warning  unsupported-claim  'Studies show' without a citation\n"
        "    Studies show it works.\n"
        "    ^\n"
        "\n"
        "references/refs.bib\n"
        "  40:1  warning  unused-reference   'garber2011' is not cited\n"
        "\n"
        "1 error, 2 warnings in 3 files (14 citations, 7 references).\n"
    )


def test_text_without_problems(root: Path) -> None:
    assert text(report(), root) == "No problems in 3 files (14 citations, 7 references).\n"
    assert text(report(files=1), root).startswith("No problems in 1 file ")


def test_text_marks_drafts(root: Path) -> None:
    output = text(report(CLAIM, drafts=frozenset({CLAIM.path})), root)
    assert "'Studies show' without a citation (draft)\n" in output
    assert output.endswith(
        "1 warning in 3 files (14 citations, 7 references). "
        "1 in drafts, which do not fail the run.\n"
    )


def test_text_colour_is_only_added_on_request(root: Path) -> None:
    plain = text(report(VAGUE, CLAIM, UNUSED), root)
    coloured = text(report(VAGUE, CLAIM, UNUSED), root, color=True)
    assert "\033[" not in plain
    assert "\033[1;31merror  \033[0m" in coloured
    assert ANSI.sub("", coloured) == plain


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "environ", "expected"),
    [
        (FakeTerminal(), {}, True),
        (FakeTerminal(), {"NO_COLOR": "1"}, False),
        (FakeTerminal(), {"NO_COLOR": ""}, True),  # empty counts as unset (no-color.org)
        (io.StringIO(), {}, False),  # a pipe or a file
    ],
)
def test_use_color(stream: io.StringIO, environ: dict[str, str], expected: bool) -> None:
    assert use_color(stream, environ) is expected


def finding_at(line: int, column: int, path: str = "g.md") -> Finding:
    return Finding(path, line, column, "mojibake", "error", "m")


def excerpt(root: Path, source: str | bytes, line: int, column: int) -> list[str]:
    """The lines under the finding line, without the summary."""
    target = root / "g.md"
    if isinstance(source, bytes):
        target.write_bytes(source)
    else:
        target.write_text(source, encoding="utf-8")
    lines = text(report(finding_at(line, column)), root).split("\n")
    return lines[2:-3]


@pytest.mark.parametrize(
    ("source", "line", "column", "expected"),
    [
        ("abc\n", 1, 2, ["    abc", "     ^"]),
        ("abc\n", 1, 4, ["    abc", "       ^"]),  # just past the end
        ("abc\n", 1, 5, []),  # column out of range
        ("abc\n", 9, 1, []),  # line out of range
        ("abc\n", 0, 1, []),
        ("\n", 1, 1, []),  # nothing to show
        ("\tab\n", 1, 3, ["        ab", "         ^"]),  # tabs expanded
        ("日本 x\n", 1, 4, ["    日本 x", "         ^"]),  # wide characters
        ("a\x1b[31mb\n", 1, 2, ["    a\\x1b[31mb", "     ^"]),  # no raw escapes: shown escaped
        ("a\x1b[31mb\n", 1, 7, ["    a\\x1b[31mb", "             ^"]),  # the caret after one
        ("a\u202eb\n", 1, 3, ["    a\\u202eb", "           ^"]),  # nor bidirectional controls
        ("a\r\nb\n", 2, 1, ["    b", "    ^"]),  # universal newlines, as the audit reads
        (b"caf\xe9\n", 1, 1, []),  # not UTF-8
    ],
)
def test_excerpt(
    root: Path, source: str | bytes, line: int, column: int, expected: list[str]
) -> None:
    assert excerpt(root, source, line, column) == expected


def test_controls_from_files_are_shown_escaped(root: Path) -> None:
    finding = Finding(
        "g\x1b[2J.md",
        1,
        1,
        "bad-suppression",
        "error",
        "unknown rule 'x\x1b]0;pwned\x07' in suppression",
        Suggestion("write \u202eit"),
    )
    output = text(report(finding), root)
    assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
    assert "g\\x1b[2J.md\n" in output
    assert "unknown rule 'x\\x1b]0;pwned\\x07' in suppression" in output
    assert "suggestion: write \\u202eit" in output
    github = GithubReporter().render(report(finding), root)
    assert "\x1b" not in github and "file=g\\x1b[2J.md" in github


def test_a_long_line_with_many_findings_is_shown_in_linear_time(root: Path) -> None:
    (root / "refs.bib").write_text("@{" * 100_000 + "\n", encoding="utf-8")
    findings = [Finding("refs.bib", 1, 2 * n + 1, "mojibake", "error", "m") for n in range(100_000)]
    started = time.perf_counter()
    output = text(report(*findings), root)
    assert time.perf_counter() - started < 10  # it was quadratic: hours
    assert output.count("\n    …@{") > 99_000


def test_long_lines_show_a_window_around_the_column(root: Path) -> None:
    source = "x" * 300 + " HERE " + "y" * 300 + "\n"
    shown, caret = excerpt(root, source, 1, 302)
    assert shown.startswith("    …x") and shown.endswith("y…")
    assert len(shown) == 4 + 1 + 100 + 1
    assert shown[caret.index("^")] == "H"


def test_missing_file_has_no_excerpt(tmp_path: Path) -> None:
    output = text(report(finding_at(1, 1, "gone.md")), tmp_path)
    assert output == (
        "gone.md\n  1:1  error    mojibake  m\n\n1 error in 3 files (14 citations, 7 references).\n"
    )


# --- json ---------------------------------------------------------------------


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


# --- github -------------------------------------------------------------------


def test_github_workflow_commands(root: Path) -> None:
    assert GithubReporter().render(report(VAGUE, UNUSED), root) == (
        "::error file=content/exercises/plank.md,line=5,col=10,title=vague-reference::"
        "author-year reference '(Smith, 2019)' without an identifier"
        " — cite it as [@smith2019]\n"
        "::warning file=references/refs.bib,line=40,col=1,title=unused-reference::"
        "'garber2011' is not cited\n"
    )


def test_github_escaping(root: Path) -> None:
    finding = Finding(
        "content/a,b:c%.md", 2, 3, "mojibake", "error", "100% sure:\r\nnext, line", None
    )
    assert GithubReporter().render(report(finding), root) == (
        "::error file=content/a%2Cb%3Ac%25.md,line=2,col=3,title=mojibake::"
        "100%25 sure:%0D%0Anext, line\n"
    )


def test_github_drafts_are_notices_after_the_rest(root: Path) -> None:
    drafted = report(VAGUE, CLAIM, UNUSED, drafts=frozenset({VAGUE.path}))
    assert GithubReporter().render(drafted, root) == (
        "::warning file=references/refs.bib,line=40,col=1,title=unused-reference::"
        "'garber2011' is not cited\n"
        "::notice file=content/exercises/plank.md,line=5,col=10,title=vague-reference::"
        "author-year reference '(Smith, 2019)' without an identifier"
        " — cite it as [@smith2019] (draft)\n"
        "::notice file=content/exercises/plank.md,line=6,col=1,title=unsupported-claim::"
        "'Studies show' without a citation (draft)\n"
    )


def test_github_included_drafts_are_annotated_like_any_guide(root: Path) -> None:
    included = report(VAGUE, UNUSED, included_drafts=frozenset({VAGUE.path}))
    assert GithubReporter().render(included, root) == GithubReporter().render(
        report(VAGUE, UNUSED), root
    )


def test_github_is_empty_without_findings(root: Path) -> None:
    assert GithubReporter().render(report(), root) == ""


# --- sarif --------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft7Validator:
    return make_sarif_validator()


def sarif(
    report_: AuditReport,
    root: Path,
    validator: jsonschema.Draft7Validator,
    exit_code: int | None = None,
) -> dict:
    log = json.loads(SarifReporter().render(report_, root, exit_code=exit_code))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    return log


def test_sarif_validates_and_describes_every_rule(
    root: Path, sarif_validator: jsonschema.Draft7Validator
) -> None:
    log = sarif(report(VAGUE, CLAIM, UNUSED), root, sarif_validator)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "evidence-guides"
    assert driver["version"] == __version__
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    unresolved = RULES["unresolved-citation"]
    assert driver["rules"][0] == {
        "id": "unresolved-citation",
        "shortDescription": {"text": unresolved.summary},
        "fullDescription": {"text": unresolved.description},
        "helpUri": f"{README.as_uri()}#rule-unresolved-citation",
        "defaultConfiguration": {"level": "error"},
    }
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": root.resolve().as_uri() + "/"}}
    assert run["results"][0] == {
        "ruleId": "vague-reference",
        "ruleIndex": list(RULES).index("vague-reference"),
        "level": "error",
        "message": {
            "text": "author-year reference '(Smith, 2019)' without an identifier"
            " — cite it as [@smith2019]"
        },
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": "content/exercises/plank.md",
                        "uriBaseId": "%SRCROOT%",
                    },
                    "region": {"startLine": 5, "startColumn": 10},
                }
            }
        ],
    }
    assert [result["level"] for result in run["results"]] == ["error", "warning", "warning"]


def test_sarif_uris_are_encoded_and_drafts_marked(
    tmp_path: Path, sarif_validator: jsonschema.Draft7Validator
) -> None:
    root = tmp_path / "my guides"
    root.mkdir()
    finding = Finding("content/leg raise é.md", 1, 1, "unsupported-claim", "warning", "m")
    log = sarif(report(finding, drafts=frozenset({finding.path})), root, sarif_validator)
    (run,) = log["runs"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/my%20guides/")
    (result,) = run["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "content/leg%20raise%20%C3%A9.md"
    assert result["message"]["text"] == "m (draft)"
    assert result["level"] == "note"


def test_sarif_without_findings_validates(
    root: Path, sarif_validator: jsonschema.Draft7Validator
) -> None:
    assert sarif(report(), root, sarif_validator)["runs"][0]["results"] == []


def test_sarif_rules_say_how_to_fix_and_link_to_the_readme(
    root: Path, sarif_validator: jsonschema.Draft7Validator
) -> None:
    rules = sarif(report(), root, sarif_validator)["runs"][0]["tool"]["driver"]["rules"]
    readme = README.read_text(encoding="utf-8")
    for rule in rules:
        description = rule["fullDescription"]["text"]
        assert description == RULES[rule["id"]].description
        assert description.count(". ") >= 1 and description.endswith("."), rule["id"]
        uri, _, anchor = rule["helpUri"].partition("#")
        assert uri == README.as_uri()  # absolute: GitHub's upload-sarif rejects a relative one
        assert f'<a id="{anchor}"></a>`{rule["id"]}`' in readme  # the link lands on its row


def test_sarif_drafts_are_notes_unless_included(
    root: Path, sarif_validator: jsonschema.Draft7Validator
) -> None:
    drafted = sarif(report(VAGUE, UNUSED, drafts=frozenset({VAGUE.path})), root, sarif_validator)
    assert [r["level"] for r in drafted["runs"][0]["results"]] == ["note", "warning"]
    included = report(VAGUE, UNUSED, included_drafts=frozenset({VAGUE.path}))
    log = sarif(included, root, sarif_validator)
    assert [r["level"] for r in log["runs"][0]["results"]] == ["error", "warning"]
    assert "(draft)" not in log["runs"][0]["results"][0]["message"]["text"]


@pytest.mark.parametrize("exit_code", [0, 1])
def test_sarif_records_the_exit_status(
    root: Path, sarif_validator: jsonschema.Draft7Validator, exit_code: int
) -> None:
    log = sarif(report(VAGUE), root, sarif_validator, exit_code=exit_code)
    # The tool ran to the end, whether or not its findings fail the run.
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True, "exitCode": exit_code}]


def test_sarif_without_an_exit_status_records_only_that_it_ran(
    root: Path, sarif_validator: jsonschema.Draft7Validator
) -> None:
    log = sarif(report(VAGUE), root, sarif_validator)
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_sarif_validation_would_catch_a_bad_log(
    sarif_validator: jsonschema.Draft7Validator,
) -> None:
    """The schema is real: a wrong level, or a relative helpUri, does not pass."""
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    assert sarif_validator.is_valid(log)
    log["runs"][0]["results"] = [{"message": {"text": "m"}, "level": "fatal"}]
    assert not sarif_validator.is_valid(log)
    relative_help = {"name": "x", "rules": [{"id": "r", "helpUri": "README.md#rule-r"}]}
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": relative_help}, "results": []}]}
    assert not sarif_validator.is_valid(log)


def test_every_format_has_one_reporter() -> None:
    assert list(REPORTERS) == ["text", "json", "github", "sarif"]
    assert all(REPORTERS[name].name == name for name in REPORTERS)
