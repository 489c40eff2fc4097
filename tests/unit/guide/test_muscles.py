"""The muscle vocabulary: groups, names and aliases read from one file, every problem at its
line; the groups a guide trains; the file the project ships."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from evidence_guides.guide.frontmatter.model import FaqItem, Guide, Mistake, Muscle, Variation
from evidence_guides.guide.muscles import (
    EMPTY,
    TRAINS,
    MuscleGroup,
    VocabularyError,
    load_vocabulary,
    muscle_groups,
)

REPO = Path(__file__).resolve().parents[3]

VOCABULARY = """\
groups:
  - group: Hip flexors
    muscles:
      - name: Iliopsoas
        aliases: [Iliacus and psoas major, Psoas]
      - name: Rectus femoris
  - group: Abdominals
    muscles:
      - name: Rectus abdominis
      - {name: Obliques}
"""


def _load(tmp_path: Path, text: str):
    file = tmp_path / "muscles.yml"
    file.write_text(text, encoding="utf-8")
    return load_vocabulary(file, "muscles.yml")


def _guide(*muscles: tuple[str, str]) -> Guide:
    return Guide(
        title="Plank",
        description="Hold a line.",
        level="beginner",
        muscles=tuple(Muscle(name, role) for name, role in muscles),
        variations=(Variation("Easier", "beginner", "Slower."),),
        mistakes=(Mistake("Rushing.", "Slow down."),),
        faq=(FaqItem("How often?", "Twice a week."),),
        last_reviewed=datetime.date(2026, 11, 1),
    )


def test_groups_muscles_and_aliases_are_read_in_order(tmp_path: Path) -> None:
    vocabulary = _load(tmp_path, VOCABULARY)
    assert [(group.name, group.slug) for group in vocabulary.groups] == [
        ("Hip flexors", "hip-flexors"),
        ("Abdominals", "abdominals"),
    ]
    assert vocabulary.groups[0].muscles == ("Iliopsoas", "Rectus femoris")
    known = vocabulary.lookup("  iliacus AND psoas\tmajor ")
    assert known is not None and known.name == "Iliopsoas"
    assert known.group.name == "Hip flexors"
    assert vocabulary.display_name("psoas") == "Iliopsoas"
    assert vocabulary.lookup("Gluteus maximus") is None


@pytest.mark.parametrize(
    ("written", "closest"),
    [("Iliopsoa", "Iliopsoas"), ("Rectus abdominus", "Rectus abdominis"), ("Latissimus", None)],
)
def test_the_closest_known_name_is_suggested(tmp_path: Path, written: str, closest: str) -> None:
    assert _load(tmp_path, VOCABULARY).closest(written) == closest


def test_a_guide_trains_the_groups_of_its_primary_and_secondary_muscles(tmp_path: Path) -> None:
    vocabulary = _load(tmp_path, VOCABULARY)
    guide = _guide(
        ("Rectus abdominis", "stabilizer"),
        ("Psoas", "secondary"),
        ("Obliques", "antagonist"),
        ("Rectus femoris", "primary"),
    )
    assert TRAINS == ("primary", "secondary")
    assert [group.slug for group in muscle_groups(guide, vocabulary)] == ["hip-flexors"]
    both = _guide(("Obliques", "primary"), ("Iliopsoas", "secondary"))
    assert [group.name for group in muscle_groups(both, vocabulary)] == [
        "Abdominals",
        "Hip flexors",
    ]


def test_without_a_vocabulary_a_muscle_is_its_own_group() -> None:
    guide = _guide(("Serratus  anterior", "primary"), ("Obliques", "stabilizer"))
    assert muscle_groups(guide, EMPTY) == [
        MuscleGroup("Serratus anterior", "serratus-anterior", ("Serratus anterior",))
    ]
    assert EMPTY.is_empty and EMPTY.closest("Obliques") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("groups: []\n", "muscles.yml:1:9: groups must be a list of at least one item"),
        ("- a\n", "muscles.yml:1:1: expected the vocabulary: a mapping with groups"),
        ("grups: []\n", "muscles.yml:1:1: unknown key 'grups' in the vocabulary (did you mean"),
        ("groups:\n  - group: A\n", "muscles.yml:2:5: group 'A': muscles must be a list"),
        (
            "groups:\n  - muscles: [{name: X}]\n",
            "muscles.yml:2:5: a group's 'group' must be a name",
        ),
        (
            "groups:\n  - group: A\n    muscles:\n      - name: X\n      - name: x\n",
            "muscles.yml:5:15: 'x' is named twice (also on line 4)",
        ),
        (
            "groups:\n  - group: A\n    muscles:\n      - {name: X, aliases: [Y, y]}\n",
            "muscles.yml:4:32: 'y' is named twice (also on line 4)",
        ),
        (
            "groups:\n  - group: A\n    muscles:\n      - name: <b>X</b>\n",
            "muscles.yml:4:15: a muscle's 'name' is plain text",
        ),
        ("groups: [\n", "muscles.yml:2:1: not valid YAML"),
        # A key written twice, anywhere: YAML would keep the last value, unseen.
        (
            "groups:\n  - group: A\n    group: B\n    muscles: [{name: X}]\n",
            "muscles.yml:3:5: duplicate key 'group' in a group (first on line 2): YAML keeps only"
            " the last value; delete one of them",
        ),
        (
            "groups:\n  - group: A\n    muscles:\n      - {name: X, name: Y}\n",
            "muscles.yml:4:19: duplicate key 'name' in a muscle (first on line 4)",
        ),
        (
            "groups:\n  - group: A\n    muscles: [{name: X}]\ngroups: []\n",
            "muscles.yml:4:1: duplicate key 'groups' in the vocabulary (first on line 1)",
        ),
        # Nodes are read, never constructed: a tag runs nothing.
        ("groups: !!python/object:os.system []\n", "muscles.yml:1:9: groups must be a list"),
    ],
)
def test_a_bad_file_is_one_line_at_its_place(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(VocabularyError) as raised:
        _load(tmp_path, text)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_names_carry_no_control_or_override(tmp_path: Path) -> None:
    text = 'groups:\n  - group: "Core\\e[2J"\n    muscles:\n      - name: "Abs\\u202e"\n'
    vocabulary = _load(tmp_path, text)
    assert [group.name for group in vocabulary.groups] == ["Core\ufffd[2J"]
    assert vocabulary.groups[0].muscles == ("Abs\ufffd",)
    assert vocabulary.path == "muscles.yml"


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match=r"^muscles\.yml: "):
        load_vocabulary(tmp_path / "muscles.yml", "muscles.yml")


def test_the_shipped_vocabulary_names_every_muscle_of_the_shipped_guides() -> None:
    import yaml

    vocabulary = load_vocabulary(REPO / "muscles.yml", "muscles.yml")
    for guide in (REPO / "content" / "exercises").glob("*.md"):
        if guide.stem == "index":
            continue
        meta = yaml.safe_load(guide.read_text(encoding="utf-8").split("---\n")[1])
        if meta.get("draft"):  # a draft's placeholders name no muscle yet
            continue
        for muscle in meta["muscles"]:
            assert vocabulary.lookup(muscle["name"]) is not None, (guide.name, muscle["name"])
