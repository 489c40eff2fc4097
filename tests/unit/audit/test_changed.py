"""The pages ``guides audit --changed`` audits, read from a real git repository.

The README's rules: only the pages changed since git HEAD (staged or not) and
new pages git does not ignore; every page (None) when the store or mkdocs.yml
changed or a page was deleted or renamed. Outside a git repository it says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from evidence_guides.audit.changed import changed_pages
from evidence_guides.audit.model import AuditInputError
from evidence_guides.audit.settings import load_settings

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "cli" / "project"
PLANK = "content/exercises/plank.md"
LUNGE = "content/exercises/lunge.md"
INDEX = "content/index.md"
EVERY_PAGE = None

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture(autouse=True)
def git_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Commits that work on a bare machine, and none of the caller's repository or settings."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "test@example.invalid")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "test@example.invalid")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def git(folder: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True, timeout=60)


def write(project: Path, relative: str, text: str = "# New\n") -> None:
    file = project / relative
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def append(project: Path, relative: str, text: str = "\nMore text.\n") -> None:
    with (project / relative).open("a", encoding="utf-8") as file:
        file.write(text)


def copy_project(folder: Path) -> Path:
    """The fixture project, plus a second guide, an image and a README beside mkdocs.yml."""
    project = Path(shutil.copytree(FIXTURE, folder))
    write(project, LUNGE, (project / PLANK).read_text(encoding="utf-8").replace("Plank", "Lunge"))
    (project / "content/exercises/plank.png").write_bytes(b"\x89PNG\r\n")
    write(project, "README.md", "# Guides\n")
    return project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The project, committed: nothing has changed yet."""
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "guides")
    return project


def changed(project: Path) -> set[str] | None:
    """The pages to audit, relative to the project; None for every page."""
    settings = load_settings(project / "mkdocs.yml")
    pages = changed_pages(settings, project / "mkdocs.yml")
    if pages is None:
        return None
    assert pages == sorted(pages)
    assert all(page.is_absolute() and page.is_file() for page in pages)
    root = project.resolve()
    return {page.relative_to(root).as_posix() for page in pages}


Change = Callable[[Path], object]


# --- only the changed pages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "pages"),
    [
        pytest.param(lambda p: None, set(), id="nothing"),
        pytest.param(lambda p: append(p, PLANK), {PLANK}, id="edited"),
        pytest.param(lambda p: (append(p, PLANK), git(p, "add", PLANK)), {PLANK}, id="staged"),
        pytest.param(
            lambda p: (append(p, PLANK), git(p, "add", PLANK), append(p, PLANK, "Again.\n")),
            {PLANK},
            id="staged-then-edited",
        ),
        pytest.param(
            lambda p: (append(p, PLANK), append(p, INDEX)), {INDEX, PLANK}, id="two-pages"
        ),
        pytest.param(
            lambda p: (append(p, PLANK), git(p, "commit", "-qam", "plank")),
            set(),
            id="edited-and-committed",
        ),
        pytest.param(
            lambda p: (append(p, PLANK), git(p, "add", PLANK), git(p, "restore", PLANK)),
            {PLANK},
            id="staged-then-undone-in-the-worktree",
        ),
        pytest.param(lambda p: (p / PLANK).chmod(0o755), {PLANK}, id="made-executable"),
    ],
)
def test_pages_changed_since_head_staged_or_not(
    project: Path, change: Change, pages: set[str]
) -> None:
    change(project)
    assert changed(project) == pages


