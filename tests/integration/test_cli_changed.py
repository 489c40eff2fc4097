"""``guides audit --changed``: only what changed since git HEAD, as a pre-commit hook runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from evidence_guides.cli import main

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "cli" / "project"
PLANK = "content/exercises/plank.md"
LUNGE = "content/exercises/lunge.md"
VAGUE = "\nLunges build strength (Smith, 2019).\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def report(self) -> dict[str, Any]:
        return json.loads(self.out)

    @property
    def paths(self) -> set[str]:
        return {finding["path"] for finding in self.report["findings"]}


def git(folder: Path, *arguments: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid"]
    identity += ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    subprocess.run(["git", *identity, *arguments], cwd=folder, check=True, capture_output=True)


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No repository above the test's folder, and none of the caller's git settings."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The clean fixture project plus a committed guide that already has a finding."""
    project = Path(shutil.copytree(FIXTURE, tmp_path / "project"))
    plank = (project / PLANK).read_text(encoding="utf-8")
    (project / LUNGE).write_text(plank.replace("Plank", "Lunge") + VAGUE, encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "guides")
    return project


@pytest.fixture
def changed(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(project: Path, *extra: str) -> Run:
        argv = ["audit", "--changed", "--config", str(project / "mkdocs.yml"), *extra]
        code = main([*argv, "--format", "json"])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def add_vague(project: Path, relative: str = PLANK) -> None:
    file = project / relative
    file.write_text(file.read_text(encoding="utf-8") + VAGUE, encoding="utf-8")


def test_nothing_changed_audits_no_page(project: Path, changed) -> None:
    run = changed(project)
    assert (run.code, run.err) == (0, "")
    assert run.report["summary"]["files"] == 0
    assert run.paths == set()


def test_only_a_changed_page_is_audited(project: Path, changed) -> None:
    add_vague(project)
    run = changed(project)
    assert run.code == 1
    assert run.paths == {PLANK}  # the committed lunge guide's finding is not reported
    assert run.report["summary"]["files"] == 1


def test_a_staged_change_is_audited(project: Path, changed) -> None:
    add_vague(project)
    git(project, "add", PLANK)
    assert changed(project).paths == {PLANK}


def test_a_new_page_git_does_not_ignore_is_audited(project: Path, changed) -> None:
    squat = (project / PLANK).read_text(encoding="utf-8").replace("Plank", "Squat") + VAGUE
    (project / "content/exercises/squat.md").write_text(squat, encoding="utf-8")
    (project / "content/exercises/ignored.md").write_text(squat, encoding="utf-8")
    (project / ".gitignore").write_text("ignored.md\n", encoding="utf-8")
    run = changed(project)
    assert run.paths == {"content/exercises/squat.md"}
    assert run.report["summary"]["files"] == 1  # .gitignore is no page


def test_a_deleted_page_audits_every_page(project: Path, changed) -> None:
    """Another guide may name it in ``related``: that link is now broken."""
    plank = project / PLANK
    plank.write_text(
        plank.read_text(encoding="utf-8").replace("faq:", "related: [squat]\nfaq:"), "utf-8"
    )
    squat = project / "content/exercises/squat.md"
    squat.write_text(plank.read_text(encoding="utf-8").replace("Plank", "Squat"), "utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "squat")
    squat.unlink()
    run = changed(project)
    assert run.paths == {PLANK, LUNGE}  # the broken link, and what was already there
    assert run.report["summary"]["files"] == 3


def test_a_renamed_page_audits_every_page(project: Path, changed) -> None:
    git(project, "mv", LUNGE, "content/exercises/split-squat.md")
    run = changed(project)
    assert run.paths == {"content/exercises/split-squat.md"}
    assert run.report["summary"]["files"] == 3


def test_a_changed_store_audits_every_page(project: Path, changed) -> None:
    bib = project / "references" / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n% a comment\n", encoding="utf-8")
    run = changed(project)
    assert run.code == 1
    assert run.paths == {LUNGE}
    assert run.report["summary"]["files"] == 3  # index, lunge, plank


def test_a_changed_config_audits_every_page(project: Path, changed) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert changed(project).paths == {LUNGE}


def test_a_repository_without_commits_audits_every_page(tmp_path: Path, changed) -> None:
    project = Path(shutil.copytree(FIXTURE, tmp_path / "fresh"))
    add_vague(project)
    git(project, "init", "-q")
    run = changed(project)
    assert run.paths == {PLANK}
    assert run.report["summary"]["files"] == 2


def test_a_project_in_a_subfolder_of_the_repository(tmp_path: Path, changed) -> None:
    repository = tmp_path / "repository"
    project = Path(shutil.copytree(FIXTURE, repository / "site"))
    git(repository, "init", "-q")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "site")
    add_vague(project)
    assert changed(project).paths == {PLANK}


def test_outside_a_repository_is_one_line_and_exit_2(tmp_path: Path, changed) -> None:
    project = Path(shutil.copytree(FIXTURE, tmp_path / "plain"))
    run = changed(project)
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("guides: ") and run.err.count("\n") == 1
    assert "not in a git repository" in run.err


def test_paths_and_changed_do_not_mix(project: Path, changed) -> None:
    run = changed(project, str(project / PLANK))
    assert run.code == 2
    assert run.err == "guides: --changed finds the pages itself: give no PATH with it\n"


def test_without_git_installed(
    project: Path, changed, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    run = changed(project)
    assert run.code == 2
    assert run.err == "guides: --changed needs git, which is not installed\n"


def test_the_store_rules_run_only_when_the_store_changed(project: Path, changed) -> None:
    bib = project / "references" / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "@misc{untitled, year = {2020}}\n", "utf-8")
    git(project, "commit", "-q", "-am", "an entry without title")
    add_vague(project)
    assert changed(project).paths == {PLANK}  # the store did not change: not its findings
    bib.write_text(bib.read_text(encoding="utf-8") + "% touched\n", encoding="utf-8")
    run = changed(project)
    assert "references/refs.bib" in run.paths
    assert {finding["rule"] for finding in run.report["findings"]} >= {"bib-invalid-entry"}
