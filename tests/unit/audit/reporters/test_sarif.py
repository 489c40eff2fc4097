"""The SARIF format, on hand-built audit reports: valid against the schema, every rule described."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from evidence_guides import __version__
from evidence_guides.audit.model import AuditReport
from evidence_guides.audit.registry import RULES
from evidence_guides.audit.reporters.sarif import (
    SarifReporter,
    folder_uri,
    help_uri,
    sarif_invocation,
    sarif_result,
)
from evidence_guides.findings import Finding
from tests.support.sarif import sarif_validator as make_sarif_validator
from tests.unit.audit.reporters.support import CLAIM, UNUSED, VAGUE, report

README = Path(__file__).resolve().parents[4] / "README.md"


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


def test_a_base_uri_ends_in_a_slash(tmp_path: Path) -> None:
    uri = folder_uri(tmp_path)
    assert uri.startswith("file:///") and uri.endswith("/") and not uri.endswith("//")


def test_help_uri_is_the_readme_row(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    rule = RULES["unused-reference"]
    assert help_uri(rule) == f"{README.as_uri()}#{rule.anchor}"
    # An installed wheel has no README beside the package: then no helpUri at all.
    monkeypatch.setattr("evidence_guides.audit.reporters.sarif.README", tmp_path / "README.md")
    assert help_uri(rule) is None


def test_invocation_records_the_exit_code_only_when_given() -> None:
    assert sarif_invocation(None) == {"executionSuccessful": True}
    assert sarif_invocation(2) == {"executionSuccessful": True, "exitCode": 2}


def test_a_result_of_an_unknown_rule_has_no_rule_index() -> None:
    finding = Finding("g.md", 1, 2, "no-such-rule", "error", "m")
    result = sarif_result(finding, report(finding), {"unused-reference": 0})
    assert "ruleIndex" not in result
    assert result["ruleId"] == "no-such-rule" and result["level"] == "error"
