"""The command line: each command's handler and options, help from the handler's docstring."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.audit.reporters.registry import REPORTERS
from evidence_guides.cli.audit import audit_command
from evidence_guides.cli.errors import UsageError
from evidence_guides.cli.new import new_command
from evidence_guides.cli.parser import build_parser
from evidence_guides.cli.refs import add_command, check_command, verify_command
from evidence_guides.cli.schema import schema_command


@pytest.mark.parametrize(
    ("argv", "handler"),
    [
        (["audit"], audit_command),
        (["refs", "check"], check_command),
        (["refs", "add", "21694556"], add_command),
        (["refs", "verify"], verify_command),
        (["new", "Flutter kick"], new_command),
        (["schema"], schema_command),
    ],
)
def test_each_command_has_its_handler(argv: list[str], handler: object) -> None:
    assert build_parser().parse_args(argv).handler is handler


def test_report_options_and_their_defaults() -> None:
    arguments = build_parser().parse_args(["audit"])
    assert arguments.config == Path("mkdocs.yml")
    assert (arguments.format, arguments.fail_on, arguments.output) == ("text", "error", None)
    assert (arguments.paths, arguments.changed, arguments.include_drafts) == ([], False, False)
    verify = build_parser().parse_args(["refs", "verify", "--max-age", "0.5", "-o", "r.json"])
    assert (verify.max_age, verify.output, verify.bib) == (0.5, Path("r.json"), None)


def test_every_reporter_is_a_format() -> None:
    for name in REPORTERS:
        assert build_parser().parse_args(["refs", "check", "--format", name]).format == name


def test_the_description_is_the_handlers_docstring(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["refs", "add", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    first = " ".join(add_command.__doc__.split("\n\n")[0].split())
    assert first in help_text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["refs", "add"], "the following arguments are required: PMID"),
        (["audit", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["refs", "verify", "--max-age", "soon"], "argument --max-age: invalid float value"),
    ],
)
def test_a_usage_error_is_one_line(argv: list[str], message: str) -> None:
    with pytest.raises(UsageError) as raised:
        build_parser().parse_args(argv)
    assert message in str(raised.value) and "\n" not in str(raised.value)
    assert str(raised.value).endswith("--help')")
