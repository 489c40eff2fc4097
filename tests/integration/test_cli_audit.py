"""``guides audit`` and ``guides refs check`` end to end, on small projects, as ``main([...])``."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml

from evidence_guides.cli import main
from tests.support.sarif import sarif_validator as make_sarif_validator

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
GUIDE = "content/exercises/plank.md"
CLEAN_GUIDE = (FIXTURES / "cli" / "project" / GUIDE).read_text(encoding="utf-8")
VAGUE_LINE = "Planks build endurance (Smith, 2019)."
CLAIM_LINE = "Studies show that planks are safe."


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the clean fixture project; tests change its files."""
    return Path(shutil.copytree(FIXTURES / "cli" / "project", tmp_path / "project"))


@pytest.fixture
def guides(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run ``main([...])`` and capture what it printed."""

    def run(*argv: str | Path) -> Run:
        code = main([str(argument) for argument in argv])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def write(project: Path, relative: str, text: str) -> Path:
    target = project / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def with_body(*lines: str) -> str:
    return CLEAN_GUIDE + "\n" + "\n\n".join(lines) + "\n"


def as_draft(guide: str) -> str:
    return guide.replace("level: beginner\n", "level: beginner\ndraft: true\n", 1)


def line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def assert_one_line_error(run: Run) -> None:
    assert run.code == 2
    assert run.err.startswith("guides: ") and run.err.count("\n") == 1, run.err
    assert "Traceback" not in run.err


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft7Validator:
    return make_sarif_validator()


# --- outcomes -----------------------------------------------------------------


def test_clean_project_passes(project: Path, guides, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)  # the default --config is ./mkdocs.yml
    run = guides("audit")
    assert (run.code, run.err) == (0, ""), run.out
    assert re.fullmatch(r"No problems in \d+ files? \(1 citation, 1 reference\)\.\n", run.out)


def test_vague_reference_fails_in_text(project: Path, guides) -> None:
    guide = with_body(VAGUE_LINE)
    write(project, GUIDE, guide)
    run = guides("audit", "--config", project / "mkdocs.yml")
    assert run.code == 1 and run.err == ""
    line = line_of(guide, VAGUE_LINE)
    column = VAGUE_LINE.index("Smith") + 1
    lines = run.out.splitlines()
    assert lines[0] == GUIDE
    assert re.match(rf"  {line}:{column}  error    vague-reference  \S", lines[1]), lines[1]
    # The excerpt: the line itself, then a caret under the column.
    excerpt = lines.index(f"    {VAGUE_LINE}")
    assert lines[excerpt + 1] == " " * (4 + column - 1) + "^"
    assert re.fullmatch(r"1 error in \d+ files? \(1 citation, 1 reference\)\.", lines[-1])


def test_text_layout(project: Path, guides) -> None:
    """The whole text report, with the rules' own wording taken from the JSON report."""
    guide = with_body(VAGUE_LINE, CLAIM_LINE)
    write(project, GUIDE, guide)
    config = project / "mkdocs.yml"
    vague, claim = json.loads(guides("audit", "--config", config, "--format", "json").out)[
        "findings"
    ]

    def suggestion(finding: dict) -> str:
        text = (finding["suggestion"] or {}).get("text")
        return f"    suggestion: {text}\n" if text else ""

    line, column = line_of(guide, VAGUE_LINE), VAGUE_LINE.index("Smith") + 1
    place = f"{line}:{column}"
    claim_place = f"{line_of(guide, CLAIM_LINE)}:1".rjust(len(place))
    run = guides("audit", "--config", config)
    assert run.code == 1
    assert run.out == (
        f"{GUIDE}\n"
        f"  {place}  error    vague-reference    {vague['message']}\n"
        f"{suggestion(vague)}"
        f"    {VAGUE_LINE}\n"
        f"    {' ' * (column - 1)}^\n"
        f"  {claim_place}  warning  unsupported-claim  {claim['message']}\n"
        f"{suggestion(claim)}"
        f"    {CLAIM_LINE}\n"
        "    ^\n"
        "\n"
        "1 error, 1 warning in 2 files (1 citation, 1 reference).\n"
    )


def test_vague_reference_in_json(project: Path, guides) -> None:
    guide = with_body(VAGUE_LINE)
    write(project, GUIDE, guide)
    run = guides("audit", "--config", project / "mkdocs.yml", "--format", "json")
    assert run.code == 1
    document = json.loads(run.out)
    assert list(document) == ["version", "findings", "summary"]
    assert document["version"] == 1
    (finding,) = document["findings"]
    assert list(finding) == [
        "path",
        "line",
        "column",
        "rule",
        "severity",
        "message",
        "suggestion",
        "draft",
    ]
    assert finding["path"] == GUIDE
    assert finding["draft"] is False
    assert (finding["line"], finding["column"]) == (
        line_of(guide, VAGUE_LINE),
        VAGUE_LINE.index("Smith") + 1,
    )
    assert (finding["rule"], finding["severity"]) == ("vague-reference", "error")
    assert finding["suggestion"] is None or list(finding["suggestion"]) == ["key", "pmid", "text"]
    summary = document["summary"]
    assert list(summary) == ["files", "entries", "citations", "errors", "warnings"]
    assert summary["errors"] == 1 and summary["warnings"] == 0
    assert (summary["entries"], summary["citations"]) == (1, 1)


def test_vague_reference_in_github(project: Path, guides) -> None:
    guide = with_body(VAGUE_LINE)
    write(project, GUIDE, guide)
    run = guides("audit", "--config", project / "mkdocs.yml", "--format", "github")
    assert run.code == 1
    line, column = line_of(guide, VAGUE_LINE), VAGUE_LINE.index("Smith") + 1
    prefix = f"::error file={GUIDE},line={line},col={column},title=vague-reference::"
    (command,) = run.out.splitlines()
    assert command.startswith(prefix) and len(command) > len(prefix)


def test_vague_reference_in_sarif(
    project: Path, guides, sarif_validator: jsonschema.Draft7Validator
) -> None:
    guide = with_body(VAGUE_LINE)
    write(project, GUIDE, guide)
    run = guides("audit", "--config", project / "mkdocs.yml", "--format", "sarif")
    assert run.code == 1
    log = json.loads(run.out)
    assert list(sarif_validator.iter_errors(log)) == []
    (result,) = log["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("vague-reference", "error")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": GUIDE, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": line_of(guide, VAGUE_LINE),
        "startColumn": VAGUE_LINE.index("Smith") + 1,
    }
    base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == project.resolve().as_uri() + "/"
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]


