"""DOIs in prose: reported with the key to cite, unless an author-date mention holds them."""

from __future__ import annotations

import pytest

from tests.unit.audit.malformed.support import assert_slip, malformed


@pytest.mark.parametrize(
    ("text", "start", "problem", "suggestion"),
    [
        # In parentheses of their own, in every way a DOI is written.
        ("Squats help (doi:10.1001/jama.2018.14854).", "(doi", "the store has it as 'piercy2018'",
         "write [@piercy2018]"),
        ("Squats help (DOI: 10.1001/jama.2018.14854).", "(DOI", "not cited directly",
         "write [@piercy2018]"),
        ("Squats help (DOI 10.1001/jama.2018.14854).", "(DOI", "'piercy2018'",
         "write [@piercy2018]"),
        ("Squats help (https://doi.org/10.1001/jama.2018.14854).", "(https", "'piercy2018'",
         "write [@piercy2018]"),
        ("Squats help (10.1001/jama.2018.14854, p. 3).", "(10.", "'piercy2018'",
         "write [@piercy2018, p. 3]"),
        ("Squats help (see doi:10.1001/jama.2018.14854).", "(see", "'piercy2018'",
         "write see [@piercy2018]"),
        ("Squats help (doi:10.1001/jama.2018.14854; PMID 21694556).", "(doi", "'piercy2018'",
         "write [@piercy2018; PMID 21694556]"),
        # A DOI the store does not have: the import is the fix.
        ("Squats help (doi:10.1249/MSS.0b013e318213fefb).", "(doi", "a DOI is not cited directly",
         "import it with 'guides refs add 10.1249/MSS.0b013e318213fefb'"),
        # Outside parentheses, without the sentence's full stop.
        ("Squats help, doi:10.1001/jama.2018.14854.", "doi:", "'piercy2018'",
         "write [@piercy2018]"),
        ("Source: https://doi.org/10.1001/jama.2018.14854", "https", "'piercy2018'",
         "write [@piercy2018]"),
        ("Squats help (as the trial showed) doi:10.1001/jama.2018.14854.", "doi:", "'piercy2018'",
         "write [@piercy2018]"),
        # In a front-matter answer's paragraph after another paragraph's open parenthesis.
        ("A note (unclosed.\n\nSquats help (doi:10.1001/jama.2018.14854).", "(doi", "'piercy2018'",
         "write [@piercy2018]"),
    ],
)  # fmt: skip
def test_a_doi_in_prose_is_reported_with_the_key_to_cite(
    text: str, start: str, problem: str, suggestion: str
) -> None:
    assert_slip(text, start, problem, suggestion)


def test_two_dois_in_one_parenthesis_are_one_finding() -> None:
    text = "Squats help (doi:10.1001/jama.2018.14854; doi:10.1249/MSS.0b013e318213fefb)."
    assert [found.offset for found in malformed(text)] == [text.index("(")]


@pytest.mark.parametrize(
    "text",
    [
        # An author-date mention's DOI: the vague-reference rule reports the mention.
        "Lopez et al. (2021, doi:10.1249/MSS.0000000000002585) found it.",
        "Lopez et al. (2021), doi:10.1249/MSS.0000000000002585, found it.",
        "It helps (Lopez et al., 2021; doi:10.1249/MSS.0000000000002585).",
        "It helps (CDC, n.d., https://doi.org/10.1249/MSS.0000000000002585).",
        # A DOI as a link's address, in code, a comment or an autolink.
        "Read [the trial](https://doi.org/10.1001/jama.2018.14854).",
        "`doi:10.1001/jama.2018.14854` and <https://doi.org/10.1001/jama.2018.14854>.",
        "<!-- (doi:10.1001/jama.2018.14854) -->",
        # Numbers that are no DOI.
        "The score was 10.5/12, a ratio of 10.25 (10.1/9.9) and version 10.1.",
        # A well-formed citation beside it.
        "Squats help [@piercy2018].",
    ],
)
def test_never_reported(text: str) -> None:
    assert malformed(text) == []
