"""Text from files, made safe for a terminal."""

from __future__ import annotations

import pytest

from evidence_guides.terminal import escape_controls, first_control


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, accents é and 日本", "plain text, accents é and 日本"),
        ("red \x1b[31mtext\x1b[0m", "red \\x1b[31mtext\\x1b[0m"),
        ("title \x1b]0;pwned\x07", "title \\x1b]0;pwned\\x07"),
        ("a\tb\nc\rd", "a\\x09b\\x0ac\\x0dd"),
        ("c1 \x9b2J del \x7f", "c1 \\x9b2J del \\x7f"),
        ("bidi \u202eevil\u2066", "bidi \\u202eevil\\u2066"),
        ("line\u2028separator", "line\\u2028separator"),
        ("surrogate \udcff", "surrogate \\udcff"),
    ],
)
def test_escape_controls(text: str, shown: str) -> None:
    assert escape_controls(text) == shown


def test_some_characters_can_be_kept_for_the_caller() -> None:
    assert escape_controls("a\tb\x1b\n", keep="\t\n") == "a\tb\\x1b\n"


def test_first_control() -> None:
    assert first_control("Side plank") is None
    assert first_control("Side\x1b[31m \u202eplank") == "\x1b"
