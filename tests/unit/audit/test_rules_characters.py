"""``hidden-character``: what a reader cannot see, in pages and in the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.audit.engine import PageInput, audit_page, store_checks
from evidence_guides.audit.model import AuditSettings
from evidence_guides.findings import Finding
from evidence_guides.store.parse import parse_bib

SETTINGS = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))
EMPTY = parse_bib("", "refs.bib")


def hidden(text: str) -> list[Finding]:
    page = PageInput("p.md", text, text, 0, is_guide=False)
    found = audit_page(page, EMPTY, SETTINGS).findings
    return [finding for finding in found if finding.rule == "hidden-character"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lift\u202e slowly.", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Lift\u2066 slowly.", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("Lift\u200b slowly.", "U+200B ZERO WIDTH SPACE"),
        ("Lift\u200d slowly.", "U+200D ZERO WIDTH JOINER"),
        ("Lift\x00 slowly.", "U+0000 NULL"),
        ("Lift\x1b[31m slowly.", "U+001B ESCAPE"),
        ("Lift\ufeff slowly.", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("```\ncode\u202e\n```\n", "U+202E RIGHT-TO-LEFT OVERRIDE"),  # code misleads too
    ],
)
def test_hidden_characters_are_named_at_their_place(text: str, name: str) -> None:
    (finding,) = hidden(text)
    offset = next(i for i, c in enumerate(text) if f"U+{ord(c):04X}" in name)
    assert (finding.line, finding.column) == (
        text.count("\n", 0, offset) + 1,
        offset - text.rfind("\n", 0, offset),
    )
    assert finding.message == f"hidden character {name}"


@pytest.mark.parametrize(
    "text",
    [
        "A coder \U0001f469\u200d\U0001f4bb at the bench.",  # a joiner inside an emoji sequence
        "Fire heart \u2764\ufe0f\u200d\U0001f525.",
        "\ufeffA byte-order mark at the start.",
        "Persian \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 keeps its non-joiner.",
        "Tabs\tand\r\nline ends.",
    ],
)
def test_writing_is_not_hiding(text: str) -> None:
    assert hidden(text) == []


def test_hidden_characters_in_the_store_are_reported_at_the_field() -> None:
    store = parse_bib(
        "@article{k,\n  author = {Doe, J.},\n  title = {Safe\u202e},\n  year = {2020},\n"
        "  doi = {10.5555/1},\n}\n",
        "refs.bib",
    )
    (finding,) = [f for f in store_checks(store, SETTINGS) if f.rule == "hidden-character"]
    assert finding.format().startswith(
        "refs.bib:3:1: hidden-character: hidden character U+202E RIGHT-TO-LEFT OVERRIDE in 'k'"
        " (title)"
    )
