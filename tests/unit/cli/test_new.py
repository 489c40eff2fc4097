"""``guides new``: a draft skeleton where the guides are, never over an existing guide."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.unit.cli.conftest import Run


def test_a_draft_is_written_and_the_next_steps_said(
    project: Path, guides: Callable[..., Run]
) -> None:
    run = guides("new", "Flutter kick")
    assert (run.code, run.err) == (0, "")
    assert run.out == (
        "created content/exercises/flutter-kick.md (a draft): preview it with 'make serve',\n"
        "fill in every TODO, then check it with 'guides audit content/exercises/flutter-kick.md'\n"
    )
    text = (project / "content" / "exercises" / "flutter-kick.md").read_text()
    assert "draft: true" in text and "TODO" in text


def test_an_existing_guide_is_refused(project: Path, guides: Callable[..., Run]) -> None:
    guide = project / "content" / "exercises" / "plank.md"
    before = guide.read_bytes()
    run = guides("new", "Plank")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("guides: ") and run.err.count("\n") == 1
    assert guide.read_bytes() == before


def test_no_project_is_a_hint(tmp_path: Path, guides: Callable[..., Run]) -> None:
    run = guides("new", "Plank", "--config", str(tmp_path / "mkdocs.yml"))
    assert run.code == 2
    assert "no such file; run guides in the project's folder or pass --config" in run.err
