"""Starting a guide: the skeleton is a valid draft, and nothing is ever overwritten."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from evidence_guides.guide.frontmatter.model import parse_guide
from evidence_guides.guide.scaffold import (
    MAX_SLUG,
    PLACEHOLDER,
    ScaffoldError,
    create_guide,
    slugify,
)

TODAY = datetime.date(2026, 11, 21)


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Flutter kick", "flutter-kick"), ("  Hanging   Leg Raise ", "hanging-leg-raise"),
     ("Crunch (basic)", "crunch-basic"), ("Élévation des jambes", "elevation-des-jambes")],
)  # fmt: skip
def test_slugs(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_skeleton_is_a_valid_draft_with_every_section(tmp_path: Path) -> None:
    path = create_guide(tmp_path, "Flutter kick", TODAY)
    assert path == tmp_path / "flutter-kick.md"
    parsed = parse_guide(path.read_text(), "flutter-kick.md")
    assert parsed.findings == ()
    guide = parsed.guide
    assert guide.title == "Flutter kick" and guide.draft is True
    assert guide.last_reviewed == TODAY
    assert guide.muscles and guide.variations and guide.mistakes and guide.faq
    assert PLACEHOLDER in guide.description and PLACEHOLDER in parsed.source.body
    for key in ("equipment", "related", "met", "muscles", "variations", "mistakes", "faq"):
        assert f"{key}:" in path.read_text()


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    existing = tmp_path / "flutter-kick.md"
    existing.write_text("an editor's work\n")
    with pytest.raises(ScaffoldError, match="already exists; nothing written"):
        create_guide(tmp_path, "Flutter Kick", TODAY)
    assert existing.read_text() == "an editor's work\n"
    assert [p.name for p in tmp_path.iterdir()] == ["flutter-kick.md"]


@pytest.mark.parametrize("title", ["", "   ", "!!!", "<b>Plank</b>"])
def test_unusable_titles(tmp_path: Path, title: str) -> None:
    with pytest.raises(ScaffoldError):
        create_guide(tmp_path, title, TODAY)
    assert list(tmp_path.iterdir()) == []


def test_quotes_in_titles_stay_valid_yaml(tmp_path: Path) -> None:
    path = create_guide(tmp_path, 'The "dead bug"', TODAY)
    assert parse_guide(path.read_text(), "x.md").guide.title == 'The "dead bug"'


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("a" * 5000, "a title has at most 120 characters; this one has 5,000"),
        ("Side\x1b[31m plank", "'Side\\x1b[31m plank' contains the control character U+001B"),
        ("Side \u202eknalp", "contains the control character U+202E"),
        ("Side \udcff plank", "contains the control character U+DCFF"),  # undecodable argv
        ("Side\u2060plank", "contains U+2060 WORD JOINER that no reader sees"),
    ],
)
def test_titles_the_guide_could_not_keep_are_refused(
    tmp_path: Path, title: str, message: str
) -> None:
    with pytest.raises(ScaffoldError, match=re.escape(message)):
        create_guide(tmp_path, title, TODAY)
    assert list(tmp_path.iterdir()) == []


def test_slugs_are_bounded() -> None:
    assert slugify("Plank " * 20) == "-".join(["plank"] * 10)  # cut at a hyphen
    assert len(slugify("\u3389" * 100)) == MAX_SLUG  # one character folds to "kcal"
    assert slugify("x" * 100) == "x" * MAX_SLUG


def test_a_title_at_the_limit_makes_a_valid_guide(tmp_path: Path) -> None:
    path = create_guide(tmp_path, "Plank " * 20, TODAY)
    assert len(path.name) <= MAX_SLUG + 3
    assert parse_guide(path.read_text(), "x.md").guide.title == ("Plank " * 20).strip()
