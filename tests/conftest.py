"""Fixtures shared by the integration and browser tests."""

from __future__ import annotations

import os

import pytest

from tests.support.site import REPO, Build, run_build

# Review ages (stale-review, the editorial report) are counted to this day, not the
# day the suite runs, so its findings never change with the calendar. Builds and
# commands run as subprocesses inherit it. Tests of the rule set their own clock.
os.environ.setdefault("GUIDES_TODAY", "2026-12-01")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The repository's own site, built once for the session with --strict."""
    build = run_build(REPO, site=tmp_path_factory.mktemp("shipped") / "site")
    assert build.returncode == 0, build.output
    return build
