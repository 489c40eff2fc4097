"""``guides schema``: the guide front-matter's JSON Schema, for editors' YAML tooling.

With the schema, an editor's YAML plugin completes and checks front-matter as
it is typed, before the audit ever runs. It needs no project, so it reads no
mkdocs.yml and loads nothing of the audit.
"""

from __future__ import annotations

import argparse
import json

from evidence_guides.cli.errors import EXIT_OK
from evidence_guides.cli.output import write


def schema_command(arguments: argparse.Namespace) -> int:
    """Print the JSON Schema of guide front-matter, for editors' YAML tooling."""
    from evidence_guides.guide.frontmatter.model import guide_json_schema

    write(json.dumps(guide_json_schema(), indent=2) + "\n", arguments.output)
    return EXIT_OK
