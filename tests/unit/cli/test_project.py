"""The project a command works on: mkdocs.yml's settings, and paths relative to its root."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from evidence_guides.cli.errors import UsageError
from evidence_guides.cli.project import project_settings, relative


def test_settings_of_the_project(project: Path) -> None:
    settings = project_settings(argparse.Namespace(config=Path("mkdocs.yml")))
    assert settings.root.resolve() == project.resolve()
    assert settings.bib.name == "refs.bib" and settings.include_drafts is False
    drafts = project_settings(argparse.Namespace(config=Path("mkdocs.yml")), include_drafts=True)
    assert drafts.include_drafts is True


def test_a_missing_configuration_is_a_hint(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    with pytest.raises(UsageError) as raised:
        project_settings(argparse.Namespace(config=config))
    assert str(raised.value) == (
        f"{config}: no such file; run guides in the project's folder or pass --config"
    )


def test_paths_inside_the_root_are_relative(tmp_path: Path) -> None:
    assert relative(tmp_path / "references" / "refs.bib", tmp_path) == "references/refs.bib"
    elsewhere = tmp_path.parent / "other.bib"
    assert relative(elsewhere, tmp_path) == str(elsewhere)
