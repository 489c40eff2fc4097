"""Importing by PMID: exact entries, the store kept byte for byte, nothing written on failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.bibstore import parse_bib
from evidence_guides.eutils import EutilsClient, EutilsError, EutilsSettings
from evidence_guides.pubmed import parse_efetch
from evidence_guides.refformat import format_reference
from evidence_guides.refs_import import (
    RefsImportError,
    bibtex_entry,
    bibtex_key,
    import_pmids,
    parse_pmids,
)
from tests.support.eutils_replay import EutilsReplay, efetch_body

EXISTING = (
    "% Hand-kept comment, odd   spacing and all\n"
    "@article{westcott2012,\n"
    "  author={Westcott, W. L.}, title = {Resistance training is medicine},\n"
    "  journal = {Curr Sports Med Rep}, year = 2012, pmid = {22777332},\n"
    "  doi = {10.1249/JSR.0b013e31825dabb8}}\n"
)


@pytest.fixture
def replay():
    with EutilsReplay() as server:
        yield server


def _fetch(replay: EutilsReplay):
    settings = EutilsSettings(base_url=replay.base_url, email="e@example.org", backoff=0.01)
    return EutilsClient(settings).fetch


def _record(pmid: str):
    return parse_efetch(efetch_body([pmid]))[pmid]


def test_entry_has_every_field() -> None:
    assert bibtex_entry(_record("21694556"), "garber2011") == (
        "@article{garber2011,\n"
        "  author  = {Garber, C. E. and Blissmer, B. and Deschenes, M. R. and Franklin, B. A."
        " and Lamonte, M. J. and Lee, I. M. and Nieman, D. C. and Swain, D. P."
        " and {American College of Sports Medicine}},\n"
        "  title   = {American College of Sports Medicine position stand. Quantity and quality of"
        " exercise for developing and maintaining cardiorespiratory, musculoskeletal, and"
        " neuromotor fitness in apparently healthy adults: guidance for prescribing exercise},\n"
        "  journal = {Med Sci Sports Exerc},\n"
        "  year    = {2011},\n"
        "  volume  = {43},\n"
        "  number  = {7},\n"
        "  pages   = {1334--1359},\n"
        "  doi     = {10.1249/MSS.0b013e318213fefb},\n"
        "  pmid    = {21694556},\n"
        "  pubtype = {Journal Article; Practice Guideline},\n"
        "}\n"
    )


def test_entry_round_trips_through_the_store() -> None:
    text = bibtex_entry(_record("21681120"), "ainsworth2011")
    store = parse_bib(text, "refs.bib")
    assert store.findings == ()
    reference = format_reference(store.entries["ainsworth2011"])
    assert reference.authors == "Ainsworth BE, Haskell WL, Herrmann SD, et al."
    assert store.entries["ainsworth2011"].authors[4].display() == "Bassett DR Jr"
    assert reference.details == "2011;43(8):1575-1581"
    assert reference.pmid == "21681120"


def test_retracted_record_is_marked() -> None:
    record = _record("22777332")
    retracted = type(record)(
        **{**{f: getattr(record, f) for f in record.__slots__}, "retracted": True}
    )
    entry = bibtex_entry(retracted, "westcott2012")
    assert "  retracted = {true},\n" in entry
    assert parse_bib(entry, "r.bib").entries["westcott2012"].fields["retracted"] == "true"


@pytest.mark.parametrize(
    ("taken", "key"),
    [
        (set(), "garber2011"),
        ({"garber2011"}, "garber2011a"),
        ({"Garber2011", "garber2011a"}, "garber2011b"),
    ],
)
def test_keys_avoid_collisions(taken: set[str], key: str) -> None:
    assert bibtex_key(_record("21694556"), taken) == key


def test_pmid_arguments() -> None:
    assert parse_pmids(["21694556", "PMID:21681120", "pmid 21694556"]) == ["21694556", "21681120"]
    with pytest.raises(RefsImportError, match="not a PMID: 'abc'"):
        parse_pmids(["abc"])


@pytest.mark.parametrize("ending", ["\n", "", "\r\n"])
def test_existing_bytes_are_kept(replay: EutilsReplay, tmp_path: Path, ending: str) -> None:
    bib = tmp_path / "refs.bib"
    original = (
        EXISTING.replace("\n", "\r\n") if ending == "\r\n" else EXISTING.rstrip("\n") + ending
    )
    bib.write_bytes(original.encode())
    result = import_pmids(bib, "refs.bib", ["21681120", "22777332"], _fetch(replay))
    data = bib.read_bytes()
    assert data.startswith(original.encode())
    assert result.added == (("ainsworth2011", "21681120"),)
    assert result.skipped == (("22777332", "westcott2012"),)
    if ending == "\r\n":
        assert b"\n" not in data.replace(b"\r\n", b"")
    store = parse_bib(data.decode().replace("\r\n", "\n"), "refs.bib")
    assert store.findings == ()
    assert set(store.entries) == {"westcott2012", "ainsworth2011"}


def test_second_import_is_a_no_op(replay: EutilsReplay, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(EXISTING)
    import_pmids(bib, "refs.bib", ["21681120"], _fetch(replay))
    after_first = bib.read_bytes()
    result = import_pmids(bib, "refs.bib", ["21681120"], _fetch(replay))
    assert result.added == () and result.skipped == (("21681120", "ainsworth2011"),)
    assert bib.read_bytes() == after_first
    assert len(replay.requests) == 1


@pytest.mark.parametrize("failure", ["unknown", "malformed", "http", "down"])
def test_failures_leave_the_store_untouched(
    replay: EutilsReplay, tmp_path: Path, failure: str
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(EXISTING)
    fetch = _fetch(replay)
    pmids = ["21681120"]
    if failure == "unknown":
        pmids = ["21681120", "99999999"]
    elif failure == "malformed":
        replay.malformed = True
    elif failure == "http":
        replay.statuses.extend([500] * 10)
    else:
        fetch = EutilsClient(EutilsSettings(base_url="http://127.0.0.1:9/", retries=0)).fetch
    with pytest.raises(EutilsError):
        import_pmids(bib, "refs.bib", pmids, fetch)
    assert bib.read_text() == EXISTING
    assert [p.name for p in tmp_path.iterdir()] == ["refs.bib"]


def test_an_edit_during_the_import_is_not_lost(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(EXISTING)

    def fetch_while_editor_saves(pmids):
        bib.write_text(EXISTING + "% saved by an editor meanwhile\n")
        return {pmid: _record(pmid) for pmid in pmids}

    with pytest.raises(RefsImportError, match="changed while PubMed was asked"):
        import_pmids(bib, "refs.bib", ["21681120"], fetch_while_editor_saves)
    assert bib.read_text().endswith("% saved by an editor meanwhile\n")
