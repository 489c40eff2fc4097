"""Numbered citations ("[1]", "[2, 5]", "strength¹") name no source; reference links, link text
and exponents are no citation."""

from __future__ import annotations

import pytest

from tests.unit.audit.malformed.support import assert_vague, malformed


@pytest.mark.parametrize(
    "text",
    [
        "Squats build strength [1].",
        "Squats build strength.[2]",
        "Squats build strength [2, 5].",
        "Squats build strength [3-6].",
        "Squats build strength [3\u20136, 9].",
        # A definition of another label does not make this one a link.
        "Squats build strength [1].\n\n[2]: https://example.org/",
    ],
)
def test_a_numbered_citation_is_reported(text: str) -> None:
    assert_vague(text, "[", "a numbered citation names no source", "cite each source by its key")


@pytest.mark.parametrize(
    "text",
    [
        # Reference links: defined (case and spaces do not count), or a label after link text.
        "Squats build strength [1].\n\n[1]: https://pubmed.ncbi.nlm.nih.gov/21694556/",
        "Squats build strength [ 1 ].\n\n  [1]: <https://example.org/> 'the trial'",
        "Squats build [strength][1].",
        # Link text, and a citation beside a number.
        "Read [1](https://example.org/) and [2][x].",
        "Squats build strength [@garber2011] in 3 [@a] weeks.",
        # A list's marker at the start of a line.
        "[1] Schoenfeld BJ, Ogborn D. Dose-response relationship.\n  > [2] Another entry.",
        # Numbers that are not citations: zero, intervals, a version, four digits.
        "A value in [0, 1], release [10.1], the year [2019] and [1a].",
        # The page's own numbering: a step, a set, a figure, a station of a circuit.
        "If the knees cave, go back to Step [3] and lighten the bar.",
        "Rest, then start again from station [4]; see fig. [2] for the stance.",
    ],
)
def test_never_a_numbered_citation(text: str) -> None:
    assert malformed(text) == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Squats build strength\u00b9.", "\u00b9"),
        ("Squats build strength.\u00b2,\u00b3", "\u00b2"),
        ("Volume matters\u2074\u207b\u2076 a lot.", "\u2074"),
        ("Squats build strength\u00b9\u2070.", "\u00b9"),
        ("Walk a little every day\u00b3.", "\u00b3"),  # a short word before the period
        ("It barely lifts energy use\u2075, so rest.", "\u2075"),  # and before a comma
        ("Squats build strength<sup>1</sup>.", "<sup>"),
        ("Squats build strength.<SUP class='x'>2, 5</SUP>", "<SUP"),
    ],
)
def test_a_superscript_number_after_a_word_is_a_numbered_citation(text: str, start: str) -> None:
    assert_vague(text, start, "a numbered citation names no source", "cite each source by its key")


@pytest.mark.parametrize(
    "text",
    [
        "The fit was good (R\u00b2 = 0.98).",
        "Area in m\u00b2, BMI in kg/m\u00b2 and x\u00b2 + y\u00b2.",
        "It is 10\u00b3 times larger, in 2019\u00b2 too.",
        "Speed in km/sec\u00b2, sin\u00b2x + cos\u00b2x = 1, a room of 12 ft\u00b2.",
        "The Day\u00b2 edition and ABC\u00b2 are product names.",
        "`strength\u00b9` in code.",
        "Area in m<sup>2</sup>, `strength<sup>1</sup>` in code, <!-- word<sup>1</sup> -->.",
        "Squats build strength<sup>see above</sup>.",
    ],
)
def test_an_exponent_is_no_citation(text: str) -> None:
    assert malformed(text) == []
