"""``unattributed-quote``: an expert quote names its speaker, with credentials, at its marker."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evidence_guides.audit.engine import audit_project
from evidence_guides.audit.settings import load_settings

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))
    (root / "content" / "people.yml").write_text(
        "people:\n  - {id: jane-doe, name: Jane Doe, credentials: PhD}\n"
    )
    return root


def _quotes(project: Path, body: str) -> list[tuple[int, int, str]]:
    """The quote findings of ``body`` appended to the fixture guide; lines within ``body``."""
    plank = project / "content" / "exercises" / "plank.md"
    before = plank.read_text() + "\n\n"
    plank.write_text(before + body)
    report = audit_project(load_settings(project / "mkdocs.yml"))
    offset = before.count("\n")
    return [
        (f.line - offset, f.column, f.message)
        for f in report.findings
        if f.rule == "unattributed-quote"
    ]


def test_quotes_with_a_speaker_are_no_finding(project: Path) -> None:
    body = "> [!quote] jane-doe\n> Words.\n\nText.\n\n> [!quote] John Roe, PhD, College\n> More.\n"
    assert _quotes(project, body) == []


def test_a_quote_without_a_speaker_is_reported_at_its_marker(project: Path) -> None:
    assert _quotes(project, "Text.\n\n> [!quote]\n> Words nobody said.\n") == [
        (
            3,
            3,
            "expert quote without a speaker: write '> [!quote] PERSON-ID' (an id of"
            " content/people.yml) or '> [!quote] NAME, CREDENTIALS'",
        )
    ]


def test_unknown_and_bare_speakers_and_a_misplaced_marker(project: Path) -> None:
    body = "> [!quote] john-roe\n> A.\n\nText.\n\n> [!quote] John Roe\n> B.\n\nText.\n\n"
    body += "> C.\n> [!quote] jane-doe\n"
    assert [(line, message.split(",")[0]) for line, _, message in _quotes(project, body)] == [
        (1, "expert quote by 'john-roe'"),
        (6, "expert quote by 'John Roe' without credentials: write 'NAME"),
        (12, "'[!quote]' must be the first line of its quote"),
    ]


def test_a_marker_in_code_is_not_a_quote(project: Path) -> None:
    assert _quotes(project, "```markdown\n> [!quote]\n> Words.\n```\n") == []


def test_a_speaker_the_people_file_leaves_out_is_its_finding_not_the_quotes(project: Path) -> None:
    (project / "content" / "people.yml").write_text(
        "people:\n  - {id: jane-doe, name: Jane Doe, name: Jane Roe, credentials: PhD}\n"
    )
    assert _quotes(project, "> [!quote] jane-doe\n> Words.\n\n> [!quote] john-roe\n> B.\n") == [
        (4, 3, "expert quote by 'john-roe', who is not defined in content/people.yml")
    ]
