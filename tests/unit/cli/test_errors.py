"""The CLI's error line for a file that cannot be read."""

from __future__ import annotations

import errno
from pathlib import Path

from evidence_guides.cli.errors import os_error


def test_the_file_and_why() -> None:
    error = OSError(errno.EACCES, "Permission denied", "refs.bib")
    assert os_error(error) == "refs.bib: cannot read: Permission denied"


def test_the_path_given_when_the_error_names_none() -> None:
    error = OSError(errno.EISDIR, "Is a directory")
    assert os_error(error, Path("mkdocs.yml")) == "mkdocs.yml: cannot read: Is a directory"


def test_only_the_reason_without_a_name() -> None:
    assert os_error(OSError("disk on fire")) == "disk on fire"
