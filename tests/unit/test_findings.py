"""Findings: one line an editor can jump to, safe on a terminal, in a stable order."""

from __future__ import annotations

import dataclasses
import random

import pytest

from evidence_guides.findings import Finding, Suggestion, in_order, line_and_column


def test_format_is_the_line_editors_jump_to() -> None:
    finding = Finding("content/plank.md", 12, 5, "vague-reference", "warning", "cite it")
    assert finding.format() == "content/plank.md:12:5: vague-reference: cite it"


def test_format_ends_with_the_suggestion() -> None:
    finding = Finding(
        "content/plank.md", 3, 1, "unresolved-citation", "error", "no entry 'mcgil2010'",
        Suggestion("did you mean [@mcgill2010]?", key="mcgill2010"),
    )  # fmt: skip
    assert finding.format() == (
        "content/plank.md:3:1: unresolved-citation: no entry 'mcgil2010'"
        " (did you mean [@mcgill2010]?)"
    )


def test_format_is_one_line_with_no_control_from_the_files() -> None:
    """Path, message and suggestion come from files: they must not drive the terminal."""
    finding = Finding(
        "content/\x1b]0;pwned\x07.md", 1, 1, "mojibake", "warning", "line one\nline two\u2028",
        Suggestion("fix \u202ethis"),
    )  # fmt: skip
    shown = finding.format()
    assert shown == (
        "content/\\x1b]0;pwned\\x07.md:1:1: mojibake: line one\\x0aline two\\u2028"
        " (fix \\u202ethis)"
    )
    assert shown.isprintable()


def test_findings_sort_by_place_with_numbers_as_numbers() -> None:
    def at(path: str, line: int, column: int) -> Finding:
        return Finding(path, line, column, "placeholder", "warning", "TODO")

    found = [at("b.md", 1, 1), at("a.md", 10, 1), at("a.md", 9, 30), at("a.md", 9, 4)]
    assert sorted(found) == [
        at("a.md", 9, 4),
        at("a.md", 9, 30),
        at("a.md", 10, 1),
        at("b.md", 1, 1),
    ]


def test_a_finding_is_a_value() -> None:
    """Findings cross processes and caches: equal when equal, hashable, never changed."""
    one = Finding("a.md", 1, 1, "placeholder", "warning", "TODO", Suggestion("write it"))
    same = Finding("a.md", 1, 1, "placeholder", "warning", "TODO", Suggestion("write it"))
    assert one == same
    assert len({one, same}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.line = 2  # type: ignore[misc]
    assert one != dataclasses.replace(one, severity="error")


@pytest.mark.parametrize(
    ("text", "offset", "place"),
    [
        ("", 0, (1, 1)),
        ("abc", 0, (1, 1)),
        ("abc", 2, (1, 3)),
        ("ab\ncd", 2, (1, 3)),  # the newline itself ends line 1
        ("ab\ncd", 3, (2, 1)),
        ("ab\ncd", 5, (2, 3)),  # the end of the text
        ("\n\n\nx", 3, (4, 1)),
        ("a\r\nb", 3, (2, 1)),  # only \n starts a line, as MkDocs and editors count them
        ("Übung\nß", 7, (2, 2)),  # characters, not bytes
    ],
)
def test_line_and_column(text: str, offset: int, place: tuple[int, int]) -> None:
    assert line_and_column(text, offset) == place


def test_line_and_column_lands_on_the_character() -> None:
    """Going to the line and column an editor is given finds the character at the offset."""
    generate = random.Random(5)
    text = "".join(generate.choices("ab \n\t\u00e9", k=2000))
    lines = text.split("\n")
    for offset in range(len(text)):
        line, column = line_and_column(text, offset)
        assert (lines[line - 1] + "\n")[column - 1] == text[offset]


def test_findings_at_one_place_that_differ_only_in_their_suggestion_can_be_ordered() -> None:
    with_fix = Finding("a.md", 2, 1, "vague-citation", "error", "vague", Suggestion("[@a]", "a"))
    without = Finding("a.md", 2, 1, "vague-citation", "error", "vague")
    first = Finding("a.md", 1, 9, "vague-citation", "error", "vague")
    assert in_order([with_fix, without, first])[0] is first
    assert set(in_order([with_fix, without, first])) == {with_fix, without, first}
