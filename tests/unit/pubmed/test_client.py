"""The E-utilities client: NCBI's etiquette, retries, deadlines and the cache, on loopback."""

from __future__ import annotations

import email.utils
import itertools
import time
from pathlib import Path

import pytest

from evidence_guides.pubmed import client as client_module
from evidence_guides.pubmed.cache import RecordCache
from evidence_guides.pubmed.client import EutilsClient, RateLimiter
from evidence_guides.pubmed.settings import EutilsError, EutilsSettings
from tests.support.eutils_replay import FIXTURES, EutilsReplay


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
def test_rate_limit(
    replay: EutilsReplay, api_key: str | None, rate: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Requests leave the client at most ``rate`` a second (NCBI's limit, with or without a key).

    Each request is sent after the limiter let it go, and the limiter lets them go
    ``1 / rate`` apart. Timed where the limiter releases each, not where it is sent
    or read: a loaded machine can delay one send and not the next, which says
    nothing of the client.
    """
    events: list[tuple[str, float]] = []
    real_opener, real_wait = client_module.opener, client_module.RateLimiter.wait

    def timed_wait(limiter: client_module.RateLimiter) -> None:
        real_wait(limiter)
        # When it let the call go, by its own clock: recording it here could be late.
        events.append(("released", limiter._next))

    def timed_opener(watchdog: object) -> object:
        built = real_opener(watchdog)
        open_request = built.open

        def open_timed(*args: object, **kwargs: object) -> object:
            events.append(("sent", time.monotonic()))
            return open_request(*args, **kwargs)

        built.open = open_timed
        return built

    monkeypatch.setattr(client_module, "opener", timed_opener)
    monkeypatch.setattr(client_module.RateLimiter, "wait", timed_wait)
    client = _client(replay, api_key=api_key)
    for pmid in ["21681120", "21694556", "22777332", "25853914"]:
        client.fetch([pmid])
    assert [kind for kind, _ in events] == ["released", "sent"] * 4
    released = [at for kind, at in events if kind == "released"]
    gaps = [later - earlier for earlier, later in itertools.pairwise(released)]
    assert min(gaps) >= 1 / rate - 1e-9  # without the limiter: a few ms


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


def test_rate_limiter_spaces_calls() -> None:
    now = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(4.0, clock=lambda: now[0], sleep=sleep)
    limiter.wait()  # the first call waits for nothing
    now[0] += 0.1
    limiter.wait()  # 0.1 s after it: waits the 0.15 s left of the interval
    now[0] += 1.0
    limiter.wait()  # long after: no wait
    assert sleeps == pytest.approx([0.15])


# --- an untrustworthy server -----------------------------------------------------------------


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


def test_retry_after_as_an_http_date(replay: EutilsReplay) -> None:
    replay.statuses.append(503)
    replay.retry_after = email.utils.formatdate(time.time() + 3600, usegmt=True)
    sleeps: list[float] = []
    settings = EutilsSettings(base_url=replay.base_url, backoff=0.01)
    assert "22777332" in EutilsClient(settings, sleep=sleeps.append).fetch(["22777332"])
    assert sleeps[0] == 30.0  # capped at max_retry_wait, as a number of seconds is


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
