"""Folded words: how names and titles in prose and in the store are compared."""

from __future__ import annotations

import pytest

from evidence_guides.store.folding import (
    fold,
    is_prefix,
    surname_matches,
    title_words,
    without_article,
    words,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith & Jones", ("smith", "and", "jones")),
        ("U.S. Department", ("u", "s", "department")),
        ("Müller", ("muller",)),
        ("Jäger", ("jager",)),
        ("Łódź Ørsted", ("lodz", "orsted")),
    ],
)
def test_words(text: str, expected: tuple[str, ...]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Garber", "garber"),
        ("Jäger", "jager"),
        ("Straße", "strasse"),
        ("Æsir Œuvre", "aesir oeuvre"),
        ("Þór", "thor"),
        ("ﬁtness", "fitness"),  # a ligature is its letters
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_hyphens_and_apostrophes_break_words() -> None:
    assert words("Low- vs. High-Load") == ("low", "vs", "high", "load")
    assert words("D'Ambrosio") == ("d", "ambrosio")


@pytest.mark.parametrize(
    ("tokens", "bare"),
    [
        (("the", "compendium"), ("compendium",)),
        (("an", "update"), ("update",)),
        (("the",), ()),
        (("compendium", "the"), ("compendium", "the")),
        ((), ()),
    ],
)
def test_without_article(tokens: tuple[str, ...], bare: tuple[str, ...]) -> None:
    assert without_article(tokens) == bare


def test_title_words_skip_a_leading_year_number_or_article() -> None:
    assert title_words("2011 Compendium of Physical Activities") == (
        "compendium",
        "of",
        "physical",
        "activities",
    )
    assert title_words("The 10 best exercises") == ("best", "exercises")
    assert title_words("Effects of 2 sets") == ("effects", "of", "2", "sets")


def test_a_prefix_is_at_least_two_words_by_default() -> None:
    full = ("effects", "of", "low", "load")
    assert is_prefix(("effects", "of"), full)
    assert not is_prefix(("effects",), full)
    assert is_prefix(("effects",), full, minimum=1)
    assert not is_prefix(("of", "low"), full)
    assert not is_prefix(("effects", "of", "low", "load", "training"), full)


@pytest.mark.parametrize(
    ("full", "surname", "matches"),
    [
        ("Garber", "Garber", True),
        ("van den Tillaar", "Tillaar", True),
        ("Schoenfeld", "Brad Schoenfeld", True),
        ("D'Ambrosio", "Dambrosio", True),
        ("Hartley-Quinn", "Hartley Quinn", True),
        ("Garber", "Garb", False),
        ("van den Tillaar", "den", False),
        ("Smith", "Jones", False),
        ("", "Smith", False),
        ("Smith", "", False),
    ],
)
def test_surname_matches(full: str, surname: str, matches: bool) -> None:
    assert surname_matches(words(full), words(surname)) is matches
