"""The whole search: what is no citation, the order of what is, and linear time on hostile text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from evidence_guides.audit.engine import PageInput, audit_page
from tests.support.scaling import assert_linear
from tests.unit.audit.author_dates.support import SETTINGS, STORE, dates, findings

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
        "Her best total came at Nationals (2021), a year after her injury.",
        "He judged at Ms. Universe (2015) before opening the gym.",
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


# --- linear on hostile text ----------------------------------------------------------------------


# Each builder repeats a hostile phrase in proportion to n; at n = 10,000 these are the
# texts (50,000 to 180,000 characters) on which a backtracking scan never ended.
HOSTILE = {
    "words before a year": lambda n: "Word " * n + "(2019)",
    "spaced words before an open year": lambda n: "Word  " * n + "(2019 x)",
    "parentheses": lambda n: "(" * n,
    "open years": lambda n: "(2019 " * (3 * n) + ")",
    "et al.": lambda n: "Smith et al. " * n,
    "open name lists": lambda n: "(Smith and Jones, " * (n // 2) + "2019)",
    "year-first openings": lambda n: "In 2018, Smith and " * (n // 2) + "colleagues",
    "names before a year": lambda n: "Smith, " * n + "(2019)",
    "brackets before n.d.": lambda n: "[" * n + "(n.d.)",
    "a title before n.d.": lambda n: "effects of a stretching " * (n // 5) + "(n.d.)",
    "words before a claim": lambda n: "many " * n + "studies show it.",
    "unnamed works": lambda n: "a study " * n + "found it.",
    "placed subjects": lambda n: "studies in the Journal " * (n // 3) + "found it.",
    "names after according to": lambda n: "According to Aaa " * (n // 3),
    "named groups": lambda n: "Smith et al " * (n // 3) + "found it.",
    "names after a source": lambda n: "Source: " + "Aaa " * n,
    "narrative citations": lambda n: "Smith (2019). " * (n // 5),
    "journal places": lambda n: "2011;43(7):1 " * (n // 3),
    "surname-first lines": lambda n: 'Smith, John. "T." vol. 1, 2011.\n' * (n // 30),
    "a surname-first line without a year": lambda n: "Smith, John. " + '"T." vol. 1, ' * n,
    "authors before a place": lambda n: "Smith AB, " * n + "2011;43:1",
    "reference lines": lambda n: "Smith AB, Lee C. T. J. 2011;43:1.\n" * (n // 8),
    "possessives before works": lambda n: "Smith's 2019 " * (n // 2) + "study",
    "works by names": lambda n: "a study by Smith " * (n // 3) + "in 2019",
    "works by name lists": lambda n: "a study by " + "Smith and " * n + "in 2019",
    "names before bare years": lambda n: "Smith & " * n + "Jones, 2019.",
    "bare years after names": lambda n: "See Smith, 2019. " * (n // 4),
    "quotes before a claim": lambda n: '"a ' * n + "studies show it.",
    "single quotes before a claim": lambda n: "'a' " * n + "studies show it.",
    "placings before a consensus": lambda n: "it is generally accepted in " * (n // 5) + "that",
    "labelled reference lines": lambda n: "**Source:** Smith AB. T. J. 2011;43:1.\n" * (n // 10),
    "an author list of surnames": lambda n: "Smith Lee " * n + "A. T. 2011;43:1",
    "acronyms before a verb": lambda n: "The NIH " * (n // 2) + "says it.",
    "capitals before a verb": lambda n: "A" * n + " says it.",
    "words after per a": lambda n: "per a " * (n // 2) + "study",
    "owners before data": lambda n: "my " * n + "data shows it.",
    "years before names and works": lambda n: "The 2017 Smith " * (n // 3) + "study",
    "groups before in a year": lambda n: "Smith et al. in " * (n // 3) + "2019",
    "works before names published": lambda n: "the review " + "Smith " * n + "published in 2019",
    "agreement placings": lambda n: "there is agreement among " * (n // 5) + "that",
    "others in other languages": lambda n: "Smith y cols. u. a. " * (n // 4) + "(2019)",
    "misspelt et al. before years": lambda n: "Smith et. al., " * (n // 3) + "2019",
    "names before bracketed years": lambda n: "Smith et al. [" * (n // 3) + "2019]",
    "commas against parentheses": lambda n: "Smith et al.,(" * (n // 3) + "2019)",
    "undated markers": lambda n: "Aaa bbb (no date) (S.D.) " * (n // 5),
    "passive frames": lambda n: "has been shown to the " * (n // 5) + "it.",
    "quoted claim phrases": lambda n: '"studies show" ' * (n // 3),
    "claims in title case": lambda n: "The Evidence Shows " * (n // 3),
    "years set off by commas": lambda n: "As Smith, 2019, " * (n // 4) + "found",
    "locators before names": lambda n: "(" + "Table 2 in " * (n // 3) + "Smith, 2019)",
    "lead-ins before names": lambda n: "(data from Smith, " * (n // 4) + "2019)",
    "items split by commas": lambda n: "(" + "Smith 2019, " * (n // 3) + "Lee 2020)",
    "things' years in a group": lambda n: "(Smith, 2019, " + "Tokyo 2020 x, " * (n // 4) + ")",
    "list items of names": lambda n: "- " + "Smith & " * n + "Jones 2019 \u2013 x",
    "dashes after years": lambda n: "- Smith & Jones 2019 \u2013 " * (n // 6),
    "acronyms before works": lambda n: "ABC position stand " * (n // 4) + "(2019)",
    "bodies before APA dates": lambda n: "Health Department. (2019). " * (n // 5),
    "publishers before years": lambda n: "A: B; 2020. " * (n // 3),
    "a long line before a publisher": lambda n: "Aaa " * n + "Geneva: WHO; 2020.",
    "adverbs after a set-off year": lambda n: "Smith, 2019, " + "duly " * n + "found",
}


def audit_text(text: str) -> object:
    return audit_page(PageInput("p.md", text, text, 0, is_guide=False), STORE, SETTINGS)


@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_is_read_in_linear_time(hostile: Callable[[int], str]) -> None:
    assert_linear(audit_text, hostile, 2_500)


def test_citations_come_in_order_of_where_they_start_whichever_form_found_them() -> None:
    text = "In 2018, Park and colleagues counted; Jones et al., 2019 agreed (Smith, 2011)."
    assert [date.names for date in dates(text)] == ["Park", "Jones", "Smith"]


def test_a_segment_without_a_date_has_no_citation() -> None:
    assert dates("Smith and Jones et al. said so (see above).") == []
