"""Rule ids: stable, distinct, and safe to write wherever users write them."""

from __future__ import annotations

import re

from evidence_guides import rule_ids

IDS = {name: value for name, value in vars(rule_ids).items() if name.isupper()}


def test_the_ids_users_refer_to_never_change() -> None:
    """CI configurations, ``audit: ignore[...]`` comments and SARIF tools name these."""
    assert sorted(IDS.values()) == [
        "bad-suppression",
        "bib-duplicate",
        "bib-invalid-entry",
        "citation-mismatch",
        "duplicate-paragraph",
        "frontmatter-invalid",
        "hidden-character",
        "malformed-citation",
        "mojibake",
        "placeholder",
        "reference-drift",
        "retracted-source",
        "stale-review",
        "unattributed-quote",
        "unresolved-citation",
        "unsafe-link",
        "unsupported-claim",
        "unused-reference",
        "vague-reference",
    ]


def test_no_two_rules_share_an_id() -> None:
    """Two names for one id would merge two rules' severities and suppressions."""
    assert len(set(IDS.values())) == len(IDS)


def test_each_constant_is_named_after_its_id() -> None:
    for name, value in IDS.items():
        assert name == value.upper().replace("-", "_")


def test_ids_are_lowercase_words_joined_by_hyphens() -> None:
    """Ids sit in YAML keys, in ignore[a, b] lists and in URLs: no spaces, commas or brackets."""
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", value) for value in IDS.values())
