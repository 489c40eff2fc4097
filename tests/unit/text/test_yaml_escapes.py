"""Hidden characters written as YAML escapes: found where the escape is, as YAML reads it."""

from __future__ import annotations

import pytest
import yaml

from evidence_guides.text.lookalikes import HIDDEN_RE
from evidence_guides.text.yaml_escapes import EscapedHidden, escaped_hidden_characters

# Every escape YAML's double-quoted style has, by what follows the backslash.
NAMED = '0abtnvfre N_LP"/\\'


def _escapes(text: str) -> list[tuple[str, str]]:
    return [(found.escape, found.what) for found in escaped_hidden_characters(text)]


def test_each_escape_is_found_at_its_backslash() -> None:
    text = 'title: "Crunch \\u202e\\e]0;PWNED\\a x"\n'
    assert escaped_hidden_characters(text) == [
        EscapedHidden(15, "\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        EscapedHidden(21, "\\e", "U+001B ESCAPE"),
        EscapedHidden(31, "\\a", "U+0007 CONTROL CHARACTER"),
    ]


@pytest.mark.parametrize("letter", list(NAMED))
def test_a_named_escape_is_reported_exactly_when_yaml_reads_it_as_hidden(letter: str) -> None:
    text = f'k: "a\\{letter}b"\n'
    read = yaml.safe_load(text)["k"][1:-1]
    assert bool(_escapes(text)) == bool(HIDDEN_RE.fullmatch(read)), repr(read)


@pytest.mark.parametrize(
    ("escape", "what"),
    [
        ("\\x00", "U+0000 NULL"),
        ("\\x1b", "U+001B ESCAPE"),
        ("\\x9b", "U+009B CONTROL SEQUENCE INTRODUCER"),
        ("\\N", "U+0085 NEXT LINE"),
        ("\\L", "U+2028 LINE SEPARATOR"),
        ("\\P", "U+2029 PARAGRAPH SEPARATOR"),
        ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\\U0000202D", "U+202D LEFT-TO-RIGHT OVERRIDE"),
        ("\\u200B", "U+200B ZERO WIDTH SPACE"),  # upper-case hexadecimal digits
        ("\\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),  # a value's start is no file's start
    ],
)
def test_code_escapes_name_the_character(escape: str, what: str) -> None:
    assert _escapes(f'k: "{escape}x"\n') == [(escape, what)]


@pytest.mark.parametrize(
    "text",
    [
        "k: plain \\e value\n",  # a plain scalar has no escapes
        "k: 'single \\e quoted'\n",
        "k: |\n  a literal \\e block\n",
        'k: "an escaped backslash \\\\e"\n',  # "\\" then "e"
        'k: "visible \\u00e9 \\x41 \\t tab \\n newline \\" quote"\n',
        'k: "an emoji \\U0001f469\\u200d\\U0001f4bb joins"\n',  # a joiner that is writing
        'k: "\\u202e\n',  # YAML that does not parse: its reader reports it
        "k: no escape at all\n",
    ],
)
def test_what_is_not_a_hidden_escape(text: str) -> None:
    assert escaped_hidden_characters(text) == []


def test_keys_nested_values_and_flow_collections_are_read() -> None:
    text = 'outer:\n  - {"\\x1bkey": [a, "b\\u2067"]}\n'
    found = escaped_hidden_characters(text)
    assert [(text[f.offset : f.offset + len(f.escape)], f.what) for f in found] == [
        ("\\x1b", "U+001B ESCAPE"),
        ("\\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ]


def test_a_joiner_outside_an_emoji_is_found_beside_one_that_joins() -> None:
    text = 'k: "\\U0001f469\\u200d\\U0001f4bb and\\u200dthis"\n'
    (found,) = escaped_hidden_characters(text)
    assert found.offset == text.rindex("\\u200d")


def test_offsets_count_characters_after_other_scripts() -> None:
    text = 'before: "caf\u00e9 \U0001f600"\nk: "\u00e9\\e"\n'
    (found,) = escaped_hidden_characters(text)
    assert text[found.offset : found.offset + 2] == "\\e"


def test_a_character_written_as_itself_is_left_to_the_raw_scan() -> None:
    assert escaped_hidden_characters('k: "raw \u202e and \\e"\n') == [
        EscapedHidden(14, "\\e", "U+001B ESCAPE")
    ]


def test_aliases_are_never_expanded() -> None:
    anchors = "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 40))
    text = 'a0: &a0 ["\\e"]\n' + anchors
    assert len(escaped_hidden_characters(text)) == 1
