"""PubMed records from efetch XML, fetched politely from a replay server on loopback."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest

from evidence_guides.pubmed.eutils import EutilsClient, EutilsError, EutilsSettings, RecordCache
from evidence_guides.pubmed.records import PubMedFormatError, parse_efetch
from tests.support.eutils_replay import FIXTURES, EutilsReplay, efetch_body


@pytest.fixture
def replay():
    with EutilsReplay() as server:
        yield server


def _client(replay: EutilsReplay, cache: RecordCache | None = None, **settings) -> EutilsClient:
    options = {
        "base_url": replay.base_url,
        "email": "editor@example.org",
        "backoff": 0.01,
        **settings,
    }
    return EutilsClient(EutilsSettings(**options), cache)


def test_record_fields_from_pubmed_xml() -> None:
    record = parse_efetch(efetch_body(["21681120"]))["21681120"]
    assert (
        record.title
        == "2011 Compendium of Physical Activities: a second update of codes and MET values"
    )
    assert record.journal == "Med Sci Sports Exerc"
    assert (record.year, record.volume, record.issue) == ("2011", "43", "8")
    assert record.pages == "1575-1581"  # MEDLINE's "1575-81", expanded
    assert record.doi == "10.1249/MSS.0b013e31821ece12"
    assert len(record.authors) == 10
    bassett = record.authors[4]
    assert (bassett.last, bassett.initials, bassett.suffix) == ("Bassett", "DR", "Jr")
    assert record.publication_types == ("Journal Article",)
    assert record.retracted is False


def test_collective_author() -> None:
    record = parse_efetch(efetch_body(["21694556"]))["21694556"]
    last = record.authors[-1]
    assert last.collective and last.last == "American College of Sports Medicine"
    assert record.first_author == "Garber"


def test_retraction_is_read_from_type_or_notice() -> None:
    xml = (FIXTURES / "22777332.xml").read_text()
    as_type = xml.replace(
        "<PublicationType>Review</PublicationType>",
        "<PublicationType>Review</PublicationType>"
        "<PublicationType>Retracted Publication</PublicationType>",
    )
    as_notice = xml.replace(
        "</MedlineCitation>",
        '<CommentsCorrectionsList><CommentsCorrections RefType="RetractionIn">'
        "<RefSource>Notice</RefSource></CommentsCorrections></CommentsCorrectionsList>"
        "</MedlineCitation>",
    )
    for variant in (as_type, as_notice):
        document = f"<PubmedArticleSet>{variant}</PubmedArticleSet>".encode()
        assert parse_efetch(document)["22777332"].retracted is True


@pytest.mark.parametrize(
    "body",
    [
        b"<PubmedArticleSet><PubmedArticle>",
        b"<html>Service unavailable</html>",
        b"",
        b"<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>",
    ],
)
def test_malformed_responses_are_one_line_errors(body: bytes) -> None:
    with pytest.raises(PubMedFormatError) as raised:
        parse_efetch(body)
    assert "\n" not in str(raised.value)


WESTCOTT = (FIXTURES / "22777332.xml").read_text(encoding="utf-8")


def _variant(old: str, new: str) -> bytes:
    """The 22777332 record with ``old`` replaced by ``new``, as efetch would send it."""
    assert old in WESTCOTT
    return f"<PubmedArticleSet>{WESTCOTT.replace(old, new)}</PubmedArticleSet>".encode()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (">22777332</PMID>", ">../../../x</PMID>", "PMID '../../../x', which is not a PMID"),
        (">22777332</PMID>", ">022777332</PMID>", "which is not a PMID"),
        (">22777332</PMID>", ">1234567890</PMID>", "which is not a PMID"),
        (
            ">10.1249/JSR.0b013e31825dabb8</ELocationID>",
            ">10.1/x}}@article{evil, pmid={21694556},</ELocationID>",
            "has DOI '10.1/x}}@article{evil",
        ),
        (
            ">10.1249/JSR.0b013e31825dabb8</ELocationID>",
            ">doi:10.1249/JSR</ELocationID>",
            "which is not a DOI",
        ),
        ("<Year>2012</Year>", "<Year>2012}</Year>", "has year '2012}', which is not a year"),
        (
            "Resistance training",
            "Resistance\u202etraining",
            "title with the control character U+202E",
        ),
        (
            "Resistance training",
            "Resistance&#155;training",
            "title with the control character U+009B",
        ),
        ("<LastName>Westcott", "<LastName>West&#x9B;cott", "author name with the control"),
    ],
)
def test_records_with_malformed_fields_are_refused(old: str, new: str, message: str) -> None:
    with pytest.raises(PubMedFormatError) as raised:
        parse_efetch(_variant(old, new))
    assert message in str(raised.value)
    assert str(raised.value).isascii() and "\n" not in str(raised.value)


def test_a_pmc_id_must_be_one() -> None:
    extra = '<ArticleId IdType="pmc">PMC1/../2</ArticleId></ArticleIdList>'
    with pytest.raises(
        PubMedFormatError, match=re.escape("PMC ID 'PMC1/../2', which is not a PMC ID")
    ):
        parse_efetch(_variant("</ArticleIdList>", extra))


def test_fetch_sends_etiquette_parameters(replay: EutilsReplay) -> None:
    records = _client(replay, api_key="KEY123").fetch(["21681120", "21694556"])
    assert set(records) == {"21681120", "21694556"}
    (request,) = replay.requests
    assert request.path == "/entrez/eutils/efetch.fcgi"
    assert request.parameters == {
        "db": "pubmed",
        "id": "21681120,21694556",
        "retmode": "xml",
        "tool": "evidence-guides",
        "email": "editor@example.org",
        "api_key": "KEY123",
    }


def test_at_most_200_ids_per_request(replay: EutilsReplay) -> None:
    pmids = ["21681120"] + [str(40000000 + n) for n in range(400)]
    with pytest.raises(EutilsError, match="no record for PMID 40000000, 40000001"):
        _client(replay).fetch(pmids)
    assert [len(r.parameters["id"].split(",")) for r in replay.requests] == [200, 200, 1]


@pytest.mark.parametrize(("api_key", "rate"), [(None, 3), ("KEY", 10)])
def test_rate_limit(replay: EutilsReplay, api_key: str | None, rate: int) -> None:
    client = _client(replay, api_key=api_key)
    for pmid in ["21681120", "21694556", "22777332", "25853914"]:
        client.fetch([pmid])
    times = [r.time for r in replay.requests]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= 1 / rate - 0.01


def test_retries_on_429_and_5xx(replay: EutilsReplay) -> None:
    replay.statuses.extend([429, 503, 500])
    assert "21681120" in _client(replay).fetch(["21681120"])
    assert len(replay.requests) == 4


def test_gives_up_after_retries(replay: EutilsReplay) -> None:
    replay.statuses.extend([503] * 10)
    with pytest.raises(EutilsError, match=r"^PubMed answered HTTP 503"):
        _client(replay, retries=2).fetch(["21681120"])
    assert len(replay.requests) == 3


def test_client_errors_are_not_retried(replay: EutilsReplay) -> None:
    replay.statuses.append(400)
    with pytest.raises(EutilsError, match="HTTP 400"):
        _client(replay).fetch(["21681120"])
    assert len(replay.requests) == 1


def test_network_down_is_one_line() -> None:
    settings = EutilsSettings(base_url="http://127.0.0.1:9/", retries=1, backoff=0.01, timeout=2)
    with pytest.raises(
        EutilsError, match=r"^cannot reach PubMed at http://127\.0\.0\.1:9/"
    ) as raised:
        EutilsClient(settings).fetch(["21681120"])
    assert "\n" not in str(raised.value)


def test_cache_makes_the_second_run_free(replay: EutilsReplay, tmp_path: Path) -> None:
    cache = RecordCache(tmp_path / "cache")
    first = _client(replay, cache).fetch(["21681120", "21694556"])
    second = _client(replay, cache).fetch(["21681120", "21694556"])
    assert first == second
    assert len(replay.requests) == 1


def test_stale_cache_is_refetched(replay: EutilsReplay, tmp_path: Path) -> None:
    cache = RecordCache(tmp_path / "cache", max_age=0)
    _client(replay, cache).fetch(["21681120"])
    _client(replay, cache).fetch(["21681120"])
    assert len(replay.requests) == 2


def test_settings_from_environment() -> None:
    settings = EutilsSettings.from_environment(
        {"NCBI_EUTILS_URL": "http://127.0.0.1:1/x", "NCBI_API_KEY": "k", "NCBI_EMAIL": "e@x.org"}
    )
    assert settings.base_url == "http://127.0.0.1:1/x/"
    assert (settings.api_key, settings.email, settings.requests_per_second) == ("k", "e@x.org", 10)
    assert EutilsSettings.from_environment({}).base_url.startswith(
        "https://eutils.ncbi.nlm.nih.gov/"
    )


# --- an untrustworthy server or cache ---------------------------------------------------------


def test_retry_after_is_capped_and_announced(replay: EutilsReplay) -> None:
    replay.statuses.append(503)
    replay.retry_after = "3600"
    sleeps: list[float] = []
    notices: list[str] = []
    settings = EutilsSettings(base_url=replay.base_url, backoff=0.01)
    client = EutilsClient(settings, sleep=sleeps.append, notify=notices.append)
    assert "22777332" in client.fetch(["22777332"])
    assert sleeps[0] == 30.0
    assert notices == [
        "PubMed answered HTTP 503 Service Unavailable; asking again in 30 s"
        " (it asked for 3600 s), retry 1 of 4"
    ]


def test_a_wait_past_the_deadline_fails_at_once(replay: EutilsReplay) -> None:
    replay.statuses.append(429)
    replay.retry_after = "20"
    sleeps: list[float] = []
    client = _client(replay, deadline=5.0)
    client._sleep = sleeps.append
    with pytest.raises(EutilsError, match="waiting 20 s more would pass the 5 s deadline"):
        client.fetch(["22777332"])
    assert sleeps == [] and len(replay.requests) == 1


def test_a_short_body_is_a_broken_answer(replay: EutilsReplay) -> None:
    replay.raw.append(b"HTTP/1.1 200 OK\r\nContent-Length: 900\r\n\r\n<PubmedArticleSet>")
    with pytest.raises(EutilsError, match=r"broken HTTP answer .*\(IncompleteRead\(18 bytes read"):
        _client(replay, retries=0).fetch(["22777332"])


def test_a_record_for_another_pmid_is_no_answer(replay: EutilsReplay, tmp_path: Path) -> None:
    replay.records["22777332"] = (FIXTURES / "21694556.xml").read_text()
    cache = RecordCache(tmp_path / "cache")
    with pytest.raises(EutilsError, match="no record for PMID 22777332"):
        _client(replay, cache).fetch(["22777332"])
    assert not (tmp_path / "cache" / "21694556.xml").exists()


def test_deadline_from_environment() -> None:
    environ = {"GUIDES_HTTP_DEADLINE": "2.5"}
    assert EutilsSettings.from_environment(environ).deadline == 2.5
    assert EutilsSettings.from_environment({}).deadline == 600.0
    for bad in ("soon", "0", "-1", "inf", "nan"):
        with pytest.raises(EutilsError, match="GUIDES_HTTP_DEADLINE must be a positive number"):
            EutilsSettings.from_environment({"GUIDES_HTTP_DEADLINE": bad})


def _damage(path: Path, how: str) -> None:
    if how == "folder":
        path.mkdir()
    elif how == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif how == "fifo":
        os.mkfifo(path)
    elif how == "not UTF-8":
        path.write_bytes(
            WESTCOTT.replace("Westcott", "West\udcffcott").encode("utf-8", "surrogateescape")
        )
    elif how == "another PMID":
        path.write_text(
            f"<PubmedArticleSet>{(FIXTURES / '21694556.xml').read_text()}</PubmedArticleSet>"
        )
    elif how == "an error answer":
        path.write_text("<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>")
    elif how == "a record with a bad PMID":
        path.write_bytes(_variant(">22777332</PMID>", ">../../x</PMID>"))
    elif how == "nested deeply":
        path.write_text(
            "<PubmedArticleSet>" + "<a>" * 100_000 + "</a>" * 100_000 + "</PubmedArticleSet>"
        )


@pytest.mark.parametrize(
    "how",
    [
        "folder", "link to /dev/zero", "fifo", "not UTF-8", "another PMID", "an error answer",
        "a record with a bad PMID", "nested deeply",
    ],
)  # fmt: skip
def test_a_cache_entry_that_cannot_be_trusted_is_a_miss(tmp_path: Path, how: str) -> None:
    cache = RecordCache(tmp_path)
    _damage(tmp_path / "22777332.xml", how)
    assert cache.get("22777332") is None


def test_cache_paths_are_made_from_pmids_only(tmp_path: Path) -> None:
    cache = RecordCache(tmp_path / "cache")
    assert cache.get("../../etc/passwd") is None
    with pytest.raises(ValueError, match="not a PMID"):
        cache.put("../x", b"<PubmedArticleSet/>")
    assert list(tmp_path.iterdir()) == []


def test_a_cache_that_cannot_be_written_is_one_warning(
    replay: EutilsReplay, tmp_path: Path
) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be")
    notices: list[str] = []
    settings = EutilsSettings(base_url=replay.base_url)
    client = EutilsClient(settings, RecordCache(tmp_path / "cache"), notify=notices.append)
    assert set(client.fetch(["22777332", "21694556"])) == {"22777332", "21694556"}
    (notice,) = notices
    assert notice.startswith(f"warning: cannot write the PubMed cache ({tmp_path / 'cache'}")
