"""A work named by its author and year without parentheses: a vague reference, with its key."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, findings, vague


@pytest.mark.parametrize(
    ("text", "starts_at", "key"),
    [
        # the work after "by": one author is enough, as in "(Garber, 2011)"
        ("A 2011 review by Garber set out the weekly dose.", "Garber", "garber2011"),
        ("The 2018 trial by Park counted weekly sets.", "Park", "park2018"),
        ("One 2021 study from van der Meer timed the stroke.", "van der Meer", "vandermeer2021"),
        # the author's possessive, then the year and the work
        ("Garber's 2011 review set out the weekly dose.", "Garber", "garber2011"),
        ("Park and Kim's 2018 trial counted weekly sets.", "Park", "park2018"),
        ("Garber et al.'s 2011 meta-analysis set the dose.", "Garber", "garber2011"),
        ("Garber and colleagues\u2019 2011 report set the dose.", "Garber", "garber2011"),
        ("O'Brien's 2012 paper timed slow squats.", "O'Brien", "obrien2012"),
        # the work, its authors, then "in" the year
        ("A study by Park et al. in 2018 counted weekly sets.", "Park", "park2018"),
        ("The dose comes from a review by Garber in 2011.", "Garber", "garber2011"),
        ("A trial from Park and Kim, in 2018, counted sets.", "Park", "park2018"),
        # the authors' own work, the year first
        ("In their 2018 trial, Park and colleagues counted sets.", "Park", "park2018"),
        # the year, a first author the store knows, the work
        ("The 2011 Garber review is still the dose most cite.", "Garber", "garber2011"),
        # the work, its author, "published in" the year
        ("The trial O'Brien published in 2012 timed slow squats.", "O'Brien", "obrien2012"),
        # authors with "et al." or "and colleagues", then "in" the year
        ("Park et al. in 2018 counted weekly sets.", "Park", "park2018"),
        ("Garber and colleagues, in 2011, set the dose.", "Garber", "garber2011"),
        # a body's position stand or guidelines, its name written with it
        ("The NSCA's 2016 position statement covers youth lifting.", "NSCA", "nsca2016"),
    ],
)
def test_a_work_named_by_author_and_year_is_vague_with_its_key(
    text: str, starts_at: str, key: str
) -> None:
    finding = vague(text)
    assert finding.column == column_of(text, starts_at)
    assert finding.suggestion is not None and finding.suggestion.key == key


def test_it_is_a_citation_not_a_claim_of_unnamed_research() -> None:
    text = "A 2018 study by Park found that three sets were enough."
    rules = ("vague-reference", "unsupported-claim")
    assert [f.rule for f in findings(text, rules)] == ["vague-reference"]


def test_the_store_s_other_works_of_that_author_are_named_not_suggested() -> None:
    finding = vague("Garber's 2014 review revisited the dose.")
    assert finding.suggestion is not None and finding.suggestion.key is None
    assert "2011" in finding.suggestion.text


@pytest.mark.parametrize(
    "text",
    [
        "I bought a 2018 bar by Rogue for the garage.",  # a thing, not a piece of research
        "Rogue's 2018 bar still spins well.",
        "We ordered a rack from Rogue in 2018.",
        "Today's 2019 session was short.",  # not a name
        "In a review by Garber, 2011 comes up often.",  # the year is not "in 2011"
        "A review by Garber in 2011-12 drafts is pending.",  # a range, not a year
        "The gym's 2019 survey of members asked about hours.",  # no capitalised author
        "A 2017 Boston trial counted sets.",  # a place the store knows as no author
        "The 2018 guidelines say two days a week.",  # no name with the guidelines
        "The trial Park ran in 2018 counted sets.",  # neither "by" nor "published"
        "In their 2018 season, Park and colleagues won.",  # no work: "season"
        "We trained with Park et al. at the club in 2018.",  # "in 2018" is not after them
        "In his 2018 trial, Park counted sets.",  # one name after "In 2018," is no citation
    ],
)
def test_things_made_and_dates_of_other_kinds_are_not_works(text: str) -> None:
    assert findings(text) == []


@pytest.mark.parametrize(
    ("text", "starts_at"),
    [
        # an organisation the store knows is an author, whatever its words
        ("A 2020 report from the World Health Organization set the minutes.", "World"),
        ("A 2022 review by the Australasian Sports Nutrition Board set protein.", "Australasian"),
    ],
)
def test_an_organisation_the_store_knows_stays_an_author(text: str, starts_at: str) -> None:
    assert vague(text).column == column_of(text, starts_at)


@pytest.mark.parametrize(
    "text",
    [
        "Garber's 2013 review (PMID 21694556) is a long read.",
        "A 2013 review by Garber (PMID 21694556) is a long read.",
        "Garber et al. (2013) (PMID 21694556) is a long read.",  # a narrative, the same way
    ],
)
def test_an_identifier_in_parentheses_after_the_work_is_tied_to_it(text: str) -> None:
    (finding,) = findings(text)
    assert finding.rule == "citation-mismatch"
    assert "2013" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Garber's 2011 review (PMID 21694556) is a long read.",  # it agrees
        "A 2011 review by Garber ( PMID 21694556 ) is a long read.",
    ],
)
def test_an_identifier_in_parentheses_that_agrees_leaves_the_work_alone(text: str) -> None:
    assert findings(text) == []


def test_an_identifier_in_the_next_sentence_is_not_the_work_s() -> None:
    text = "Garber's 2013 review is a long read. See it (PMID 21694556)."
    assert [f.rule for f in findings(text)] == ["vague-reference"]
