"""What ``guides refs add`` accepts: each form an editor copies, read into one spelling."""

from __future__ import annotations

import pytest

from evidence_guides.pubmed.sources import Source, SourceError, parse_source, parse_sources

GARBER_DOI = "10.1249/MSS.0b013e318213fefb"


@pytest.mark.parametrize(
    ("given", "kind", "value"),
    [
        ("21694556", "pmid", "21694556"),
        (" PMID: 21694556 ", "pmid", "21694556"),
        ("pmid 21694556", "pmid", "21694556"),
        ("https://pubmed.ncbi.nlm.nih.gov/21694556/", "pmid", "21694556"),
        ("https://pubmed.ncbi.nlm.nih.gov/21694556", "pmid", "21694556"),
        ("http://www.ncbi.nlm.nih.gov/pubmed/21694556", "pmid", "21694556"),
        ("https://pubmed.ncbi.nlm.nih.gov/21694556/?from=search#abstract", "pmid", "21694556"),
        (GARBER_DOI, "doi", GARBER_DOI),
        (f"doi:{GARBER_DOI}", "doi", GARBER_DOI),
        (f"DOI: {GARBER_DOI}", "doi", GARBER_DOI),
        (f"https://doi.org/{GARBER_DOI}", "doi", GARBER_DOI),
        (f"http://dx.doi.org/{GARBER_DOI}", "doi", GARBER_DOI),
        ("https://doi.org/10.1000/a%3Cb", "doi", "10.1000/a<b"),
        ("PMC1234567", "pmcid", "PMC1234567"),
        ("pmc1234567", "pmcid", "PMC1234567"),
        ("PMCID: PMC1234567", "pmcid", "PMC1234567"),
        ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/", "pmcid", "PMC1234567"),
        ("https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/", "pmcid", "PMC1234567"),
    ],
)
def test_each_form_is_read(given: str, kind: str, value: str) -> None:
    assert parse_source(given) == Source(kind, value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("abc", "not a PMID, DOI or link: 'abc' (give a PMID (21694556), a DOI"),
        ("0123", "not a PMID: '0123' (a PMID is 1 to 9 digits"),
        ("1234567890", "not a PMID: '1234567890'"),
        ("10.1000/{evil}", "not a DOI: '10.1000/{evil}'"),
        ("https://example.org/21694556", "not a PMID, DOI or link"),
        ("https://www.ncbi.nlm.nih.gov/21694556", "not a PMID, DOI or link"),
        ("ftp://doi.org/10.1000/x", "not a PMID, DOI or link"),
        ("https://doi.org/not-a-doi", "not a PMID, DOI or link"),
        ("javascript:alert(1)//10.1000/x", "not a PMID, DOI or link"),
        ("\x1b[31m21694556", "not a PMID, DOI or link: '\\x1b[31m21694556'"),
    ],
)
def test_what_names_no_work_is_refused_with_the_forms(given: str, says: str) -> None:
    with pytest.raises(SourceError) as raised:
        parse_source(given)
    assert str(raised.value).startswith(says)
    assert "\n" not in str(raised.value) and "\x1b" not in str(raised.value)


def test_one_work_given_twice_is_one_source() -> None:
    sources = parse_sources(["21694556", "PMID:21694556", GARBER_DOI, GARBER_DOI.upper()])
    assert sources == [Source("pmid", "21694556"), Source("doi", GARBER_DOI)]
    assert [source.label for source in sources] == ["PMID 21694556", f"DOI {GARBER_DOI}"]
