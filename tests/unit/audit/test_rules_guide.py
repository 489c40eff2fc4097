"""Placeholders left from ``guides new`` and ``related`` links, through the audit engine."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from evidence_guides.audit.engine import audit_project
from evidence_guides.audit.settings import load_settings
from evidence_guides.guide.scaffold import guide_skeleton

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))


def _audit(project: Path, *, include_drafts: bool = True):
    return audit_project(load_settings(project / "mkdocs.yml", include_drafts=include_drafts))


def _write(project: Path, slug: str, text: str) -> None:
    (project / "content" / "exercises" / f"{slug}.md").write_text(text)


def _plank(project: Path) -> str:
    return (project / "content" / "exercises" / "plank.md").read_text()


def test_every_placeholder_of_the_skeleton_is_reported(project: Path) -> None:
    text = guide_skeleton("Side plank", datetime.date(2026, 11, 21))
    _write(project, "side-plank", text)
    report = _audit(project)
    placeholders = [f for f in report.findings if f.rule == "placeholder"]
    expected = [i + 1 for i, line in enumerate(text.splitlines()) if "TODO:" in line]
    assert sorted({f.line for f in placeholders}) == expected
    assert all(f.path == "content/exercises/side-plank.md" for f in placeholders)
    assert report.fails("error")
    assert not _audit(project, include_drafts=False).fails("error")  # a draft does not block


def test_placeholder_in_code_is_not_reported(project: Path) -> None:
    _write(project, "plank", _plank(project) + "\n```text\nTODO: an example in code\n```\n")
    assert [f for f in _audit(project).findings if f.rule == "placeholder"] == []


def test_placeholder_in_a_published_guide_blocks(project: Path) -> None:
    _write(project, "plank", _plank(project) + "\nTODO: finish this paragraph.\n")
    (finding,) = [f for f in _audit(project).findings if f.rule == "placeholder"]
    text = _plank(project) + "\nTODO: finish this paragraph.\n"
    assert finding.line == text.splitlines().index("TODO: finish this paragraph.") + 1
    assert finding.severity == "error"


def test_related_guide_must_exist(project: Path) -> None:
    text = _plank(project).replace("level: beginner\n", "level: beginner\nrelated: [nowhere]\n", 1)
    _write(project, "plank", text)
    (finding,) = [f for f in _audit(project).findings if f.rule == "frontmatter-invalid"]
    line = text.splitlines().index("related: [nowhere]") + 1
    assert (finding.line, finding.column) == (line, 11)
    assert finding.message == "related[0]: no guide 'nowhere' (nowhere.md is not in exercises/)"


def test_related_guide_must_not_be_a_draft(project: Path) -> None:
    plank = _plank(project)
    draft = plank.replace("title: Plank", "title: Side plank\ndraft: true")
    _write(project, "side-plank", draft)
    _write(
        project,
        "plank",
        plank.replace("level: beginner\n", "level: beginner\nrelated: [side-plank]\n", 1),
    )
    findings = [f for f in _audit(project).findings if f.rule == "frontmatter-invalid"]
    assert [f.message for f in findings] == [
        "related[0]: 'side-plank' is a draft, left out until it is published"
    ]
    assert findings[0].path == "content/exercises/plank.md"


def test_existing_published_related_guides_are_fine(project: Path) -> None:
    plank = _plank(project)
    _write(project, "side-plank", plank.replace("title: Plank", "title: Side plank"))
    _write(
        project,
        "plank",
        plank.replace("level: beginner\n", "level: beginner\nrelated: [side-plank]\n", 1),
    )
    assert [f for f in _audit(project).findings if f.rule == "frontmatter-invalid"] == []


def test_every_related_problem_in_one_run(project: Path) -> None:
    """A slug that is not one, and one that names no guide, are reported together."""
    plank = _plank(project)
    _write(project, "side-plank", plank.replace("title: Plank", "title: Side plank"))
    related = 'related: [side-plank, wall-sti, "Crunch"]'
    text = plank.replace("level: beginner\n", f"level: beginner\n{related}\n", 1)
    _write(project, "plank", text)
    _write(project, "wall-sit", plank.replace("title: Plank", "title: Wall sit"))
    findings = [f for f in _audit(project).findings if f.path.endswith("/plank.md")]
    line = text.splitlines().index(related) + 1
    assert [(f.line, f.column, f.message) for f in findings] == [
        (
            line,
            23,
            "related[1]: no guide 'wall-sti' (wall-sti.md is not in exercises/);"
            " did you mean 'wall-sit'?",
        ),
        (
            line,
            33,
            "related[2]: 'Crunch' is not a guide slug (lowercase words joined by '-',"
            " e.g. 'glute-bridge'); write 'crunch'",
        ),
    ]


def test_a_placeholder_message_quotes_the_value_not_the_comment(project: Path) -> None:
    text = guide_skeleton("Side plank", datetime.date(2026, 11, 21))
    _write(project, "side-plank", text)
    messages = [f.message for f in _audit(project).findings if f.rule == "placeholder"]
    answer = next(line for line in text.splitlines() if line.strip().startswith("a: "))
    assert "#" in answer  # the skeleton's answer has a comment after its value
    assert "placeholder left from 'guides new': 'TODO: the answer'; write the guide's own text" in (
        messages
    )
    assert not [m for m in messages if "#" in m or '"' in m]
