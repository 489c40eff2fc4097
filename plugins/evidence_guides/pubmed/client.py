"""A polite NCBI E-utilities client for PubMed records.

NCBI's etiquette is part of the contract, not an option: every request names
the tool and a contact e-mail, sends the API key when there is one, stays
under 3 requests a second (10 with a key), asks for at most 200 ids at a time,
and retries with a growing delay when told to (429) or when the service fails
(5xx); with no answer at all it stops at once. Records already in the
:class:`~evidence_guides.pubmed.cache.RecordCache` are not asked for.

Nothing the server sends is trusted, and nothing it does may hang the command:

- Time is bounded three ways: each socket operation (``timeout``), each request
  from connection to last byte (``request_deadline``, enforced by a
  :class:`~evidence_guides.pubmed.watchdog.Watchdog`, so a server dripping a byte
  a second is cut off), and the whole command (``deadline``,
  ``GUIDES_HTTP_DEADLINE`` seconds).
- ``Retry-After`` is obeyed up to ``max_retry_wait`` seconds, and each wait is
  announced (one line, through ``notify``); a wait past the deadline fails at once.
- Bodies are capped in size; every protocol failure (a short body, a bad chunk,
  too many headers) and every record that fails :func:`pubmed.check_record` is
  an :class:`EutilsError` with a one-line message; callers write nothing after one.
- A cache that cannot be written is a warning, not a failure.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from email.utils import parsedate_to_datetime
from typing import Any

from evidence_guides import __version__
from evidence_guides.pubmed.cache import RecordCache, split_articles
from evidence_guides.pubmed.records import PubMedFormatError, PubMedRecord, is_pmid, parse_efetch
from evidence_guides.pubmed.settings import (
    DEADLINE_VARIABLE,
    EutilsError,
    EutilsSettings,
    UnreachableError,
)
from evidence_guides.pubmed.watchdog import RedirectRefused, Watchdog, opener

TOOL = "evidence-guides"
MAX_IDS_PER_REQUEST = 200
MAX_BODY = 64 * 1024 * 1024  # 200 records are a few megabytes; more is not PubMed
_DIGITS = re.compile(r"[0-9]{1,12}")
_UNPRINTABLE = re.compile(r"[^ -~]+")


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
        """Return once ``1 / rate`` seconds have passed since the last call returned.

        Timed from when each call returned, not from when it was due: a sleep
        that ends late never makes the next call come early.
        """
        now = self._clock()
        if now < self._next:
            self._sleep(self._next - now)
            now = max(self._clock(), self._next)
        self._next = now + self._interval


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

    def search(self, term: str) -> list[str]:
        """The PMIDs PubMed's search finds for ``term``, such as ``"10.1/x"[doi]`` (at most 20)."""
        data = self._request(
            "esearch.fcgi", {"db": "pubmed", "term": term, "retmode": "json", "retmax": "20"}
        )
        return search_ids(data)

    def _fetch_batch(self, pmids: Sequence[str]) -> dict[str, PubMedRecord]:
        data = self._request(
            "efetch.fcgi", {"db": "pubmed", "id": ",".join(pmids), "retmode": "xml"}
        )
        try:
            parsed = parse_efetch(data)
            documents = split_articles(data) if self._cache else {}
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
        # The message names the deadline that applies (2 s, not the 1.99 s left of it).
        limit = self._settings.deadline if left < self._settings.request_deadline else budget
        request = urllib.request.Request(url, headers={"User-Agent": f"{TOOL}/{__version__}"})
        watchdog = Watchdog(budget)
        try:
            with (
                watchdog,
                opener(watchdog).open(
                    request, timeout=min(self._settings.timeout, budget)
                ) as response,
            ):
                body = _read_body(response)
        except urllib.error.HTTPError as error:
            error.close()
            if watchdog.fired:
                raise self._deadline_error(limit) from None
            raise _answer_error(error) from None
        except RedirectRefused as refused:
            raise EutilsError(
                f"PubMed at {self._settings.base_url} sent the request to another site"
                f" ({_printable(refused.target[:200])}): not followed"
            ) from None
        except (OSError, http.client.HTTPException, ValueError) as error:
            if watchdog.fired:
                raise self._deadline_error(limit) from None
            raise self._transport_error(error) from None
        if watchdog.fired:  # a body read "to the end" that the watchdog cut short
            raise self._deadline_error(limit)
        return body

    def _deadline_error(self, seconds: float) -> EutilsError:
        return UnreachableError(
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
        return UnreachableError(f"cannot reach PubMed at {base} ({_printable(str(reason))})")


class _BusyError(Exception):
    """A 429 or 5xx answer: worth asking again after ``retry_after`` seconds."""

    def __init__(self, status: str, retry_after: float) -> None:
        super().__init__(status)
        self.status, self.retry_after = status, retry_after


def search_ids(data: bytes) -> list[str]:
    """The PMIDs of an esearch answer (``retmode=json``); anything else is an EutilsError."""
    try:
        answer = json.loads(data)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested past reading
        raise EutilsError("PubMed's search sent an answer that is not JSON") from None
    result = answer.get("esearchresult") if isinstance(answer, dict) else None
    ids = result.get("idlist") if isinstance(result, dict) else None
    if isinstance(result, dict) and "ERROR" in result and ids is None:
        raise EutilsError(f"PubMed's search answered with {_printable(str(result['ERROR']))!r}")
    if not isinstance(ids, list) or not all(isinstance(i, str) and is_pmid(i) for i in ids):
        raise EutilsError("PubMed's search sent an answer without a list of PMIDs")
    return list(dict.fromkeys(ids))


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
