"""The YAML walk: values loaded safely, findings and text fields at their file positions."""

from __future__ import annotations

import datetime
import itertools
import string

import pytest
import yaml

from evidence_guides.findings import line_and_column
from evidence_guides.guide.frontmatter.model import parse_guide
from evidence_guides.guide.frontmatter.walker import (
    MAX_BRACKETS,
    child,
    deep_bracket,
    prefix,
    quote,
)
from tests.support.scaling import assert_linear
from tests.unit.guide.frontmatter.samples import MINIMAL, PATH, TEXT, Expected, edit, found

pytestmark = pytest.mark.usefixtures("loader")

KEYS = (
    "title, description, level, muscles, variations, mistakes, faq, last_reviewed,"
    " author, reviewed_by, equipment, met, related, draft, safety, image"
)


def test_meta_holds_values_as_yaml_loads_them() -> None:
    parsed = parse_guide(TEXT, PATH)
    assert parsed.meta == yaml.safe_load(parsed.source.meta_text or "")
    assert parsed.meta["last_reviewed"] == datetime.date(2026, 11, 1)


def test_strings_carry_no_control_or_override_whatever_the_field() -> None:
    text = edit(MINIMAL, "title: Plank\n", 'title: "Plank \\u202e\\e]0;x\\a"\n"\\x1bk": ["\\L"]\n')
    text = edit(text, "how: Knees down.", 'how: "Knees\\u2066 down."')
    parsed = parse_guide(text, PATH)
    assert parsed.meta["title"] == "Plank \ufffd\ufffd]0;x\ufffd"
    assert parsed.meta["\ufffdk"] == ["\ufffd"]  # an unknown key, its value kept for meta
    assert parsed.meta["variations"][0]["how"] == "Knees\ufffd down."
    assert [f.value for f in parsed.text_fields if f.path == "variations[0].how"] == [
        "Knees\ufffd down."
    ]


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
    text = edit(MINIMAL, "a: 'Start with 20 s [@mcgill2010].'", "a: '  '")
    parsed = parse_guide(text, PATH)
    assert [(f.path, f.value, f.line) for f in parsed.text_fields][-1] == ("faq[0].a", "  ", 8)


# What YAML itself may write in a guide: plain data only, one document, no anchors.
YAML_ERRORS = [
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
            (3, 1, "unknown key 'subtitle' (did you mean 'title'?); allowed keys: " + KEYS),
            (3, 11, "subtitle: YAML anchors and aliases are not allowed"),
        ],
    ),
    ("title: Plank", "? [a, b]\n: c\ntitle: Plank", [(2, 3, "keys must be plain strings")]),
    (
        "title: Plank",
        'title: Plank\n"bad\\nkey": !!set {a}',
        [
            (3, 1, "unknown key 'bad\\nkey'; allowed keys: " + KEYS),
            (3, 13, "['bad\\nkey']: unsupported YAML tag '!!set'"),
        ],
    ),
    (
        "title: Plank",
        "title: Plank\n<<: {a: 1}",
        [(3, 1, "unknown key '<<'; allowed keys: " + KEYS)],
    ),
    ("title: Plank", "title: Plank\n1: x", [(3, 1, "unknown key '1'; allowed keys: " + KEYS)]),
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


@pytest.mark.parametrize(("old", "new", "expected"), YAML_ERRORS)
def test_yaml_errors(old: str, new: str, expected: Expected) -> None:
    parsed = parse_guide(edit(MINIMAL, old, new), PATH)
    assert [(f.line, f.column, f.message) for f in parsed.findings] == expected
    assert (parsed.guide is None) == bool(expected)
    assert all("\n" not in f.message for f in parsed.findings)


def test_a_refused_key_is_left_out_of_meta_and_its_neighbours_are_kept() -> None:
    parsed = parse_guide(edit(MINIMAL, "title: Plank", "? [a, b]\n: c\ntitle: Plank"), PATH)
    assert parsed.meta["title"] == "Plank"
    assert [key for key in parsed.meta if not isinstance(key, str)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\n\n---\n", [(3, 1, "front-matter is empty")]),
        ("---\n# just a comment\n---\n", [(3, 1, "front-matter is empty")]),
        (
            "---\nPlank\n---\n",
            [(2, 1, "front-matter must be a mapping of fields, got a single value")],
        ),
        ("---\n- Plank\n---\n", [(2, 1, "front-matter must be a mapping of fields, got a list")]),
    ],
)
def test_empty_or_shapeless_front_matter(text: str, expected: Expected) -> None:
    parsed = parse_guide(text, PATH)
    assert [(f.line, f.column, f.message) for f in parsed.findings] == expected
    assert (parsed.guide, parsed.meta, parsed.text_fields) == (None, {}, ())