@pytest.mark.parametrize(
    ("change", "pages"),
    [
        pytest.param(
            lambda p: write(p, "content/exercises/squat.md"),
            {"content/exercises/squat.md"},
            id="untracked",
        ),
        pytest.param(
            lambda p: (write(p, "content/exercises/squat.md"), git(p, "add", "-A")),
            {"content/exercises/squat.md"},
            id="staged",
        ),
        pytest.param(
            lambda p: write(p, "content/stretches/hamstring stretch.md"),
            {"content/stretches/hamstring stretch.md"},
            id="in-a-new-folder-with-a-space",
        ),
        pytest.param(
            lambda p: write(
                p, "content/exercises/\u00e9l\u00e9vation-\u043f\u043b\u0430\u043d\u043a.md"
            ),
            {"content/exercises/\u00e9l\u00e9vation-\u043f\u043b\u0430\u043d\u043a.md"},
            id="non-ascii-name",
        ),
        pytest.param(
            lambda p: write(p, 'content/exercises/tab\tquote"star*.md'),
            {'content/exercises/tab\tquote"star*.md'},
            id="characters-git-would-quote",
        ),
        pytest.param(
            lambda p: write(p, "content/exercises/NOTES.MARKDOWN"),
            {"content/exercises/NOTES.MARKDOWN"},
            id="another-markdown-suffix",
        ),
    ],
)
def test_new_pages_are_audited(project: Path, change: Change, pages: set[str]) -> None:
    change(project)
    assert changed(project) == pages


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda p: (
                write(p, ".gitignore", "squat.md\n"),
                write(p, "content/exercises/squat.md"),
            ),
            id="gitignore",
        ),
        pytest.param(
            lambda p: (
                write(p, ".git/info/exclude", "content/drafts/\n"),
                write(p, "content/drafts/squat.md"),
            ),
            id="info-exclude",
        ),
        pytest.param(
            lambda p: (
                write(p, "content/.gitignore", "*.md\n!index.md\n"),
                write(p, "content/exercises/squat.md"),
            ),
            id="gitignore-in-docs",
        ),
    ],
)
def test_new_pages_git_ignores_are_not(project: Path, change: Change) -> None:
    change(project)
    assert changed(project) == set()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: append(p, "README.md"), id="beside-mkdocs-yml"),
        pytest.param(lambda p: write(p, "notes/todo.md"), id="outside-docs"),
        pytest.param(lambda p: write(p, "content/exercises/squat.png"), id="new-image"),
        pytest.param(lambda p: (p / "content/exercises/plank.png").unlink(), id="deleted-image"),
        pytest.param(lambda p: write(p, "content/exercises/plank.md.bak"), id="backup-file"),
        pytest.param(lambda p: write(p, "content/templates/page.md"), id="templates-folder"),
        pytest.param(lambda p: write(p, "content/.hidden/page.md"), id="hidden-folder"),
        pytest.param(lambda p: write(p, "content/exercises/.draft.md"), id="hidden-file"),
    ],
)
def test_files_that_are_no_pages_are_not_audited(project: Path, change: Change) -> None:
    change(project)
    assert changed(project) == set()


# --- every page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: append(p, "references/refs.bib", "% a comment\n"), id="store"),
        pytest.param(
            lambda p: (append(p, "references/refs.bib", "% x\n"), git(p, "add", "-A")),
            id="store-staged",
        ),
        pytest.param(lambda p: append(p, "mkdocs.yml", "# a comment\n"), id="mkdocs-yml"),
        pytest.param(
            lambda p: (append(p, "mkdocs.yml", "# x\n"), append(p, PLANK)),
            id="mkdocs-yml-and-a-page",
        ),
        pytest.param(lambda p: (p / "references/refs.bib").unlink(), id="store-deleted"),
    ],
)
def test_a_changed_store_or_configuration_audits_every_page(project: Path, change: Change) -> None:
    change(project)
    assert changed(project) is EVERY_PAGE


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: (p / LUNGE).unlink(), id="deleted"),
        pytest.param(lambda p: git(p, "rm", "-q", LUNGE), id="git-rm"),
        pytest.param(
            lambda p: git(p, "mv", LUNGE, "content/exercises/split-squat.md"), id="git-mv"
        ),
        pytest.param(
            lambda p: (p / LUNGE).rename(p / "content/exercises/split-squat.md"), id="moved"
        ),
        pytest.param(
            lambda p: (p / LUNGE).rename(p / "content/exercises/lunge.txt"), id="no-longer-a-page"
        ),
        pytest.param(  # the guides move; the (now empty) guides folder mkdocs.yml names stays
            lambda p: (
                (p / "content/exercises").rename(p / "content/guides"),
                (p / "content/exercises").mkdir(),
            ),
            id="folder-renamed",
        ),
        pytest.param(
            lambda p: ((p / LUNGE).unlink(), write(p, "content/exercises/squat.md")),
            id="deleted-and-another-added",
        ),
    ],
)
def test_a_deleted_or_renamed_page_audits_every_page(project: Path, change: Change) -> None:
    """Another guide may name it in ``related``: that link is now broken."""
    change(project)
    assert changed(project) is EVERY_PAGE


