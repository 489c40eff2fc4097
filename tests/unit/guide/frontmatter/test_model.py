"""The guide model: a typed guide from valid front-matter, and a JSON Schema that agrees."""

from __future__ import annotations

import dataclasses
import datetime
import random
import re
from typing import Any

import jsonschema
import pytest
import yaml

from evidence_guides.guide.frontmatter.model import (
    FaqItem,
    Guide,
    Met,
    Mistake,
    Muscle,
    Variation,
    guide_json_schema,
    parse_guide,
)
from evidence_guides.guide.frontmatter.specs import Record
from tests.unit.guide.frontmatter.samples import MINIMAL, PATH, TEXT, Expected, edit

pytestmark = pytest.mark.usefixtures("loader")


def test_valid_guide_is_typed() -> None:
    parsed = parse_guide(TEXT, PATH)
    assert parsed.findings == ()
    assert parsed.guide == Guide(
        title="Hanging leg raise",
        description=(
            "A strict hanging leg raise for the lower abdominals, with easier versions,"
            " common mistakes and the evidence behind each cue."
        ),
        level="intermediate",
        muscles=(
            Muscle(
                "rectus abdominis",
                "primary",
                "Works hardest in the last third of the raise [@escamilla2006].",
            ),
            Muscle("iliopsoas", "secondary", None),
            Muscle("latissimus dorsi", "stabilizer", "Keeps the shoulders packed, PMID 16556985."),
        ),
        variations=(
            Variation("Knee raise", "beginner", "Bend the knees to shorten the lever."),
            Variation(
                "Toes to bar",
                "advanced",
                "Raise the feet all the way to the bar\nwithout swinging [@escamilla2006].\n",
            ),
        ),
        mistakes=(Mistake("Swinging the body.", "\nPause in the dead hang before each rep.\n"),),
        faq=(
            FaqItem(
                "Is it safe for the lower back?",
                "Mostly, if the pelvis tilts first [@escamilla2006].",
            ),
            FaqItem("Can I paste HTML here?", "</script><!-- is just text"),
        ),
        last_reviewed=datetime.date(2026, 11, 1),
        equipment=("pull-up bar",),
        met=Met(4.0, "Compendium code 02020 [@ainsworth2011]."),
        related=("dead-hang", "plank"),
        draft=False,
    )
    assert isinstance(parsed.guide.met.value, float)  # type: ignore[union-attr]


def test_minimal_guide_takes_defaults() -> None:
    guide = parse_guide(MINIMAL, PATH).guide
    assert guide is not None
    assert (guide.equipment, guide.met, guide.related, guide.draft) == ((), None, (), False)


def test_the_parse_keeps_the_split_source() -> None:
    parsed = parse_guide(MINIMAL, PATH)
    assert parsed.source.meta_text is not None
    assert parsed.source.meta_text.startswith("title: Plank\n")
    assert parsed.source.body == "Body.\n"


def test_hostile_text_is_just_text() -> None:
    parsed = parse_guide(TEXT, PATH)
    assert parsed.guide is not None
    assert parsed.guide.faq[1].a == "</script><!-- is just text"
    assert parsed.meta["faq"][1]["a"] == "</script><!-- is just text"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Plank\n", [(1, 1, "missing front-matter (a guide starts with a '---' YAML block)")]),
        ("", [(1, 1, "missing front-matter (a guide starts with a '---' YAML block)")]),
        ("---\ntitle: Plank\n", [(1, 1, "front-matter is empty or has no closing '---' line")]),
        ("---\n---\n", [(1, 1, "front-matter is empty or has no closing '---' line")]),
    ],
)
def test_missing_front_matter(text: str, expected: Expected) -> None:
    parsed = parse_guide(text, PATH)
    assert [(f.line, f.column, f.message) for f in parsed.findings] == expected
    assert (parsed.guide, parsed.meta, parsed.text_fields) == (None, {}, ())
    assert parsed.source.body == text


def test_findings_come_sorted_by_position() -> None:
    text = edit(MINIMAL, "last_reviewed: 2026-11-01", "last_reviewed: nope")
    text = edit(text, "title: Plank", "title: ''")
    lines = [f.line for f in parse_guide(text, PATH).findings]
    assert lines == sorted(lines) == [2, 9]


def test_mangled_front_matter_never_raises() -> None:
    meta_end = TEXT.index("\n---\n") + 1
    rng = random.Random(2026)
    for _ in range(400):
        at = rng.randrange(4, meta_end)
        text = TEXT[:at] + rng.choice(":[]{}&*!|>'\"\t-?#%@`,\n\\") + TEXT[at + 1 :]
        parsed = parse_guide(text, PATH)
        assert (parsed.guide is None) == bool(parsed.findings)
        assert all("\n" not in f.message and f.line >= 1 for f in parsed.findings)


