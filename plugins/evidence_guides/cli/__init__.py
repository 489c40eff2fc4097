"""The ``guides`` command.

``main(argv) -> int`` so tests call it directly and compare output and exit
codes. Exit codes: 0 success, 1 findings at or above ``--fail-on``, 2 a usage,
configuration or input error. Errors are one line on stderr, never a traceback.

Commands::

    guides new TITLE         start a draft guide from a complete skeleton
    guides audit [PATH...]   the citation audit, without building the site
    guides refs add PMID...  import references from PubMed into the store
    guides refs verify       re-check every entry with a PMID against PubMed (--write: pubtype)
    guides refs check        the reference store's own rules
    guides schema            the guide front-matter JSON Schema
    guides report            the editorial report, one self-contained HTML page

Output is UTF-8 in every format, on stdout or, atomically, in ``--output``.

Each command group is a module of this package (``audit``, ``refs``, ``new``,
``schema``), and :mod:`evidence_guides.cli.parser` builds them into one command
line. A command imports what only it needs when it runs, so ``guides schema``
and ``--help`` stay quick and PubMed's client is loaded by ``refs add`` and
``refs verify`` alone; this module therefore recognises PubMed's error by its
module's name, once loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from evidence_guides.audit.model import AuditInputError
from evidence_guides.cli.errors import EXIT_ERROR, UsageError
from evidence_guides.cli.parser import build_parser
from evidence_guides.terminal import escape_controls


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``guides ARGV``; the exit code. Errors are one line on stderr."""
    try:
        try:
            arguments = build_parser().parse_args(argv)
        except SystemExit as exit_:  # --help and --version
            return int(exit_.code or 0)
        return arguments.handler(arguments)
    except Exception as error:
        if not isinstance(error, (UsageError, AuditInputError, *_loaded_errors())):
            raise
        print(f"guides: {escape_controls(' '.join(str(error).split()))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _loaded_errors() -> tuple[type[Exception], ...]:
    """PubMed's errors, when the command used PubMed (importing it is dear for the rest)."""
    pubmed_settings = sys.modules.get("evidence_guides.pubmed.settings")
    return (pubmed_settings.EutilsError,) if pubmed_settings is not None else ()
