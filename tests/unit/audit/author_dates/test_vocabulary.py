"""The words of a run of names: which are names, which end a sentence, how a list splits."""

from __future__ import annotations

import pytest

from evidence_guides.audit.author_dates.vocabulary import (
    ends_sentence,
    is_compound_name,
    is_name_word,
    is_person,
    is_surname,
    units,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Müller", True), ("O'Brien", True), ("Baz-Valle", True), ("ACSM", True), ("U.S.", True),
     ("smith", False), ("The", False), ("Dr.", False), ("COVID-19", False), ("", False)],
)  # fmt: skip
def test_is_name_word(word: str, expected: bool) -> None:
    assert is_name_word(word) is expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [("found.", True), ("!", True), ("?", True), ("\n\n", True), ("al.", False),
     ("e.g.", False), ("U.S.", False), ("J.", False), (".", False), ("Smith", False)],
)  # fmt: skip
def test_ends_sentence(token: str, expected: bool) -> None:
    assert ends_sentence(token) is expected


def test_units_are_the_parts_between_and_ampersands_and_commas() -> None:
    assert units(["Lee", ",", "Smith", "and", "van", "den", "Tillaar"]) == [
        ["Lee"],
        ["Smith"],
        ["van", "den", "Tillaar"],
    ]
    assert units(["and", "&", ","]) == []


@pytest.mark.parametrize(
    ("unit", "person", "compound"),
    [
        (["Smith"], True, False),
        (["van", "den", "Tillaar"], True, False),
        (["Hartley", "Quinn"], False, True),
        (["Brad", "Smith"], False, True),
        (["World", "Health", "Organization"], False, False),  # an organisation's words
        (["A", "B", "C", "D"], False, False),  # too many for a name
        (["smith"], False, False),
    ],
)
def test_a_person_or_a_compound_surname(unit: list[str], person: bool, compound: bool) -> None:
    assert is_person(unit) is person
    assert is_compound_name(unit) is compound
    assert is_surname(unit) is (person or compound)