def test_malformed_citations_are_reported_at_their_place(project: Path, guides) -> None:
    body_line = "Hold it longer [@garber2011 p. 1340]."
    field_line = "    a: Until form fails (@garber2011)."
    guide = with_body(body_line).replace("fails [@garber2011]", "fails (@garber2011)")
    write(project, GUIDE, guide)
    run = guides("audit", "--config", project / "mkdocs.yml", "--format", "github")
    assert run.code == 1
    reported = [line for line in run.out.splitlines() if "title=malformed-citation" in line]
    assert reported == [
        f"::error file={GUIDE},line={line_of(guide, field_line)},col={field_line.index('(@') + 1},"
        "title=malformed-citation::malformed citation '(@garber2011)': citations are written"
        " in square brackets, not parentheses — write [@garber2011]",
        f"::error file={GUIDE},line={line_of(guide, body_line)},col={body_line.index('[@') + 1},"
        "title=malformed-citation::malformed citation '[@garber2011 p. 1340]': a locator needs"
        " a ',' after the source — write [@garber2011, p. 1340]",
    ]


def test_an_identifier_in_prose_is_one_finding_and_a_mentions_is_the_mention(
    project: Path, guides
) -> None:
    doi_line = "Hold it longer (doi:10.1249/MSS.0b013e318213fefb)."
    mention_line = "Garber et al. (2011, doi:10.1249/MSS.0b013e318213fefb) say so."
    pubmed_line = "Rest between sets (https://pubmed.ncbi.nlm.nih.gov/21694556/)."
    guide = with_body(doi_line, mention_line, pubmed_line)
    write(project, GUIDE, guide)
    run = guides("audit", "--config", project / "mkdocs.yml", "--format", "github")
    assert run.code == 1
    reported = [line for line in run.out.splitlines() if line.startswith("::error")]
    assert reported == [
        f"::error file={GUIDE},line={line_of(guide, doi_line)},col={doi_line.index('(') + 1},"
        "title=vague-reference::vague reference '(doi:10.1249/MSS.0b013e318213fefb)' has no"
        " key or PMID: a DOI is not a citation here — write [@garber2011]",
        f"::error file={GUIDE},line={line_of(guide, mention_line)},col=1,title=vague-reference::"
        "vague reference 'Garber et al. (2011, doi:10.1249/MSS.0b013e318213fefb)' has no key or"
        " PMID — did you mean [@garber2011] (PMID 21694556)?",
        f"::error file={GUIDE},line={line_of(guide, pubmed_line)},"
        f"col={pubmed_line.index('(') + 1},title=vague-reference::vague reference"
        " '(https://pubmed.ncbi.nlm.nih.gov/21694556/)' has no key or PMID: a PubMed address is"
        " not a citation here — write [PMID 21694556]",
    ]


def test_fail_on_never_reports_but_passes(project: Path, guides) -> None:
    write(project, GUIDE, with_body(VAGUE_LINE))
    run = guides("audit", "--config", project / "mkdocs.yml", "--fail-on", "never")
    assert run.code == 0
    assert "vague-reference" in run.out


