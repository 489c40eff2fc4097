"""Suppression comments: ``<!-- audit: ignore[rule-id] reason -->`` for the next paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.audit.engine import PageInput, audit_page
from evidence_guides.audit.model import AuditSettings
from evidence_guides.findings import Finding, line_and_column
from evidence_guides.store.load import load_bib

STORE = load_bib(Path(__file__).parents[2] / "fixtures" / "audit" / "refs.bib", "refs.bib")
SETTINGS = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))


def audit(text: str) -> list[Finding]:
    return list(audit_page(PageInput("p.md", text, text, 0, False), STORE, SETTINGS).findings)


def positions(text: str, *needles: str) -> list[tuple[int, int]]:
    return [line_and_column(text, text.index(needle)) for needle in needles]


def test_a_suppression_covers_only_the_next_paragraph() -> None:
    text = (
        "Intro (Adams, 2019).\n"
        "\n"
        "<!-- audit: ignore[vague-reference] quoting a bad example on purpose -->\n"
        "Writers cite like this (Jones, 2019),\n"
        "and like this (Baker, 2018).\n"
        "\n"
        "Then (Lee, 2020) is reported again.\n"
    )
    findings = audit(text)
    assert [(f.rule, f.line, f.column) for f in findings] == [
        ("vague-reference", *positions(text, "Adams")[0]),
        ("vague-reference", *positions(text, "Lee")[0]),
    ]


def test_a_blank_line_between_comment_and_paragraph_is_allowed() -> None:
    text = "<!-- audit: ignore[vague-reference] an example -->\n\nSee (Jones, 2019).\n"
    assert audit(text) == []


def test_several_rules_and_only_those_rules() -> None:
    text = (
        "<!-- audit: ignore[vague-reference, unsupported-claim] a quoted bad example -->\n"
        "Studies show it (Jones, 2019); ACSM (n.d.) agrees. Experts agree. Itâ€™s so.\n"
    )
    assert [f.rule for f in audit(text)] == ["mojibake"]


def test_suppressions_stack() -> None:
    text = (
        "<!-- audit: ignore[vague-reference] an example -->\n"
        "<!-- audit: ignore[unsupported-claim] an example -->\n"
        "(Jones, 2019). Experts agree.\n"
    )
    assert audit(text) == []


@pytest.mark.parametrize(
    ("comment", "messages"),
    [
        (
            "<!-- audit: ignore[vague-reference] -->",
            ["suppression without a reason: say why after 'ignore[...]'"],
        ),
        (
            "<!-- audit: ignore[vague-refs] a reason -->",
            ["unknown rule 'vague-refs' in suppression (did you mean 'vague-reference'?)"],
        ),
        (
            "<!-- audit: ignore[vague-reference, nonsense] -->",
            [
                "unknown rule 'nonsense' in suppression",
                "suppression without a reason: say why after 'ignore[...]'",
            ],
        ),
        (
            "<!-- audit: ignore[] a reason -->",
            ["suppression names no rule: write '<!-- audit: ignore[rule-id] reason -->'"],
        ),
        (
            "<!-- audit: skip vague-reference because -->",
            ["malformed suppression: write '<!-- audit: ignore[rule-id] reason -->'"],
        ),
    ],
)
def test_a_bad_suppression_is_a_finding_and_silences_nothing(
    comment: str, messages: list[str]
) -> None:
    text = f"First line.\n\n  {comment}\nSee (Jones, 2019).\n"
    findings = audit(text)
    bad = [f for f in findings if f.rule == "bad-suppression"]
    assert sorted(f.message for f in bad) == sorted(messages)
    assert {(f.line, f.column, f.severity) for f in bad} == {(3, 3, "error")}
    assert [f.rule for f in findings if f.rule != "bad-suppression"] == ["vague-reference"]


@pytest.mark.parametrize(
    "text",
    [
        "```\n<!-- audit: ignore[nonsense] -->\n```\n\n(Jones, 2019).\n",
        "Write `<!-- audit: ignore[nonsense] -->` to...\n\n(Jones, 2019).\n",
        "<!-- a plain comment -->\n(Jones, 2019).\n",
    ],
)
def test_comments_in_code_and_other_comments_are_not_suppressions(text: str) -> None:
    assert [f.rule for f in audit(text)] == ["vague-reference"]


def test_a_suppression_at_the_end_silences_nothing() -> None:
    assert audit("(Jones, 2019).\n\n<!-- audit: ignore[vague-reference] nothing follows -->\n")
