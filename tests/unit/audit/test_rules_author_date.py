"""vague-reference and citation-mismatch: ties by an identifier, mismatches, and suggestions.

Author-date citations as a class, on the store made for them
(tests/unit/audit/author_dates/support.py): which identifier ties a citation,
what a mismatch names, and which entry is suggested.
"""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, findings, vague

# --- tied by an identifier, or mismatched --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Garber et al. (2011, PMID 21694556) set the dose.",
        "Garber et al. (2011) [@garber2011] set the dose.",
        "Garber, Blissmer, and Deschenes (2011) [@garber2011] set the dose.",
        "Garber, Blissmer and Deschenes (2011, PMID 21694556) set the dose.",
        "Blissmer et al. (2011) [@garber2011] set the dose.",  # a listed co-author agrees
        "Garber et al. (2011) position stand (PMID 21694556) set the dose.",
        "The dose (Garber et al., 2011) is set out in [@garber2011].",
        "Garber and colleagues (2011) [@garber2011] set the dose.",
        "In 2011, Garber and colleagues set the dose [@garber2011].",
        "Garber et al. [@garber2011] set the dose.",
        "Van der Meer and co-authors (2021) [@vandermeer2021] rowed.",
        "De Vries and Ball (2015) [@devries2015] stretched.",
        "Gudmundsdottir et al. (2021) [@gudmundsdottir2021] bridged.",
    ],
)
def test_an_identifier_in_the_sentence_that_agrees_ties_the_citation(text: str) -> None:
    assert findings(text) == []


def test_an_identifier_in_the_next_sentence_does_not_tie() -> None:
    text = "Garber et al. (2011) set the dose. The dose is moderate [@garber2011]."
    assert vague(text).column == 1


def test_an_identifier_elsewhere_in_the_sentence_for_another_work_does_not_tie() -> None:
    text = "Jones (2019) slowed down, unlike the dose in [@garber2011]."
    assert vague(text).column == 1


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Leg drive matters, as Garber et al. (2011) [@garber2012] argued.", "garber2012"),
        ("Garber and colleagues (2011, PMID 99999) set the dose.", "99999"),
        ("The dose (Garber et al., 2011) [@garbre2011] is moderate.", "garbre2011"),
    ],
)
def test_a_mention_beside_an_identifier_the_store_lacks_is_reported_once_as_unresolved(
    text: str, wrong: str
) -> None:
    rules = ("vague-reference", "citation-mismatch", "unresolved-citation")
    (finding,) = findings(text, rules)
    assert finding.rule == "unresolved-citation"
    assert finding.column == column_of(text, wrong) or wrong in finding.message


def test_a_mention_with_a_missing_identifier_in_the_next_sentence_is_still_vague() -> None:
    text = "Garber et al. (2011) set the dose. It is moderate [@garber2012]."
    rules = ("vague-reference", "unresolved-citation")
    assert sorted(f.rule for f in findings(text, rules)) == [
        "unresolved-citation",
        "vague-reference",
    ]


@pytest.mark.parametrize(
    ("text", "at", "message"),
    [
        (
            "Garber et al. (2012, PMID 21694556) set it.",
            "2012",
            "year 2012 does not match garber2011 (2011)",
        ),
        (
            "Jones (2011) [@garber2011] set it.",
            "Jones",
            "author 'Jones' does not match garber2011 (first author Garber)",
        ),
        (
            "Jones et al. (2019, PMID 21694556) set it.",
            "Jones",
            "author 'Jones' and year 2019 do not match garber2011 (Garber, 2011)",
        ),
        (
            "Kowalski and Ibsen (2018) [@kowalski2018] measured.",
            "Kowalski",
            "author 'Kowalski and Ibsen' does not match kowalski2018 (first author Kowalski)",
        ),
        (
            "World Health Organization (2020) [@nsca2016] advises it.",
            "World",
            "author 'World Health Organization' and year 2020 do not match nsca2016"
            " (National Strength and Conditioning Association, 2016)",
        ),
    ],
)
def test_a_citation_beside_the_wrong_identifier_is_one_mismatch(
    text: str, at: str, message: str
) -> None:
    (finding,) = findings(text)
    assert (finding.rule, finding.column, finding.message) == (
        "citation-mismatch",
        column_of(text, at),
        message,
    )


