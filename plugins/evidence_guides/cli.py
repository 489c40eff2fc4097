"""The ``guides`` command.

``main(argv) -> int`` so tests call it directly and compare output and exit
codes. Exit codes: 0 success, 1 findings at or above ``--fail-on``, 2 a usage,
configuration or input error. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .atomic import write_atomically
from .frontmatter import guide_json_schema

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A problem with the command line or its inputs; the message is one line."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on bad usage and 0 on --help
        return int(exit_.code or 0)
    try:
        return arguments.handler(arguments)
    except UsageError as error:
        print(f"guides: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guides", description="Evidence-linked exercise guides: checks and tools."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    schema = commands.add_parser(
        "schema", help="print the guide front-matter JSON Schema", description=_doc(_schema)
    )
    schema.add_argument("--output", "-o", type=Path, help="write it to this file instead")
    schema.set_defaults(handler=_schema)
    return parser


def _schema(arguments: argparse.Namespace) -> int:
    """Print the JSON Schema of guide front-matter, for editors' YAML tooling."""
    text = json.dumps(guide_json_schema(), indent=2) + "\n"
    if arguments.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_atomically(arguments.output, text)
    except OSError as error:
        raise UsageError(f"{arguments.output}: cannot write: {error.strerror}") from None
    return EXIT_OK


def _doc(handler: object) -> str:
    return (getattr(handler, "__doc__", None) or "").strip()
