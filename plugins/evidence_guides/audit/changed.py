"""What changed since the last commit, for ``guides audit --changed`` in a pre-commit hook.

A commit can only break what it changes, and what depends on it: a changed
page is audited; a changed store or configuration can break any page, and so
can a deleted (or renamed) page that others name in ``related``, so then every
page is. Changes are read from git: modified, added, renamed, deleted and staged
files against ``HEAD`` (every file in a repository without commits yet), and
new files git does not ignore.

Rules that compare pages see only the changed ones: a changed paragraph that
repeats an unchanged guide's is found by the full audit, not by this one.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from evidence_guides.audit.model import AuditInputError
from evidence_guides.audit.project_pages import is_page
from evidence_guides.files.source import resolved

if TYPE_CHECKING:
    from collections.abc import Sequence

    from evidence_guides.audit.model import AuditSettings


def changed_pages(settings: AuditSettings, config_file: Path) -> list[Path] | None:
    """The project's pages that changed, or None when every page needs auditing.

    Raises :class:`AuditInputError` when the project is not in a git repository
    or git cannot be run.
    """
    root = resolved(settings.root)
    top = Path(os.fsdecode(_git(root, "rev-parse", "--show-toplevel").strip()))
    changed = set(_changed_files(root, top))
    if {resolved(settings.bib), resolved(config_file)} & changed:
        return None
    docs = resolved(settings.docs_dir)
    pages = [path for path in changed if is_page(path, docs)]
    if not all(path.is_file() for path in pages):  # a page is gone: links to it may break
        return None
    return sorted(pages)


def _changed_files(root: Path, top: Path) -> list[Path]:
    if _has_head(root):  # renames are listed as a deletion and an addition
        # From the top: in a subfolder, the diff.relative setting would name (and
        # limit to) paths from there, where every other listing names them from the top.
        listed = _git(top, "diff", "--name-only", "--no-renames", "-z", "HEAD", "--")
    else:  # no commit yet: everything is new
        listed = _git(root, "ls-files", "-z", "--full-name")
    listed += _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--full-name")
    return [resolved(top / os.fsdecode(name)) for name in listed.split(b"\0") if name]


def _has_head(root: Path) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    except AuditInputError:
        return False
    return True


def _git(root: Path, *arguments: str) -> bytes:
    command: Sequence[str] = ("git", "-C", str(root), *arguments)
    try:
        result = subprocess.run(command, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise AuditInputError("--changed needs git, which is not installed") from None
    except (OSError, subprocess.TimeoutExpired) as error:
        raise AuditInputError(f"--changed could not run git: {error}") from None
    if result.returncode != 0:
        if arguments[0] == "rev-parse" and b"not a git repository" in result.stderr.lower():
            raise AuditInputError(
                f"{root}: not in a git repository (--changed audits what changed since"
                " the last commit)"
            )
        message = result.stderr.decode(errors="replace").strip().splitlines()
        raise AuditInputError(f"git {arguments[0]} failed: {message[0] if message else 'error'}")
    return result.stdout
