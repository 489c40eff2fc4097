"""What a command prints: a report in the chosen format, a file, or a notice on stderr.

The audit, ``refs check`` and ``refs verify`` end the same way: their report
is rendered by one of the audit's reporters and its findings decide the exit
code. Reports are UTF-8 in every format, on stdout whatever the locale, or
written atomically to ``--output``, which must never destroy what it replaces.
"""

from __future__ import annotations

import argparse
import codecs
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from evidence_guides.audit.reporters.base import use_color
from evidence_guides.audit.reporters.registry import REPORTERS
from evidence_guides.cli.errors import EXIT_FINDINGS, EXIT_OK, UsageError, os_error
from evidence_guides.files.atomic import replace_refusal, write_atomically
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditReport, AuditSettings

FORMATS = tuple(REPORTERS)  # --format's choices
FAIL_ON = ("error", "warning", "never")  # --fail-on's choices


def report(
    arguments: argparse.Namespace, settings: AuditSettings, run: Callable[[], AuditReport]
) -> int:
    """Run the audit, write its report and turn it into the exit code.

    The exit code is decided before the report is written, which records it (SARIF).
    """
    try:
        result = run()
    except OSError as error:
        raise UsageError(os_error(error)) from None
    code = EXIT_FINDINGS if result.fails(arguments.fail_on) else EXIT_OK
    color = arguments.output is None and use_color(sys.stdout)
    reporter = REPORTERS[arguments.format](color=color)
    write(reporter.render(result, settings.root, exit_code=code), arguments.output)
    return code


def write(text: str, output: Path | None) -> None:
    """Write to ``output`` atomically, or to stdout; always UTF-8.

    ``output`` must be a new path or a writable regular file: replacing a device,
    a link or a folder with a report would destroy it, and a read-only file was
    made read-only on purpose.
    """
    if output is not None:
        refusal = replace_refusal(output)
        if refusal is not None:
            raise UsageError(
                f"{output}: {refusal}; --output writes a new file or replaces a writable one"
            )
        try:
            write_atomically(output, text)
        except OSError as error:
            raise UsageError(f"{output}: cannot write: {error.strerror}") from None
        return
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    buffer = getattr(stream, "buffer", None)
    if buffer is None or codecs.lookup(encoding).name == "utf-8":
        stream.write(text)
        stream.flush()
    else:  # a pipe or terminal in another locale: JSON and SARIF are UTF-8 by definition
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def notice(message: str) -> None:
    """One line on stderr while a command goes on: what it waits for, what it skipped."""
    print(f"guides: {escape_controls(message)}", file=sys.stderr, flush=True)
