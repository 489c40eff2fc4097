"""``guides schema``: the front-matter model as JSON Schema, on stdout or in a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence_guides.cli import main
from evidence_guides.guide.frontmatter.model import guide_json_schema


def test_schema_prints_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == guide_json_schema()


def test_schema_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "guide.schema.json"
    assert main(["schema", "--output", str(target)]) == 0
    assert json.loads(target.read_text()) == guide_json_schema()
    assert [p.name for p in tmp_path.iterdir()] == ["guide.schema.json"]


def test_unwritable_output_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--output", str(tmp_path / "missing" / "x.json")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("guides: ") and error.count("\n") == 1


def test_schema_needs_no_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here
    assert main(["schema", "-o", "schema.json"]) == 0
    assert json.loads((tmp_path / "schema.json").read_text())["type"] == "object"
