"""A polite NCBI E-utilities client for PubMed records, with an on-disk cache.

NCBI's etiquette is part of the contract, not an option: every request names
the tool and a contact e-mail, sends the API key when there is one, stays
under 3 requests a second (10 with a key), asks for at most 200 ids at a time,
and retries with a growing delay when told to (429) or when the service fails
(5xx); with no answer at all it stops at once. The base URL
comes from ``NCBI_EUTILS_URL`` so tests replay recorded XML from a server on
127.0.0.1 instead of touching the internet.

Nothing the server sends is trusted, and nothing it does may hang the command:

- Time is bounded three ways: each socket operation (``timeout``), each request
  from connection to last byte (``request_deadline``, enforced by a watchdog
  that shuts the socket, so a server dripping a byte a second is cut off), and
  the whole command (``deadline``, ``GUIDES_HTTP_DEADLINE`` seconds).
- ``Retry-After`` is obeyed up to ``max_retry_wait`` seconds, and each wait is
  announced (one line, through ``notify``); a wait past the deadline fails at once.
- Bodies are capped in size; every protocol failure (a short body, a bad chunk,
  too many headers) and every record that fails :func:`pubmed.check_record` is
  an :class:`EutilsError` with a one-line message; callers write nothing after one.
- The cache names files by validated PMIDs only, reads only regular files of a
  bounded size (never through a link), and treats anything it cannot read or
  parse as missing. A cache that cannot be written is a warning, not a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import math
import os
import re
import socket
import ssl
import stat
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from evidence_guides import __version__
from evidence_guides.files.atomic import write_atomically
from evidence_guides.pubmed.records import PubMedFormatError, PubMedRecord, is_pmid, parse_efetch

DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
TOOL = "evidence-guides"
MAX_IDS_PER_REQUEST = 200
DEFAULT_CACHE_AGE = 7 * 24 * 3600  # a week: records change rarely, retractions matter
DEADLINE_VARIABLE = "GUIDES_HTTP_DEADLINE"
# The whole command. Verifying a store of 20,000 PMIDs is 100 requests of a few seconds each.
DEFAULT_DEADLINE = 600.0
DEFAULT_REQUEST_DEADLINE = 60.0  # one request: 200 records are a few megabytes
MAX_RETRY_WAIT = 30.0  # a longer Retry-After is obeyed for this long, then asked again
MAX_BODY = 64 * 1024 * 1024  # 200 records are a few megabytes; more is not PubMed
MAX_CACHED_FILE = 16 * 1024 * 1024  # one record; the largest author lists are ~1 MB
_DIGITS = re.compile(r"[0-9]{1,12}")
_UNPRINTABLE = re.compile(r"[^ -~]+")


class EutilsError(Exception):
    """PubMed could not be asked or did not answer usefully; one-line message."""


@dataclass(frozen=True, slots=True)
class EutilsSettings:
    base_url: str = DEFAULT_BASE_URL
    email: str | None = None
    api_key: str | None = None
    timeout: float = 20.0  # one socket operation
    retries: int = 4
    backoff: float = 0.5  # seconds before the first retry; doubles each time
    deadline: float = DEFAULT_DEADLINE  # every request of one client, waits included
    request_deadline: float = DEFAULT_REQUEST_DEADLINE
    max_retry_wait: float = MAX_RETRY_WAIT

    @property
    def requests_per_second(self) -> float:
        return 10.0 if self.api_key else 3.0

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> EutilsSettings:
        """``NCBI_EUTILS_URL``, ``NCBI_API_KEY``, ``NCBI_EMAIL`` (the contact NCBI asks for)
        and ``GUIDES_HTTP_DEADLINE`` (seconds for all of a command's requests)."""
        env = os.environ if environ is None else environ
        base_url = env.get("NCBI_EUTILS_URL") or DEFAULT_BASE_URL
        return cls(
            base_url=base_url if base_url.endswith("/") else base_url + "/",
            email=env.get("NCBI_EMAIL") or None,
            api_key=env.get("NCBI_API_KEY") or None,
            deadline=_seconds(env.get(DEADLINE_VARIABLE), DEFAULT_DEADLINE),
        )


def _seconds(value: str | None, default: float) -> float:
    """A positive number of seconds from the environment; a bad value is a one-line error."""
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not (0 < seconds < math.inf):
        raise EutilsError(
            f"{DEADLINE_VARIABLE} must be a positive number of seconds, not {value[:40]!r}"
        )
    return seconds


class RateLimiter:
    """Spaces calls at least ``1 / rate`` seconds apart."""

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._interval = 1.0 / rate
        self._clock, self._sleep = clock, sleep
        self._next = 0.0

    def wait(self) -> None:
        now = self._clock()
        if now < self._next:
            self._sleep(self._next - now)
            now = self._next
        self._next = now + self._interval


class RecordCache:
    """One file of PubMed XML per PMID, trusted for ``max_age`` seconds.

    A file name is made only from a validated PMID. A missing, stale, oversized,
    linked, non-regular or unparsable file, or one holding a record that fails
    the checks, is a miss: the record is fetched again and the file rewritten.
    """

    def __init__(self, directory: Path, max_age: float = DEFAULT_CACHE_AGE) -> None:
        self.directory = directory
        self.max_age = max_age

    def path(self, pmid: str) -> Path:
        """The file of ``pmid``; a ValueError for anything but a PMID."""
        if not is_pmid(pmid):
            raise ValueError(f"not a PMID: {pmid!r}")
        return self.directory / f"{pmid}.xml"

    def get(self, pmid: str) -> PubMedRecord | None:
        if not is_pmid(pmid):
            return None
        data = _read_regular_file(self.path(pmid), MAX_CACHED_FILE, self.max_age)
        if data is None:
            return None
        try:
            record = parse_efetch(data).get(pmid)
        except (PubMedFormatError, ValueError, TypeError, RecursionError):
            return None  # a damaged entry is fetched again
        return record

    def put(self, pmid: str, document: bytes) -> None:
        """Store ``document`` for ``pmid``; raises OSError when the cache cannot be written."""
        path = self.path(pmid)
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomically(path, document.decode("utf-8"))


def _read_regular_file(path: Path, limit: int, max_age: float) -> bytes | None:
    """The bytes of ``path`` if it is a fresh regular file (not a link) of at most ``limit``."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        if time.time() - info.st_mtime > max_age:
            return None
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            data = handle.read(limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


class EutilsClient:
    """Fetches PubMed records by PMID, from the cache when it can.

    ``notify`` receives one-line notices for the editor: what the client is
    waiting for, and a cache that cannot be written.
    """

    def __init__(
        self,
        settings: EutilsSettings,
        cache: RecordCache | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self._settings = settings
        self._cache = cache
        self._sleep = sleep
        self._clock = clock
        self._notify = notify or (lambda message: None)
        self._limiter = RateLimiter(settings.requests_per_second, clock, sleep)
        self._deadline = clock() + settings.deadline
        self._cache_warned = False

    def fetch(self, pmids: Iterable[str]) -> dict[str, PubMedRecord]:
        """Records for ``pmids``; raises :class:`EutilsError` if any is unknown to PubMed."""
        wanted = list(dict.fromkeys(pmids))
        invalid = [pmid for pmid in wanted if not is_pmid(pmid)]
        if invalid:
            raise EutilsError(f"not a PMID: {invalid[0]!r} (1 to 9 digits, no leading zero)")
        records: dict[str, PubMedRecord] = {}
        missing: list[str] = []
        for pmid in wanted:
            cached = self._cache.get(pmid) if self._cache else None
            if cached is None:
                missing.append(pmid)
            else:
                records[pmid] = cached
        for start in range(0, len(missing), MAX_IDS_PER_REQUEST):
            records.update(self._fetch_batch(missing[start : start + MAX_IDS_PER_REQUEST]))
        unknown = [pmid for pmid in wanted if pmid not in records]
        if unknown:
            raise EutilsError(f"PubMed has no record for PMID {', '.join(unknown)}")
        return records

    def _fetch_batch(self, pmids: Sequence[str]) -> dict[str, PubMedRecord]:
        data = self._request(
            "efetch.fcgi", {"db": "pubmed", "id": ",".join(pmids), "retmode": "xml"}
        )
        try:
            parsed = parse_efetch(data)
            documents = _split_articles(data) if self._cache else {}
        except PubMedFormatError as error:
            raise EutilsError(str(error)) from None
        except RecursionError:
            raise EutilsError("PubMed sent XML nested too deeply to read") from None
        # Only what was asked for: a record for another PMID is not an answer.
        records = {pmid: parsed[pmid] for pmid in pmids if pmid in parsed}
        for pmid in records:
            if pmid in documents:
                self._cache_put(pmid, documents[pmid])
        return records

    def _cache_put(self, pmid: str, document: bytes) -> None:
        """Keep a record; a cache that cannot be written is said once, then skipped."""
        assert self._cache is not None
        try:
            self._cache.put(pmid, document)
        except (OSError, ValueError) as error:
            if not self._cache_warned:
                self._cache_warned = True
                where = getattr(error, "filename", None) or self._cache.directory
                reason = getattr(error, "strerror", None) or str(error)
                self._notify(
                    f"warning: cannot write the PubMed cache ({where}: {reason});"
                    " records are fetched again next time"
                )

    def _request(self, endpoint: str, parameters: dict[str, str]) -> bytes:
        query = {**parameters, "tool": TOOL}
        if self._settings.email:
            query["email"] = self._settings.email
        if self._settings.api_key:
            query["api_key"] = self._settings.api_key
        url = self._settings.base_url + endpoint + "?" + urllib.parse.urlencode(query)
        delay = self._settings.backoff
        for attempt in range(1, self._settings.retries + 2):
            self._limiter.wait()
            try:
                return self._get(url)
            except _BusyError as busy:
                if attempt > self._settings.retries:
                    raise EutilsError(f"PubMed answered {busy.status}") from None
                self._wait_to_retry(busy, delay, attempt)
            delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait_to_retry(self, busy: _BusyError, delay: float, attempt: int) -> None:
        """Sleep before asking again, saying why and for how long; never past the deadline."""
        asked = busy.retry_after
        wait = max(delay, min(asked, self._settings.max_retry_wait))
        left = self._deadline - self._clock()
        if wait >= left:
            asked_for = f", asked to wait {_secs(asked)} s" if asked > wait else ""
            raise EutilsError(
                f"PubMed answered {busy.status}{asked_for}; waiting {_secs(wait)} s more would pass"
                f" the {_secs(self._settings.deadline)} s deadline ({DEADLINE_VARIABLE})"
            )
        capped = f" (it asked for {_secs(asked)} s)" if asked > wait else ""
        self._notify(
            f"PubMed answered {busy.status}; asking again in {_secs(wait)} s{capped},"
            f" retry {attempt} of {self._settings.retries}"
        )
        self._sleep(wait)

    def _get(self, url: str) -> bytes:
        """One GET within the request and command deadlines; the body, or an error."""
        left = self._deadline - self._clock()
        if left <= 0:
            raise self._deadline_error(self._settings.deadline)
        budget = min(self._settings.request_deadline, left)
        request = urllib.request.Request(url, headers={"User-Agent": f"{TOOL}/{__version__}"})
        watchdog = _Watchdog(budget)
        try:
            with (
                watchdog,
                _opener(watchdog).open(
                    request, timeout=min(self._settings.timeout, budget)
                ) as response,
            ):
                body = _read_body(response)
        except urllib.error.HTTPError as error:
            error.close()
            if watchdog.fired:
                raise self._deadline_error(budget) from None
            raise _answer_error(error) from None
        except (OSError, http.client.HTTPException, ValueError) as error:
            if watchdog.fired:
                raise self._deadline_error(budget) from None
            raise self._transport_error(error) from None
        if watchdog.fired:  # a body read "to the end" that the watchdog cut short
            raise self._deadline_error(budget)
        return body

    def _deadline_error(self, seconds: float) -> EutilsError:
        return EutilsError(
            f"PubMed did not answer within {_secs(seconds)} s at {self._settings.base_url}"
            f" (the deadline; {DEADLINE_VARIABLE} sets it for the whole command)"
        )

    def _transport_error(self, error: BaseException) -> EutilsError:
        base = self._settings.base_url
        if isinstance(error, http.client.HTTPException | ValueError):
            # The server answered, but not in HTTP: a short body, a bad chunk, 150 headers.
            name, text = type(error).__name__, str(error)
            detail = text if text.startswith(name) else f"{name}: {text}".rstrip(": ")
            return EutilsError(
                f"PubMed sent a broken HTTP answer from {base} ({_printable(detail)})"
            )
        # No answer at all (network down, refused, timed out): retrying would only
        # keep the editor waiting, so say so at once.
        reason = getattr(error, "reason", None) or error
        return EutilsError(f"cannot reach PubMed at {base} ({_printable(str(reason))})")


class _BusyError(Exception):
    """A 429 or 5xx answer: worth asking again after ``retry_after`` seconds."""

    def __init__(self, status: str, retry_after: float) -> None:
        super().__init__(status)
        self.status, self.retry_after = status, retry_after


def _answer_error(error: urllib.error.HTTPError) -> Exception:
    """A :class:`_BusyError` to retry, or the :class:`EutilsError` of a refusal."""
    status = f"HTTP {error.code} {_printable(str(error.reason or ''))}".rstrip()
    if error.code == 429 or error.code >= 500:
        headers = error.headers
        return _BusyError(status, _retry_after(headers.get("Retry-After") if headers else None))
    return EutilsError(f"PubMed answered {status}")


def _read_body(response: Any) -> bytes:
    """The whole body, refused past :data:`MAX_BODY` (a PubMed answer is a few megabytes)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
        if size > MAX_BODY:
            raise EutilsError(f"PubMed sent more than {MAX_BODY // (1024 * 1024)} MB; not read")
        chunks.append(chunk)
    body = b"".join(chunks)
    # read(n) stops quietly at an early end of the connection: compare with what was promised.
    promised = response.getheader("Content-Length", "")
    chunked = "chunked" in response.getheader("Transfer-Encoding", "").lower()
    if not chunked and _DIGITS.fullmatch(promised.strip()) and int(promised) != size:
        raise http.client.IncompleteRead(body, int(promised) - size)
    return body


def _retry_after(value: str | None) -> float:
    """Seconds from a Retry-After header (a number or an HTTP date); 0 if absent or odd."""
    if not value:
        return 0.0
    text = value.strip()
    if _DIGITS.fullmatch(text):
        return float(text)
    try:
        return max(0.0, parsedate_to_datetime(text).timestamp() - time.time())
    except (TypeError, ValueError, OverflowError, IndexError):
        return 0.0


def _secs(seconds: float) -> str:
    """Seconds for a message: ``30``, ``0.5``, ``2`` (not ``1.99995``)."""
    return f"{round(seconds, 2):g}"


def _printable(text: str, limit: int = 120) -> str:
    """Printable ASCII only, cut to ``limit``: no escape sequence reaches the terminal."""
    text = " ".join(_UNPRINTABLE.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _split_articles(data: bytes) -> dict[str, bytes]:
    """One standalone ``PubmedArticleSet`` document per PMID, for the cache."""
    root = ElementTree.fromstring(data)
    documents: dict[str, bytes] = {}
    for article in root.findall("PubmedArticle"):
        pmid = (article.findtext("MedlineCitation/PMID") or "").strip()
        if not is_pmid(pmid):
            continue  # parse_efetch refused such a record already; never a file name
        wrapper = ElementTree.Element("PubmedArticleSet")
        wrapper.append(article)
        documents[pmid] = ElementTree.tostring(wrapper, encoding="utf-8")
    return documents


# --- the deadline of one request -------------------------------------------------------------


class _Watchdog:
    """Shuts a request's sockets when its time is up, however slowly bytes arrive.

    A socket timeout bounds one read; a server that sends a byte every few seconds
    never trips it. Shutting the socket from a timer thread ends a read that is
    blocked, and every read after it, so the request fails within its budget.
    """

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if self.fired:
                _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    """Shut ``sock`` if it is still open (it may have closed, or never connected)."""
    with contextlib.suppress(OSError):
        # socket.socket's own method: an SSLSocket's would drop its TLS state under a reader.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _WatchedHTTPConnection(http.client.HTTPConnection):
    """An HTTPConnection whose socket the watchdog can shut."""

    watchdog: _Watchdog | None = None  # set by _connection, as urllib makes the object

    def connect(self) -> None:
        super().connect()
        if self.watchdog is not None:
            self.watchdog.watch(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection, _WatchedHTTPConnection):
    """The TLS connection: its plain socket is watched during the handshake (by
    :class:`_WatchedHTTPConnection`, next in the method order), the TLS socket after."""

    def connect(self) -> None:
        super().connect()
        if self.watchdog is not None:
            self.watchdog.watch(self.sock)


def _connection(
    kind: type[_WatchedHTTPConnection], watchdog: _Watchdog, *args: Any, **kwargs: Any
) -> http.client.HTTPConnection:
    """``kind(*args, **kwargs)`` watched by ``watchdog``: urllib makes connections itself."""
    connection = kind(*args, **kwargs)
    connection.watchdog = watchdog
    return connection


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._watchdog = watchdog

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        kind = functools.partial(_connection, _WatchedHTTPConnection, self._watchdog)
        return self.do_open(kind, req)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._watchdog = watchdog

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        kind = functools.partial(_connection, _WatchedHTTPSConnection, self._watchdog)
        return self.do_open(kind, req, context=_tls_context())


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The system's trusted certificates, loaded once (loading them takes a while)."""
    return ssl.create_default_context()


def _opener(watchdog: _Watchdog) -> urllib.request.OpenerDirector:
    """HTTP and HTTPS only, through the watchdog; proxies and redirects as urllib does them.

    No file:, ftp: or data: handler: a redirect or a base URL elsewhere is an error.
    """
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        _WatchedHTTPHandler(watchdog),
        _WatchedHTTPSHandler(watchdog),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener
