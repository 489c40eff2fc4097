"""Dates in parentheses: each item of a group, found where it starts."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, dates, findings, vague


@pytest.mark.parametrize(
    ("text", "starts_at"),
    [
        # parenthetical, one work
        ("Rest longer (Garber et al., 2011).", "Garber"),
        ("Rest longer (Smith & Lee, 2011a).", "Smith"),
        ("Rest longer (Garber, Blissmer, & Deschenes, 2011).", "Garber"),
        ("Rest longer ( Jones 2019 ).", "Jones"),
        ("Rest longer (Jones, 2019, p. 12).", "Jones"),
        ("Rest longer (see Jones, 2019).", "Jones"),
        ("Rest longer (e.g., Jones, 2019).", "Jones"),
        ("Rest longer (de Vries & Ball, 2015).", "de Vries"),
        ("Rest longer (Müller et al., 2014).", "Müller"),
        ("Rest longer (Baz-Valle et al., 2014).", "Baz-Valle"),
        ("Rest longer (O'Brien, 2012).", "O'Brien"),
        ("Rest longer (World Health Organization [WHO], 2020).", "World"),
        ("Rest longer (National Strength and Conditioning Association, 2016).", "National"),
        ("Rest longer (NSCA, 2016).", "NSCA"),
        ("Rest longer (CDC, n.d.).", "CDC"),
        ("Rest longer (Effects of a stretching, n.d.).", "Effects"),
        # a group in the wrong brackets
        ("Rest longer [Jones et al., 2019].", "Jones"),
        ("Rest longer [see Park & Kim, 2018, p. 3].", "Park"),
    ],
)
def test_author_date_forms_are_found_where_they_start(text: str, starts_at: str) -> None:
    finding = vague(text)
    assert finding.column == column_of(text, starts_at)
    assert finding.message.startswith("vague reference '")


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("It works (Jones, 2019; de Vries et al., 2015).", ["Jones", "de Vries"]),
        ("It works (WHO, 2020; NSCA, 2016).", ["WHO", "NSCA"]),
        ("It works (Lee & Smith, 2004, 2006).", ["Lee", "2006"]),  # two works, one author list
        ("It works (Lee & Smith, 2004; 2006).", ["Lee", "2006"]),
        ("It works (Garber et al., 2011; Park et al., 2018, p. 3).", ["Garber", "Park"]),
    ],
)
def test_each_member_of_a_group_is_its_own_finding(text: str, members: list[str]) -> None:
    assert [f.column for f in findings(text)] == [column_of(text, m) for m in members]


def test_a_bare_year_after_an_item_is_another_work_of_its_authors() -> None:
    first, second = dates("It works (Lee & Smith, 2004, 2006).")
    assert (first.quote, first.names, first.year) == (
        "(Lee & Smith, 2004, 2006)",
        "Lee & Smith",
        "2004",
    )
    assert (second.quote, second.names, second.year) == ("Lee & Smith, 2006", "Lee & Smith", "2006")
    assert second.start == second.year_start  # it starts at its year: nothing else is written
    assert second.surnames == first.surnames == (("lee",), ("smith",))


def test_a_narrative_date_then_another_item_of_the_group() -> None:
    text = "Smith (2019; Lee, 2020) and (2019 model)."
    narrative, item = dates(text)
    assert (narrative.start, narrative.quote, narrative.names) == (
        0,
        "Smith (2019; Lee, 2020)",
        "Smith",
    )
    assert (item.start, item.quote, item.year) == (text.index("Lee"), "Lee, 2020", "2020")


def test_words_after_the_date_make_it_no_narrative_date() -> None:
    assert dates("Smith (2019 model) is sturdy.") == []


def test_a_group_in_square_brackets_is_read_unless_it_cites_a_key() -> None:
    (found,) = dates("Rest longer [see Park & Kim, 2018, p. 3].")
    assert (found.quote, found.names) == ("[see Park & Kim, 2018, p. 3]", "Park & Kim")
    assert dates("Rest longer [@park2018, 2018].") == []


def test_an_identifier_inside_the_parentheses_is_its_source() -> None:
    (found,) = dates("Garber et al. (2011, PMID 21694556) set the dose [@smith2011a].")
    assert found.et_al and found.quote == "Garber et al. (2011, PMID 21694556)"
    assert [(s.kind, s.value) for s in found.sources] == [("pmid", "21694556")]


# --- a work not yet published: "in press", "forthcoming" -----------------------------------------


@pytest.mark.parametrize(
    ("text", "starts_at"),
    [
        ("Split squats balance the legs (Okafor et al., in press).", "Okafor"),
        ("Okafor (in press) makes the case for split squats.", "Okafor"),
        ("Split squats balance the legs (Brandt & Ilves, forthcoming).", "Brandt"),
        ("Split squats balance the legs (see Okafor, In Press, p. 9).", "Okafor"),
        ("Jones and colleagues (forthcoming) disagree.", "Jones"),
    ],
)
def test_a_work_in_press_is_a_vague_reference_with_no_entry_guessed(
    text: str, starts_at: str
) -> None:
    finding = vague(text)
    assert finding.column == column_of(text, starts_at)
    assert finding.suggestion is not None and finding.suggestion.key is None
    assert "in press" in finding.suggestion.text and "guides refs add" in finding.suggestion.text


def test_a_work_in_press_by_an_author_the_store_holds_is_not_matched_to_their_old_work() -> None:
    # Garber's only work in the store is of 2011: a forthcoming one is another work.
    finding = vague("Garber et al. (forthcoming) revisit the dose.")
    assert finding.suggestion is not None and finding.suggestion.key is None


@pytest.mark.parametrize(
    "text",
    [
        "The second edition (in press) adds a chapter on carries.",  # no names before it
        "Keep the bar (in press position) over mid-foot.",  # words after the date
        "Our forthcoming guide covers carries.",  # not in parentheses
        "Results are due soon (forthcomingly, we hope).",  # part of a longer word
    ],
)
def test_in_press_needs_a_citation_s_shape(text: str) -> None:
    assert findings(text) == []
