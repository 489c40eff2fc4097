"""An author-year without its parentheses: a citation only in a citation's whole shape."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, findings, vague


@pytest.mark.parametrize(
    ("text", "starts_at"),
    [
        # a cue before the names: a label, or a word that points at a source
        ("Further reading: Okafor & Brandt, 2020.", "Okafor"),
        ("Sources: Okafor and Brandt, 2020.", "Okafor"),
        ("**Reference:** Okafor, 2020.", "Okafor"),
        ("Go slower on the way down. See also Okafor, 2020.", "Okafor"),
        ("Go slower on the way down; cf. Okafor, 2020, p. 14.", "Okafor"),
        ("The cue is old, as cited in Okafor, 2020.", "Okafor"),
        # a list a citation writes: joined by "&", at the clause's end
        ("Tempo matters too, Okafor & Brandt, 2020; keep it slow.", "Okafor"),
        ("- Okafor & Brandt, 2020", "Okafor"),
        # authors the store knows, with no cue
        ("The dose is moderate, Garber and Blissmer, 2011.", "Garber"),
        # a cue, then the year with no comma; a dash after the label
        ("Further reading \u2013 Okafor 2020.", "Okafor"),
        ("Hold the bar close; see Okafor 2020.", "Okafor"),
        # "et al." or "and colleagues" write a citation whatever label stands before
        ("Worth a look: Okafor and colleagues, 2020.", "Okafor"),
    ],
)
def test_an_author_year_in_a_citation_s_shape_is_vague(text: str, starts_at: str) -> None:
    finding = vague(text)
    assert finding.column == column_of(text, starts_at)


def test_adapted_from_points_at_a_source() -> None:
    assert vague("Adapted from Okafor, 2020.").column == 14


def test_the_store_s_entry_is_suggested() -> None:
    finding = vague("See also Park & Kim, 2018.")
    assert finding.suggestion is not None and finding.suggestion.key == "park2018"


def test_it_is_a_citation_and_the_sentence_is_not_also_a_claim() -> None:
    text = "Source: Okafor and Brandt, 2020."
    rules = ("vague-reference", "unsupported-claim")
    assert [f.rule for f in findings(text, rules)] == ["vague-reference"]


@pytest.mark.parametrize(
    "text",
    [
        "In Lisbon, 2020 was the warmest year.",  # the year does not end the clause
        "The meet was in March, 2020.",  # a month
        "It was a Friday, 2020.",  # a day
        "The Smith machine, 2020 model, is sturdier.",  # a thing and its model year
        "We trained in Lisbon and Porto, 2020.",  # two names, no cue, unknown to the store
        "Our coach: Okafor, 2020.",  # a colon after a word that is no label
        "Winners: Okafor, Brandt & Lindqvist, 2021.",  # people listed, not a source
        "Winners \u2013 Okafor 2021.",  # a dash after a word that is no label
        "We raced at the Lisbon 2019 open.",  # a year with no comma needs a cue
        "My best squat came with Okafor 2020.",  # no cue, no comma
        "Lift with Okafor, 2020.",  # one name, no cue
        "We flew home from Lisbon, 2020.",  # "from" that points at no source
        "```\nSource: Okafor & Brandt, 2020.\n```\n",  # code
    ],
)
def test_name_comma_year_in_ordinary_prose_is_not_a_citation(text: str) -> None:
    assert findings(text) == []
