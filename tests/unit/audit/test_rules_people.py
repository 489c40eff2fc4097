"""``author`` and ``reviewed_by`` name people of the people file; its own mistakes reported once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evidence_guides.audit.engine import audit_project
from evidence_guides.audit.settings import load_settings
from evidence_guides.findings import Finding

REPO = Path(__file__).resolve().parents[3]
PEOPLE = """\
people:
  - id: editorial-team
    name: Test editorial team
    kind: organization
  - id: jane-doe
    name: Jane Doe
    credentials: PhD
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))
    (root / "content" / "people.yml").write_text(PEOPLE)
    return root


def _with_people(project: Path, lines: str) -> None:
    plank = project / "content" / "exercises" / "plank.md"
    text = plank.read_text()
    plank.write_text(
        text.replace("last_reviewed: 2026-11-01\n", f"last_reviewed: 2026-11-01\n{lines}")
    )


def _findings(project: Path, rule: str = "frontmatter-invalid") -> list[Finding]:
    report = audit_project(load_settings(project / "mkdocs.yml"))
    return [finding for finding in report.findings if finding.rule == rule]


def test_known_people_are_no_finding(project: Path) -> None:
    _with_people(project, "author: editorial-team\nreviewed_by: jane-doe\n")
    assert _findings(project) == []


def test_unknown_ids_are_reported_at_their_line(project: Path) -> None:
    _with_people(project, "author: editorial-teem\nreviewed_by: john-roe\n")
    assert [(f.path, f.line, f.column, f.message) for f in _findings(project)] == [
        (
            "content/exercises/plank.md",
            6,
            9,
            "author: 'editorial-teem' is not defined in content/people.yml"
            " (did you mean 'editorial-team'?)",
        ),
        (
            "content/exercises/plank.md",
            7,
            14,
            "reviewed_by: 'john-roe' is not defined in content/people.yml",
        ),
    ]


def test_an_id_that_is_not_an_id_is_a_model_error(project: Path) -> None:
    _with_people(project, "reviewed_by: Jane Doe\n")
    (finding,) = _findings(project)
    assert (finding.line, finding.message.split(":")[0]) == (6, "reviewed_by")


def test_without_a_people_file_every_id_is_unknown(project: Path) -> None:
    (project / "content" / "people.yml").unlink()
    _with_people(project, "author: editorial-team\n")
    assert [f.message for f in _findings(project)] == [
        "author: 'editorial-team' names no one: there is no content/people.yml to define them in"
    ]


def test_the_people_files_mistakes_are_reported_once_at_their_lines(project: Path) -> None:
    (project / "content" / "people.yml").write_text(PEOPLE + "  - id: jane-doe\n    name: Again\n")
    assert [(f.path, f.line, f.message) for f in _findings(project)] == [
        ("content/people.yml", 8, "people[2].id: 'jane-doe' is defined twice (ids are unique)")
    ]


def test_a_key_written_twice_is_named_once_and_no_guide_says_its_person_is_undefined(
    project: Path,
) -> None:
    people = PEOPLE.replace("    kind: organization\n", "    name: Again\n    kind: organization\n")
    (project / "content" / "people.yml").write_text(people)
    _with_people(project, "author: editorial-team\n")
    assert [f.format() for f in _findings(project)] == [
        "content/people.yml:4:5: frontmatter-invalid: people[0]: duplicate key 'name'"
        " (first on line 3): YAML keeps only the last value; delete one of them"
    ]


def test_an_unreadable_people_file_is_the_one_finding(project: Path) -> None:
    (project / "content" / "people.yml").write_text("people: [\n")
    _with_people(project, "author: editorial-team\nreviewed_by: jane-doe\n")
    assert [(f.path, f.line) for f in _findings(project)] == [("content/people.yml", 2)]


def test_the_people_option_names_another_file(project: Path) -> None:
    (project / "content" / "people.yml").rename(project / "team.yml")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "      people: team.yml\n")
    _with_people(project, "author: editorial-team\n")
    assert _findings(project) == []
