"""A guide's reading time: its words at 200 a minute, at least one minute."""

from __future__ import annotations

import pytest

from evidence_guides.guide.reading_time import reading_minutes


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 1), (50, 1), (299, 1), (301, 2), (1000, 5), (1290, 6)]
)
def test_minutes_from_words(words: int, minutes: int) -> None:
    assert reading_minutes(["word " * words]) == minutes


def test_every_text_counts() -> None:
    assert reading_minutes(["word " * 500, "word\n" * 500]) == 5
