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


def test_a_guide_without_a_safety_note_is_a_warning_at_its_front_matter(project: Path) -> None:
    text = _plank(project)
    assert "\nsafety:" in text
    assert [f for f in _audit(project).findings if f.rule == "missing-safety"] == []
    _write(
        project, "plank", "\n".join(ln for ln in text.split("\n") if not ln.startswith("safety:"))
    )
    (finding,) = [f for f in _audit(project).findings if f.rule == "missing-safety"]
    assert (finding.path, finding.line, finding.column) == ("content/exercises/plank.md", 1, 1)
    assert finding.severity == "warning"
    assert "safety" in finding.message


def test_a_page_that_is_not_a_guide_needs_no_safety_note(project: Path) -> None:
    (project / "content" / "about.md").write_text("# About\n\nA page.\n")
    findings = _audit(project).findings
    assert [f.path for f in findings if f.rule == "missing-safety"] == []


VOCABULARY = """\
groups:
  - group: Abdominals
    muscles:
      - name: Rectus abdominis
        aliases: [Lower abs]
      - name: Obliques
"""


def test_a_muscle_the_vocabulary_does_not_know_is_reported_at_its_name(project: Path) -> None:
    (project / "muscles.yml").write_text(VOCABULARY)
    assert [f for f in _audit(project).findings if f.rule == "frontmatter-invalid"] == []
    text = _plank(project).replace("- name: Rectus abdominis", "- name: Rectus abdominus")
    _write(project, "plank", text)
    (finding,) = [f for f in _audit(project).findings if f.rule == "frontmatter-invalid"]
    line = text.splitlines().index("  - name: Rectus abdominus") + 1
    assert (finding.line, finding.column) == (line, 11)
    assert finding.message.startswith(
        "muscles[0].name: 'Rectus abdominus' is not in the muscle vocabulary"
        " (did you mean 'Rectus abdominis'?)"
    )
    assert finding.severity == "error"


def test_an_alias_in_any_case_is_a_known_name(project: Path) -> None:
    (project / "muscles.yml").write_text(VOCABULARY)
    _write(project, "plank", _plank(project).replace("name: Rectus abdominis", "name: LOWER abs"))
    assert [f for f in _audit(project).findings if f.rule == "frontmatter-invalid"] == []


def test_without_a_vocabulary_file_names_are_not_checked(project: Path) -> None:
    assert not (project / "muscles.yml").exists()
    _write(project, "plank", _plank(project).replace("name: Rectus abdominis", "name: Anything"))
    assert [f for f in _audit(project).findings if f.rule == "frontmatter-invalid"] == []


def test_a_vocabulary_file_named_in_the_config_must_exist(project: Path) -> None:
    from evidence_guides.audit.model import AuditInputError

    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "      muscles: vocabulary/muscles.yml\n")
    with pytest.raises(AuditInputError, match=r"^vocabulary/muscles\.yml: "):
        load_settings(config)


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
