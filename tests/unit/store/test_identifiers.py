"""PMIDs and DOIs: normalised, read from fields, and reported when two entries share one."""

from __future__ import annotations

import pytest

from evidence_guides.store.identifiers import normalise_doi, normalise_pmid
from evidence_guides.store.parse import parse_bib
from tests.support.bib import entry


@pytest.mark.parametrize(
    ("raw", "pmid"),
    [
        ("21694556", "21694556"),
        ("PMID: 21694556", "21694556"),
        ("pmid:21694556", "21694556"),
        (" 21694556 ", "21694556"),
        ("{21694556}", "21694556"),
        ("PMC3000000", None),
        ("n/a", None),
        ("", None),
    ],
)
def test_normalise_pmid(raw: str, pmid: str | None) -> None:
    assert normalise_pmid(raw) == pmid


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("10.1249/MSS.0b013e318213fefb", "10.1249/MSS.0b013e318213fefb"),
        ("https://doi.org/10.1249/MSS.0b013e318213fefb", "10.1249/MSS.0b013e318213fefb"),
        ("http://dx.doi.org/10.1249/MSS.0b013e318213fefb", "10.1249/MSS.0b013e318213fefb"),
        ("doi:10.1249/MSS.0b013e318213fefb", "10.1249/MSS.0b013e318213fefb"),
        ("DOI: 10.1249/MSS.0b013e318213fefb", "10.1249/MSS.0b013e318213fefb"),
        (r"10.1000/a\_b", "10.1000/a_b"),
        ("not a doi", None),
        ("10.1249", None),
        ("", None),
    ],
)
def test_normalise_doi(raw: str, doi: str | None) -> None:
    assert normalise_doi(raw) == doi


def test_entry_identifiers_are_normalised() -> None:
    found = entry(
        "  pmid = {PMID: 21681120},\n  doi = {https://doi.org/10.1249/MSS.0b013e31821ece12}"
    )
    assert (found.pmid, found.doi) == ("21681120", "10.1249/MSS.0b013e31821ece12")


def test_biblatex_pubmed_eprint_is_a_pmid() -> None:
    assert entry("  eprint = {21681120},\n  eprinttype = {pubmed}").pmid == "21681120"
    assert entry("  eprint = {2101.00001},\n  eprinttype = {arxiv}").pmid is None


def test_invalid_identifiers_are_warnings() -> None:
    store = parse_bib("@article{k,\n  pmid = {n/a},\n  doi = {see paper}\n}\n", "t.bib")
    found = store.get("k")
    assert found is not None
    assert (found.pmid, found.doi) == (None, None)
    assert [(f.line, f.rule, f.severity) for f in store.findings] == [
        (2, "bib-invalid-entry", "warning"),
        (3, "bib-invalid-entry", "warning"),
    ]
