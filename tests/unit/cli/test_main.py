"""``main``: exit codes, one-line errors, and PubMed's error recognised only once loaded."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from evidence_guides import __version__, cli
from evidence_guides.cli import main
from evidence_guides.cli.errors import UsageError
from evidence_guides.pubmed.settings import EutilsError
from tests.support.site import REPO
from tests.unit.cli.conftest import Run


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-command"]) == 2
    error = capsys.readouterr().err
    assert "invalid choice" in error
    assert error.startswith("guides: ") and error.count("\n") == 1
    assert error.rstrip().endswith("(see 'guides --help')")


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"guides {__version__}\n"
    assert main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: guides [-h] [--version] COMMAND ...")


def _failing(error: BaseException) -> Callable[..., int]:
    def handler(arguments: object) -> int:
        raise error

    return handler


@pytest.mark.parametrize(
    "error",
    [
        UsageError("a problem\nover two lines"),
        EutilsError("PubMed answered \x1b[31mred\x1b[0m"),
    ],
)
def test_known_errors_are_one_escaped_line(
    error: Exception, monkeypatch: pytest.MonkeyPatch, guides: Callable[..., Run]
) -> None:
    monkeypatch.setattr(cli.parser, "schema_command", _failing(error))
    run = guides("schema")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("guides: ") and run.err.count("\n") == 1
    assert "\x1b" not in run.err


def test_an_unexpected_error_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.parser, "schema_command", _failing(RuntimeError("a bug")))
    with pytest.raises(RuntimeError, match="a bug"):
        main(["schema"])


def test_an_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.parser, "schema_command", _failing(KeyboardInterrupt()))
    assert main(["schema"]) == 130


def test_pubmed_error_is_known_only_once_pubmed_is_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(sys.modules, "evidence_guides.pubmed.settings")
    assert cli._loaded_errors() == ()
    monkeypatch.undo()
    assert cli._loaded_errors() == (EutilsError,)


LAZY = """\
import sys
from evidence_guides.cli import main
assert main(["schema", "-o", sys.argv[1]]) == 0
loaded = [name for name in sys.modules if name.startswith("evidence_guides.")]
print(" ".join(sorted(loaded)))
"""


def test_schema_loads_neither_pubmed_nor_the_engine(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", LAZY, str(tmp_path / "schema.json")],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    loaded = done.stdout.split()
    assert "evidence_guides.cli.parser" in loaded
    assert not [name for name in loaded if name.startswith("evidence_guides.pubmed")]
    assert "evidence_guides.audit.engine" not in loaded


def test_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "evidence_guides.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert (done.returncode, done.stdout) == (0, f"guides {__version__}\n")
