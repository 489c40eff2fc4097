"""Fixtures shared by the integration and browser tests."""

from __future__ import annotations

import pytest

from tests.support.site import REPO, Build, run_build


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The repository's own site, built once for the session with --strict."""
    build = run_build(REPO, site=tmp_path_factory.mktemp("shipped") / "site")
    assert build.returncode == 0, build.output
    return build
