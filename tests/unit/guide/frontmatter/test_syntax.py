"""YAML syntax errors: each named with its likely fix, and the rest of the file still read."""

from __future__ import annotations

import pytest

from evidence_guides.guide.frontmatter.model import parse_guide
from evidence_guides.guide.frontmatter.syntax import declares_draft
from tests.unit.guide.frontmatter.samples import MINIMAL, PATH, edit, found

pytestmark = pytest.mark.usefixtures("loader")

DRAFT = edit(MINIMAL, "last_reviewed: 2026-11-01\n", "last_reviewed: 2026-11-01\ndraft: true\n")
PREFIX = "front-matter is not valid YAML: "

# (old line of DRAFT, new text, line, column of the finding, the fix it names)
SLIPS = [
    (
        "title: Plank",
        "title: Plank: the basics",
        2,
        8,
        """quote the value: it contains ': ' (write title: "Plank: the basics")""",
    ),
    (
        "title: Plank",
        "title: Plank: the basics  # a comment: kept",
        2,
        8,
        """quote the value: it contains ': ' (write title: "Plank: the basics")""",
    ),
    (
        "faq: [{q: 'How long?', a: 'Start with 20 s [@mcgill2010].'}]",
        "faq:\n  - q: How long? Long: yes\n    a: Start with 20 s [@mcgill2010].",
        9,
        8,
        """quote the value: it contains ': ' (write q: "How long? Long: yes")""",
    ),
    (
        "level: beginner\n",
        "level: beginner\nmet:\n  value: 3\n  cite: [@ainsworth2011] says so\n",
        7,
        9,
        """quote the value: '[' starts a list (write cite: "[@ainsworth2011] says so")""",
    ),
    (
        "level: beginner\n",
        "level: beginner\nmet: {value: 3, cite: [@ainsworth2011]}\n",
        5,
        23,
        """quote the citation: '[' starts a list (write "[@ainsworth2011]")""",
    ),
    (
        "title: Plank",
        "title: `Plank`",
        2,
        8,
        """quote the value: '`' cannot start a plain YAML value (write title: "`Plank`")""",
    ),
    (
        "title: Plank",
        "title: *really* a plank",
        2,
        8,
        """quote the value: '*' starts a YAML alias (write title: "*really* a plank")""",
    ),
    (
        "title: Plank",
        "title: {Side} plank",
        2,
        8,
        """quote the value: '{' starts a mapping (write title: "{Side} plank")""",
    ),
    (
        "title: Plank",
        "title: 'Don't plank'",
        2,
        8,
        """the value holds the quote that ends it: quote it with " instead"""
        """ (write title: "Don't plank")""",
    ),
    (
        "title: Plank",
        'title: "Say "hold" now"',
        2,
        8,
        "the value holds the quote that ends it: quote it with ' instead"
        """ (write title: 'Say "hold" now')""",
    ),
    ("title: Plank", "title: 'Plank", 2, 8, "close the quote: the closing ' is missing"),
    ("level: beginner\n", "level:beginner\n", 4, 1, "put a space after 'level:'"),
]


@pytest.mark.parametrize(("old", "new", "line", "column", "fix"), SLIPS)
def test_a_slip_is_named_with_its_fix_and_the_file_read_on(
    old: str, new: str, line: int, column: int, fix: str
) -> None:
    parsed = parse_guide(edit(DRAFT, old, new), PATH)
    first = parsed.findings[0]
    assert (first.line, first.column) == (line, column)
    assert first.message.startswith(PREFIX)
    assert first.message.endswith(f"; {fix}")
    assert parsed.guide is None
    assert parsed.meta["draft"] is True  # read on past the slip: a draft stays a draft
    assert parsed.meta["last_reviewed"].isoformat() == "2026-11-01"


