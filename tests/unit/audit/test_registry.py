"""The registry: one record per rule id, every family's check registered, each run once."""

from __future__ import annotations

import pkgutil
from pathlib import Path

import pytest

from evidence_guides import rule_ids
from evidence_guides.audit import registry, rules
from evidence_guides.audit.model import AuditSettings

IDS = {value for name, value in vars(rule_ids).items() if name.isupper()}


def settings(**severities: str) -> AuditSettings:
    return AuditSettings(
        root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"), severities=severities
    )


def test_every_rule_id_has_one_record() -> None:
    ids = [rule.id for rule in registry.REGISTRY]
    assert sorted(ids) == sorted(IDS)
    assert len(ids) == len(set(ids))


def test_every_family_module_has_a_registered_check() -> None:
    families = {module.name for module in pkgutil.iter_modules(rules.__path__)}
    registered = {
        check.run.__module__.rsplit(".", 1)[-1]
        for rule in registry.REGISTRY
        for check in rule.checks
    }
    assert registered == families


@pytest.mark.parametrize("scope", ["segment", "page", "store", "corpus"])
def test_a_shared_check_runs_once(scope: str) -> None:
    found = registry.checks(scope, settings())  # type: ignore[arg-type]
    assert found and len(found) == len(set(found))


def test_a_check_whose_rules_are_all_off_is_not_run() -> None:
    both_off = settings(**{rule_ids.VAGUE_REFERENCE: "off", rule_ids.CITATION_MISMATCH: "off"})
    one_off = settings(**{rule_ids.VAGUE_REFERENCE: "off"})
    author_date = registry.RULES[rule_ids.VAGUE_REFERENCE].checks[0].run
    assert author_date not in registry.checks("segment", both_off)
    assert author_date in registry.checks("segment", one_off)
