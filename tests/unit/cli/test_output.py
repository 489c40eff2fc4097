"""A command's output: the report and its exit code, UTF-8 whatever the locale, safe files."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from evidence_guides.audit.model import AuditReport, AuditSettings, AuditSummary
from evidence_guides.cli.errors import UsageError
from evidence_guides.cli.output import FAIL_ON, FORMATS, notice, report, write
from evidence_guides.findings import Finding

WARNING = Finding("refs.bib", 3, 1, "unused-reference", "warning", "smith2020 is not cited")
ERROR = Finding("refs.bib", 9, 1, "bib-duplicate", "error", "é twice")


def _arguments(**options: object) -> argparse.Namespace:
    return argparse.Namespace(**{"format": "json", "fail_on": "error", "output": None, **options})


def _report(*findings: Finding) -> AuditReport:
    errors = sum(finding.severity == "error" for finding in findings)
    return AuditReport(findings, AuditSummary(1, 2, 0, errors, len(findings) - errors))


@pytest.mark.parametrize(
    ("findings", "fail_on", "code"),
    [
        ((), "error", 0),
        ((WARNING,), "error", 0),
        ((WARNING,), "warning", 1),
        ((WARNING, ERROR), "error", 1),
        ((WARNING, ERROR), "never", 0),
    ],
)
def test_the_exit_code_follows_fail_on(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    findings: tuple[Finding, ...],
    fail_on: str,
    code: int,
) -> None:
    settings = AuditSettings(tmp_path, tmp_path, tmp_path / "refs.bib")
    assert report(_arguments(fail_on=fail_on), settings, lambda: _report(*findings)) == code
    document = json.loads(capsys.readouterr().out)
    assert [finding["rule"] for finding in document["findings"]] == [f.rule for f in findings]


def test_an_unreadable_input_is_a_usage_error(tmp_path: Path) -> None:
    settings = AuditSettings(tmp_path, tmp_path, tmp_path / "refs.bib")

    def run() -> AuditReport:
        raise PermissionError(13, "Permission denied", "refs.bib")

    with pytest.raises(UsageError, match=r"^refs\.bib: cannot read: Permission denied$"):
        report(_arguments(), settings, run)


def test_choices() -> None:
    assert "text" in FORMATS and "sarif" in FORMATS
    assert FAIL_ON == ("error", "warning", "never")


def test_a_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    write("new é\n", target)
    assert target.read_text(encoding="utf-8") == "new é\n"
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize("kind", ["read-only", "folder"])
def test_what_is_not_ours_to_replace_is_refused(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "report.json"
    if kind == "folder":
        target.mkdir()
    else:
        target.write_text("kept")
        target.chmod(0o444)
    with pytest.raises(UsageError, match="--output writes a new file or replaces a writable one"):
        write("new\n", target)
    assert target.is_dir() if kind == "folder" else target.read_text() == "kept"


def test_stdout_in_another_locale_gets_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="latin-1")
    monkeypatch.setattr("sys.stdout", stdout)
    write("café ✓\n", None)
    assert raw.getvalue() == "café ✓\n".encode()


def test_a_notice_is_one_escaped_line(capsys: pytest.CaptureFixture[str]) -> None:
    notice("waiting for \x1b[2Jrefs.bib.lock")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("guides: waiting for ") and captured.err.count("\n") == 1
    assert "\x1b" not in captured.err