def test_the_fix_is_the_fix() -> None:
    """Writing what a fix says makes the front-matter valid: the advice itself is tested."""
    for old, new, _, _, fix in SLIPS:
        if "(write " not in fix:
            continue
        written = fix.rsplit("(write ", 1)[1][:-1]
        lines = new.splitlines()
        if written.startswith('"'):  # a citation inside a flow mapping, quoted where it is
            lines = [line.replace(written[1:-1], written) for line in lines]
        else:
            key = written.split(": ", 1)[0]
            lines = [
                line[: line.index(f"{key}: ")] + written if f"{key}: " in line else line
                for line in lines
            ]
        parsed = parse_guide(edit(DRAFT, old, "\n".join(lines) + "\n" * new.endswith("\n")), PATH)
        assert not [f for f in parsed.findings if f.message.startswith(PREFIX)], written


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "fix"),
    [
        ("title: Plank", "title Plank", 2, 1, "this line has no ':' after its key"),
        ("level: beginner\n", "  level: beginner\n", 4, 3, "check the indentation"),
        ("level: beginner\n", "\tlevel: beginner\n", 4, 1, "indent with spaces"),
        ("title: Plank", "title: Plank\nrelated: [a, b", 3, 10, "close this '[' with ']'"),
    ],
)
def test_a_slip_that_cannot_be_read_past_keeps_the_draft(
    old: str, new: str, line: int, column: int, fix: str
) -> None:
    parsed = parse_guide(edit(DRAFT, old, new), PATH)
    ((found_line, found_column, message),) = found(edit(DRAFT, old, new))
    assert (found_line, found_column) == (line, column)
    assert message.startswith(PREFIX) and fix in message
    assert parsed.meta == {"draft": True}  # conservatively: never published by mistake


def test_every_problem_of_a_file_in_one_run() -> None:
    text = edit(DRAFT, "title: Plank", "title: Plank: the basics")
    text = edit(text, "level: beginner\n", "level: easy\nwriter: me\n")
    messages = [m for _, _, m in found(text)]
    assert messages[0].startswith(PREFIX)
    assert messages[1] == "level: 'easy' is not one of beginner, intermediate, advanced"
    assert messages[2].startswith("unknown key 'writer'; allowed keys: title, description")


def test_text_fields_read_past_a_slip_keep_their_places_in_the_file() -> None:
    text = edit(DRAFT, "title: Plank", "title: Plank: the basics")
    parsed = parse_guide(text, PATH)
    valid = parse_guide(DRAFT, PATH)
    shift = len("Plank: the basics") - len("Plank")
    assert [(f.path, f.line, f.column) for f in parsed.text_fields] == [
        (f.path, f.line, f.column) for f in valid.text_fields
    ]
    for field in parsed.text_fields:
        assert text[field.start : field.end].strip("'\"").startswith(field.value[:5])
        (twin,) = [f for f in valid.text_fields if f.path == field.path]
        assert field.start == twin.start + shift


def test_a_fix_that_does_not_help_ends_the_reading() -> None:
    lines = "".join(f"k{n}: a: b\n" for n in range(40))
    parsed = parse_guide(f"---\n{lines}draft: true\n---\n", PATH)
    syntax = [f for f in parsed.findings if f.message.startswith(PREFIX)]
    assert 1 <= len(syntax) <= 20  # at most MAX_REPAIRS, then the next run says more
    assert parsed.meta.get("draft") is True


@pytest.mark.parametrize(
    ("yaml_text", "draft"),
    [
        ("title: x\ndraft: true\n", True),
        ("draft: yes  # not finished\n", True),
        ("draft: maybe\n", True),  # anything but false: conservatively a draft
        ("draft: false\n", False),
        ("draft: No\n", False),
        ("title: x\n", False),
        ("  draft: true\n", False),  # not a top-level key
    ],
)
def test_a_draft_is_found_in_yaml_that_does_not_parse(yaml_text: str, draft: bool) -> None:
    assert declares_draft(yaml_text) is draft
