"""Which files of a project are its pages, as MkDocs sees them, and how findings name them.

The audit reads what MkDocs would build: Markdown files under docs_dir, without
dot-files or docs_dir/templates/. A guide is a page directly in the guides
folder (``exercises/``), its index aside. Paths in findings are relative to the
project root, as editors see them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from evidence_guides.audit.model import AuditInputError
from evidence_guides.files.names import name_refusal
from evidence_guides.files.published import folder_link_refusal, link_out_refusal
from evidence_guides.files.source import resolved

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings

# What MkDocs reads as Markdown; like MkDocs, dot-files and docs_dir/templates/ are skipped.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
_SKIPPED_FOLDER = "templates"


def display_path(file: Path, settings: AuditSettings) -> str:
    """A path relative to the project root when it is inside it, as editors see it."""
    try:
        return file.relative_to(resolved_folder(settings.root)).as_posix()
    except ValueError:
        return file.as_posix()


@functools.lru_cache(maxsize=8)
def resolved_folder(folder: Path) -> Path:
    """``folder.resolve()``, once per folder: thousands of pages ask for it."""
    return resolved(folder)


def pages_to_audit(
    settings: AuditSettings, paths: Sequence[Path] | None
) -> tuple[list[Path], bool]:
    """The Markdown files to audit, and whether they are the whole project."""
    docs = resolved(settings.docs_dir)
    if not docs.is_dir():
        raise AuditInputError(f"{display_path(docs, settings)}: docs folder not found")
    refusal = folder_link_refusal(docs, lambda link: display_path(link, settings))
    if refusal is not None:  # as the build refuses it: pages outside would be read
        raise AuditInputError(refusal)
    if paths is None:
        return _publishable(markdown_files(docs, docs), settings), True
    files: dict[Path, None] = {}  # ordered and without repeats
    whole_project = False
    for given in paths:
        path = resolved(given)
        if not path.exists():
            raise AuditInputError(f"{given.as_posix()}: no such file or folder")
        if path != docs and docs not in path.parents:
            docs_name = display_path(docs, settings)
            raise AuditInputError(f"{given.as_posix()}: not inside the docs folder {docs_name}")
        if path.is_dir():
            whole_project = whole_project or path == docs
            files.update(dict.fromkeys(markdown_files(path, docs)))
        elif path.suffix.lower() in MARKDOWN_SUFFIXES:
            files[path] = None
        else:
            raise AuditInputError(f"{given.as_posix()}: not a Markdown page")
    return _publishable(list(files), settings), whole_project


def _publishable(files: list[Path], settings: AuditSettings) -> list[Path]:
    """``files``, or an :class:`AuditInputError` for the first the build would refuse.

    A name the web cannot carry, or a link out of the docs folder: its text
    would reach findings, and CI logs, as the build would publish it.
    """
    docs = resolved_folder(settings.docs_dir)
    for file in files:
        path = display_path(file, settings)
        refusal = name_refusal(path, page=True) or link_out_refusal(file, docs, path)
        if refusal is not None:
            raise AuditInputError(refusal)
    return files


def is_page(file: Path, docs: Path) -> bool:
    """Whether ``file`` is a page of the site whose docs folder is ``docs``, as MkDocs sees it."""
    try:
        relative = file.relative_to(docs).parts
    except ValueError:
        return False
    return (
        file.suffix.lower() in MARKDOWN_SUFFIXES
        and not any(part.startswith(".") for part in relative)
        and relative[0] != _SKIPPED_FOLDER
    )


def markdown_files(folder: Path, docs: Path) -> list[Path]:
    """Every page under ``folder``: what is not a folder is read, and refused if not a file.

    MkDocs takes a FIFO, a device or a link to nowhere named ``.md`` for a page
    too; skipping it here would pass a project whose build fails.
    """
    return sorted(file for file in folder.rglob("*") if is_page(file, docs) and not file.is_dir())


def is_guide_file(file: Path, docs: Path, settings: AuditSettings) -> bool:
    """Whether ``file`` is a guide: a page directly in the guides folder, not its index."""
    relative = file.relative_to(docs).parts
    return len(relative) == 2 and relative[0] == settings.guides_dir and relative[1] != "index.md"
