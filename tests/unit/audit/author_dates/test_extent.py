"""What stands before a date, worked out leftwards: names, organisations, fragments."""

from __future__ import annotations

import pytest

from evidence_guides.audit.author_dates.extent import run_ending_before
from evidence_guides.audit.author_dates.tokens import Paragraphs
from tests.unit.audit.author_dates.support import INDEX, column_of, vague


@pytest.mark.parametrize(
    ("text", "starts_at"),
    [
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
        ("The Australasian Sports Nutrition (n.d.) report says so.", "Australasian"),
        ("The effect of weekly set volume (n.d.) says so.", "The effect"),
    ],
)
def test_author_date_forms_are_found_where_they_start(text: str, starts_at: str) -> None:
    finding = vague(text)
    assert finding.column == column_of(text, starts_at)
    assert finding.message.startswith("vague reference '")


def run_before_date(text: str, *, undated: bool = False) -> str | None:
    """What the walk finds before the first "(" of ``text``, read from a short window."""
    paragraphs = Paragraphs(text)
    offset = text.index("(")
    tokens = paragraphs.window(offset, offset + 1)
    run = run_ending_before(paragraphs, tokens, INDEX, offset, offset + 1, undated=undated)
    return None if run is None else text[run.start : run.end]


def test_a_walk_that_reaches_the_short_windows_edge_is_walked_again_wider() -> None:
    names = "Smith, Jones, Lee, Park, Kim, Garber, Blissmer, Deschenes and Ball"
    assert len(names) > 64  # longer than the short window
    assert run_before_date(f"Agreed: {names} (2019).") == names


def test_a_walk_never_leaves_its_paragraph() -> None:
    assert run_before_date("Smith and\n\nJones (2019) agree.") == "Jones"


def test_before_et_al_or_colleagues_the_run_is_the_names() -> None:
    assert run_before_date("As Garber et al. (2011) set it.") == "Garber"
    assert run_before_date("As Park and his colleagues (2018) did.") == "Park"


def test_the_store_says_how_far_a_title_reaches() -> None:
    text = "According to How many sets are (n.d.), three."
    assert run_before_date(text, undated=True) == "How many sets are"
    # Two words of a title are enough before "(n.d.)"; before a year it takes three.
    assert run_before_date("so Bar path (n.d.) x", undated=True) == "Bar path"
    assert run_before_date("so Bar path (2006) x") is None


def test_n_d_takes_the_fragment_from_the_nearest_capitalised_word() -> None:
    assert run_before_date("Nobody knows (n.d.) what.", undated=True) == "Nobody knows"
    assert run_before_date("it is said (n.d.) so.", undated=True) == "it is said"


def test_a_proper_name_is_no_author_list() -> None:
    assert run_before_date("He lifted at the Barcelona Olympics (1992).") is None
