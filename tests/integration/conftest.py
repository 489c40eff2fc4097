"""Real MkDocs builds, run as an editor or CI runs them: ``mkdocs build --strict``."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Build:
    """The outcome of one ``mkdocs build``."""

    project: Path
    site: Path
    returncode: int
    output: str

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def run_build(project: Path, *, strict: bool = True) -> Build:
    """Build ``project`` with MkDocs in a subprocess, as ``make site`` does."""
    site = project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    result = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


MINIMAL_CONFIG = f"""\
site_name: Test Guides
site_url: https://guides.test/
docs_dir: content
theme:
  name: material
  custom_dir: {REPO / "theme"}
  font: false
plugins:
  - search
  - evidence
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc
"""

MINIMAL_BIB = """\
@article{garber2011,
  author  = {Garber, C. E. and Blissmer, B. and Deschenes, M. R. and Franklin, B. A.
             and {American College of Sports Medicine}},
  title   = {Quantity and quality of exercise for developing and maintaining fitness},
  journal = {Med Sci Sports Exerc},
  year    = {2011}, volume = {43}, number = {7}, pages = {1334--1359},
  doi     = {10.1249/MSS.0b013e318213fefb},
  pmid    = {21694556},
}
"""

MINIMAL_GUIDE = """\
---
title: Plank
description: Hold a straight line from head to heels.
level: beginner
last_reviewed: 2026-11-01
muscles:
  - name: Rectus abdominis
    role: stabilizer
variations:
  - name: Knee plank
    level: beginner
    how: Knees down.
mistakes:
  - mistake: Hips sag.
    fix: Squeeze the glutes.
faq:
  - q: How long should I hold it?
    a: Until form fails [@garber2011].
---

Body text.
"""


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


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The repository's own site, built once for the session with --strict."""
    site = tmp_path_factory.mktemp("shipped") / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    result = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    build = Build(REPO, site, result.returncode, result.stdout + result.stderr)
    assert build.returncode == 0, build.output
    return build
