"""From a PMID, DOI or PMC ID to a record: PubMed first, Crossref for a DOI PubMed lacks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from evidence_guides.pubmed.client import EutilsClient, search_ids
from evidence_guides.pubmed.crossref import CrossrefClient, CrossrefSettings
from evidence_guides.pubmed.resolve import Resolver
from evidence_guides.pubmed.settings import EutilsError, EutilsSettings
from evidence_guides.pubmed.sources import Source
from tests.support.crossref_replay import CrossrefReplay
from tests.support.eutils_replay import EutilsReplay, search_answer

PIERCY_DOI = "10.1001/jama.2018.14854"  # PMID 30418471, in the recorded fixtures
INVENTED_DOI = "10.5555/evidence-guides.0001"  # only Crossref's (invented) fixture has it


@pytest.fixture
def servers() -> Iterator[tuple[EutilsReplay, CrossrefReplay]]:
    with EutilsReplay() as pubmed, CrossrefReplay() as crossref:
        yield pubmed, crossref


def _resolver(servers: tuple[EutilsReplay, CrossrefReplay]) -> Resolver:
    pubmed, crossref = servers
    client = EutilsClient(EutilsSettings(base_url=pubmed.base_url, backoff=0.01))
    return Resolver(client, lambda: CrossrefClient(CrossrefSettings(base_url=crossref.base_url)))


def test_a_doi_pubmed_indexes_comes_from_pubmed_with_its_pmid(servers) -> None:
    ((_, record),) = _resolver(servers)([Source("doi", PIERCY_DOI.upper())])
    assert record is not None and (record.pmid, record.doi) == ("30418471", PIERCY_DOI)
    pubmed, crossref = servers
    assert [r.parameters.get("term") for r in pubmed.requests] == [
        f'"{PIERCY_DOI.upper()}"[doi]',
        None,  # efetch
    ]
    assert crossref.requests == []


def test_a_doi_pubmed_lacks_comes_from_crossref(servers) -> None:
    ((_, record),) = _resolver(servers)([Source("doi", INVENTED_DOI)])
    assert record is not None and (record.pmid, record.doi) == (None, INVENTED_DOI)


def test_a_pmc_id_is_found_through_pubmed(servers) -> None:
    pubmed, _ = servers
    # A stand-in answer: the recorded fixtures hold no PMC ID.
    pubmed.searches["PMC1234567[pmcid]"] = search_answer(["21694556"])
    ((_, record),) = _resolver(servers)([Source("pmcid", "PMC1234567")])
    assert record is not None and record.pmid == "21694556"


def test_sources_come_back_in_order_each_with_its_record(servers) -> None:
    sources = [Source("doi", INVENTED_DOI), Source("pmid", "22777332"), Source("doi", PIERCY_DOI)]
    found = _resolver(servers)(sources)
    assert [(source, record.pmid if record else None) for source, record in found] == [
        (sources[0], None),
        (sources[1], "22777332"),
        (sources[2], "30418471"),
    ]


@pytest.mark.parametrize(
    ("source", "answer", "says"),
    [
        (Source("doi", PIERCY_DOI), ["30418471", "21694556"], "PubMed finds 2 records for DOI"),
        (Source("doi", PIERCY_DOI), ["21694556"], "found PMID 21694556, whose DOI is 10.1249/"),
        (Source("pmcid", "PMC7"), [], "PubMed has no record with PMC ID PMC7"),
    ],
)
def test_a_search_that_does_not_find_the_work_is_one_line(
    servers, source: Source, answer: list[str], says: str
) -> None:
    pubmed, _ = servers
    term = f'"{source.value}"[doi]' if source.kind == "doi" else f"{source.value}[pmcid]"
    pubmed.searches[term] = search_answer(answer)
    with pytest.raises(EutilsError, match=says):
        _resolver(servers)([source])


@pytest.mark.parametrize(
    "body",
    [
        b"<eSearchResult><IdList/></eSearchResult>",
        b'{"esearchresult": {"idlist": ["../../etc"]}}',
        b'{"esearchresult": {"idlist": "30418471"}}',
        b"[" * 50_000,
    ],
)
def test_a_search_answer_that_is_not_one_is_one_line(body: bytes) -> None:
    with pytest.raises(EutilsError, match="PubMed's search sent an answer"):
        search_ids(body)


def test_a_search_error_is_passed_on() -> None:
    with pytest.raises(EutilsError, match="PubMed's search answered with 'Invalid query'"):
        search_ids(b'{"esearchresult": {"ERROR": "Invalid query"}}')
