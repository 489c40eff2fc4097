"""``guides audit``: the project, some pages, or the pages changed; findings set the exit code."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.unit.cli.conftest import Run

GUIDE = Path("content/exercises/plank.md")


@pytest.fixture(autouse=True)
def _keep_gc_thresholds() -> Iterator[None]:
    """The command tunes the collector for its one run; other tests keep their own."""
    thresholds = gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)


def test_a_clean_project(project: Path, guides: Callable[..., Run]) -> None:
    run = guides("audit")
    assert (run.code, run.err) == (0, "")
    assert run.out.startswith("No problems in ")


def test_findings_fail_the_run(project: Path, guides: Callable[..., Run]) -> None:
    guide = project / GUIDE
    guide.write_text(guide.read_text() + "\nStudies show (Smith, 2019) that it works.\n")
    run = guides("audit", "--format", "json", str(GUIDE))
    assert run.code == 1
    rules = {finding["rule"] for finding in json.loads(run.out)["findings"]}
    assert "vague-reference" in rules
    assert guides("audit", "--fail-on", "never", str(GUIDE)).code == 0


def test_changed_takes_no_paths(project: Path, guides: Callable[..., Run]) -> None:
    run = guides("audit", "--changed", str(GUIDE))
    assert run.code == 2
    assert run.err == "guides: --changed finds the pages itself: give no PATH with it\n"


def test_a_path_outside_the_docs_is_one_line(project: Path, guides: Callable[..., Run]) -> None:
    run = guides("audit", "mkdocs.yml")
    assert run.code == 2
    assert run.err == "guides: mkdocs.yml: not inside the docs folder content\n"


def test_the_collector_runs_less_often(project: Path, guides: Callable[..., Run]) -> None:
    assert guides("audit").code == 0
    assert gc.get_threshold()[0] == 200_000