@pytest.mark.parametrize(("fail_on", "code"), [("warning", 1), ("error", 0), ("never", 0)])
def test_a_warning_fails_only_with_fail_on_warning(
    project: Path, guides, fail_on: str, code: int
) -> None:
    write(project, GUIDE, with_body(CLAIM_LINE))
    run = guides("audit", "--config", project / "mkdocs.yml", "--fail-on", fail_on)
    assert run.code == code, run.out
    assert "warning  unsupported-claim" in run.out


def test_drafts_are_reported_but_do_not_fail_unless_included(project: Path, guides) -> None:
    write(project, GUIDE, as_draft(with_body(VAGUE_LINE)))
    config = project / "mkdocs.yml"
    run = guides("audit", "--config", config)
    assert run.code == 0, run.out
    assert "(draft)" in run.out and "vague-reference" in run.out
    assert guides("audit", "--config", config, "--include-drafts").code == 1


@pytest.mark.parametrize(("include", "code"), [((), 0), (("--include-drafts",), 1)])
def test_json_says_a_finding_is_in_a_draft(
    project: Path, guides, include: tuple[str, ...], code: int
) -> None:
    write(project, GUIDE, as_draft(with_body(VAGUE_LINE)))
    run = guides("audit", "--config", project / "mkdocs.yml", "--format", "json", *include)
    assert run.code == code
    (finding,) = json.loads(run.out)["findings"]
    assert (finding["rule"], finding["draft"]) == ("vague-reference", True)


def test_github_shows_drafts_as_notices_after_the_rest(project: Path, guides) -> None:
    write(project, GUIDE, as_draft(with_body(VAGUE_LINE)))
    squat = "content/exercises/squat.md"
    write(project, squat, CLEAN_GUIDE.replace("Plank", "Squat") + "\n" + CLAIM_LINE + "\n")
    run = guides("audit", "--config", project / "mkdocs.yml", "--format", "github")
    assert run.code == 0, run.out  # a warning, and an error in a draft
    first, second = run.out.splitlines()
    assert first.startswith(f"::warning file={squat},") and "title=unsupported-claim::" in first
    assert second.startswith(f"::notice file={GUIDE},") and "title=vague-reference::" in second


@pytest.mark.parametrize(
    ("include", "level", "code"), [((), "note", 0), (("--include-drafts",), "error", 1)]
)
def test_sarif_drafts_are_notes_and_the_exit_status_is_recorded(
    project: Path,
    guides,
    sarif_validator: jsonschema.Draft7Validator,
    include: tuple[str, ...],
    level: str,
    code: int,
) -> None:
    write(project, GUIDE, as_draft(with_body(VAGUE_LINE)))
    run = guides("audit", "--config", project / "mkdocs.yml", "--format", "sarif", *include)
    assert run.code == code
    log = json.loads(run.out)
    assert list(sarif_validator.iter_errors(log)) == []
    (result,) = log["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("vague-reference", level)
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True, "exitCode": code}]


def test_paths_narrow_the_report(project: Path, guides) -> None:
    write(project, GUIDE, with_body(VAGUE_LINE))
    other = write(project, "content/exercises/squat.md", CLEAN_GUIDE.replace("Plank", "Squat"))
    config = project / "mkdocs.yml"
    assert guides("audit", "--config", config, project / GUIDE).code == 1
    run = guides("audit", "--config", config, "--fail-on", "never", other)
    assert "vague-reference" not in run.out


def test_output_is_written_to_a_file(project: Path, guides, tmp_path: Path) -> None:
    write(project, GUIDE, with_body(VAGUE_LINE))
    target = tmp_path / "report.json"
    run = guides("audit", "--config", project / "mkdocs.yml", "--format", "json", "-o", target)
    assert (run.code, run.out, run.err) == (1, "", "")
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["errors"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "report.json"]


