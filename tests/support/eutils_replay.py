"""A local stand-in for NCBI E-utilities: replays recorded PubMed XML on 127.0.0.1.

Tests point ``NCBI_EUTILS_URL`` (or ``EutilsSettings.base_url``) at it. It
answers ``efetch.fcgi`` from one fixture file per PMID, and ``esearch.fcgi``
for a DOI (``"10.1/x"[doi]``) or a PMC ID (``PMC1[pmcid]``) with the fixtures
that hold it (``searches`` adds or replaces answers by term), logs every request
with its time and parameters (so tests count requests and check the rate
limit), and can be told to fail: a queue of HTTP statuses to answer before
succeeding, or a malformed body.

It can also be hostile, as a compromised or broken server would be: records
replaced by any XML (``records``), raw bytes instead of an HTTP answer
(``raw``: a short body, a bad chunk size, 150 headers), an answer dripped one
byte at a time (``drip``), a long ``Retry-After``, or a pause before answering
(``delay``, to make two clients overlap).
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pubmed"


def efetch_body(
    pmids: list[str], fixtures: Path = FIXTURES, records: dict[str, str] | None = None
) -> bytes:
    """What efetch answers for ``pmids``: the known records, unknown ones left out.

    ``records`` replaces the fixture of a PMID with any ``PubmedArticle`` XML.
    """
    articles = []
    for pmid in pmids:
        fixture = fixtures / f"{pmid}.xml"
        if records and pmid in records:
            articles.append(records[pmid])
        elif fixture.is_file():
            articles.append(fixture.read_text(encoding="utf-8"))
    document = '<?xml version="1.0" ?>\n<PubmedArticleSet>\n'
    return (document + "".join(articles) + "</PubmedArticleSet>\n").encode()


_SEARCH_RE = re.compile(r'"?(?P<value>[^"\[]+)"?\[(?P<field>doi|pmcid)\]', re.IGNORECASE)


def esearch_body(term: str, fixtures: Path = FIXTURES) -> bytes:
    """What esearch (``retmode=json``) answers for a DOI or PMC ID: the fixtures holding it."""
    match = _SEARCH_RE.fullmatch(term.strip())
    found = []
    if match is not None:
        value, field = match.group("value").lower(), match.group("field").lower()
        kinds = ("doi",) if field == "doi" else ("pmc",)
        for fixture in sorted(fixtures.glob("*.xml")):
            text = fixture.read_text(encoding="utf-8")
            ids = re.findall(r'(?:IdType|EIdType)="([a-z]+)"[^>]*>([^<]+)<', text)
            if any(kind in kinds and found_id.lower() == value for kind, found_id in ids):
                found.append(fixture.stem)
    return search_answer(found)


def search_answer(pmids: list[str]) -> bytes:
    """An esearch answer listing ``pmids``, as NCBI writes it in JSON."""
    result = {"count": str(len(pmids)), "retmax": str(len(pmids)), "idlist": pmids}
    return json.dumps({"header": {"type": "esearch"}, "esearchresult": result}).encode()


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
        self.retry_after = "0"  # sent with each of those statuses
        self.malformed = False
        self.records: dict[str, str] = {}  # PMID -> the PubmedArticle XML answered for it
        self.searches: dict[str, bytes] = {}  # esearch term -> the whole answer for it
        self.raw: deque[bytes] = deque()  # whole answers (status line on), one per request
        self.drip: float | None = None  # seconds between the bytes of each answer
        self.delay = 0.0  # seconds before answering
        self._closing = threading.Event()
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
        self._closing.set()  # ends a drip still going
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server's method name
                url = urllib.parse.urlsplit(self.path)
                parameters = dict(urllib.parse.parse_qsl(url.query))
                replay.requests.append(LoggedRequest(time.monotonic(), url.path, parameters))
                replay._closing.wait(replay.delay)
                if replay.raw:
                    self._send(replay.raw.popleft())
                elif replay.statuses:
                    retry = {"Retry-After": replay.retry_after}
                    self._answer(replay.statuses.popleft(), b"busy", retry)
                elif url.path.endswith("/esearch.fcgi"):
                    term = parameters.get("term", "")
                    body = replay.searches.get(term) or esearch_body(term, replay.fixtures)
                    self._answer(200, body)
                elif not url.path.endswith("/efetch.fcgi"):
                    self._answer(404, b"unknown endpoint")
                elif replay.malformed:
                    self._answer(200, b"<PubmedArticleSet><PubmedArticle>")
                else:
                    pmids = [p for p in parameters.get("id", "").split(",") if p]
                    self._answer(200, efetch_body(pmids, replay.fixtures, replay.records))

            def _answer(
                self, status: int, body: bytes, headers: dict[str, str] | None = None
            ) -> None:
                lines = [f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}"]
                lines += ["Content-Type: text/xml; charset=utf-8", f"Content-Length: {len(body)}"]
                lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
                self._send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)

            def _send(self, answer: bytes) -> None:
                """Write the answer, a byte at a time when dripping; a gone client is fine."""
                self.close_connection = True
                with contextlib.suppress(OSError):
                    if replay.drip is None:
                        self.wfile.write(answer)
                        return
                    for index in range(len(answer)):
                        if replay._closing.wait(replay.drip):
                            return
                        self.wfile.write(answer[index : index + 1])
                        self.wfile.flush()

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output quiet

        return Handler
