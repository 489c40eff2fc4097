"""The project a command works on: its settings from mkdocs.yml, its paths as editors see them.

Every command but ``guides schema`` starts from the MkDocs configuration
(``--config``), and a missing or unreadable one must be a one-line hint, not a
traceback. Paths in messages are relative to the project's root, as editors
and their tools name the files.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from evidence_guides.cli.errors import UsageError, os_error
from evidence_guides.files.source import resolved

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings


def project_settings(
    arguments: argparse.Namespace, *, include_drafts: bool = False
) -> AuditSettings:
    """The settings of the project whose mkdocs.yml is ``arguments.config``."""
    from evidence_guides.audit.settings import load_settings

    config: Path = arguments.config
    if not config.is_file():
        raise UsageError(
            f"{config}: no such file; run guides in the project's folder or pass --config"
        )
    try:
        return load_settings(config, include_drafts=include_drafts)
    except OSError as error:
        raise UsageError(os_error(error, config)) from None


def relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when it is inside it, else as given."""
    try:
        return resolved(path).relative_to(resolved(root)).as_posix()
    except ValueError:
        return str(path)
