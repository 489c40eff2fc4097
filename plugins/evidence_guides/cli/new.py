"""``guides new``: a draft guide from a complete skeleton, so no section is forgotten.

The skeleton's placeholders are the audit's to find (rule ``placeholder``); this
command only writes the file, never over an existing guide, and tells the
editor what to do next.
"""

from __future__ import annotations

import argparse

from evidence_guides.cli.errors import EXIT_OK, UsageError
from evidence_guides.cli.project import project_settings, relative
from evidence_guides.terminal import escape_controls


def new_command(arguments: argparse.Namespace) -> int:
    """Write content/exercises/SLUG.md: every section, draft: true, TODO placeholders.

    The audit reports each placeholder until it is replaced; remove `draft: true`
    when the guide audits clean. An existing guide is never overwritten.
    """
    from evidence_guides.guide.scaffold import ScaffoldError, create_guide

    settings = project_settings(arguments)
    try:
        path = create_guide(settings.docs_dir / settings.guides_dir, arguments.title)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    shown = escape_controls(relative(path, settings.root))
    print(f"created {shown} (a draft): preview it with 'make serve',")
    print(f"fill in every TODO, then check it with 'guides audit {shown}'")
    return EXIT_OK
