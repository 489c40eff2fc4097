"""Strict mode holds even when the log is quiet (``mkdocs build --strict -q``)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from mkdocs.exceptions import PluginError

from evidence_guides.build.report import ReportLine
from evidence_guides.findings import Finding
from evidence_guides.mkdocs_adapter.log import BuildLog, log


def finding(severity: str) -> Finding:
    return Finding(
        path="content/a.md",
        line=3,
        column=1,
        rule="vague-citation",
        severity=severity,
        message="vague citation",
    )


def test_errors_fail_strict_and_a_drafts_do_not() -> None:
    build_log = BuildLog()
    build_log.findings([finding("warning")])
    build_log.findings([finding("error")], draft=True)
    build_log.fail_if_strict(True)  # nothing that blocks
    build_log.findings([finding("error")])
    with pytest.raises(PluginError, match=r"^strict mode: 1 error \(shown above\)$"):
        build_log.fail_if_strict(True)
    build_log.fail_if_strict(False)


@pytest.fixture
def quiet_log() -> Iterator[None]:
    """The log above ERROR, as ``--quiet`` sets it; setLevel, as loggers cache isEnabledFor."""
    previous = log.level
    log.setLevel(logging.ERROR + 1)
    yield
    log.setLevel(previous)


def test_a_quiet_log_still_names_the_first_error(quiet_log: None) -> None:
    build_log = BuildLog()
    build_log.error("content/a.md:1:1: first\x1b[2J")
    build_log.error("content/a.md:2:1: second")
    with pytest.raises(PluginError) as raised:
        build_log.fail_if_strict(True)
    assert str(raised.value) == (
        "strict mode: 2 errors, the first (not shown above): content/a.md:1:1: first\\x1b[2J"
    )


def test_a_line_summing_up_errors_counts_them_all() -> None:
    build_log = BuildLog()
    build_log.report([ReportLine("6 store entries ... (bib-duplicate)", errors=6)])
    build_log.report([ReportLine("3,000 store entries are cited by no guide")])
    with pytest.raises(PluginError, match=r"^strict mode: 6 errors \(shown above\)$"):
        build_log.fail_if_strict(True)