@pytest.mark.parametrize(
    ("text", "line", "column", "fix"),
    [
        ("---\ntitle: [Plank\nlevel: x\n---\n", 2, 8, "close this '[' with ']'"),
        ("---\ntitle: Plank\n  level: x\n---\n", 3, 3, "check the indentation"),
        ("---\ntitle: Plank\n\tlevel: x\n---\n", 3, 1, "indent with spaces"),
        # libyaml reports this offset in UTF-8 bytes; it must come out in characters.
        ("---\ntitle: Übungen für \x07\n---\n", 2, 20, None),
        ("---\ntitle: Plank \ud800\n---\n", 2, 14, None),
    ],
)
def test_invalid_yaml_is_one_finding(text: str, line: int, column: int, fix: str | None) -> None:
    parsed = parse_guide(text, PATH)
    # The problem's wording differs between libyaml and PyYAML; the place and the fix do not.
    ((found_line, found_column, message),) = found(text)
    assert (found_line, found_column) == (line, column)
    assert message.startswith("front-matter is not valid YAML: ")
    assert fix is None or message.endswith(f"; {fix}") or f"; {fix}" in message
    assert "\n" not in message
    assert (parsed.guide, parsed.meta, parsed.text_fields) == (None, {}, ())


def billion_laughs(levels: int) -> str:
    """A guide whose keys a, b, c... each hold nine aliases of the one before: 9^levels x's."""
    names = string.ascii_lowercase[:levels]
    laughs = f"{names[0]}: &{names[0]} [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in itertools.pairwise(names)
    )
    return edit(MINIMAL, "title: Plank\n", "title: Plank\n" + laughs)


def test_aliases_are_never_expanded() -> None:
    parsed = parse_guide(billion_laughs(9), PATH)
    assert parsed.meta["i"] == [None] * 9
    assert "b[0]: YAML anchors and aliases are not allowed" in [f.message for f in parsed.findings]
    # Expanded, 8 levels would cost 9^6 times what 2 do (43 million x's), not 4 times.
    assert_linear(lambda text: parse_guide(text, PATH), billion_laughs, 2)


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
    parsed = parse_guide(edit(MINIMAL, "title: Plank\n", f"title: Plank\ndeep: {value}\n"), PATH)
    assert parsed.guide is None
    assert [f.message for f in parsed.findings] == [
        "unknown key 'deep'; allowed keys: " + KEYS,
        "deep" + "[0]" * 20 + ": nested more than 20 levels deep"
        if "[" in value or "-" in value
        else "deep" + ".a" * 20 + ": nested more than 20 levels deep",
    ]


@pytest.mark.parametrize("opening", ["[", "{a: ", "[@key "])
def test_deep_brackets_are_refused_before_parsing(opening: str) -> None:
    def deep(levels: int) -> str:
        return edit(MINIMAL, "title: Plank\n", f"title: Plank\ndeep: {opening * levels}\n")

    assert found(deep(100_000)) == [
        (3, 7 + 100 * len(opening), "front-matter nests brackets more than 100 deep")
    ]
    # Flow nesting makes YAML scanners quadratic: 100,000 levels took libyaml 46 s.
    assert_linear(found, deep, 25_000)


def test_balanced_brackets_in_prose_are_fine() -> None:
    answer = " ".join(["[@mcgill2010]"] * 500 + ["[link](https://example.org/{x})"] * 200)
    text = edit(MINIMAL, "Start with 20 s [@mcgill2010].", answer)
    assert parse_guide(text, PATH).findings == ()


@pytest.mark.parametrize(
    ("meta_text", "expected"),
    [
        ("", None),
        ("[" * MAX_BRACKETS + "]" * MAX_BRACKETS, None),  # exactly the limit is fine
        ("[" * (MAX_BRACKETS + 1), MAX_BRACKETS),  # the first bracket past it
        ("x: " + "{" * 60 + "[" * 41, 3 + MAX_BRACKETS),  # both kinds count together
        ("]" * 500 + "[" * MAX_BRACKETS, None),  # stray closers do not make room
        ("[]" * 1000, None),  # many, but never deep
    ],
)
def test_deep_bracket_finds_the_first_bracket_past_the_limit(
    meta_text: str, expected: int | None
) -> None:
    assert deep_bracket(meta_text) == expected


@pytest.mark.parametrize(
    ("path", "name", "expected"),
    [
        ("", "title", "title"),
        ("faq[0]", "a", "faq[0].a"),
        ("met", "cite", "met.cite"),
        ("", "bad\nkey", "['bad\\nkey']"),  # a key a reader cannot see is quoted
        ("met", "two words", "met['two words']"),
        ("", "1", "['1']"),
    ],
)
def test_child_paths_name_a_key_as_a_reader_can_find_it(
    path: str, name: str, expected: str
) -> None:
    assert child(path, name) == expected


def test_quote_keeps_a_message_on_one_short_line() -> None:
    assert quote("plank") == "'plank'"
    assert quote("a\nb\x1b[31m") == "'a\\nb\\x1b[31m'"
    long = quote("x" * 500)
    assert long == "'" + "x" * 57 + "...'"
    assert quote("x" * 60) == "'" + "x" * 60 + "'"


def test_prefix_is_empty_at_the_root() -> None:
    assert (prefix(""), prefix("faq[0].a")) == ("", "faq[0].a: ")
