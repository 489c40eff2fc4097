"""Hidden characters and look-alike letters: what they are, where they are, what is writing."""

from __future__ import annotations

import pytest

from evidence_guides.text.lookalikes import (
    HIDDEN_RE,
    describe,
    hidden_characters,
    latin_twin,
    lookalikes,
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Lift slowly.", []),
        ("Tabs\tand\r\nline ends.", []),  # white space a reader sees is not hidden
        ("Lift\u202e slowly.", [(4, "U+202E RIGHT-TO-LEFT OVERRIDE")]),
        ("a\u200bb\u2060c", [(1, "U+200B ZERO WIDTH SPACE"), (3, "U+2060 WORD JOINER")]),
        ("x\x00y\x7f", [(1, "U+0000 NULL"), (3, "U+007F DELETE")]),
        ("form\x0cfeed\x0bvt", [(4, "U+000C CONTROL CHARACTER"), (9, "U+000B CONTROL CHARACTER")]),
        ("\ufeffA byte-order mark at the start.", []),  # an encoding mark, not hiding
        ("A\ufeffB", [(1, "U+FEFF ZERO WIDTH NO-BREAK SPACE")]),  # anywhere else it hides
        (
            "\u2066\u2069",
            [(0, "U+2066 LEFT-TO-RIGHT ISOLATE"), (1, "U+2069 POP DIRECTIONAL ISOLATE")],
        ),
        # C1 controls: a terminal reads U+009B as ESC [, some tools U+0085 as a line break.
        ("a\x9b2Jb\x85c", [(1, "U+009B CONTROL SEQUENCE INTRODUCER"), (5, "U+0085 NEXT LINE")]),
        ("a\x80b", [(1, "U+0080 CONTROL CHARACTER")]),
        # A line or paragraph separator: a space to a browser, a line break to Python.
        ("a\u2028b\u2029", [(1, "U+2028 LINE SEPARATOR"), (3, "U+2029 PARAGRAPH SEPARATOR")]),
        ("Caf\u00e9 \u00a0 \u00a9", []),  # Latin-1 letters and signs after the C1 block
    ],
)
def test_hidden_characters_are_found_with_their_offset_and_name(
    text: str, found: list[tuple[int, str]]
) -> None:
    assert hidden_characters(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "\U0001f469\u200d\U0001f4bb",  # woman technologist: a joiner inside an emoji
        "\u2764\ufe0f\u200d\U0001f525",  # after a variation selector
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian needs its non-joiner
        "\u0915\u094d\u200c\u0937",  # so does Devanagari
    ],
)
def test_joiners_that_are_part_of_writing_are_not_hidden(text: str) -> None:
    assert hidden_characters(text) == []


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("gar\u200dber", 3),  # a joiner between Latin letters joins nothing
        ("\u200dstart", 0),  # nothing before it
        ("\U0001f469\u200d", 1),  # an emoji on one side only
        ("gar\u200cber", 3),  # a non-joiner between Latin letters
        ("\u0645\u200cb", 1),  # between Persian and Latin: hiding, not writing
        ("cafe\u0301\u200cs", 5),  # after a mark on a Latin letter: still Latin
        ("\u094d\u200c\u0937", 1),  # a mark on no letter
    ],
)
def test_joiners_outside_writing_are_hidden(text: str, at: int) -> None:
    assert [offset for offset, _ in hidden_characters(text)] == [at]


def test_the_quick_scan_matches_what_is_reported() -> None:
    """The audit skips text :data:`HIDDEN_RE` finds nothing in: it must miss nothing."""
    for code in range(0x3000):
        char = chr(code)
        if hidden_characters(f"a{char}a"):
            assert HIDDEN_RE.search(char), f"U+{code:04X}"


@pytest.mark.parametrize(
    ("char", "description"),
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\x1b", "U+001B ESCAPE"),
        ("\x08", "U+0008 BACKSPACE"),
        ("\x07", "U+0007 CONTROL CHARACTER"),  # Unicode names no C0 control
        ("\u0430", "U+0430 CYRILLIC SMALL LETTER A"),
    ],
)
def test_describe_names_a_character_for_a_message(char: str, description: str) -> None:
    assert describe(char) == description


@pytest.mark.parametrize(
    ("word", "twins"),
    [
        ("garber2011", []),
        ("g\u0430rber2011", [("\u0430", "a")]),  # Cyrillic a
        ("\u0410insworth2011", [("\u0410", "A")]),  # Cyrillic capital A
        ("p\u03bfwer", [("\u03bf", "o")]),  # Greek omicron
        ("\u0435scamill\u0430", [("\u0435", "e"), ("\u0430", "a")]),  # every one, in order
        ("M\u00fcller2019", []),  # a Latin letter with an accent is no look-alike
        ("x\u0430\u0434", [("\u0430", "a")]),  # a letter with no Latin twin is left out
        ("\u0434\u043e\u043c", []),  # no Latin letter: a Russian word, not a disguised one
        ("2011", []),
    ],
)
def test_lookalikes_names_each_disguised_letter_and_its_latin_twin(
    word: str, twins: list[tuple[str, str]]
) -> None:
    assert lookalikes(word) == twins


@pytest.mark.parametrize(
    ("word", "latin"),
    [
        ("g\u0430rber2011", "garber2011"),
        ("\u0435scamill\u0430", "escamilla"),
        ("M\u00fcller2019", "M\u00fcller2019"),
        ("plank", "plank"),
    ],
)
def test_latin_twin_is_the_key_the_author_meant(word: str, latin: str) -> None:
    assert latin_twin(word) == latin
