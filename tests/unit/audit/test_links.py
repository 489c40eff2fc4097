"""``unsafe-link``: links and images that could run script, at their place in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.audit.engine import PageInput, audit_page
from evidence_guides.audit.model import AuditSettings
from evidence_guides.findings import Finding, line_and_column
from evidence_guides.store.load import load_bib

STORE = load_bib(Path(__file__).parents[2] / "fixtures" / "audit" / "refs.bib", "refs.bib")
SETTINGS = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))


def unsafe(text: str, *, offset: int = 0, is_guide: bool = False) -> list[Finding]:
    page = PageInput("p.md", text, text[offset:], offset, is_guide=is_guide)
    return [f for f in audit_page(page, STORE, SETTINGS).findings if f.rule == "unsafe-link"]


def place(text: str, needle: str) -> tuple[int, int]:
    return line_and_column(text, text.index(needle))


@pytest.mark.parametrize(
    ("text", "at", "scheme"),
    [
        ("A [link](javascript:alert(1)).", "javascript:", "javascript"),
        ("A [link](JaVaScRiPt:alert(1)).", "JaVaScRiPt:", "javascript"),
        ("A [link](&#106;avascript:alert(1)).", "&#106;", "javascript"),
        ("A [link](java&#9;script:alert(1)).", "java&#9;", "javascript"),
        ("A [link](java\nscript:alert(1)).", "java\n", "javascript"),
        ("A [link](javascript\\:alert(1)).", "javascript\\:", "javascript"),
        ("A [link](  vbscript:msgbox(1) ).", "vbscript:", "vbscript"),
        ('A [link](<javascript:alert(1)> "title").', "javascript:", "javascript"),
        ('A [link](javascript:alert(1) "title").', "javascript:", "javascript"),
        ("An ![image](data:image/svg+xml,<svg onload=alert(1)>).", "data:", "data"),
        ("A [link][r].\n\n[r]: javascript:alert(2)\n", "javascript:", "javascript"),
        ("A [link][r].\n\n[r]:\n    <data:text/html,x>\n", "data:", "data"),
        ("An autolink <javascript:alert(1)>.", "javascript:", "javascript"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:", "javascript"),
        ("<a/href=vbscript:x>x</a>", "vbscript:", "vbscript"),
        ('<form action="javascript:x"></form>', "javascript:", "javascript"),
        ("<iframe src='data:text/html,x'></iframe>", "data:", "data"),
        ("A [call](tel:+15550100).", "tel:", "tel"),
    ],
)
def test_a_body_link_with_a_scheme_that_is_not_allowed_is_reported_at_its_address(
    text: str, at: str, scheme: str
) -> None:
    (finding,) = unsafe(text)
    assert (finding.line, finding.column) == place(text, at)
    assert finding.severity == "error"
    assert f"'{scheme}:' addresses are not published" in finding.message
    assert "\n" not in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "[The plank](plank.md), [its FAQ](plank.md#faq), [here](#faq), [up](../index.md).",
        "[PubMed](https://pubmed.ncbi.nlm.nih.gov/1/) and [write](mailto:editor@example.org).",
        "![A plank](img/plank.png) and <https://example.org/> and <mailto:a@example.org>.",
        "[x](http://example.org/a:b) and [y](?q=a:b) and [z](dir/a:b).",
        "`[x](javascript:alert(1))` is how not to link.",
        "```\n[x](javascript:alert(1))\n<a href=javascript:x>\n```\n",
        "<!-- [x](javascript:alert(1)) -->",
        "A sentence saying javascript: is a scheme.",
        '<a href="../plank/" title="javascript:x">x</a>',
        "[java script](java script:alert(1))",
    ],
)
def test_safe_links_and_code_are_not_reported(text: str) -> None:
    assert unsafe(text) == []


def test_each_link_is_reported_once_in_order() -> None:
    text = "[a](javascript:1) <b>[c](https://ok/)</b>\n\n<img src=vbscript:2>\n\n[d](data:,3)\n"
    assert [(f.line, f.column) for f in unsafe(text)] == [
        place(text, "javascript:"),
        place(text, "vbscript:"),
        place(text, "data:"),
    ]


def test_a_long_address_is_cut_in_the_message() -> None:
    (finding,) = unsafe(f"[x](data:text/html;base64,{'A' * 500})")
    assert "'data:text/html;base64,AAAA" in finding.message and "...'" in finding.message
    assert len(finding.message) < 200


def test_the_body_is_read_where_it_is_in_the_file() -> None:
    text = "---\ntitle: T\n---\n\nIntro.\n\n[x](javascript:alert(1))\n"
    (finding,) = unsafe(text, offset=text.index("Intro"))
    assert (finding.line, finding.column) == place(text, "javascript:")


GUIDE = """\
---
title: Plank
description: Hold a straight line.
level: beginner
last_reviewed: 2026-11-01
met: {value: 3, cite: "[x](JaVaScRiPt:alert(1))"}
muscles:
  - name: Rectus abdominis
    role: stabilizer
    note: <a href="javascript:alert(1)">shown as text</a>, <javascript:alert(1)>
variations:
  - name: Knee plank
    level: beginner
    how: "Knees down, [then up](vbscript:msgbox(1))."
mistakes:
  - mistake: Hips sag.
    fix: |-
      [Squeeze][r] the glutes.

      [r]: data:text/html,x
faq:
  - q: How long?
    a: Until form fails; [see](plank.md#faq).
---

Body [x](javascript:alert(3)).
"""


def test_front_matter_links_are_reported_in_the_yaml_and_html_there_is_text() -> None:
    findings = unsafe(GUIDE, offset=GUIDE.index("Body"), is_guide=True)
    assert [(f.line, f.column) for f in findings] == [
        place(GUIDE, "JaVaScRiPt:"),
        place(GUIDE, "vbscript:"),
        place(GUIDE, "data:"),
        place(GUIDE, "javascript:alert(3)"),
    ]


def test_the_rule_can_be_turned_off() -> None:
    settings = AuditSettings(
        root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"),
        severities={"unsafe-link": "off"},
    )  # fmt: skip
    page = PageInput("p.md", "[x](javascript:1)", "[x](javascript:1)", 0, is_guide=False)
    assert audit_page(page, STORE, settings).findings == ()
