"""A project folder with the one guide the hand-built findings point into."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.audit.reporters.support import PLANK


@pytest.fixture
def root(tmp_path: Path) -> Path:
    guide = tmp_path / "content" / "exercises" / "plank.md"
    guide.parent.mkdir(parents=True)
    guide.write_text(PLANK, encoding="utf-8")
    return tmp_path
