"""A polite NCBI E-utilities client for PubMed records, with an on-disk cache.

NCBI's etiquette is part of the contract, not an option: every request names
the tool and a contact e-mail, sends the API key when there is one, stays
under 3 requests a second (10 with a key), asks for at most 200 ids at a time,
and retries with a growing delay when told to (429) or when the service fails
(5xx); with no answer at all it stops at once. The base URL
comes from ``NCBI_EUTILS_URL`` so tests replay recorded XML from a server on
127.0.0.1 instead of touching the internet.

Every failure (network down, timeout, unknown PMID, malformed XML) becomes an
:class:`EutilsError` with a one-line message; callers write nothing after one.
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

from . import __version__
from .atomic import write_atomically
from .pubmed import PubMedFormatError, PubMedRecord, parse_efetch

DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
TOOL = "evidence-guides"
MAX_IDS_PER_REQUEST = 200
DEFAULT_CACHE_AGE = 7 * 24 * 3600  # a week: records change rarely, retractions matter


class EutilsError(Exception):
    """PubMed could not be asked or did not answer usefully; one-line message."""


@dataclass(frozen=True, slots=True)
class EutilsSettings:
    base_url: str = DEFAULT_BASE_URL
    email: str | None = None
    api_key: str | None = None
    timeout: float = 20.0
    retries: int = 4
    backoff: float = 0.5  # seconds before the first retry; doubles each time

    @property
    def requests_per_second(self) -> float:
        return 10.0 if self.api_key else 3.0

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> EutilsSettings:
        """``NCBI_EUTILS_URL``, ``NCBI_API_KEY`` and ``NCBI_EMAIL`` (the contact NCBI asks for)."""
        env = os.environ if environ is None else environ
        base_url = env.get("NCBI_EUTILS_URL") or DEFAULT_BASE_URL
        return cls(
            base_url=base_url if base_url.endswith("/") else base_url + "/",
            email=env.get("NCBI_EMAIL") or None,
            api_key=env.get("NCBI_API_KEY") or None,
        )


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
    """One file of PubMed XML per PMID, trusted for ``max_age`` seconds."""

    def __init__(self, directory: Path, max_age: float = DEFAULT_CACHE_AGE) -> None:
        self.directory = directory
        self.max_age = max_age

    def get(self, pmid: str) -> PubMedRecord | None:
        path = self.directory / f"{pmid}.xml"
        try:
            if time.time() - path.stat().st_mtime > self.max_age:
                return None
            return parse_efetch(path.read_bytes()).get(pmid)
        except (OSError, PubMedFormatError):
            return None  # a missing, stale or damaged entry is fetched again

    def put(self, pmid: str, document: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomically(self.directory / f"{pmid}.xml", document.decode("utf-8"))


class EutilsClient:
    """Fetches PubMed records by PMID, from the cache when it can."""

    def __init__(
        self,
        settings: EutilsSettings,
        cache: RecordCache | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._cache = cache
        self._sleep = sleep
        self._limiter = RateLimiter(settings.requests_per_second, clock, sleep)

    def fetch(self, pmids: Iterable[str]) -> dict[str, PubMedRecord]:
        """Records for ``pmids``; raises :class:`EutilsError` if any is unknown to PubMed."""
        wanted = list(dict.fromkeys(pmids))
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
            records = parse_efetch(data)
            documents = _split_articles(data) if self._cache else {}
        except PubMedFormatError as error:
            raise EutilsError(str(error)) from None
        for pmid, document in documents.items():
            self._cache.put(pmid, document)
        return records

    def _request(self, endpoint: str, parameters: dict[str, str]) -> bytes:
        query = {**parameters, "tool": TOOL}
        if self._settings.email:
            query["email"] = self._settings.email
        if self._settings.api_key:
            query["api_key"] = self._settings.api_key
        url = self._settings.base_url + endpoint + "?" + urllib.parse.urlencode(query)
        request = urllib.request.Request(url, headers={"User-Agent": f"{TOOL}/{__version__}"})
        delay = self._settings.backoff
        for attempt in range(self._settings.retries + 1):
            self._limiter.wait()
            try:
                with urllib.request.urlopen(request, timeout=self._settings.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as error:
                error.close()
                retryable = error.code == 429 or error.code >= 500
                if not retryable or attempt == self._settings.retries:
                    raise EutilsError(f"PubMed answered HTTP {error.code} {error.reason}") from None
                self._sleep(max(delay, _retry_after(error.headers.get("Retry-After"))))
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                # No answer at all (network down, refused, timed out): retrying would
                # only keep the editor waiting, so say so at once.
                reason = getattr(error, "reason", error)
                raise EutilsError(
                    f"cannot reach PubMed at {self._settings.base_url} ({reason})"
                ) from None
            delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover


def _retry_after(value: str | None) -> float:
    """Seconds from a Retry-After header (a number or an HTTP date); 0 if absent or odd."""
    if not value:
        return 0.0
    if value.strip().isdigit():
        return min(float(value), 60.0)
    try:
        return max(0.0, min(parsedate_to_datetime(value).timestamp() - time.time(), 60.0))
    except (TypeError, ValueError):
        return 0.0


def _split_articles(data: bytes) -> dict[str, bytes]:
    """One standalone ``PubmedArticleSet`` document per PMID, for the cache."""
    root = ElementTree.fromstring(data)
    documents: dict[str, bytes] = {}
    for article in root.findall("PubmedArticle"):
        pmid = (article.findtext("MedlineCitation/PMID") or "").strip()
        wrapper = ElementTree.Element("PubmedArticleSet")
        wrapper.append(article)
        documents[pmid] = ElementTree.tostring(wrapper, encoding="utf-8")
    return documents
