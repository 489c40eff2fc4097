"""Guide front-matter: the typed model, findings at file lines, and the JSON Schema."""

from __future__ import annotations

import dataclasses
import datetime
import random
import re
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from mkdocs.utils.meta import YAML_RE

from evidence_guides.findings import Finding, line_and_column
from evidence_guides.guide import frontmatter
from evidence_guides.guide.frontmatter import (
    FaqItem,
    Guide,
    Met,
    Mistake,
    Muscle,
    Variation,
    guide_json_schema,
    may_set_draft,
    parse_guide,
    split_front_matter,
)

PATH = "content/exercises/leg-raise.md"
TEXT = (Path(__file__).parents[2] / "fixtures" / "frontmatter" / "leg-raise.md").read_text(
    encoding="utf-8"
)
# Flow style keeps every field on one line, so a case can replace a whole field.
MINIMAL = """\
---
title: Plank
description: Hold a straight line from head to heels.
level: beginner
muscles: [{name: transversus abdominis, role: primary}]
variations: [{name: Knee plank, level: beginner, how: Knees down.}]
mistakes: [{mistake: Sagging hips., fix: Squeeze the glutes.}]
faq: [{q: 'How long?', a: 'Start with 20 s [@mcgill2010].'}]
last_reviewed: 2026-11-01
---
Body.
"""
Expected = list[tuple[int, int, str]]


