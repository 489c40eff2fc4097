"""The text format, on hand-built audit reports: exact output, excerpts, colour, controls."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from evidence_guides.audit.model import AuditReport
from evidence_guides.audit.reporters.text import Style, TextReporter, summary_line, width
from evidence_guides.findings import Finding, Suggestion
from tests.unit.audit.reporters.support import CLAIM, UNUSED, VAGUE, report

ANSI = re.compile(r"\033\[[0-9;]*m")


def text(report_: AuditReport, root: Path, *, color: bool = False) -> str:
    return TextReporter(color=color).render(report_, root)


def test_text_groups_by_file_with_excerpts_and_a_summary(root: Path) -> None:
    # refs.bib does not exist under root: its finding is shown without an excerpt.
    assert text(report(VAGUE, CLAIM, UNUSED), root) == (
        "content/exercises/plank.md\n"
        "  5:10  error    vague-reference    author-year reference '(Smith, 2019)'"
        " without an identifier\n"
        "    suggestion: cite it as [@smith2019]\n"
        "    Hold it (Smith, 2019).\n"
        "             ^\n"
        "   6:1  warning  unsupported-claim  'Studies show' without a citation\n"
        "    Studies show it works.\n"
        "    ^\n"
        "\n"
        "references/refs.bib\n"
        "  40:1  warning  unused-reference   'garber2011' is not cited\n"
        "\n"
        "1 error, 2 warnings in 3 files (14 citations, 7 references).\n"
    )


def test_text_without_problems(root: Path) -> None:
    assert text(report(), root) == "No problems in 3 files (14 citations, 7 references).\n"
    assert text(report(files=1), root).startswith("No problems in 1 file ")


def test_text_marks_drafts(root: Path) -> None:
    output = text(report(CLAIM, drafts=frozenset({CLAIM.path})), root)
    assert "'Studies show' without a citation (draft)\n" in output
    assert output.endswith(
        "1 warning in 3 files (14 citations, 7 references). "
        "1 in drafts, which do not fail the run.\n"
    )


def test_text_colour_is_only_added_on_request(root: Path) -> None:
    plain = text(report(VAGUE, CLAIM, UNUSED), root)
    coloured = text(report(VAGUE, CLAIM, UNUSED), root, color=True)
    assert "\033[" not in plain
    assert "\033[1;31merror  \033[0m" in coloured
    assert ANSI.sub("", coloured) == plain


def finding_at(line: int, column: int, path: str = "g.md") -> Finding:
    return Finding(path, line, column, "mojibake", "error", "m")


def excerpt(root: Path, source: str | bytes, line: int, column: int) -> list[str]:
    """The lines under the finding line, without the summary."""
    target = root / "g.md"
    if isinstance(source, bytes):
        target.write_bytes(source)
    else:
        target.write_text(source, encoding="utf-8")
    lines = text(report(finding_at(line, column)), root).split("\n")
    return lines[2:-3]


@pytest.mark.parametrize(
    ("source", "line", "column", "expected"),
    [
        ("abc\n", 1, 2, ["    abc", "     ^"]),
        ("abc\n", 1, 4, ["    abc", "       ^"]),  # just past the end
        ("abc\n", 1, 5, []),  # column out of range
        ("abc\n", 9, 1, []),  # line out of range
        ("abc\n", 0, 1, []),
        ("\n", 1, 1, []),  # nothing to show
        ("\tab\n", 1, 3, ["        ab", "         ^"]),  # tabs expanded
        ("日本 x\n", 1, 4, ["    日本 x", "         ^"]),  # wide characters
        ("a\x1b[31mb\n", 1, 2, ["    a\\x1b[31mb", "     ^"]),  # no raw escapes: shown escaped
        ("a\x1b[31mb\n", 1, 7, ["    a\\x1b[31mb", "             ^"]),  # the caret after one
        ("a\u202eb\n", 1, 3, ["    a\\u202eb", "           ^"]),  # nor bidirectional controls
        ("a\r\nb\n", 2, 1, ["    b", "    ^"]),  # universal newlines, as the audit reads
        (b"caf\xe9\n", 1, 1, []),  # not UTF-8
    ],
)
def test_excerpt(
    root: Path, source: str | bytes, line: int, column: int, expected: list[str]
) -> None:
    assert excerpt(root, source, line, column) == expected


def test_controls_from_files_are_shown_escaped(root: Path) -> None:
    finding = Finding(
        "g\x1b[2J.md",
        1,
        1,
        "bad-suppression",
        "error",
        "unknown rule 'x\x1b]0;pwned\x07' in suppression",
        Suggestion("write \u202eit"),
    )
    output = text(report(finding), root)
    assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
    assert "g\\x1b[2J.md\n" in output
    assert "unknown rule 'x\\x1b]0;pwned\\x07' in suppression" in output
    assert "suggestion: write \\u202eit" in output


def test_a_long_line_with_many_findings_is_shown_in_linear_time(root: Path) -> None:
    (root / "refs.bib").write_text("@{" * 100_000 + "\n", encoding="utf-8")
    findings = [Finding("refs.bib", 1, 2 * n + 1, "mojibake", "error", "m") for n in range(100_000)]
    started = time.perf_counter()
    output = text(report(*findings), root)
    assert time.perf_counter() - started < 10  # it was quadratic: hours
    assert output.count("\n    …@{") > 99_000


def test_long_lines_show_a_window_around_the_column(root: Path) -> None:
    source = "x" * 300 + " HERE " + "y" * 300 + "\n"
    shown, caret = excerpt(root, source, 1, 302)
    assert shown.startswith("    …x") and shown.endswith("y…")
    assert len(shown) == 4 + 1 + 100 + 1
    assert shown[caret.index("^")] == "H"


def test_missing_file_has_no_excerpt(tmp_path: Path) -> None:
    output = text(report(finding_at(1, 1, "gone.md")), tmp_path)
    assert output == (
        "gone.md\n  1:1  error    mojibake  m\n\n1 error in 3 files (14 citations, 7 references).\n"
    )


@pytest.mark.parametrize(
    ("shown", "columns"),
    [("abc", 3), ("日本", 4), ("e\u0301", 1), ("", 0), ("ｱ", 1)],  # half-width katakana: one
)
def test_width_counts_terminal_columns(shown: str, columns: int) -> None:
    assert width(shown) == columns


def test_summary_line_counts_in_the_singular_and_plural() -> None:
    assert summary_line(report(VAGUE, files=1)) == (
        "1 error in 1 file (14 citations, 7 references)."
    )
    assert summary_line(report(CLAIM, UNUSED)) == (
        "2 warnings in 3 files (14 citations, 7 references)."
    )


def test_the_summary_is_red_yellow_or_green() -> None:
    style = Style(True)
    assert style.summary("s", report(VAGUE)) == "\033[1;31ms\033[0m"
    assert style.summary("s", report(CLAIM)) == "\033[1;33ms\033[0m"
    assert style.summary("s", report()) == "\033[1;32ms\033[0m"
    assert Style(False).summary("s", report(VAGUE)) == "s"
