"""Field specs: each value checked with a message at its line, and the same rule as schema."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import jsonschema
import pytest

from evidence_guides.findings import Finding
from evidence_guides.guide.frontmatter.model import guide_json_schema, parse_guide
from evidence_guides.guide.frontmatter.specs import (
    Boolean,
    Date,
    ListOf,
    Number,
    Record,
    String,
    rule,
)
from evidence_guides.guide.frontmatter.walker import Walk
from tests.unit.guide.frontmatter.samples import MINIMAL, PATH, TEXT, Expected, edit, found

pytestmark = pytest.mark.usefixtures("loader")

KEYS = (
    "title, description, level, muscles, variations, mistakes, faq, last_reviewed,"
    " author, reviewed_by, equipment, met, related, draft, safety, image"
)
KEPT = " YAML keeps only the last value; delete one of them"  # a duplicate key's fix

LEG_RAISE_ERRORS = [
    (
        "level: intermediate",
        "level: expert",
        [(4, 8, "level: 'expert' is not one of beginner, intermediate, advanced")],
    ),
    (
        "    level: advanced",
        "    level: expert",
        [(20, 12, "variations[1].level: 'expert' is not one of beginner, intermediate, advanced")],
    ),
    (
        "muscles:\n",
        "musles:\n",
        [
            (
                1,
                1,
                "muscles: required field is missing; add it: a list of at least 1,"
                " each a mapping with name, role (note optional)",
            ),
            (6, 1, "unknown key 'musles' (did you mean 'muscles'?); allowed keys: " + KEYS),
        ],
    ),
    (
        "  - name: iliopsoas",
        "  - nmae: iliopsoas",
        [
            (10, 5, "muscles[1].name: required field is missing; add it: a string"),
            (
                10,
                5,
                "muscles[1]: unknown key 'nmae' (did you mean 'name'?);"
                " allowed keys: name, role, note",
            ),
        ],
    ),
    (
        "    role: secondary\n",
        "",
        [
            (
                10,
                5,
                "muscles[1].role: required field is missing;"
                " add it: one of primary, secondary, stabilizer, antagonist",
            )
        ],
    ),
    (
        "  - name: iliopsoas",
        "  - name: yes",
        [
            (
                10,
                11,
                "muscles[1].name: expected a string, got a boolean 'yes'"
                " (quote it to keep it as text)",
            )
        ],
    ),
    (
        "    role: secondary",
        "    role: 1",
        [
            (
                11,
                11,
                "muscles[1].role: expected one of primary, secondary, stabilizer, antagonist,"
                " got a number '1'",
            )
        ],
    ),
    (
        "  value: 4",
        "  value: -1",
        [(36, 10, "met.value: expected a number greater than 0, got '-1'")],
    ),
    (
        "  value: 4",
        "  value: .nan",
        [(36, 10, "met.value: expected a number greater than 0, got '.nan'")],
    ),
    (
        "  value: 4",
        "  value: '4'",
        [(36, 10, "met.value: expected a number greater than 0, got a string '4'")],
    ),
    (
        "  value: 4",
        "  value: " + "9" * 5000,  # past int()'s digit limit: must not raise
        [(36, 10, "met.value: expected a number greater than 0, got '" + "9" * 57 + "...'")],
    ),
    (
        "  cite: Compendium code 02020 [@ainsworth2011].",
        "  cite: Compendium code 02020.",
        [(37, 9, "met.cite: must cite a source, e.g. '[@ainsworth2011]'")],
    ),
    (
        "  value: 4\n",
        "  value: 4\n  value: 5\n",
        [(37, 3, f"met: duplicate key 'value' (first on line 36):{KEPT}")],
    ),
    (
        "  value: 4\n",
        "",
        [(36, 3, "met.value: required field is missing; add it: a number greater than 0")],
    ),
    (
        "related: [dead-hang, plank]",
        "related: [dead-hang, Plank_2]",
        [
            (
                38,
                22,
                "related[1]: 'Plank_2' is not a guide slug"
                " (lowercase words joined by '-', e.g. 'glute-bridge'); write 'plank-2'",
            )
        ],
    ),
    (
        "related: [dead-hang, plank]",
        'related: ["plank\\n"]',  # Python's $ would let a trailing newline through
        [
            (
                38,
                11,
                "related[0]: 'plank\\n' is not a guide slug"
                " (lowercase words joined by '-', e.g. 'glute-bridge'); write 'plank'",
            )
        ],
    ),
    (
        "last_reviewed: 2026-11-01",
        "last_reviewed: 2026-02-30",
        [
            (
                39,
                16,
                "last_reviewed: '2026-02-30' is not a real date (day is out of range for month)",
            )
        ],
    ),
    (
        "last_reviewed: 2026-11-01",
        "last_reviewed: 2026-11-01 10:30:00",
        [(39, 16, "last_reviewed: expected a date in YYYY-MM-DD form, got '2026-11-01 10:30:00'")],
    ),
    (
        "last_reviewed: 2026-11-01",
        "last_reviewed: 11/01/2026",
        [(39, 16, "last_reviewed: expected a date in YYYY-MM-DD form, got '11/01/2026'")],
    ),
    (
        "last_reviewed: 2026-11-01",
        "last_reviewed:",
        [(39, 15, "last_reviewed: expected a date in YYYY-MM-DD form, got an empty value")],
    ),
    (
        "last_reviewed: 2026-11-01",
        "last_reviewed: 2026-11-01\ndraft: 'no'",
        [(40, 8, "draft: expected true or false, got a string 'no'")],
    ),
    (
        "title: Hanging leg raise",
        "title: Hanging leg raise\ntitle: Again",
        [(3, 1, f"duplicate key 'title' (first on line 2):{KEPT}")],
    ),
    (
        '    a: "</script><!-- is just text"',
        '    a: "line one\\nline two"\n    b: 1',
        [(35, 5, "faq[1]: unknown key 'b'; allowed keys: q, a")],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), LEG_RAISE_ERRORS)
def test_leg_raise_errors(old: str, new: str, expected: Expected) -> None:
    parsed = parse_guide(edit(TEXT, old, new), PATH)
    assert [(f.line, f.column, f.message) for f in parsed.findings] == expected
    assert parsed.guide is None
    assert all(
        f == Finding(PATH, f.line, f.column, "frontmatter-invalid", "error", f.message)
        for f in parsed.findings
    )
    assert all("\n" not in f.message for f in parsed.findings)


MINIMAL_ERRORS = [
    (
        "muscles: [{name: transversus abdominis, role: primary}]",
        "muscles: foo",
        [(5, 10, "muscles: expected a list, got a string")],
    ),
    (
        "muscles: [{name: transversus abdominis, role: primary}]",
        "muscles: []",
        [(5, 10, "muscles: must list at least 1 item")],
    ),
    (
        "muscles: [{name: transversus abdominis, role: primary}]",
        "muscles:",
        [(5, 9, "muscles: expected a list, got an empty value")],
    ),
    (
        "muscles: [{name: transversus abdominis, role: primary}]",
        "muscles: [plank]",
        [
            (
                5,
                11,
                "muscles[0]: expected a mapping with name, role (note optional), got a string",
            )
        ],
    ),
    (
        "muscles: [{name: transversus abdominis, role: primary}]",
        "muscles: {name: x}",
        [(5, 10, "muscles: expected a list, got a mapping")],
    ),
    (
        "faq: [{q: 'How long?', a: 'Start with 20 s [@mcgill2010].'}]\n",
        "",
        [
            (
                1,
                1,
                "faq: required field is missing; add it: a list of at least 1,"
                " each a mapping with q, a",
            )
        ],
    ),
    ("title: Plank", "title: ''", [(2, 8, "title: must not be empty")]),
    ("title: Plank", "title: '  '", [(2, 8, "title: must not be empty")]),
    ("title: Plank", "title:", [(2, 7, "title: must not be empty")]),
    (
        "title: Plank",
        "title: 2026",
        [(2, 8, "title: expected a string, got a number '2026' (quote it to keep it as text)")],
    ),
    ("title: Plank", "title: [a, b]", [(2, 8, "title: expected a string, got a list")]),
    ("description: Hold a straight line from head to heels.", "description: " + "d" * 160, []),
    (
        "description: Hold a straight line from head to heels.",
        "description: " + "d" * 161,
        [(3, 14, "description: is 161 characters long, at most 160 allowed")],
    ),
    ("last_reviewed: 2026-11-01", "last_reviewed: '2026-11-01'", []),
    (
        "level: beginner\n",
        "level: Beginner\n",
        [(4, 8, "level: 'Beginner' is not one of beginner, intermediate, advanced")],
    ),
    (
        "variations: [{name: Knee plank, level: beginner, how: Knees down.}]",
        "variations: [{name: Knee plank, level: beginner}]",
        [(6, 14, "variations[0].how: required field is missing; add it: Markdown text")],
    ),
    (
        "variations: [{name: Knee plank, level: beginner, how: Knees down.}]",
        "variations: [{name: Knee plank, level: beginner, how: Knees down., level: advanced}]",
        [(6, 68, f"variations[0]: duplicate key 'level' (first on line 6):{KEPT}")],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), MINIMAL_ERRORS)
def test_minimal_errors(old: str, new: str, expected: Expected) -> None:
    parsed = parse_guide(edit(MINIMAL, old, new), PATH)
    assert [(f.line, f.column, f.message) for f in parsed.findings] == expected
    assert (parsed.guide is None) == bool(expected)
    assert all("\n" not in f.message for f in parsed.findings)


def test_missing_field_points_at_the_mapping() -> None:
    text = edit(MINIMAL, "title: Plank\n", "# The plank guide.\n\n")
    assert found(text) == [(1, 1, "title: required field is missing; add it: a string")]


def test_errors_are_all_collected() -> None:
    text = edit(MINIMAL, "level: beginner\n", "level: expert\nmusles: []\n")
    text = edit(text, "title: Plank", "title: ''")
    assert [m for _, _, m in found(text)] == [
        "title: must not be empty",
        "level: 'expert' is not one of beginner, intermediate, advanced",
        "unknown key 'musles' (did you mean 'muscles'?); allowed keys: " + KEYS,
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Plank <script>alert(1)</script>"),
        ("description", 'Fine" onload="x'),
    ],
)
def test_plain_text_fields_refuse_markup(field: str, value: str) -> None:
    text = f"---\n{field}: {value!r}\n---\n"
    findings = [
        f.message for f in parse_guide(text, "g.md").findings if f.message.startswith(field)
    ]
    if "<" in value:
        assert findings == [f"{field}: is plain text: '<' is not allowed (write it in words)"]
    else:
        assert findings == []  # quotes are text; the adapter escapes them for attributes


def test_schema_refuses_markup_in_plain_text() -> None:
    pattern = guide_json_schema()["properties"]["title"]["pattern"]
    jsonschema.validate("Leg raise", {"type": "string", "pattern": pattern})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate("Leg <b>raise</b>", {"type": "string", "pattern": pattern})


# The specs on their own, on a model that is not a guide.
@dataclass(frozen=True, slots=True)
class Workout:
    """A workout, to read the specs without the guide model.

    Only for the tests.
    """

    name: str = field(metadata=rule(String(), "Its name."))
    sets: tuple[float, ...] = field(metadata=rule(ListOf(Number(), 2), "Reps of each set."))
    notes: str | None = field(default=None, metadata=rule(String(text=True), "Markdown."))
    on: datetime.date | None = field(default=None, metadata=rule(Date(), "The day."))
    done: bool = field(default=False, metadata=rule(Boolean(), "Finished."))


def _read(yaml_text: str) -> tuple[dict[Any, Any], Any, Expected, list[str]]:
    """Walk ``yaml_text`` as the front-matter of a file: meta, typed, findings, text paths."""
    text = f"---\n{yaml_text}---\n"
    walk = Walk(text, 4, "workout.md")
    walk.open(yaml_text)
    try:
        meta, typed = walk.document(Record(Workout))
    finally:
        walk.close()
    findings = [(f.line, f.column, f.message) for f in sorted(walk.findings)]
    return meta, typed, findings, [t.path for t in walk.texts]


def test_a_record_types_its_model_with_defaults_for_what_is_left_out() -> None:
    meta, typed, findings, texts = _read("name: Legs\nsets: [8, 6.5]\nnotes: Slow [@a].\n")
    assert findings == []
    assert typed == Workout("Legs", (8.0, 6.5), "Slow [@a].", None, False)
    assert meta == {"name": "Legs", "sets": [8, 6.5], "notes": "Slow [@a]."}
    assert texts == ["notes"]  # only the field marked as Markdown text


def test_a_record_reports_every_problem_and_gives_no_model() -> None:
    meta, typed, findings, _ = _read("sets: [8]\non: 2026-13-01\ndone: 1\nnmae: Legs\n")
    assert typed is None
    assert findings == [
        (1, 1, "name: required field is missing; add it: a string"),
        (2, 7, "sets: must list at least 2 items"),
        (3, 5, "on: '2026-13-01' is not a real date (month must be in 1..12)"),
        (4, 7, "done: expected true or false, got a number '1'"),
        (
            5,
            1,
            "unknown key 'nmae' (did you mean 'name'?); allowed keys: name, sets, notes, on, done",
        ),
    ]
    assert meta["nmae"] == "Legs"  # kept in meta, as YAML loads it


def test_a_record_schema_comes_from_its_model() -> None:
    schema = Record(Workout).schema()
    assert schema["description"] == (  # the docstring, without its indentation
        "A workout, to read the specs without the guide model.\n\nOnly for the tests."
    )
    assert schema["required"] == ["name", "sets"]
    assert schema["additionalProperties"] is False
    assert list(schema["properties"]) == ["name", "sets", "notes", "on", "done"]
    assert schema["properties"]["done"] == {
        "description": "Finished.",
        "type": "boolean",
        "default": False,
    }
    assert "default" not in schema["properties"]["notes"]  # None is no JSON default
    assert schema["properties"]["sets"] == {
        "description": "Reps of each set.",
        "type": "array",
        "items": {"type": "number", "exclusiveMinimum": 0},
        "minItems": 2,
    }


@pytest.mark.parametrize(
    ("spec", "schema"),
    [
        (String(), {"type": "string", "pattern": r"^[^<>]*[^<>\s][^<>]*$"}),
        (
            String(text=True, max_length=5),
            {
                "type": "string",
                "pattern": r"\S",
                "maxLength": 5,
                "contentMediaType": "text/markdown",
            },
        ),
        (String(choices=("a", "b")), {"type": "string", "enum": ["a", "b"]}),
        (String(pattern="^x$"), {"type": "string", "pattern": "^x$"}),
        (Date(), {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
        (Number(), {"type": "number", "exclusiveMinimum": 0}),
        (Boolean(), {"type": "boolean"}),
        (ListOf(Boolean()), {"type": "array", "items": {"type": "boolean"}}),
    ],
)
def test_each_spec_writes_its_rule_as_schema(spec: Any, schema: dict[str, Any]) -> None:
    assert spec.schema() == schema


@pytest.mark.parametrize(
    ("spec", "value", "problem"),
    [
        (String(), "Plank", None),
        (String(), " \t", "must not be empty"),
        (String(text=True), "a <b>bold</b> claim", None),  # Markdown may hold markup
        (String(), "a > b", "is plain text: '>' is not allowed (write it in words)"),
        (String(max_length=3), "abcd", "is 4 characters long, at most 3 allowed"),
        (String(choices=("a",)), "b", "'b' is not one of a"),
        # $ is the very end, as in JSON Schema, not "before a final newline" as in Python
        (String(pattern="^x$", hint="{value} is not x"), "x\n", "'x\\n' is not x"),
        (String(pattern="^x$"), "x", None),
    ],
)
def test_string_checks(spec: String, value: str, problem: str | None) -> None:
    assert spec.check(value, value) == (value, problem)


@pytest.mark.parametrize(
    ("raw", "checked"),
    [
        ("2024-02-29", (datetime.date(2024, 2, 29), None)),
        ("2023-02-29", (None, "'2023-02-29' is not a real date (day is out of range for month)")),
        ("2024-2-29", (None, "expected a date in YYYY-MM-DD form, got '2024-2-29'")),
        ("2024-02-29\n", (None, "expected a date in YYYY-MM-DD form, got '2024-02-29\\n'")),
    ],
)
def test_date_checks_the_source_text(raw: str, checked: tuple[Any, str | None]) -> None:
    assert Date().check(raw, raw) == checked


@pytest.mark.parametrize(
    ("value", "raw", "checked"),
    [
        (3, "3", (3.0, None)),
        (0.5, "0.5", (0.5, None)),
        (0, "0", (None, "expected a number greater than 0, got '0'")),
        (float("inf"), ".inf", (None, "expected a number greater than 0, got '.inf'")),
        (
            10**400,
            "1" + "0" * 400,
            (None, "expected a number greater than 0, got '1" + "0" * 56 + "...'"),
        ),
    ],
)
def test_number_is_finite_and_positive(
    value: Any, raw: str, checked: tuple[Any, str | None]
) -> None:
    assert Number().check(value, raw) == checked
