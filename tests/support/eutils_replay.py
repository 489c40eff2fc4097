"""A local stand-in for NCBI E-utilities: replays recorded PubMed XML on 127.0.0.1.

Tests point ``NCBI_EUTILS_URL`` (or ``EutilsSettings.base_url``) at it. It
answers ``efetch.fcgi`` from one fixture file per PMID, logs every request
with its time and parameters (so tests count requests and check the rate
limit), and can be told to fail: a queue of HTTP statuses to answer before
succeeding, or a malformed body.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pubmed"


def efetch_body(pmids: list[str], fixtures: Path = FIXTURES) -> bytes:
    """What efetch answers for ``pmids``: the known records, unknown ones left out."""
    articles = []
    for pmid in pmids:
        fixture = fixtures / f"{pmid}.xml"
        if fixture.is_file():
            articles.append(fixture.read_text(encoding="utf-8"))
    document = '<?xml version="1.0" ?>\n<PubmedArticleSet>\n'
    return (document + "".join(articles) + "</PubmedArticleSet>\n").encode()


@dataclass(frozen=True)
class LoggedRequest:
    time: float
    path: str
    parameters: dict[str, str]


class EutilsReplay:
    """Start with ``with EutilsReplay() as server: server.base_url``."""

    def __init__(self, fixtures: Path = FIXTURES) -> None:
        self.fixtures = fixtures
        self.requests: list[LoggedRequest] = []
        self.statuses: deque[int] = deque()  # answered first, one per request
        self.malformed = False
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        # A short poll interval: shutdown() waits for one, once per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/entrez/eutils/"

    def __enter__(self) -> EutilsReplay:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server's method name
                url = urllib.parse.urlsplit(self.path)
                parameters = dict(urllib.parse.parse_qsl(url.query))
                replay.requests.append(LoggedRequest(time.monotonic(), url.path, parameters))
                if replay.statuses:
                    self._answer(replay.statuses.popleft(), b"busy", {"Retry-After": "0"})
                elif not url.path.endswith("/efetch.fcgi"):
                    self._answer(404, b"unknown endpoint")
                elif replay.malformed:
                    self._answer(200, b"<PubmedArticleSet><PubmedArticle>")
                else:
                    pmids = [p for p in parameters.get("id", "").split(",") if p]
                    self._answer(200, efetch_body(pmids, replay.fixtures))

            def _answer(
                self, status: int, body: bytes, headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "text/xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output quiet

        return Handler
