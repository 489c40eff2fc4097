"""Splitting a guide: the same front-matter and body MkDocs finds, and the draft pre-check."""

from __future__ import annotations

import random

import pytest
from mkdocs.utils.meta import YAML_RE

from evidence_guides.guide.frontmatter.model import parse_guide
from evidence_guides.text.front_matter import may_set_draft, split_front_matter
from tests.unit.guide.frontmatter.samples import MINIMAL, PATH, TEXT


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        MINIMAL,
        "---\na: 1\n...\nbody",
        "---  \na: 1\n---\t\nbody",
        "---\na: 1\n---",  # no newline after the closing fence: not front-matter
        "---\n---\nbody\n",  # empty: not front-matter either
        "--- \n\n---\n",
        "body\n---\na: 1\n---\n",
        "----\na: 1\n---\n",
        "---\na: |\n  ---\n---\nbody",
    ],
)
def test_split_matches_mkdocs(text: str) -> None:
    source = split_front_matter(text)
    match = YAML_RE.match(text)
    assert source.meta_text == (match.group(1) if match else None)
    assert source.body_offset == (match.end() if match else 0)
    assert source.body == text[source.body_offset :]
    assert source.body_line == text.count("\n", 0, source.body_offset) + 1


def test_split_matches_mkdocs_on_generated_text() -> None:
    """The two-step search finds MkDocs' fences in any text made of fence-like pieces."""
    pieces = ["-", "---", ".", "...", "\n", " ", "\t", "a", "---\n", "...\n", "\r"]
    generate = random.Random(7)
    for _ in range(20_000):
        test_split_matches_mkdocs("".join(generate.choices(pieces, k=generate.randint(0, 16))))


def test_split_positions() -> None:
    source = split_front_matter(TEXT)
    assert (source.meta_line, source.body_line) == (2, 41)
    assert source.body.startswith("\n# Hanging leg raise")
    assert TEXT.splitlines()[source.meta_line - 1] == "title: Hanging leg raise"


def test_without_front_matter_the_body_is_the_whole_file() -> None:
    source = split_front_matter("# Plank\n---\nnot: yaml\n---\n")
    assert source.meta_text is None
    assert (source.meta_line, source.body_line, source.body_offset) == (1, 1, 0)
    assert source.body == "# Plank\n---\nnot: yaml\n---\n"


@pytest.mark.parametrize(
    ("text", "may"),
    [
        (MINIMAL, False),
        (MINIMAL.replace("title:", "draft: true\ntitle:"), True),
        (MINIMAL.replace("title:", "# a draft for now\ntitle:"), True),
        (MINIMAL.replace("title: Plank", 'title: "Pl\\x61nk"'), True),  # an escape
        ("No front-matter, draft: true\n", False),
        ("---\n---\n", False),
        (MINIMAL + "draft: true\n", False),  # in the body, not the front-matter
    ],
)
def test_may_set_draft_is_false_only_when_no_draft_can_be_set(text: str, may: bool) -> None:
    assert may_set_draft(text) is may
    if not may:
        assert parse_guide(text, PATH).meta.get("draft") is not True


def test_an_escaped_key_can_set_draft() -> None:
    text = MINIMAL.replace("title:", '"dr\\x61ft": true\ntitle:')
    assert may_set_draft(text)
    assert parse_guide(text, PATH).meta.get("draft") is True