# --- suggestions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Rest (Smith et al., 2011a).", "smith2011a"),  # the key's own suffix
        ("Rest (Smith et al., 2011b).", "smith2011b"),
        ("Rest (Jones, 2019a).", "jones2019x"),  # no suffix in both keys: titles A to Z
        ("Rest (Jones, 2019b).", "jones2019"),
        ("Rest (Lee & Smith, 2004).", "lee2004"),
        ("Rest (de Vries et al., 2015).", "devries2015"),
        ("Rest (Jager et al., 2014).", None),  # no Jager: nothing suggested
        ("Rest (Muller et al., 2014).", "muller2014"),  # accents folded
        ("Rest (WHO, 2020).", "who2020"),
        ("Rest (World Health Organization, 2020).", "who2020"),  # single braces
        ("World Health (n.d.) says so.", "who2020"),
        ("Rest (National Strength and Conditioning Association, 2016).", "nsca2016"),
        ("National Strength and (n.d.) says so.", "nsca2016"),
        ("Effects of low (n.d.) says so.", "muller2014"),  # "low-" split at the hyphen
        ("Effects of a stretching (n.d.) says so.", "devries2015"),
        ("The effects of a stretching (n.d.) says so.", "devries2015"),
        ("How many sets are (n.d.) says so.", "park2018"),
        ("Park and colleagues (2018) counted.", "park2018"),
        ("Rest (Smith & Park, 2011).", "smith2011b"),  # co-authors choose between two
        ("Van der Meer et al. (2021) rowed.", "vandermeer2021"),
        ("Rest (Hartley Quinn & Marsh, 2021).", "hartleyquinn2021"),  # the hyphen dropped
        ("NSCA's (2016) manual says so.", "nsca2016"),
        ("Brad Jones (2019b) slowed down.", "jones2019"),  # a first name before the surname
        ("Dangelo et al. (2019) gripped.", "dangelo2019"),  # the apostrophe dropped
        ("Gudmundsdottir et al. (2021) bridged.", "gudmundsdottir2021"),  # "ð" folded
        ("Kowalski et al. (2018) sprinted.", "kowalski2018"),  # "et al.": three or more authors
        ("Kowalski and Ibsen (2018) measured.", "kowalski2018hamstring"),
        ("Rest (Australasian Sports Nutrition Board [ASNB], 2022).", "asnb2022"),  # institution
        ("A 2018 study by Park and colleagues counted sets.", "park2018"),
    ],
)
def test_the_one_entry_meant_is_suggested(text: str, key: str | None) -> None:
    suggestion = vague(text).suggestion
    assert (suggestion.key if suggestion else None) == key


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Rest (Jones, 2019).", "2 entries match: [@jones2019] or [@jones2019x]"),
        ("Rest (Smith, 2011).", "2 entries match: [@smith2011a] or [@smith2011b]"),
        ("Rest (Smith, 2010).", "the store has [@smith2011a] or [@smith2011b] (2011), not 2010"),
        ("Rest (NSCA, 2002).", "the store has [@nsca2016] (2016), not 2002"),
        ("Rest (Park et al., 2011).", "the store has [@park2018] (2018), not 2011"),
        ("Rest (Smith et al., 2011c).", "no entry's key ends in 'c'"),
    ],
)
def test_no_key_when_no_one_entry_is_meant_but_the_store_is_named(text: str, note: str) -> None:
    suggestion = vague(text).suggestion
    assert suggestion is not None and suggestion.key is None
    assert suggestion.text.startswith(note)


def test_a_co_author_does_not_identify_a_work() -> None:
    """Kim co-wrote park2018, but '(Kim et al., 2018)' names a work by Kim."""
    assert vague("Rest (Kim et al., 2018).").suggestion is None
