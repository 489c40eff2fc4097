"""The GitHub format, on hand-built audit reports: exact workflow commands, escaping, drafts."""

from __future__ import annotations

from pathlib import Path

from evidence_guides.audit.reporters.github import (
    GithubReporter,
    escape_data,
    escape_property,
    github_command,
)
from evidence_guides.findings import Finding, Suggestion
from tests.unit.audit.reporters.support import CLAIM, UNUSED, VAGUE, report


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
    github = GithubReporter().render(report(finding), root)
    assert "\x1b" not in github and "file=g\\x1b[2J.md" in github


def test_message_escaping_keeps_colons_and_commas() -> None:
    assert escape_data("50%, a:b\r\nc") == "50%25, a:b%0D%0Ac"


def test_property_escaping_also_escapes_colons_and_commas() -> None:
    assert escape_property("50%, a:b\nc") == "50%25%2C a%3Ab%0Ac"


def test_one_command_per_finding() -> None:
    assert github_command(UNUSED, report(UNUSED)) == (
        "::warning file=references/refs.bib,line=40,col=1,title=unused-reference::"
        "'garber2011' is not cited"
    )
    drafted = report(UNUSED, drafts=frozenset({UNUSED.path}))
    assert github_command(UNUSED, drafted).startswith("::notice file=references/refs.bib,")
