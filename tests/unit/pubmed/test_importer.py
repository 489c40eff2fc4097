"""Importing by PMID: exact entries, the store kept byte for byte, nothing written on failure."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from evidence_guides.files.atomic import exclusive_lock
from evidence_guides.files.limits import Limits
from evidence_guides.pubmed import importer as refs_import
from evidence_guides.pubmed.bibtex import bibtex_entry
from evidence_guides.pubmed.client import EutilsClient
from evidence_guides.pubmed.importer import (
    RefsImportError,
    import_pmids,
)
from evidence_guides.pubmed.records import PubMedRecord, parse_efetch
from evidence_guides.pubmed.settings import EutilsError, EutilsSettings
from evidence_guides.store.parse import parse_bib
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
    assert result.added == (("ainsworth2011", "PMID 21681120"),)
    assert result.skipped == (("PMID 22777332", "westcott2012"),)
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
    assert result.added == () and result.skipped == (("PMID 21681120", "ainsworth2011"),)
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

    with pytest.raises(RefsImportError, match="changed while the import ran"):
        import_pmids(bib, "refs.bib", ["21681120"], fetch_while_editor_saves)
    assert bib.read_text().endswith("% saved by an editor meanwhile\n")


# --- records that try to get out of their fields ----------------------------------------------


GARBER_DOI = "10.1249/MSS.0b013e318213fefb"


def _with(fixture: str = "22777332", **changes: object) -> PubMedRecord:
    return dataclasses.replace(_record(fixture), **changes)


def _fetch_only(record: PubMedRecord):
    return lambda pmids: {record.pmid: record}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "refs.bib:7: the entry for PMID 22777332 would break the store's rules:"
                        " 'westcott2012a' has no title"),
        ({"authors": ()}, "'pmid2012' has no author"),
        ({"year": None}, "'westcott22777332' has no year"),
        ({"doi": GARBER_DOI}, f"duplicate DOI {GARBER_DOI}"),
        ({"volume": "12{"}, "refs.bib: PubMed's record for PMID 22777332 has volume '12{'"),
        ({"pmid": "../x"}, "refs.bib: PubMed sent no record for PMID 22777332"),
    ],
)  # fmt: skip
def test_a_record_that_fails_writes_nothing(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    bib = tmp_path / "refs.bib"
    # The store holds another paper with Garber's DOI, so that a copy of it is a duplicate.
    bib.write_text(
        EXISTING.replace("22777332", "1").replace("10.1249/JSR.0b013e31825dabb8", GARBER_DOI)
    )
    before = bib.read_bytes()
    with pytest.raises(RefsImportError, match=re.escape(message)) as raised:
        import_pmids(bib, "refs.bib", ["22777332"], _fetch_only(_with(**changes)))
    assert "nothing written" in str(raised.value)
    assert bib.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["refs.bib"]


@pytest.mark.parametrize(
    "smuggled",
    [
        "@article{evil, author = {E}, title = {T}, year = {2020}, pmid = {1}}\n",
        "  note = {injected},\n}\n",
    ],
)
def test_an_entry_that_would_not_read_back_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smuggled: str
) -> None:
    """The last line of defence, should escaping ever miss something."""
    bib = tmp_path / "refs.bib"
    bib.write_text(EXISTING)
    written = bibtex_entry

    def leaky(record: PubMedRecord, key: str) -> str:
        return written(record, key).removesuffix("}\n") + smuggled

    monkeypatch.setattr(refs_import, "bibtex_entry", leaky)
    with pytest.raises(RefsImportError, match=r"refs\.bib:\d+: .*(read back|break the store)"):
        import_pmids(bib, "refs.bib", ["21681120"], _fetch_only(_record("21681120")))
    assert bib.read_text() == EXISTING


def test_a_read_only_store_is_refused(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(EXISTING)
    bib.chmod(0o444)
    with pytest.raises(RefsImportError, match=r"refs\.bib: the file is read-only; nothing written"):
        import_pmids(bib, "refs.bib", ["21681120"], _fetch_only(_record("21681120")))
    assert bib.read_text() == EXISTING and bib.stat().st_mode & 0o777 == 0o444


def test_a_store_that_is_not_utf8_is_refused_at_its_line(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(EXISTING.encode() + b"@misc{caf\xe9, title = {x}}\n")
    before = bib.read_bytes()
    line = EXISTING.count("\n") + 1
    message = f"refs.bib:{line}:10: not valid UTF-8 (byte 0xe9); save the file as UTF-8; nothing"
    with pytest.raises(RefsImportError, match=re.escape(message)):
        import_pmids(bib, "refs.bib", ["21681120"], _fetch_only(_record("21681120")))
    assert bib.read_bytes() == before


def test_a_store_over_its_limit_is_refused(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@comment{" + "x" * 2 * 1024 * 1024 + "}\n", encoding="utf-8")
    before = bib.read_bytes()
    with pytest.raises(RefsImportError) as error:
        import_pmids(
            bib,
            "refs.bib",
            ["21681120"],
            _fetch_only(_record("21681120")),
            limits=Limits(store_mb=1),
        )
    assert str(error.value) == (
        "refs.bib: 2 MB, more than the 1 MB the reference store may have"
        " (set plugins.evidence.limits.store_mb to raise the limit); nothing written"
    )
    assert bib.read_bytes() == before


def test_a_store_locked_by_another_import_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(EXISTING)
    monkeypatch.setattr(refs_import, "LOCK_WAIT", 0.2)
    notices: list[str] = []
    with (
        exclusive_lock(bib),
        pytest.raises(RefsImportError, match="another import is writing it"),
    ):
        fetch = _fetch_only(_record("21681120"))
        import_pmids(bib, "refs.bib", ["21681120"], fetch, notify=notices.append)
    assert bib.read_text() == EXISTING
    assert notices == [
        "refs.bib is being written by another import (lock refs.bib.lock); waiting up to 0.2 s"
    ]


def test_a_linked_store_is_written_where_it_lives(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "refs.bib"
    real.parent.mkdir()
    real.write_text(EXISTING)
    link = tmp_path / "refs.bib"
    link.symlink_to(real)
    import_pmids(link, "refs.bib", ["21681120"], _fetch_only(_record("21681120")))
    assert link.is_symlink()
    assert "ainsworth2011" in parse_bib(real.read_text(), "refs.bib").entries
