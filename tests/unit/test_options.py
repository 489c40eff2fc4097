"""The plugin's options: one record of defaults, which the audit's settings use."""

from __future__ import annotations

from pathlib import Path

from evidence_guides.audit.settings import load_settings
from evidence_guides.options import DEFAULTS, OPTION_NAMES


def test_the_option_names_are_the_records_fields_in_order() -> None:
    assert OPTION_NAMES == (
        "enabled",
        "bib",
        "guides_dir",
        "rules",
        "parallel",
        "limits",
        "people",
        "stale_review_months",
        "call_to_action",
        "muscles",
        "policy_page",
        "search",
        "search_shards",
    )


def test_a_config_that_sets_nothing_gets_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "docs" / DEFAULTS.guides_dir).mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - evidence\n")
    settings = load_settings(tmp_path / "mkdocs.yml")
    assert settings.bib == tmp_path.resolve() / DEFAULTS.bib
    assert settings.guides_dir == DEFAULTS.guides_dir
    assert settings.parallel is DEFAULTS.parallel
    assert settings.docs_dir == tmp_path.resolve() / "docs"
    assert dict(settings.severities) == dict(DEFAULTS.rules)
