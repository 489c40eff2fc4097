"""The editorial and sourcing policy page: written from the rules the project enforces."""

from __future__ import annotations

from pathlib import Path

import yaml

from evidence_guides.audit.model import AuditSettings
from evidence_guides.audit.policy import READER_SENTENCES, policy_markdown
from evidence_guides.audit.registry import REGISTRY


def _settings(**severities: str) -> AuditSettings:
    return AuditSettings(
        root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"), severities=severities
    )


def test_every_rule_has_a_sentence_for_readers() -> None:
    assert set(READER_SENTENCES) == {rule.id for rule in REGISTRY}


def test_errors_are_conditions_of_publishing_and_warnings_are_told() -> None:
    text = policy_markdown(_settings(), site_name="Test Guides", contact=None)
    published, told = text.split("Editors are also told")
    assert READER_SENTENCES["retracted-source"] in published
    assert READER_SENTENCES["unsupported-claim"] in told
    assert READER_SENTENCES["missing-safety"] in told
    assert "## Corrections" not in text


def test_the_configured_severities_decide_what_it_says() -> None:
    text = policy_markdown(
        _settings(**{"unsupported-claim": "error", "duplicate-paragraph": "off"}),
        site_name="Test Guides",
        contact="editors@guides.test",
    )
    published = text.split("Editors are also told")[0]
    assert READER_SENTENCES["unsupported-claim"] in published
    assert READER_SENTENCES["duplicate-paragraph"] not in text
    assert "<editors@guides.test>" in text


def test_it_is_a_page_with_front_matter_and_the_sites_name_as_text() -> None:
    text = policy_markdown(_settings(), site_name="A <b>site</b> *x*", contact=None)
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta == {
        "title": "Editorial and sourcing policy",
        "description": "How the guides choose, check and review their sources.",
    }
    assert "A \\<b\\>site\\</b\\> \\*x\\*" in text