@pytest.fixture(autouse=True, params=["libyaml", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every case with libyaml and with pure-Python PyYAML: both must agree."""
    if request.param == "python":
        monkeypatch.setattr(frontmatter, "_LOADER", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML was built without libyaml")


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _found(text: str) -> Expected:
    return [(f.line, f.column, f.message) for f in parse_guide(text, PATH).findings]


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


def test_meta_holds_values_as_yaml_loads_them() -> None:
    parsed = parse_guide(TEXT, PATH)
    assert parsed.meta == yaml.safe_load(parsed.source.meta_text or "")
    assert parsed.meta["last_reviewed"] == datetime.date(2026, 11, 1)


def test_hostile_text_is_just_text() -> None:
    parsed = parse_guide(TEXT, PATH)
    assert parsed.guide is not None
    assert parsed.guide.faq[1].a == "</script><!-- is just text"
    assert parsed.meta["faq"][1]["a"] == "</script><!-- is just text"


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


def test_text_fields_in_document_order() -> None:
    paths = [f.path for f in parse_guide(TEXT, PATH).text_fields]
    assert paths == [
        "muscles[0].note",
        "muscles[2].note",
        "variations[0].how",
        "variations[1].how",
        "mistakes[0].mistake",
        "mistakes[0].fix",
        "faq[0].a",
        "faq[1].a",
        "met.cite",
    ]


@pytest.mark.parametrize(
    ("path", "line", "column", "source_starts"),
    [
        ("muscles[0].note", 9, 11, "Works"),  # plain
        ("muscles[2].note", 14, 11, '"Keeps'),  # double-quoted: starts at the quote
        ("faq[0].a", 32, 8, "'Mostly"),  # single-quoted
        ("variations[1].how", 22, 7, "|"),  # literal block: the content's first line
        ("mistakes[0].fix", 28, 7, ">"),  # folded, after a blank line
        ("met.cite", 37, 9, "Compendium"),
    ],
)
def test_text_field_positions(path: str, line: int, column: int, source_starts: str) -> None:
    (field,) = [f for f in parse_guide(TEXT, PATH).text_fields if f.path == path]
    first_word = field.value.split()[0]
    source = TEXT[field.start : field.end]
    assert source.startswith(source_starts)
    assert first_word in source
    assert (field.line, field.column) == (line, column)
    word_line, word_column = line_and_column(TEXT, TEXT.index(first_word, field.start))
    assert word_line == line
    assert word_column == column + (source_starts[0] in "'\"")


def test_text_fields_collected_even_when_invalid() -> None:
    text = _edit(MINIMAL, "a: 'Start with 20 s [@mcgill2010].'", "a: '  '")
    parsed = parse_guide(text, PATH)
    assert [(f.path, f.value, f.line) for f in parsed.text_fields][-1] == ("faq[0].a", "  ", 8)


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
            (2, 1, "muscles: required field is missing"),
            (6, 1, "unknown key 'musles' (did you mean 'muscles'?)"),
        ],
    ),
    (
        "  - name: iliopsoas",
        "  - nmae: iliopsoas",
        [
            (10, 5, "muscles[1].name: required field is missing"),
            (10, 5, "muscles[1]: unknown key 'nmae' (did you mean 'name'?)"),
        ],
    ),
    ("    role: secondary\n", "", [(10, 5, "muscles[1].role: required field is missing")]),
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
        [(37, 3, "met: duplicate key 'value'")],
    ),
    ("  value: 4\n", "", [(36, 3, "met.value: required field is missing")]),
    (
        "related: [dead-hang, plank]",
        "related: [dead-hang, Plank_2]",
        [
            (
                38,
                22,
                "related[1]: 'Plank_2' is not a guide slug"
                " (lowercase words joined by '-', e.g. 'glute-bridge')",
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
                " (lowercase words joined by '-', e.g. 'glute-bridge')",
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
        [(3, 1, "duplicate key 'title'")],
    ),
    (
        '    a: "</script><!-- is just text"',
        '    a: "line one\\nline two"\n    b: 1',
        [(35, 5, "faq[1]: unknown key 'b'")],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), LEG_RAISE_ERRORS)
def test_leg_raise_errors(old: str, new: str, expected: Expected) -> None:
    parsed = parse_guide(_edit(TEXT, old, new), PATH)
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
        [(5, 11, "muscles[0]: expected a mapping of fields, got a string")],
    ),
    (
        "muscles: [{name: transversus abdominis, role: primary}]",
        "muscles: {name: x}",
        [(5, 10, "muscles: expected a list, got a mapping")],
    ),
    (
        "faq: [{q: 'How long?', a: 'Start with 20 s [@mcgill2010].'}]\n",
        "",
        [(2, 1, "faq: required field is missing")],
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
    (
        "title: Plank",
        "title: !!python/object/apply:os.system ['true']",
        [(2, 8, "title: unsupported YAML tag '!!python/object/apply:os.system'")],
    ),
    (
        "title: Plank",
        "title: !!python/name:os.system ''",
        [(2, 8, "title: unsupported YAML tag '!!python/name:os.system'")],
    ),
    (
        "title: Plank",
        "title: !!binary UGxhbms=",
        [(2, 8, "title: unsupported YAML tag '!!binary'")],
    ),
    ("title: Plank", "title: !local Plank", [(2, 8, "title: unsupported YAML tag '!local'")]),
    ("title: Plank", "title: !!str 2026", []),
    (
        "title: Plank",
        "title: &t Plank\nsubtitle: *t",
        [
            (2, 8, "title: YAML anchors and aliases are not allowed"),
            (3, 1, "unknown key 'subtitle' (did you mean 'title'?)"),
            (3, 11, "subtitle: YAML anchors and aliases are not allowed"),
        ],
    ),
    ("title: Plank", "? [a, b]\n: c\ntitle: Plank", [(2, 3, "keys must be plain strings")]),
    (
        "title: Plank",
        'title: Plank\n"bad\\nkey": !!set {a}',
        [
            (3, 1, "unknown key 'bad\\nkey'"),
            (3, 13, "['bad\\nkey']: unsupported YAML tag '!!set'"),
        ],
    ),
    ("title: Plank", "title: Plank\n<<: {a: 1}", [(3, 1, "unknown key '<<'")]),
    ("title: Plank", "title: Plank\n1: x", [(3, 1, "unknown key '1'")]),
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
        [(6, 14, "variations[0].how: required field is missing")],
    ),
    (
        "variations: [{name: Knee plank, level: beginner, how: Knees down.}]",
        "variations: [{name: Knee plank, level: beginner, how: Knees down., level: advanced}]",
        [(6, 68, "variations[0]: duplicate key 'level'")],
    ),
    (
        "title: Plank",
        "title: *nowhere",
        [(2, 8, "title: YAML anchors and aliases are not allowed")],
    ),
    (
        "last_reviewed: 2026-11-01\n",
        "last_reviewed: 2026-11-01\n--- more\n",
        [(10, 1, "front-matter must be a single YAML document")],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), MINIMAL_ERRORS)
def test_minimal_errors(old: str, new: str, expected: Expected) -> None:
    parsed = parse_guide(_edit(MINIMAL, old, new), PATH)
    assert [(f.line, f.column, f.message) for f in parsed.findings] == expected
    assert (parsed.guide is None) == bool(expected)
    assert all("\n" not in f.message for f in parsed.findings)


def test_missing_field_points_at_the_mapping() -> None:
    text = _edit(MINIMAL, "title: Plank\n", "# The plank guide.\n\n")
    assert _found(text) == [(4, 1, "title: required field is missing")]


def test_errors_are_all_collected() -> None:
    text = _edit(MINIMAL, "level: beginner\n", "level: expert\nmusles: []\n")
    text = _edit(text, "title: Plank", "title: ''")
    assert [m for _, _, m in _found(text)] == [
        "title: must not be empty",
        "level: 'expert' is not one of beginner, intermediate, advanced",
        "unknown key 'musles' (did you mean 'muscles'?)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Plank\n", [(1, 1, "missing front-matter (a guide starts with a '---' YAML block)")]),
        ("", [(1, 1, "missing front-matter (a guide starts with a '---' YAML block)")]),
        ("---\ntitle: Plank\n", [(1, 1, "front-matter is empty or has no closing '---' line")]),
        ("---\n---\n", [(1, 1, "front-matter is empty or has no closing '---' line")]),
        ("---\n\n---\n", [(3, 1, "front-matter is empty")]),
        ("---\n# just a comment\n---\n", [(3, 1, "front-matter is empty")]),
        (
            "---\nPlank\n---\n",
            [(2, 1, "front-matter must be a mapping of fields, got a single value")],
        ),
        ("---\n- Plank\n---\n", [(2, 1, "front-matter must be a mapping of fields, got a list")]),
    ],
)
def test_missing_or_shapeless_front_matter(text: str, expected: Expected) -> None:
    parsed = parse_guide(text, PATH)
    assert [(f.line, f.column, f.message) for f in parsed.findings] == expected
    assert (parsed.guide, parsed.meta, parsed.text_fields) == (None, {}, ())


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("---\ntitle: [Plank\n---\n", 3, 1),
        ("---\ntitle: Plank\n  level: x\n---\n", 3, 8),
        ("---\ntitle: 'Plank\n---\n", 3, 1),
        ("---\ntitle: Plank\n\tlevel: x\n---\n", 3, 1),
        # libyaml reports this offset in UTF-8 bytes; it must come out in characters.
        ("---\ntitle: Übungen für \x07\n---\n", 2, 20),
        ("---\ntitle: Plank \ud800\n---\n", 2, 14),
    ],
)
def test_invalid_yaml_is_one_finding(text: str, line: int, column: int) -> None:
    parsed = parse_guide(text, PATH)
    # The problem's wording differs between libyaml and PyYAML; the place does not.
    ((found_line, found_column, message),) = _found(text)
    assert (found_line, found_column) == (line, column)
    assert message.startswith("front-matter is not valid YAML: ")
    assert "\n" not in message
    assert (parsed.guide, parsed.meta, parsed.text_fields) == (None, {}, ())


def test_mangled_front_matter_never_raises() -> None:
    meta_end = TEXT.index("\n---\n") + 1
    rng = random.Random(2026)
    for _ in range(400):
        at = rng.randrange(4, meta_end)
        text = TEXT[:at] + rng.choice(":[]{}&*!|>'\"\t-?#%@`,\n\\") + TEXT[at + 1 :]
        parsed = parse_guide(text, PATH)
        assert (parsed.guide is None) == bool(parsed.findings)
        assert all("\n" not in f.message and f.line >= 1 for f in parsed.findings)


def test_aliases_are_never_expanded() -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    started = time.perf_counter()
    parsed = parse_guide(_edit(MINIMAL, "title: Plank\n", "title: Plank\n" + laughs), PATH)
    assert time.perf_counter() - started < 1.0
    assert parsed.meta["i"] == [None] * 9
    assert "b[0]: YAML anchors and aliases are not allowed" in [f.message for f in parsed.findings]


@pytest.mark.parametrize(
    "value",
    [
        "[" * 25 + "]" * 25,
        "{a: " * 25 + "}" * 25,
        "\n" + "- " * 50_000 + "x",  # libyaml's composer overflowed the C stack at 40,000
        "\n" + "".join(" " * n + "a:\n" for n in range(1, 26)) + " " * 26 + "x",
    ],
)
def test_deep_nesting_is_refused(value: str) -> None:
    parsed = parse_guide(_edit(MINIMAL, "title: Plank\n", f"title: Plank\ndeep: {value}\n"), PATH)
    assert parsed.guide is None
    assert [f.message for f in parsed.findings] == [
        "unknown key 'deep'",
        "deep" + "[0]" * 20 + ": nested more than 20 levels deep"
        if "[" in value or "-" in value
        else "deep" + ".a" * 20 + ": nested more than 20 levels deep",
    ]


@pytest.mark.parametrize("opening", ["[", "{a: ", "[@key "])
def test_deep_brackets_are_refused_before_parsing(opening: str) -> None:
    # Flow nesting makes YAML scanners quadratic: 100,000 levels took libyaml 46 s.
    value = opening * 100_000
    started = time.perf_counter()
    text = _edit(MINIMAL, "title: Plank\n", f"title: Plank\ndeep: {value}\n")
    assert _found(text) == [
        (3, 7 + 100 * len(opening), "front-matter nests brackets more than 100 deep")
    ]
    assert time.perf_counter() - started < 1.0


def test_balanced_brackets_in_prose_are_fine() -> None:
    answer = " ".join(["[@mcgill2010]"] * 500 + ["[link](https://example.org/{x})"] * 200)
    text = _edit(MINIMAL, "Start with 20 s [@mcgill2010].", answer)
    assert parse_guide(text, PATH).findings == ()


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
        if isinstance(inner, frontmatter.Record):
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
    parsed = parse_guide(TEXT, PATH)
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
    parsed = parse_guide(_edit(TEXT, old, new), PATH)
    assert bool(_schema_errors(parsed.meta)) == bool(parsed.findings)


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


@pytest.mark.parametrize(
    ("text", "may"),
    [
        (MINIMAL, False),
        (MINIMAL.replace("title:", "draft: true\ntitle:"), True),
        (MINIMAL.replace("title:", "# a draft for now\ntitle:"), True),
        (MINIMAL.replace("title: Plank", 'title: "Pl\\x61nk"'), True),  # an escape
        ("No front-matter, draft: true\n", False),
        ("---\n---\n", False),
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
