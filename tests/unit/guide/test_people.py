"""The people file: people defined once, each mistake a finding at its line, read once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evidence_guides.guide.people import Person, load_people, parse_people

PEOPLE = """\
people:
  - id: editorial-team
    name: Test editorial team
    kind: organization
  - id: jane-doe
    name: Jane Doe
    credentials: PhD, CSCS
    role: Exercise physiologist
    affiliation: Example University
    url: https://example.org/jane
"""


def _messages(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in parse_people(text, "people.yml").findings]


def test_people_are_read_by_id() -> None:
    people = parse_people(PEOPLE, "people.yml")
    assert people.findings == ()
    assert list(people.by_id) == ["editorial-team", "jane-doe"]
    jane = people.get("jane-doe")
    assert jane == Person(
        "jane-doe",
        "Jane Doe",
        "person",
        "PhD, CSCS",
        "Exercise physiologist",
        "Example University",
        "https://example.org/jane",
    )
    assert jane.caption() == "Jane Doe, PhD, CSCS, Exercise physiologist, Example University"
    team = people.get("editorial-team")
    assert team is not None and team.is_organization and team.caption() == "Test editorial team"
    assert people.get("nobody") is None and people.get(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "people:\n  - id: a\n",
            [(2, "people[0].name: required field is missing; add it: a string")],
        ),
        (
            "people:\n  - id: a\n    name: A\n    emial: a@b.c\n",
            [
                (
                    4,
                    "people[0]: unknown key 'emial';"
                    " allowed keys: id, name, kind, credentials, role, affiliation, url",
                )
            ],
        ),
        (
            "people:\n  - id: Jane Doe\n    name: J\n",
            [(2, "people[0].id: 'Jane Doe' is not a person id (lowercase words joined by '-',"
                 " e.g. 'jane-doe')")],
        ),
        (
            "people:\n  - {id: a, name: A, url: 'javascript:alert(1)'}\n",
            [(2, "people[0].url: 'javascript:alert(1)' is not an http or https address")],
        ),
        (
            "people:\n  - {id: a, name: A, kind: team}\n",
            [(2, "people[0].kind: 'team' is not one of person, organization")],
        ),
        (
            "people:\n  - {id: a, name: A}\n  - {id: a, name: B}\n",
            [(3, "people[1].id: 'a' is defined twice (ids are unique)")],
        ),
        ("- {id: a, name: A}\n",
         [(1, "the people file must be a mapping: 'people:', then a list")]),
        ("staff: []\n", [(1, "unknown key 'staff' (expected 'people')")]),
        ("people: [\n", [(2, "not valid YAML: did not find expected node content")]),
        ("people: [{id: a, name: '<b>A</b>'}]\n", [(1, "people[0].name: is plain text: '<' is"
                                                       " not allowed (write it in words)")]),
    ],
)  # fmt: skip
def test_each_mistake_is_a_finding_at_its_line(text: str, expected: list[tuple[int, str]]) -> None:
    assert _messages(text) == expected
    assert all(f.rule == "frontmatter-invalid" for f in parse_people(text, "p.yml").findings)


def test_one_mistake_keeps_everyone_else() -> None:
    people = parse_people(PEOPLE + "  - id: broken\n", "people.yml")
    assert list(people.by_id) == ["editorial-team", "jane-doe"]
    assert len(people.findings) == 1


def test_an_empty_file_defines_no_one() -> None:
    assert parse_people("", "p.yml").by_id == {}
    assert parse_people("# nobody yet\n", "p.yml").findings == ()


def test_no_file_defines_no_one(tmp_path: Path) -> None:
    people = load_people(tmp_path / "people.yml", "people.yml")
    assert (people.exists, dict(people.by_id), people.findings) == (False, {}, ())


def test_the_file_is_read_again_only_when_it_changes(tmp_path: Path) -> None:
    file = tmp_path / "people.yml"
    file.write_text(PEOPLE)
    first = load_people(file, "people.yml")
    assert load_people(file, "people.yml") is first
    file.write_text(PEOPLE.replace("Jane Doe", "Jane Roe"))
    os.utime(file, ns=(1, 1))  # a new modification time, whatever the clock's resolution
    second = load_people(file, "people.yml")
    assert second is not first and second.by_id["jane-doe"].name == "Jane Roe"


def test_an_unreadable_file_is_one_finding(tmp_path: Path) -> None:
    file = tmp_path / "people.yml"
    file.write_bytes(b"people:\n  - {id: a, name: \xff}\n")
    people = load_people(file, "people.yml")
    assert [(f.line, f.rule) for f in people.findings] == [(2, "frontmatter-invalid")]


def test_what_a_byline_shows_carries_no_control_or_override() -> None:
    text = 'people:\n  - id: team\n    name: "Team \\u202e\\e]0;x\\a"\n    role: "Coach\u2066"\n'
    person = parse_people(text, "people.yml").by_id["team"]
    assert (person.name, person.role) == ("Team \ufffd\ufffd]0;x\ufffd", "Coach\ufffd")


# --- a key written twice, and the people a mistake leaves out ---------------------------------

DUPLICATE_NAME = """\
people:
  - id: editorial-team
    name: Evidence Guides editorial team
    name: Again
    kind: organization
"""


def test_a_key_written_twice_is_named_at_its_line_and_column_with_the_fix() -> None:
    (finding,) = parse_people(DUPLICATE_NAME, "content/people.yml").findings
    assert finding.format() == (
        "content/people.yml:4:5: frontmatter-invalid: people[0]: duplicate key 'name'"
        " (first on line 3): YAML keeps only the last value; delete one of them"
    )


def test_someone_a_mistake_leaves_out_is_not_undefined() -> None:
    people = parse_people(DUPLICATE_NAME + "  - {id: jane-doe, name: Jane Doe}\n", "p.yml")
    assert people.get("editorial-team") is None and people.left_out("editorial-team")
    assert people.get("jane-doe") is not None
    assert people.complete and not people.left_out("jane-do")  # a typo is still a typo


def test_people_written_twice_is_named_and_no_id_is_said_to_be_undefined() -> None:
    text = "people:\n  - {id: a, name: A}\npeople:\n  - {id: b, name: B}\n"
    people = parse_people(text, "p.yml")
    assert _messages(text) == [
        (3, "duplicate key 'people' (first on line 1): YAML keeps only the last value;"
            " delete one of them")
    ]  # fmt: skip
    assert list(people.by_id) == ["a"] and not people.complete
    assert people.left_out("b") and people.left_out("anyone")


@pytest.mark.parametrize(
    "text",
    [
        "people: [\n",  # not YAML
        "staff:\n  - {id: a, name: A}\n",  # another key may hold them
        "people: {id: a, name: A}\n",  # not a list
        "- {id: a, name: A}\n",
    ],
)
def test_a_file_that_is_not_one_list_of_people_leaves_everyone_out(text: str) -> None:
    people = parse_people(text, "p.yml")
    assert people.findings and people.left_out("a")


def test_without_a_file_no_one_is_left_out(tmp_path: Path) -> None:
    assert not load_people(tmp_path / "people.yml", "people.yml").left_out("a")
