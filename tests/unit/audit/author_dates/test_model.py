"""What a citation says of its work, and a run's text as written."""

from __future__ import annotations

from evidence_guides.audit.author_dates.model import AuthorDate, Run
from evidence_guides.audit.author_dates.tokens import Tokens
from evidence_guides.store.name_index import Mention


def test_a_citation_mentions_its_names_year_and_authors() -> None:
    date = AuthorDate(0, 9, "q", "De Vries", (("de", "vries"),), "2015", "a", 10, True, (), True)
    assert date.mention() == Mention(("de", "vries"), (("de", "vries"),), "2015", "a", True)


def test_a_runs_names_are_written_without_et_al_or_a_possessive() -> None:
    text = "As Okafor's  group (2017)"
    tokens = Tokens(text, 0, len(text), cut=False, ahead=0)
    run = Run(tokens, 1, 2, (("okafor",),), True, names_last=1)
    assert (run.names(), run.names_end) == ("Okafor", 1)
    assert text[run.start : run.end] == "Okafor's  group"


def test_without_names_last_the_names_end_with_the_run() -> None:
    text = "Smith and\n Lee"
    tokens = Tokens(text, 0, len(text), cut=False, ahead=0)
    run = Run(tokens, 0, 2, (), False)
    assert (run.names(), run.names_end, run.start, run.end) == ("Smith and Lee", 2, 0, len(text))
