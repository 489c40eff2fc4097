"""Author-date citations as a class: every form a writer uses, the traps, ties and suggestions.

The store below is invented for these tests (DOIs under the 10.5555 test
prefix); it holds the shapes that make identification hard: two works of one
author and year with and without a/b keys, a particle surname, an
organisation in single braces, a short name, titles that share a start.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from evidence_guides.audit.engine import PageInput, audit_page
from evidence_guides.audit.model import AuditSettings
from evidence_guides.findings import Finding, line_and_column
from evidence_guides.store.parse import parse_bib

STORE = parse_bib(
    r"""
@article{garber2011, author = {Garber, C. E. and Blissmer, B. and Deschenes, M. R.},
  title = {Quantity and quality of exercise for fitness}, year = {2011}, pmid = {21694556}}
@article{smith2011a, author = {Smith, A. and Lee, B.}, title = {Zinc and sleep in rowers},
  year = {2011}, doi = {10.5555/1}}
@article{smith2011b, author = {Smith, A. and Park, C.}, title = {Alpha waves in sprinters},
  year = {2011}, doi = {10.5555/2}}
@article{lee2004, author = {Lee, K. and Smith, J.}, title = {Grip width in the bench press},
  year = {2004}, doi = {10.5555/3}}
@article{lee2006, author = {Lee, K. and Smith, J.}, title = {Bar path in the bench press},
  year = {2006}, doi = {10.5555/4}}
@article{devries2015, author = {de Vries, Anna and Ball, N.},
  title = {Effects of a stretching routine on hamstring length}, year = {2015}, doi = {10.5555/5}}
@book{nsca2016, author = {{National Strength and Conditioning Association}},
  title = {Essentials of strength training}, year = {2016}, shortname = {NSCA}, isbn = {0000}}
@article{park2018, author = {Park, J. and Kim, H.}, title = {How many sets are enough for growth?},
  year = {2018}, doi = {10.5555/6}}
@misc{who2020, author = {World Health Organization}, title = {Guidelines on physical activity},
  year = {2020}, shortname = {WHO}, doi = {10.5555/8}}
@article{jones2019, author = {Jones, T.}, title = {Cadence and tempo}, year = {2019},
  doi = {10.5555/9}}
@article{jones2019x, author = {Jones, T.}, title = {Breathing and bracing}, year = {2019},
  doi = {10.5555/10}}
