"""The formats ``--format`` offers: one reporter each, under its own name."""

from __future__ import annotations

from evidence_guides.audit.reporters.registry import REPORTERS


def test_every_format_has_one_reporter() -> None:
    assert list(REPORTERS) == ["text", "json", "github", "sarif"]
    assert all(REPORTERS[name].name == name for name in REPORTERS)
