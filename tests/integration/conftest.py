"""Real MkDocs builds, run as an editor or CI runs them: ``mkdocs build --strict``."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.guides import MINIMAL_BIB, guide_source
from tests.support.site import MINIMAL_CONFIG, REPO, Build, run_build

__all__ = ["MINIMAL_BIB", "MINIMAL_CONFIG", "REPO", "Build", "ProjectFactory", "run_build"]


MINIMAL_GUIDE = guide_source()


ProjectFactory = Callable[..., Path]


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Write a small project; pass ``files`` to add or replace files by path."""

    def make(files: dict[str, str | bytes] | None = None) -> Path:
        project = tmp_path / "project"
        defaults: dict[str, str | bytes] = {
            "mkdocs.yml": MINIMAL_CONFIG,
            "references/refs.bib": MINIMAL_BIB,
            "content/index.md": "# Home\n",
            "content/exercises/plank.md": MINIMAL_GUIDE,
        }
        for relative, content in {**defaults, **(files or {})}.items():
            target = project / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(textwrap.dedent(content), encoding="utf-8")
        return project

    return make
