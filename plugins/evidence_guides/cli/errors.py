"""The ``guides`` command's one error and its exit codes.

Every command says what went wrong in one line on stderr, never with a
traceback, and exits 2; the audit's findings exit 1. Commands raise
:class:`UsageError` for that line, and :func:`evidence_guides.cli.main` prints
it: keeping both here, below every command, lets each raise it without
importing the others.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A problem with the command line or its inputs; the message is one line."""


def os_error(error: OSError, path: Path | None = None) -> str:
    """One line for a file that cannot be read: its name (or ``path``) and why."""
    name = error.filename if error.filename is not None else path
    reason = error.strerror or str(error)
    return f"{name}: cannot read: {reason}" if name is not None else reason
