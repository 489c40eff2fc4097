"""The ``guides`` command line: every command, its options and its ``--help``.

One parser for all commands keeps the options that several share (``--config``,
``--format``, ``--fail-on``, ``--output``) spelt and explained the same way. A
command's ``--help`` description is its handler's docstring, so the two cannot
drift apart. Building the parser imports the command modules but nothing they
import on use: ``guides schema`` and ``guides --help`` stay quick.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from evidence_guides import __version__
from evidence_guides.cli.audit import audit_command
from evidence_guides.cli.errors import UsageError
from evidence_guides.cli.new import new_command
from evidence_guides.cli.output import FAIL_ON, FORMATS
from evidence_guides.cli.refs import add_command, check_command, verify_command
from evidence_guides.cli.report import report_command
from evidence_guides.cli.schema import schema_command

if TYPE_CHECKING:
    # What add_subparsers returns; argparse names its class privately.
    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line instead of the usage text."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``guides``; each command sets ``handler``, which runs it."""
    parser = _Parser(
        prog="guides", description="Evidence-linked exercise guides: checks and tools."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_audit(commands)
    _add_refs(commands)
    _add_new(commands)
    _add_schema(commands)
    _add_editorial_report(commands)
    return parser


def _add_audit(commands: Commands) -> None:
    audit = commands.add_parser(
        "audit", help="audit citations and references", description=_doc(audit_command)
    )
    audit.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="audit only these pages or folders (default: every page)",
    )
    audit.add_argument(
        "--include-drafts",
        action="store_true",
        help="let findings in draft guides fail the run too",
    )
    audit.add_argument(
        "--changed",
        action="store_true",
        help="audit only the pages changed since git HEAD, and new ones (every page when the"
        " store or mkdocs.yml changed or a page was deleted): for pre-commit",
    )
    _add_report_options(audit)
    audit.set_defaults(handler=audit_command)


def _add_refs(commands: Commands) -> None:
    refs = commands.add_parser(
        "refs", help="the reference store: checks and tools", description="The reference store."
    )
    refs_commands = refs.add_subparsers(dest="refs_command", required=True, metavar="COMMAND")
    check = refs_commands.add_parser(
        "check", help="check the store alone", description=_doc(check_command)
    )
    check.add_argument(
        "--bib", type=Path, help="the store to check (default: the plugin's bib option)"
    )
    _add_report_options(check)
    check.set_defaults(handler=check_command)

    add = refs_commands.add_parser(
        "add", help="import references from PubMed by PMID", description=_doc(add_command)
    )
    add.add_argument("pmids", nargs="+", metavar="PMID", help="PubMed IDs, e.g. 21694556")
    _add_store_options(add)
    add.set_defaults(handler=add_command)

    verify = refs_commands.add_parser(
        "verify", help="check the store against PubMed", description=_doc(verify_command)
    )
    verify.add_argument("--bib", type=Path, help="the store (default: the plugin's bib option)")
    verify.add_argument(
        "--max-age",
        type=float,
        default=7.0,
        metavar="DAYS",
        help="reuse cached PubMed records younger than this (default: 7)",
    )
    verify.add_argument(
        "--write",
        action="store_true",
        help="store PubMed's publication types (pubtype) in the store; nothing else changes",
    )
    _add_report_options(verify)
    verify.set_defaults(handler=verify_command)


def _add_new(commands: Commands) -> None:
    new = commands.add_parser(
        "new", help="start a draft guide from a complete skeleton", description=_doc(new_command)
    )
    new.add_argument("title", help='the exercise\'s name, e.g. "Flutter kick"')
    _add_config_option(new)
    new.set_defaults(handler=new_command)


def _add_schema(commands: Commands) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the guide front-matter JSON Schema",
        description=_doc(schema_command),
    )
    schema.add_argument("--output", "-o", type=Path, help="write it to this file instead")
    schema.set_defaults(handler=schema_command)


def _add_editorial_report(commands: Commands) -> None:
    report = commands.add_parser(
        "report", help="write the editorial report (HTML)", description=_doc(report_command)
    )
    report.add_argument(
        "--include-drafts", action="store_true", help="count draft guides' findings as blocking"
    )
    report.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write the page to this file"
    )
    _add_config_option(report)
    report.set_defaults(handler=report_command)


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="the MkDocs configuration (default: mkdocs.yml)",
    )


def _add_store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bib", type=Path, help="the store (default: the plugin's bib option)")
    _add_config_option(parser)


def _add_report_options(parser: argparse.ArgumentParser) -> None:
    _add_config_option(parser)
    parser.add_argument(
        "--format", choices=list(FORMATS), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="exit 1 on findings of this severity or worse (default: error)",
    )
    parser.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write the report to this file"
    )


def _doc(handler: object) -> str:
    """A handler's docstring, the description its ``--help`` shows."""
    return (getattr(handler, "__doc__", None) or "").strip()
