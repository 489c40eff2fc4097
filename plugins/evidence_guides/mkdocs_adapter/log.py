"""What the plugin tells the editor: one line per problem, and strict mode that holds.

Lines start with the path editors' tools jump to (``path:line:col: rule: ...``),
controls escaped. Errors are logged as warnings, which ``mkdocs build --strict``
turns fatal; but MkDocs counts a warning only when its logger lets it through
(``--quiet`` hides them, and then strict never trips), so the errors are counted
here too and a strict build fails on them whether or not MkDocs saw them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from evidence_guides.build.report import ReportLine
    from evidence_guides.findings import Finding


class _EscapedControls(logging.Filter):
    """Write what a handler prints with its controls escaped (tabs and newlines kept).

    MkDocs prints file names and link targets as it read them, a percent-escape
    decoded ("x%1b]0;title%07.md"): the terminal would obey the ESC.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        escaped = escape_controls(message, keep="\t\n")
        if escaped != message:
            record.msg, record.args = escaped, ()
        return True


_ESCAPED_CONTROLS = _EscapedControls()


def escape_engine_log() -> None:
    """Escape the controls in every line MkDocs' own handlers print (once per handler)."""
    for handler in logging.getLogger("mkdocs").handlers:
        if _ESCAPED_CONTROLS not in handler.filters:
            handler.addFilter(_ESCAPED_CONTROLS)


# A plain "mkdocs.plugins.*" logger (not get_plugin_logger, which prefixes the
# package name) so every line starts with the path editors' tools jump to.
log = logging.getLogger("mkdocs.plugins.evidence_guides")


class BuildLog:
    """The problems of one build, logged as they come and counted for strict mode."""

    def __init__(self) -> None:
        self.errors = 0
        self._first_unshown: str | None = None  # the first error the log did not show

    def error(self, message: str, *, level: int = logging.ERROR, count: int = 1) -> None:
        """Log a problem that fails a strict build, controls escaped; it counts ``count`` errors."""
        message = escape_controls(message)
        log.log(level, message)
        self.errors += count
        if self._first_unshown is None and not log.isEnabledFor(level):
            self._first_unshown = message

    def warning(self, message: str) -> None:
        """Log a problem that does not fail the build."""
        log.warning(escape_controls(message))

    def findings(self, findings: Iterable[Finding], *, draft: bool = False) -> None:
        """Errors as warnings (``--strict`` makes them fatal); a draft's never block."""
        for finding in findings:
            if finding.severity == "error" and not draft:
                self.error(finding.format(), level=logging.WARNING)
            else:
                log.info(finding.format() + (" (draft)" if draft else ""))

    def report(self, lines: Iterable[ReportLine]) -> None:
        """A build's report: lines for errors as warnings (``--strict`` makes them fatal)."""
        for line in lines:
            if line.blocking:
                self.error(line.text, level=logging.WARNING, count=line.errors)
            else:
                log.info(line.text)

    def fail_if_strict(self, strict: bool) -> None:
        """In a strict build, fail on any error logged, whether or not MkDocs counted it.

        MkDocs counts a warning only when its logger lets it through, and
        ``--quiet`` raises that logger's level: then ``--strict -q`` would
        publish a page with a vague reference.
        """
        if strict and self.errors:
            errors = f"strict mode: {self.errors} error{'s' * (self.errors > 1)}"
            if self._first_unshown is None:
                raise PluginError(f"{errors} (shown above)")
            raise PluginError(f"{errors}, the first (not shown above): {self._first_unshown}")
