"""Real MkDocs builds, run as an editor or CI runs them: ``mkdocs build --strict``."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.site import MINIMAL_CONFIG, REPO, Build, run_build

__all__ = ["MINIMAL_CONFIG", "REPO", "Build", "ProjectFactory", "run_build"]


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
safety: Stop if your back hurts.
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
