"""The deadline of one request: a watchdog that shuts its sockets, however slow the server."""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error

import pytest

from evidence_guides.pubmed.watchdog import RedirectRefused, Watchdog, opener
from tests.support.eutils_replay import EutilsReplay


def test_a_dripping_answer_is_cut_off_at_the_deadline() -> None:
    with EutilsReplay() as server:
        server.drip = 0.05  # a byte every 50 ms: no socket timeout ever trips
        started = time.monotonic()
        url = server.base_url + "efetch.fcgi?db=pubmed&id=22777332"
        with (
            Watchdog(0.3) as watchdog,
            pytest.raises((OSError, http.client.HTTPException, ValueError)),
            opener(watchdog).open(url, timeout=5) as response,
        ):
            response.read()  # whichever read the shut socket ends, it fails
        assert watchdog.fired
        # The deadline's own check, not a speed test: the answer (over 1,200 bytes, one every
        # 50 ms) takes over a minute to read in full, the watchdog cuts it at 0.3 s. So 20 s
        # leaves a loaded machine room and fails a deadline that did not cut it off.
        assert time.monotonic() - started < 20


def test_a_request_within_its_time_is_left_alone() -> None:
    with EutilsReplay() as server, Watchdog(0.2) as watchdog:
        url = server.base_url + "efetch.fcgi?db=pubmed&id=22777332"
        with opener(watchdog).open(url, timeout=5) as response:
            assert b"<PMID" in response.read()
    time.sleep(0.3)  # past the budget: the timer was cancelled on leaving
    assert not watchdog.fired


def test_a_socket_watched_after_the_deadline_is_shut_at_once() -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        with Watchdog(0) as watchdog:
            deadline = time.monotonic() + 2
            while not watchdog.fired and time.monotonic() < deadline:
                time.sleep(0.01)
            watchdog.watch(ours)
            watchdog.watch(None)  # a connection that never got a socket
        ours.settimeout(2)
        assert ours.recv(1) == b""  # shut: the read ends instead of waiting


def _redirect(server: EutilsReplay, target: str) -> None:
    server.raw.append(
        f"HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n".encode()
    )


@pytest.mark.parametrize("target", ["file:///etc/passwd", "data:,x"])
def test_a_redirect_away_from_http_is_refused(target: str) -> None:
    with EutilsReplay() as server, Watchdog(5) as watchdog:
        _redirect(server, target)
        with pytest.raises(urllib.error.HTTPError, match="is not allowed"):
            opener(watchdog).open(server.base_url + "efetch.fcgi", timeout=5)


@pytest.mark.parametrize(
    "target",
    [
        "http://localhost:{port}/efetch.fcgi?db=pubmed&id=22777332",  # the same server, by name
        "http://198.51.100.7/efetch.fcgi",
    ],
)
def test_a_redirect_to_another_host_is_refused(target: str) -> None:
    with EutilsReplay() as server, Watchdog(5) as watchdog:
        target = target.format(port=server.base_url.split(":")[2].split("/")[0])
        _redirect(server, target)
        with pytest.raises(RedirectRefused) as refused:
            opener(watchdog).open(server.base_url + "efetch.fcgi", timeout=5)
        assert refused.value.target == target


def test_a_redirect_on_the_same_host_is_followed() -> None:
    with EutilsReplay() as server, Watchdog(5) as watchdog:
        _redirect(server, server.base_url + "efetch.fcgi?db=pubmed&id=22777332")
        with opener(watchdog).open(server.base_url + "old/efetch.fcgi", timeout=5) as response:
            assert b"<PMID" in response.read()
