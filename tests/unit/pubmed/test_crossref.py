"""Crossref: a work's record by DOI, polite, and whatever answers read as untrusted input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from evidence_guides.pubmed.crossref import (
    MAX_BODY,
    CrossrefClient,
    CrossrefSettings,
    work_record,
)
from evidence_guides.pubmed.records import PubMedAuthor
from evidence_guides.pubmed.settings import EutilsError, UnreachableError
from tests.support.crossref_replay import FIXTURES, CrossrefReplay

DOI = "10.5555/evidence-guides.0001"  # an invented record, in Crossref's test prefix
ANSWER = json.loads((FIXTURES / "10.5555_evidence-guides.0001.json").read_text())


@pytest.fixture
def crossref() -> Iterator[CrossrefReplay]:
    with CrossrefReplay() as server:
        yield server


def _client(server: CrossrefReplay, mailto: str | None = "editor@example.org") -> CrossrefClient:
    return CrossrefClient(CrossrefSettings(base_url=server.base_url, mailto=mailto))


def _answer(**changes: Any) -> bytes:
    message = {**ANSWER["message"], **changes}
    return json.dumps({**ANSWER, "message": message}).encode()


def test_a_work_is_read_into_a_record(crossref: CrossrefReplay) -> None:
    record = _client(crossref).work(DOI)
    assert record.pmid is None and record.doi == DOI
    # Markup deposited in the title is read as the text a reader sees.
    assert record.title == ("An invented record for the evidence-guides tests: VO2 & plank holds")
    assert record.authors == (
        PubMedAuthor("Example", "Ann-Marie", "AM", "", collective=False),
        PubMedAuthor("Placeholder", "Bo", "B", "Jr", collective=False),
        PubMedAuthor("Test Record Study Group", "", "", "", collective=True),
    )
    assert (record.journal, record.year, record.volume, record.issue, record.pages) == (
        "J Invent Test Rec",
        "2024",
        "1",
        "2",
        "10-19",
    )


def test_requests_are_polite(crossref: CrossrefReplay) -> None:
    _client(crossref).work(DOI)
    (request,) = crossref.requests
    assert request.doi == DOI
    assert request.parameters == {"mailto": "editor@example.org"}
    assert request.user_agent.startswith("evidence-guides/")
    assert request.user_agent.endswith("(mailto:editor@example.org)")


def test_the_contact_comes_from_the_environment() -> None:
    env = {"CROSSREF_URL": "http://127.0.0.1:1/api", "NCBI_EMAIL": "a@example.org"}
    settings = CrossrefSettings.from_environment(env)
    assert (settings.base_url, settings.mailto) == ("http://127.0.0.1:1/api/", "a@example.org")
    env["CROSSREF_MAILTO"] = "b@example.org"
    assert CrossrefSettings.from_environment(env).mailto == "b@example.org"
    with pytest.raises(EutilsError, match="CROSSREF_URL must be an http"):
        CrossrefSettings.from_environment({"CROSSREF_URL": "file:///etc/passwd"})


def test_an_unknown_doi_is_one_line(crossref: CrossrefReplay) -> None:
    with pytest.raises(EutilsError, match=r"^Crossref has no record of DOI 10\.5555/none$"):
        _client(crossref).work("10.5555/none")


def test_a_failing_service_is_one_line(crossref: CrossrefReplay) -> None:
    crossref.status = 503
    with pytest.raises(EutilsError, match=r"^Crossref answered HTTP 503 for DOI"):
        _client(crossref).work(DOI)


def test_no_answer_is_worth_a_retry_later() -> None:
    client = CrossrefClient(CrossrefSettings(base_url="http://127.0.0.1:9/"))
    with pytest.raises(UnreachableError, match=r"^cannot reach Crossref at http://127\.0\.0\.1:9/"):
        client.work(DOI)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"<html>not json</html>", "is not JSON"),
        (b"\xff\xfe\x00garbage", "is not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"status": "ok", "message": []}', "is not a work's record"),
        (b'{"status": "failed", "message": {}}', "is not a work's record"),
        (_answer(DOI="10.5555/another"), "is the record of another DOI ('10.5555/another')"),
        (_answer(title=42), "has a 'title' of the wrong type"),
        (_answer(title=[{"a": 1}]), "has a 'title' of the wrong type"),
        (_answer(author="Example, Ann"), "has a 'author' of the wrong type"),
        (_answer(author=[{"family": ["Example"]}]), "has a 'author' of the wrong type"),
        (_answer(issued={"date-parts": [["2024"]]}), "has a 'issued' of the wrong type"),
        (_answer(volume=1), "has a 'volume' of the wrong type"),
        (_answer(title=["<b></b>"]), "has no title or no year"),
        (_answer(issued=None), "has no title or no year"),
        (_answer(title=["Tab\tand\x1b[31m escape"]), "has a title with the control character"),
        (_answer(title=["x" * 20_000]), "has a title with 20000 characters"),
    ],
)
def test_hostile_json_is_one_line(body: bytes, says: str) -> None:
    with pytest.raises(EutilsError) as raised:
        work_record(body, DOI)
    assert says in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("title", "read"),
    [
        ('<script>alert(1)</script><i onclick="x()">Plank</i> holds', "Plank holds"),
        ("&lt;i&gt;Plank&lt;/i&gt; holds", "Plank holds"),  # escaped twice, as some deposit it
        ("VO<sub>2</sub> &lt; 40 and p < 0.05", "VO2 < 40 and p < 0.05"),
    ],
)
def test_markup_in_a_title_is_read_as_text(title: str, read: str) -> None:
    assert work_record(_answer(title=[title]), DOI).title == read


def test_markup_that_does_not_read_as_text_is_refused() -> None:
    with pytest.raises(EutilsError, match="has a 'title' with markup that does not read as text"):
        work_record(_answer(title=["&amp;lt;script&amp;gt;x"]), DOI)


def test_a_huge_answer_is_not_read(crossref: CrossrefReplay) -> None:
    crossref.bodies[DOI] = b" " * (MAX_BODY + 1)
    with pytest.raises(EutilsError, match="Crossref sent more than 2 MB; not read"):
        _client(crossref).work(DOI)
