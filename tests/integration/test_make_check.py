"""``make check``, what an editor runs before publishing: every part, then one summary."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import MINIMAL_GUIDE, REPO, ProjectFactory

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _check(project: Path) -> subprocess.CompletedProcess[str]:
    """``make check`` of this checkout, on ``project``."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO), "check", f"CHECK_DIR={project}"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )


def _summary(output: str) -> list[str]:
    """The summary: the lines from ``make check:`` to the end."""
    lines = output.splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith("make check: "))
    return [" ".join(line.split()) for line in lines[start + 1 :]]


def test_a_clean_project_is_ready_to_publish(make_project: ProjectFactory) -> None:
    result = _check(make_project())
    assert result.returncode == 0, result.stdout + result.stderr
    assert _summary(result.stdout) == [
        "audit (guides audit) ok",
        "strict build (mkdocs build --strict) ok",
        "internal links and anchors ok",
        "ready to publish",
    ]


def test_every_part_runs_and_the_summary_says_what_failed(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE + "\nSee the [side plank](side-plank.md).\n"
    result = _check(make_project({"content/exercises/plank.md": guide}))
    assert result.returncode != 0
    output = result.stdout
    line = guide.splitlines().index("See the [side plank](side-plank.md).") + 1
    # The audit's finding (grouped by file), and the build's, each at its line and column.
    assert f"{line}:22  error    broken-link" in output, output
    assert f"content/exercises/plank.md:{line}:22: broken-link" in output
    assert _summary(output) == [
        "audit (guides audit) FAILED: fix the findings above",
        "strict build (mkdocs build --strict) FAILED: fix the errors above",
        "internal links and anchors not run: the strict build failed",
        "not ready to publish",
    ]
