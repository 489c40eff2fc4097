"""``guides report``: the editorial report, one self-contained HTML page.

Editors see every guide at once, worst first: its findings by rule, how long
ago it was reviewed and by whom, and the mix of study designs behind it. It
runs the same audit as ``guides audit``, so its counts are that audit's.
"""

from __future__ import annotations

import argparse
import sys

from evidence_guides.cli.errors import EXIT_OK
from evidence_guides.cli.output import write
from evidence_guides.cli.project import project_settings
from evidence_guides.terminal import escape_controls


def report_command(arguments: argparse.Namespace) -> int:
    """Write the editorial report: every guide with its findings by rule, its review date and
    age, its reviewer and its evidence mix, worst first, in one HTML page that needs nothing
    else (no request to any other host). Its counts are those of 'guides audit'.
    """
    from evidence_guides.audit.editorial.collect import editorial_report
    from evidence_guides.audit.editorial.render import render_html

    settings = project_settings(arguments, include_drafts=arguments.include_drafts)
    report = editorial_report(settings)
    write(render_html(report), arguments.output)
    if arguments.output is not None:
        summary = report.audit.summary
        counts = (
            (len(report.guides), "guide"),
            (summary.errors, "error"),
            (summary.warnings, "warning"),
        )
        said = ", ".join(f"{count} {word}{'' if count == 1 else 's'}" for count, word in counts)
        print(f"wrote {escape_controls(str(arguments.output))}: {said}", file=sys.stderr)
    return EXIT_OK
