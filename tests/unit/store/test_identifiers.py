"""PMIDs and DOIs: normalised, read from fields, and reported when two entries share one."""

from __future__ import annotations

import pytest

from evidence_guides.findings import Finding
from evidence_guides.store.identifiers import (
    check_identifiers,
    entry_doi,
    entry_pmid,
    normalise_doi,
    normalise_pmid,
)
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


def test_what_an_invalid_identifier_is_told() -> None:
    fields = {"pmid": "PMC3000000", "doi": "see paper"}
    lines = {"pmid": 4, "doi": 5}
    out: list[Finding] = []
    assert entry_pmid("k", fields, lines, "t.bib", out) is None
    assert entry_doi("k", fields, lines, "t.bib", out) is None
    assert [finding.format() for finding in out] == [
        "t.bib:4:1: bib-invalid-entry: PMID 'PMC3000000' in 'k' is not a PubMed identifier"
        " (digits only)",
        "t.bib:5:1: bib-invalid-entry: DOI 'see paper' in 'k' is not a DOI"
        " (expected '10.<prefix>/<suffix>')",
    ]


def test_a_pmid_field_wins_over_a_pubmed_eprint() -> None:
    fields = {"pmid": "111", "eprint": "222", "eprinttype": "PubMed"}
    assert entry_pmid("k", fields, {}, "t.bib", []) == "111"
    assert entry_pmid("k", {"eprint": "222", "eprinttype": "PubMed"}, {}, "t.bib", []) == "222"


def test_one_work_under_two_keys_is_an_error_however_its_identifiers_are_written() -> None:
    store = parse_bib(
        "@article{a, pmid = {123}, doi = {10.1000/ABC}}\n"
        "@article{b, pmid = {0123}}\n"  # a leading zero: the same PMID
        "@article{c, doi = {https://doi.org/10.1000/abc}}\n"  # case and prefix do not count
        "@article{d, pmid = {1230}, doi = {10.1000/abcd}}\n",
        "t.bib",
    )
    assert [finding.format() for finding in store.findings] == [
        "t.bib:2:1: bib-duplicate: duplicate PMID 0123: 'b' and 'a' (line 1)",
        "t.bib:3:1: bib-duplicate: duplicate DOI 10.1000/abc: 'c' and 'a' (line 1)",
    ]
    assert {finding.severity for finding in store.findings} == {"error"}


def test_check_identifiers_reports_into_the_list_it_is_given() -> None:
    entries = parse_bib("@article{a, pmid = {5}}\n@article{b, pmid = {5}}\n", "t.bib").entries
    out: list[Finding] = []
    check_identifiers(entries, "other.bib", out)
    assert [(f.path, f.line, f.rule) for f in out] == [("other.bib", 2, "bib-duplicate")]