@article{muller2014, author = {M{\"u}ller, E. and Baz-Valle, E.},
  title = {Effects of low- vs. high-load training}, year = {2014}, doi = {10.5555/11}}
@article{obrien2012, author = {O'Brien, S.}, title = {Tempo squats}, year = {2012},
  doi = {10.5555/12}}
@article{vandermeer2021, author = {van der Meer, L. and Osei, K.}, title = {Rowing posture},
  year = {2021}, doi = {10.5555/13}}
@article{dangelo2019, author = {D'Angelo, C. and Falk, M. and Nnamdi, U.}, title = {Grip},
  year = {2019}, doi = {10.5555/15}}
@article{gudmundsdottir2021, author = {Gu\dh{}mundsd\'{o}ttir, H. and P\'{a}lsson, E.},
  title = {Glute bridges}, year = {2021}, doi = {10.5555/16}}
@article{kowalski2018, author = {Kowalski, M. and Brennan, O. and Thorvaldsen, P.},
  title = {Nordic curls and sprint speed}, year = {2018}, doi = {10.5555/17}}
@article{kowalski2018hamstring, author = {Kowalski, M. and Ibsen, K.},
  title = {Hamstring fascicles}, year = {2018}, doi = {10.5555/18}}
@techreport{asnb2022, institution = {Australasian Sports Nutrition Board},
  title = {Protein for athletes}, year = {2022}, shortname = {ASNB}, doi = {10.5555/19}}
@article{theeffect2017, author = {Ralston, G.},
  title = {The effect of weekly set volume on strength},
  year = {2017}, doi = {10.5555/20}}
@article{hartleyquinn2021, author = {Hartley-Quinn, R. and Marsh, D.}, title = {Step height},
  year = {2021}, doi = {10.5555/14}}
""",
    "references/refs.bib",
)
SETTINGS = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))
RULES = ("vague-reference", "citation-mismatch")


def findings(text: str, rules: tuple[str, ...] = RULES) -> list[Finding]:
    page = PageInput("p.md", text, text, 0, is_guide=False)
    return [f for f in audit_page(page, STORE, SETTINGS).findings if f.rule in rules]


def vague(text: str) -> Finding:
    (finding,) = findings(text)
    assert finding.rule == "vague-reference"
    return finding


def column_of(text: str, needle: str) -> int:
    return line_and_column(text, text.index(needle))[1]


# --- every form is found, at the start of what it names ----------------------------------------


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
        # narrative
        ("Jones (2019) timed every set.", "Jones"),
        ("Garber et al. (2011) set the dose.", "Garber"),
        ("Garber et al.'s (2011) dose is moderate.", "Garber"),
        ("Jones's (2019) cue is simple.", "Jones"),
        ("Park and colleagues (2018) counted sets.", "Park"),
        ("Park and his colleagues (2018) counted sets.", "Park"),
        ("Smith and Lee (2011) tested zinc.", "Smith"),
        ("Lee, Smith and Park (2004) measured grips.", "Lee"),
        ("van den Tillaar and Ball (2020) compared push-ups.", "van den Tillaar"),
        ("Garber et al.\n(2011) set the dose.", "Garber"),
        ("As Jones (2019) put it, slow down.", "Jones"),
        ("Research by Jones (2019) slowed the tempo.", "Jones"),
        ("World Health Organization (2020) advises it.", "World"),
        ("Jones (2019a) and more.", "Jones"),
        ("In 2018, Park and colleagues counted sets.", "Park"),
        ("In a 2018 study, Park et al. counted sets.", "Park"),
        ("In 2018, Park and Kim counted sets.", "Park"),
        # "(n.d.)": a title or organisation cut short, wherever it stands
        ("Effects of a stretching (n.d.) found longer hamstrings.", "Effects"),
        ("How many sets are (n.d.) says three.", "How"),
        ("According to How many sets are (n.d.), three is enough.", "How"),
        ("The cue is simple; How many sets are (n.d.) agrees.", "How"),
        ("Three is enough, as How many sets are (n.d.) argues.", "How"),
        ("World Health (n.d.) advises it.", "World"),
        ("National Strength and (n.d.) publishes it.", "National"),
        ("Nobody knows (n.d.) what it means.", "Nobody"),
        ("Fundamentals of training (n.d.) is a book.", "Fundamentals"),
        ("Training volume, not frequency (n.d.) matters.", "Training"),
        # capitalised particles, names without their hyphen, possessive groups, wrong brackets
        ("De Vries and Ball (2015) stretched.", "De Vries"),
        ("Van der Meer et al. (2021) rowed.", "Van der Meer"),
        ("Hartley Quinn and Marsh (2021) stepped.", "Hartley Quinn"),
        ("Okafor's group (2017) coached it.", "Okafor"),
        ("Park's team (2018) counted sets.", "Park"),
        ("NSCA's (2016) manual says so.", "NSCA"),
        ("Rest longer [Jones et al., 2019].", "Jones"),
        ("Rest longer [see Park & Kim, 2018, p. 3].", "Park"),
        ("A 2018 study by Park and colleagues counted sets.", "Park"),
        ("An 2018 trial from Park et al. counted sets.", "Park"),
        ("| Intermediate | 4 x 30 m | Jones et al., 2019 |", "Jones"),
        ("The Australasian Sports Nutrition (n.d.) report says so.", "Australasian"),
        ("The effect of weekly set volume (n.d.) says so.", "The effect"),
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


# --- traps: none of these is a citation --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Twelve lifters took part (n = 12).",
        "Strength rose (95% CI 1.2-3.4, p < 0.05).",
        "Do three sets (3 x 10) of squats.",
        "Rest between sets (2-3 min).",
        "Add small plates (1.25 kg) each week.",
        "Start at 10:30 (1030 hours).",
        "The college (ACSM) publishes guidance.",
        "Muscle activity was measured (EMG).",
        "The 2018 guidelines say so.",
        "Methods changed (in the early 1990s).",
        "Methods changed in the 1990s (and again later).",
        "He lifted at the Barcelona Olympics (1992).",
        "The guidelines were updated (2018) for adults.",
        "The study began in March (2019).",
        "Cases rose during COVID-19 (2020).",
        "Seasons differ (2018-2019).",
        "The label n.d. (not detected) means no result.",
        "Write to jones2019@example.org (2019) for data.",
        "Follow @jones2019 for more.",
        "Inline `Jones (2019)` code.",
        "```\nJones (2019) in a fence\n```\n",
        "<!-- Jones (2019) in a comment -->",
        "A [link](https://example.org/Jones (2019)) target.",
        "Jones et al. found it without a date.",
        "A cohort of 2019 adults (2019 adults in all).",
        "Rest longer (about 30-45 degrees).",
        "Version two (Version 2, 2019) shipped.",
        "Machines such as the RowPro (2018 model) are handy.",
        "The Smith machine (2019 edition) is sturdier.",
        "See the table [2019 data](table.md) for numbers.",  # a link's text
        "Footnoted claim[^2019].",
        "In 2018, Park won the national title.",  # a store surname, but no author list
    ],
)
def test_traps_are_not_citations(text: str) -> None:
    assert findings(text) == []


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


# --- linear on hostile text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Word " * 10_000 + "(2019)",
        "Word  " * 10_000 + "(2019 x)",
        "(" * 10_000,
        "(2019 " * 30_000 + ")",
        "Smith et al. " * 10_000,
        "(Smith and Jones, " * 5_000 + "2019)",
        "In 2018, Smith and " * 5_000 + "colleagues",
        "Smith, " * 10_000 + "(2019)",
        "[" * 10_000 + "(n.d.)",
        "effects of a stretching " * 2_000 + "(n.d.)",
        "many " * 10_000 + "studies show it.",
        "Smith (2019). " * 2_000,
    ],
    ids=lambda text: f"{text[:12]!r}x{len(text)}",
)
def test_hostile_text_is_read_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    page = PageInput("p.md", text, text, 0, is_guide=False)
    audit_page(page, STORE, SETTINGS)
    assert time.perf_counter() - started < 2.0  # about 0.1 s here; a backtracking scan never ends