def test_a_repository_without_commits_audits_every_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "fresh")
    git(project, "init", "-q")
    assert changed(project) is EVERY_PAGE  # everything is new, mkdocs.yml too
    git(project, "add", "-A")
    assert changed(project) is EVERY_PAGE


def test_a_new_repository_with_only_pages_staged_audits_those(tmp_path: Path) -> None:
    """Without a commit, every file git knows or could know is new."""
    project = copy_project(tmp_path / "fresh")
    git(project, "init", "-q")
    write(project, ".gitignore", "/mkdocs.yml\n/references/\n")
    assert changed(project) == {INDEX, LUNGE, PLANK}


# --- where the project is --------------------------------------------------------------------


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    """A project in a subfolder of a repository that holds other things too."""
    repository = tmp_path / "repository"
    project = copy_project(repository / "docs-site")
    write(repository, "app/main.md", "# App\n")
    write(repository, "content/exercises/other.md", "# Not this project's\n")
    git(repository, "init", "-q")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "everything")
    return project


def test_a_project_in_a_subfolder_sees_its_own_pages(nested: Path) -> None:
    repository = nested.parent
    append(repository, "app/main.md")
    append(repository, "content/exercises/other.md")  # same path as a page, another folder
    write(repository, "content/exercises/new.md")
    assert changed(nested) == set()
    append(nested, PLANK)
    write(nested, "content/exercises/squat.md")
    assert changed(nested) == {PLANK, "content/exercises/squat.md"}
    append(nested, "references/refs.bib", "% x\n")
    assert changed(nested) is EVERY_PAGE


def test_a_project_reached_through_a_symbolic_link(project: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(project, target_is_directory=True)
    append(project, PLANK)
    pages = changed_pages(load_settings(link / "mkdocs.yml"), link / "mkdocs.yml")
    assert pages == [(project / PLANK).resolve()]


def test_outside_a_git_repository_it_says_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "plain")
    with pytest.raises(AuditInputError) as raised:
        changed(project)
    message = str(raised.value)
    assert "not in a git repository" in message
    assert "--changed" in message and "\n" not in message


def test_without_git_it_says_so(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    with pytest.raises(AuditInputError, match=r"^--changed needs git, which is not installed$"):
        changed(project)


def test_a_failing_git_is_one_line(project: Path) -> None:
    (project / ".git" / "index").write_bytes(b"not an index")
    with pytest.raises(AuditInputError, match=r"^git \w+ failed: ") as raised:
        changed(project)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("where", ["repository", "global"])
def test_a_relative_diff_setting_changes_nothing(
    nested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """``diff.relative`` makes ``git diff`` in a subfolder name paths from that folder."""
    if where == "repository":
        git(nested.parent, "config", "diff.relative", "true")
    else:
        settings = tmp_path / "gitconfig"
        settings.write_text("[diff]\n\trelative = true\n", encoding="utf-8")
        monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(settings))
    append(nested, PLANK)
    assert changed(nested) == {PLANK}
    (nested / LUNGE).unlink()
    assert changed(nested) is EVERY_PAGE
    git(nested.parent, "checkout", "-q", "--", f"docs-site/{LUNGE}")
    append(nested, "mkdocs.yml", "# x\n")
    assert changed(nested) is EVERY_PAGE
