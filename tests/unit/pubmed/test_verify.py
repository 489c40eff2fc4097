"""Verifying the store against PubMed: drift at the field's line, retractions, the cache."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from evidence_guides.audit.model import AuditSettings, SeveritySetting
from evidence_guides.audit.sink import Sink
from evidence_guides.findings import Finding
from evidence_guides.pubmed.bibtex import bibtex_entry
from evidence_guides.pubmed.cache import RecordCache
from evidence_guides.pubmed.client import EutilsClient
from evidence_guides.pubmed.records import PubMedRecord, parse_efetch
from evidence_guides.pubmed.settings import EutilsSettings
from evidence_guides.pubmed.verify import verify_store
from evidence_guides.store.entry import BibStore
from evidence_guides.store.parse import parse_bib
from tests.support.eutils_replay import FIXTURES, EutilsReplay, efetch_body

PMIDS = ["21681120", "21694556", "22777332"]
GARBER_YEAR = "year    = {2011},\n  volume  = {43},\n  number  = {7}"


def _imported_store() -> str:
    records = parse_efetch(efetch_body(PMIDS))
    keys = {"21681120": "ainsworth2011", "21694556": "garber2011", "22777332": "westcott2012"}
    return "\n".join(bibtex_entry(records[p], keys[p]) for p in PMIDS)


def _client(server: EutilsReplay, cache: RecordCache | None = None) -> EutilsClient:
    settings = EutilsSettings(base_url=server.base_url, email="e@example.org", backoff=0.01)
    return EutilsClient(settings, cache)


def _verify(
    store: BibStore,
    fetch: Callable[[Sequence[str]], Mapping[str, PubMedRecord]],
    severities: Mapping[str, SeveritySetting] | None = None,
) -> list[Finding]:
    """verify_store's findings, through a sink with the project's ``severities``."""
    here = Path(".")
    settings = AuditSettings(here, here, Path(store.path), severities=dict(severities or {}))
    sink = Sink(store.path, settings)
    verify_store(store, fetch, sink)
    return sorted(sink.findings)


def test_imported_entries_do_not_drift() -> None:
    with EutilsReplay() as server:
        assert _verify(parse_bib(_imported_store(), "refs.bib"), _client(server).fetch) == []


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (GARBER_YEAR, GARBER_YEAR.replace("2011", "2012"),
         "year", "garber2011: year 2012 differs from PubMed (2011)"),
        ("author  = {Garber, C. E.", "author  = {Smith, C. E.", "author",
         "garber2011: first author 'Smith' differs from PubMed ('Garber')"),
        ("title   = {American College of Sports Medicine position stand.", "title   = {ACSM stand.",
         "title", "garber2011: title differs from PubMed"),
        ("doi     = {10.1249/MSS.0b013e318213fefb}", "doi     = {10.1249/MSS.wrong}", "doi",
         "garber2011: DOI 10.1249/MSS.wrong differs from PubMed (10.1249/MSS.0b013e318213fefb)"),
    ],
)  # fmt: skip
def test_drift_is_reported_at_the_field(old: str, new: str, field: str, message: str) -> None:
    text = _imported_store()
    assert old in text
    text = text.replace(old, new, 1)
    store = parse_bib(text, "references/refs.bib")
    with EutilsReplay() as server:
        (finding,) = _verify(store, _client(server).fetch)
    assert (finding.rule, finding.severity, finding.message) == (
        "reference-drift",
        "error",
        message,
    )
    assert finding.line == store.entries["garber2011"].field_lines[field]


def test_case_and_punctuation_are_not_drift() -> None:
    text = _imported_store().replace("a second update of codes", "A Second Update of Codes")
    with EutilsReplay() as server:
        assert _verify(parse_bib(text, "r.bib"), _client(server).fetch) == []


def test_retraction_reported_when_pubmed_marks_it(tmp_path: Path) -> None:
    fixtures = tmp_path / "pubmed"
    shutil.copytree(FIXTURES, fixtures)
    record = fixtures / "22777332.xml"
    record.write_text(
        record.read_text().replace(
            "<PublicationType>Review</PublicationType>",
            "<PublicationType>Review</PublicationType>"
            "<PublicationType>Retracted Publication</PublicationType>",
        )
    )
    store = parse_bib(_imported_store(), "refs.bib")
    with EutilsReplay(fixtures) as server:
        (finding,) = _verify(store, _client(server).fetch)
    assert finding.rule == "retracted-source"
    assert finding.message == "westcott2012: PubMed marks PMID 22777332 as retracted"
    assert finding.line == store.entries["westcott2012"].line


def test_second_run_makes_no_request(tmp_path: Path) -> None:
    store = parse_bib(_imported_store(), "refs.bib")
    cache = RecordCache(tmp_path / "cache")
    with EutilsReplay() as server:
        _verify(store, _client(server, cache).fetch)
        first = len(server.requests)
        _verify(store, _client(server, cache).fetch)
        assert (first, len(server.requests)) == (1, 1)


def test_severity_off() -> None:
    text = _imported_store().replace(GARBER_YEAR, GARBER_YEAR.replace("2011", "2012"))
    with EutilsReplay() as server:
        assert (
            _verify(parse_bib(text, "r.bib"), _client(server).fetch, {"reference-drift": "off"})
            == []
        )


def test_severities_come_from_the_settings() -> None:
    text = _imported_store().replace(GARBER_YEAR, GARBER_YEAR.replace("2011", "2012"))
    with EutilsReplay() as server:
        (finding,) = _verify(
            parse_bib(text, "r.bib"), _client(server).fetch, {"reference-drift": "warning"}
        )
    assert (finding.rule, finding.severity, finding.path) == ("reference-drift", "warning", "r.bib")
