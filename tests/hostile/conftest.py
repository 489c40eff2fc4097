"""The hostile suites' project: the CLI fixture project with the minimal mkdocs.yml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.support import CONFIG, REPO, Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return Project(root)
