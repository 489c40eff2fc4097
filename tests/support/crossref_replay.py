"""A local stand-in for Crossref's REST API: replays recorded work records on 127.0.0.1.

Tests point ``CROSSREF_URL`` at it. It answers ``GET /works/{doi}`` from one
fixture file per DOI (tests/fixtures/crossref, the DOI's ``/`` written ``_``)
and 404 for any other DOI, as Crossref does, and logs every request with its
parameters and User-Agent (to check the polite ``mailto``). It can be told to
answer anything instead (``bodies``: a DOI's whole JSON body, ``statuses``: an
HTTP status for every request).
"""

from __future__ import annotations

import contextlib
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "crossref"


@dataclass(frozen=True)
class LoggedRequest:
    doi: str
    parameters: dict[str, str]
    user_agent: str


class CrossrefReplay:
    """Start with ``with CrossrefReplay() as server: server.base_url``."""

    def __init__(self, fixtures: Path = FIXTURES) -> None:
        self.fixtures = fixtures
        self.requests: list[LoggedRequest] = []
        self.bodies: dict[str, bytes] = {}  # DOI (lower case) -> the body answered for it
        self.status: int | None = None  # answered for every request when set
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> CrossrefReplay:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def body(self, doi: str) -> bytes | None:
        if doi.lower() in self.bodies:
            return self.bodies[doi.lower()]
        for fixture in self.fixtures.glob("*.json"):
            if fixture.stem.lower() == doi.replace("/", "_").lower():
                return fixture.read_bytes()
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server's method name
                url = urllib.parse.urlsplit(self.path)
                parameters = dict(urllib.parse.parse_qsl(url.query))
                doi = urllib.parse.unquote(url.path.removeprefix("/works/"))
                agent = self.headers.get("User-Agent", "")
                replay.requests.append(LoggedRequest(doi, parameters, agent))
                body = replay.body(doi) if url.path.startswith("/works/") else None
                if replay.status is not None:
                    self._answer(replay.status, b'{"status": "error"}')
                elif body is None:
                    self._answer(404, b"Resource not found.")
                else:
                    self._answer(200, body)

            def _answer(self, status: int, body: bytes) -> None:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output quiet

        return Handler