def _iso(value: Any) -> Any:
    """YAML loads dates as ``date`` objects; JSON (and the schema) has only strings."""
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def _schema_errors(meta: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(
        guide_json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [e.message for e in validator.iter_errors(_iso(meta))]


def test_schema_is_valid_draft_2020_12() -> None:
    schema = guide_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["description"]["maxLength"] == 160
    assert schema["properties"]["draft"]["default"] is False
    assert schema["properties"]["last_reviewed"]["format"] == "date"


def test_schema_accepts_the_valid_guides() -> None:
    assert _schema_errors(parse_guide(TEXT, PATH).meta) == []
    assert _schema_errors(parse_guide(MINIMAL, PATH).meta) == []


def _models(model: type) -> list[type]:
    """``model`` and every model nested in it, from the definition itself."""
    found = [model]
    for f in dataclasses.fields(model):
        rule = f.metadata["rule"]
        inner = getattr(rule, "item", rule)
        if isinstance(inner, Record):
            found += _models(inner.model)
    return found


def _schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    found = [schema]
    for prop in schema["properties"].values():
        inner = prop.get("items", prop)
        if inner.get("type") == "object":
            found += _schemas(inner)
    return found


def test_schema_and_definition_name_the_same_fields() -> None:
    models = _models(Guide)
    schemas = _schemas(guide_json_schema())
    assert [m.__name__ for m in models] == [
        "Guide",
        "Muscle",
        "Variation",
        "Mistake",
        "FaqItem",
        "Met",
        "Image",
    ]
    assert len(schemas) == len(models)
    for model, schema in zip(models, schemas, strict=True):
        names = {f.name for f in dataclasses.fields(model)}
        required = {f.name for f in dataclasses.fields(model) if f.default is dataclasses.MISSING}
        assert set(schema["properties"]) == names
        assert set(schema["required"]) == required
        assert schema["additionalProperties"] is False
        assert all(p["description"] for p in schema["properties"].values())


def test_text_fields_are_marked_in_the_schema() -> None:
    # Every optional text field set, so that each is found in the file.
    parsed = parse_guide(TEXT.replace("---\n", "---\nsafety: Stop if it hurts.\n", 1), PATH)
    schema = guide_json_schema()["properties"]
    marked = {
        name for name, prop in schema.items() if prop.get("contentMediaType") == "text/markdown"
    } | {
        f"{name}.{inner}"
        for name, prop in schema.items()
        for inner, inner_prop in prop.get("items", prop).get("properties", {}).items()
        if inner_prop.get("contentMediaType") == "text/markdown"
    }
    found = {re.sub(r"\[\d+\]", "", f.path) for f in parsed.text_fields}
    assert found == marked


# The schema and parse_guide come from one definition, so they must agree.
AGREEMENT = [
    ("level: intermediate", "level: expert"),
    ("muscles:\n", "musles:\n"),
    ("  - name: iliopsoas", "  - nmae: iliopsoas"),
    ("  - name: iliopsoas", "  - name: yes"),
    ("title: Hanging leg raise", "title: ' '"),
    ("  value: 4", "  value: 0"),
    ("  cite: Compendium code 02020 [@ainsworth2011].", "  cite: Compendium code 02020."),
    ("related: [dead-hang, plank]", "related: [Dead-Hang]"),
    ("last_reviewed: 2026-11-01", "last_reviewed: 11/01/2026"),
    ("equipment: [pull-up bar]", "equipment: pull-up bar"),
    ("faq:\n", "faq: []\nold_faq:\n"),
    ("    role: secondary\n", ""),
    ("description: A strict", "description: " + "d" * 100 + " A strict"),
    ("description: A strict", "description: " + "d" * 10 + " A strict"),
    ("title: Hanging leg raise\n", ""),
]


@pytest.mark.parametrize(("old", "new"), AGREEMENT)
def test_schema_agrees_with_parse_guide(old: str, new: str) -> None:
    parsed = parse_guide(edit(TEXT, old, new), PATH)
    assert bool(_schema_errors(parsed.meta)) == bool(parsed.findings)


def test_meta_is_what_yaml_loads_even_when_the_guide_is_invalid() -> None:
    parsed = parse_guide(edit(MINIMAL, "level: beginner\n", "level: expert\n"), PATH)
    assert parsed.guide is None
    assert parsed.meta == yaml.safe_load(parsed.source.meta_text or "")
