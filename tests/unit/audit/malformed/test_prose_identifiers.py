"""Identifiers in prose (DOIs, PubMed addresses, PMC IDs): reported with the citation to write,
unless an author-date mention holds them."""

from __future__ import annotations

import pytest

from tests.unit.audit.malformed.support import assert_vague, malformed

DOI = "a DOI is not a citation here"


@pytest.mark.parametrize(
    ("text", "start", "problem", "suggestion"),
    [
        # In parentheses of their own, in every way a DOI is written.
        ("Squats help (doi:10.1001/jama.2018.14854).", "(doi", DOI,
         "write [@piercy2018]"),
        ("Squats help (DOI: 10.1001/jama.2018.14854).", "(DOI", DOI,
         "write [@piercy2018]"),
        ("Squats help (DOI 10.1001/jama.2018.14854).", "(DOI", DOI,
         "write [@piercy2018]"),
        ("Squats help (https://doi.org/10.1001/jama.2018.14854).", "(https", DOI,
         "write [@piercy2018]"),
        ("Squats help (10.1001/jama.2018.14854, p. 3).", "(10.", DOI,
         "write [@piercy2018, p. 3]"),
        ("Squats help (see doi:10.1001/jama.2018.14854).", "(see", DOI,
         "write see [@piercy2018]"),
        ("Squats help (doi:10.1001/jama.2018.14854; PMID 21694556).", "(doi", DOI,
         "write [@piercy2018; PMID 21694556]"),
        # A DOI the store does not have: the import is the fix.
        ("Squats help (doi:10.1249/MSS.0b013e318213fefb).", "(doi", DOI,
         "import it with 'guides refs add 10.1249/MSS.0b013e318213fefb'"),
        # Outside parentheses, without the sentence's full stop.
        ("Squats help, doi:10.1001/jama.2018.14854.", "doi:", DOI,
         "write [@piercy2018]"),
        ("Source: https://doi.org/10.1001/jama.2018.14854", "https", DOI,
         "write [@piercy2018]"),
        ("Squats help (as the trial showed) doi:10.1001/jama.2018.14854.", "doi:", DOI,
         "write [@piercy2018]"),
        # PubMed's addresses and "PubMed ID": the PMID is the citation.
        ("Squats help (https://pubmed.ncbi.nlm.nih.gov/21694556/).", "(https",
         "a PubMed address is not a citation", "write [PMID 21694556]"),
        ("Squats help, see www.ncbi.nlm.nih.gov/pubmed/21694556.", "www.",
         "a PubMed address", "write [PMID 21694556]"),
        ("Squats help (PubMed ID: 21694556).", "(PubMed", "'PubMed ID' is not read as a PMID",
         "write [PMID 21694556]"),
        # A PMC ID, bare or as its article's address: the import is the fix.
        ("Squats help (PMCID: PMC3123456).", "(PMCID", "a PMC ID is not a citation",
         "import it with 'guides refs add PMC3123456'"),
        ("Squats help: https://pmc.ncbi.nlm.nih.gov/articles/PMC3123456/", "https",
         "a PMC ID", "import it with 'guides refs add PMC3123456'"),
        # In a front-matter answer's paragraph after another paragraph's open parenthesis.
        ("A note (unclosed.\n\nSquats help (doi:10.1001/jama.2018.14854).", "(doi", DOI,
         "write [@piercy2018]"),
    ],
)  # fmt: skip
def test_an_identifier_in_prose_is_reported_with_the_citation_to_write(
    text: str, start: str, problem: str, suggestion: str
) -> None:
    assert_vague(text, start, problem, suggestion)


@pytest.mark.parametrize(
    "text",
    [
        "Squats help (doi:10.1001/jama.2018.14854; doi:10.1249/MSS.0b013e318213fefb).",
        "Squats help (PMC3123456; https://pubmed.ncbi.nlm.nih.gov/21694556/).",
        "Squats help (https://pubmed.ncbi.nlm.nih.gov/21694556/ or doi:10.1001/jama.2018.14854).",
    ],
)
def test_identifiers_in_one_parenthesis_are_one_finding(text: str) -> None:
    assert [found.offset for found in malformed(text)] == [text.index("(")]


def test_each_bare_identifier_is_a_finding() -> None:
    text = "See pubmed.ncbi.nlm.nih.gov/21694556 and PMC3123456, doi:10.1001/jama.2018.14854."
    starts = [found.offset for found in malformed(text)]
    assert starts == [text.index("pubmed"), text.index("PMC"), text.index("doi")]


@pytest.mark.parametrize(
    "text",
    [
        # An author-date mention's DOI: the vague-reference rule reports the mention.
        "Lopez et al. (2021, doi:10.1249/MSS.0000000000002585) found it.",
        "Lopez et al. (2021), doi:10.1249/MSS.0000000000002585, found it.",
        "It helps (Lopez et al., 2021; doi:10.1249/MSS.0000000000002585).",
        "It helps (CDC, n.d., https://doi.org/10.1249/MSS.0000000000002585).",
        "Smith et al. (2019, PMC3123456) and Jones (2020; PubMed ID 21694556) found it.",
        "Smith et al. (2019), https://pubmed.ncbi.nlm.nih.gov/21694556/, found it.",
        # An identifier as a link's address, in code, a comment or an autolink.
        "Read [the trial](https://doi.org/10.1001/jama.2018.14854).",
        "Read [it](https://pubmed.ncbi.nlm.nih.gov/21694556/) or <https://pmc.ncbi.nlm.nih.gov/>.",
        "`PMC3123456` and <https://pubmed.ncbi.nlm.nih.gov/21694556/>.",
        "`doi:10.1001/jama.2018.14854` and <https://doi.org/10.1001/jama.2018.14854>.",
        "<!-- (doi:10.1001/jama.2018.14854) -->",
        # Numbers and words that are no identifier.
        "The score was 10.5/12, a ratio of 10.25 (10.1/9.9) and version 10.1.",
        "We searched PubMed and PMC; PubMed IDs are numbers, PMC2 a board, PMC12 a code.",
        "A mirror: example.org/pubmed.ncbi.nlm.nih.gov/21694556 and x-PMC3123456.",
        # A well-formed citation beside it.
        "Squats help [@piercy2018].",
    ],
)
def test_never_reported(text: str) -> None:
    assert malformed(text) == []