def test_text_in_a_file_has_no_colour(
    project: Path, guides, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    write(project, GUIDE, with_body(VAGUE_LINE))
    target = tmp_path / "report.txt"
    guides("audit", "--config", project / "mkdocs.yml", "--output", target)
    assert "\033[" not in target.read_text(encoding="utf-8")


# --- refs check ---------------------------------------------------------------


def test_refs_check_passes_a_clean_store(project: Path, guides) -> None:
    run = guides("refs", "check", "--config", project / "mkdocs.yml")
    assert (run.code, run.err) == (0, ""), run.out
    assert run.out.startswith("No problems")


def test_refs_check_finds_a_duplicate_pmid(project: Path, guides) -> None:
    shutil.copy(FIXTURES / "cli" / "duplicate-pmid.bib", project / "references" / "refs.bib")
    run = guides("refs", "check", "--config", project / "mkdocs.yml", "--format", "json")
    assert run.code == 1
    rules = {finding["rule"] for finding in json.loads(run.out)["findings"]}
    assert "bib-duplicate" in rules


def test_refs_check_takes_another_bib(project: Path, guides, tmp_path: Path) -> None:
    other = shutil.copy(FIXTURES / "cli" / "duplicate-pmid.bib", tmp_path / "other.bib")
    config = project / "mkdocs.yml"
    assert guides("refs", "check", "--config", config, "--bib", other).code == 1
    assert (
        guides("refs", "check", "--config", config, "--fail-on", "never", "--bib", other).code == 0
    )


# --- errors: exit 2, one line -------------------------------------------------


def test_missing_config(guides, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = guides("audit")
    assert_one_line_error(run)
    assert "mkdocs.yml" in run.err
    assert_one_line_error(guides("refs", "check", "--config", tmp_path / "nope.yml"))


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", "--format", "xml"],
        ["audit", "--fail-on", "sometimes"],
        ["audit", "--no-such-option"],
        ["refs"],
        ["refs", "frobnicate"],
        [],
    ],
)
def test_bad_arguments(project: Path, guides, argv: list[str]) -> None:
    run = guides(*argv, *(["--config", project / "mkdocs.yml"] if argv[:1] == ["audit"] else []))
    assert_one_line_error(run)
    assert run.out == ""


def test_unknown_format_names_the_choices(project: Path, guides) -> None:
    run = guides("audit", "--config", project / "mkdocs.yml", "--format", "xml")
    assert_one_line_error(run)
    assert "'xml'" in run.err and "sarif" in run.err


def test_missing_path(project: Path, guides) -> None:
    run = guides("audit", "--config", project / "mkdocs.yml", project / "content" / "nope.md")
    assert_one_line_error(run)
    assert "nope.md" in run.err


@pytest.mark.parametrize("damage", ["missing", "folder", "not-utf8"])
@pytest.mark.parametrize("command", [["audit"], ["refs", "check"]])
def test_unreadable_bib(project: Path, guides, damage: str, command: list[str]) -> None:
    bib = project / "references" / "refs.bib"
    bib.unlink()
    if damage == "folder":
        bib.mkdir()
    elif damage == "not-utf8":
        bib.write_bytes(b"@article{caf\xe9,\n  title = {x},\n}\n")
    run = guides(*command, "--config", project / "mkdocs.yml")
    assert_one_line_error(run)
    assert run.out == ""


def test_config_that_is_not_yaml(project: Path, guides) -> None:
    write(project, "mkdocs.yml", "site_name: [unclosed\n  plugins: {\n")
    assert_one_line_error(guides("audit", "--config", project / "mkdocs.yml"))


def test_bad_plugin_option(project: Path, guides, monkeypatch: pytest.MonkeyPatch) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    write(project, "mkdocs.yml", config + "      rules: {no-such-rule: error}\n")
    monkeypatch.chdir(project)
    run = guides("audit")
    assert_one_line_error(run)
    assert run.err.startswith("guides: mkdocs.yml:")  # the config as the user named it


def test_unwritable_output(project: Path, guides, tmp_path: Path) -> None:
    run = guides("audit", "--config", project / "mkdocs.yml", "-o", tmp_path / "no" / "r.txt")
    assert_one_line_error(run)


# --- the real command ---------------------------------------------------------


def python_m_guides(*argv: str | Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evidence_guides.cli", *map(str, argv)],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_python_m_runs_the_command(project: Path) -> None:
    write(project, GUIDE, with_body(VAGUE_LINE))
    result = python_m_guides("audit", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "vague-reference" in result.stdout
    assert "\033[" not in result.stdout  # a pipe, not a terminal
    assert "Traceback" not in result.stderr

    result = python_m_guides("audit", "--config", "missing.yml", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("guides: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_output_is_utf8_whatever_the_locale(project: Path) -> None:
    write(project, GUIDE, with_body("Planks build endurance (Müller, 2019)."))
    result = python_m_guides("audit", "--format", "json", cwd=project, PYTHONIOENCODING="ascii")
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["findings"][0]["rule"] == "vague-reference"


def test_pre_commit_hooks_run_their_commands(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each hook's entry is a ``guides`` command that passes on a clean project."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["guides-audit", "guides-refs-check"]
    monkeypatch.chdir(project)  # pre-commit runs hooks from the repository's root
    for hook in hooks:
        assert hook["pass_filenames"] is False
        command, *argv = shlex.split(hook["entry"])
        assert command == "guides"
        assert main(argv) == 0, hook["id"]
    assert re.search(hooks[0]["files"], "content/exercises/plank.md")
    assert re.search(hooks[1]["files"], "references/refs.bib")
    assert not re.search(hooks[1]["files"], "content/exercises/plank.md")
