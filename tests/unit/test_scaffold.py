"""Starting a guide: the skeleton is a valid draft, and nothing is ever overwritten."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from evidence_guides.frontmatter import parse_guide
from evidence_guides.scaffold import PLACEHOLDER, ScaffoldError, create_guide, slugify

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
