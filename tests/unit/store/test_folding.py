"""Folded words: how names and titles in prose and in the store are compared."""

from __future__ import annotations

import pytest

from evidence_guides.store.folding import words


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
