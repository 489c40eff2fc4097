"""Crossref: the record of a work PubMed does not index, by its DOI.

Reports, books and many journals have a DOI and no PMID. Crossref's REST API
(``GET /works/{doi}``) answers for any DOI Crossref registered; its record is
read into the same record a PubMed import writes, and goes through the same
checks. Crossref's etiquette is followed: every request names the tool and,
from ``CROSSREF_MAILTO`` (or ``NCBI_EMAIL``), a contact address, which puts it
in Crossref's "polite" pool. Tests point ``CROSSREF_URL`` at a replay server.

Whatever answers is untrusted, as PubMed's answers are: the body is read within
a size and a deadline, JSON nested past reading, values of the wrong type and
a record for another DOI are one-line errors, and markup in a title (Crossref
passes on publishers' JATS and HTML) is read as the text a reader sees, so no
tag reaches the store.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from evidence_guides import __version__
from evidence_guides.pubmed.records import (
    PubMedAuthor,
    PubMedFormatError,
    PubMedRecord,
    check_record,
    shown,
)
from evidence_guides.pubmed.settings import (
    DEADLINE_VARIABLE,
    DEFAULT_DEADLINE,
    EutilsError,
    UnreachableError,
    seconds_from,
)
from evidence_guides.pubmed.watchdog import RedirectRefused, Watchdog, opener
from evidence_guides.text.html_text import html_to_text

DEFAULT_URL = "https://api.crossref.org/"
MAX_BODY = 2 * 1024 * 1024  # one work's record is a few kilobytes; reference lists make it more
_TOOL = "evidence-guides"
_TAG_RE = re.compile(r"<[A-Za-z/!?]")  # what is still a tag once read as text


@dataclass(frozen=True, slots=True)
class CrossrefSettings:
    base_url: str = DEFAULT_URL
    mailto: str | None = None  # the contact Crossref's etiquette asks for
    timeout: float = 20.0  # one socket operation
    request_deadline: float = 60.0
    deadline: float = DEFAULT_DEADLINE  # every request of one command

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> CrossrefSettings:
        """``CROSSREF_URL``, ``CROSSREF_MAILTO`` or else ``NCBI_EMAIL``, and the deadline."""
        env = os.environ if environ is None else environ
        base_url = env.get("CROSSREF_URL") or DEFAULT_URL
        if base_url.partition(":")[0].lower() not in ("http", "https") or "://" not in base_url:
            raise EutilsError(
                f"CROSSREF_URL must be an http:// or https:// address, not {base_url[:60]!r}"
            )
        return cls(
            base_url=base_url if base_url.endswith("/") else base_url + "/",
            mailto=env.get("CROSSREF_MAILTO") or env.get("NCBI_EMAIL") or None,
            deadline=seconds_from(env.get(DEADLINE_VARIABLE), DEFAULT_DEADLINE),
        )


class CrossrefClient:
    """Fetches a work's record by DOI; each failure is one :class:`EutilsError`."""

    def __init__(
        self,
        settings: CrossrefSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._deadline = clock() + settings.deadline

    def work(self, doi: str) -> PubMedRecord:
        """The record of ``doi``; an error if Crossref has none, or sends what is not one."""
        query = {"mailto": self._settings.mailto} if self._settings.mailto else {}
        url = self._settings.base_url + "works/" + urllib.parse.quote(doi, safe="/")
        if query:
            url += "?" + urllib.parse.urlencode(query)
        return work_record(self._get(url, doi), doi)

    def _get(self, url: str, doi: str) -> bytes:
        left = self._deadline - self._clock()
        budget = min(self._settings.request_deadline, left)
        if budget <= 0:
            raise self._unreachable("the deadline passed")
        contact = f" (mailto:{self._settings.mailto})" if self._settings.mailto else ""
        request = urllib.request.Request(
            url,
            headers={"User-Agent": f"{_TOOL}/{__version__}{contact}", "Accept": "application/json"},
        )
        watchdog = Watchdog(budget)
        try:
            with (
                watchdog,
                opener(watchdog).open(
                    request, timeout=min(self._settings.timeout, budget)
                ) as response,
            ):
                body = _read(response)
        except urllib.error.HTTPError as error:
            error.close()
            if error.code == 404:
                raise EutilsError(f"Crossref has no record of DOI {doi}") from None
            raise EutilsError(f"Crossref answered HTTP {error.code} for DOI {doi}") from None
        except RedirectRefused as refused:
            target = " ".join(refused.target.split())[:120]
            raise EutilsError(f"Crossref sent the request to another site ({target})") from None
        except (OSError, http.client.HTTPException, ValueError) as error:
            if watchdog.fired:
                raise self._unreachable(f"no answer within {budget:g} s") from None
            if isinstance(error, http.client.HTTPException | ValueError):
                raise EutilsError(
                    f"Crossref sent a broken HTTP answer ({type(error).__name__})"
                ) from None
            reason = getattr(error, "reason", None) or error
            raise self._unreachable(" ".join(str(reason).split())[:120]) from None
        if watchdog.fired:
            raise self._unreachable(f"no answer within {budget:g} s")
        return body

    def _unreachable(self, why: str) -> UnreachableError:
        return UnreachableError(f"cannot reach Crossref at {self._settings.base_url} ({why})")


def _read(response: Any) -> bytes:
    chunks, size = [], 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
        if size > MAX_BODY:
            raise EutilsError(f"Crossref sent more than {MAX_BODY // (1024 * 1024)} MB; not read")
        chunks.append(chunk)
    body = b"".join(chunks)
    # read(n) stops quietly at an early end of the connection: compare with what was promised.
    promised = (response.getheader("Content-Length") or "").strip()
    chunked = "chunked" in (response.getheader("Transfer-Encoding") or "").lower()
    if not chunked and promised.isdigit() and int(promised) != size:
        raise http.client.IncompleteRead(body, int(promised) - size)
    return body


def work_record(data: bytes, doi: str) -> PubMedRecord:
    """The record in Crossref's answer for ``doi``, checked as a PubMed record is."""
    what = f"Crossref's record for DOI {doi}"
    try:
        answer = json.loads(data)
    except RecursionError:
        raise EutilsError(f"{what} is JSON nested too deeply to read") from None
    except ValueError:  # not JSON, or not UTF-8
        raise EutilsError(f"{what} is not JSON") from None
    work = answer.get("message") if isinstance(answer, dict) else None
    if not isinstance(work, dict) or answer.get("status") != "ok":
        raise EutilsError(f"{what} is not a work's record")
    found = work.get("DOI")
    if not isinstance(found, str) or found.lower() != doi.lower():
        raise EutilsError(f"{what} is the record of another DOI ({shown(str(found))})")
    read = _Reader(work, what)
    record = PubMedRecord(
        pmid=None,
        title=read.first_text("title"),
        authors=read.authors(),
        journal=read.first_text("short-container-title") or read.first_text("container-title"),
        year=read.year(),
        volume=read.text("volume") or None,
        issue=read.text("issue") or None,
        pages=read.text("page") or None,
        doi=doi,
        pmcid=None,
        publication_types=(),
        retracted=False,
    )
    try:
        check_record(record)
    except PubMedFormatError as error:
        raise EutilsError(str(error)) from None
    if not record.title or record.year is None:
        raise EutilsError(f"{what} has no title or no year: it cannot be cited")
    return record


@dataclass(frozen=True, slots=True)
class _Reader:
    """Values of a Crossref work, each of the type it must have, markup read as text."""

    work: dict[str, Any]
    what: str

    def _wrong(self, name: str) -> EutilsError:
        return EutilsError(f"{self.what} has a {name!r} of the wrong type")

    def text(self, name: str, value: Any = None) -> str:
        """A string value as a reader sees it: markup (escaped twice, as some deposit it) read."""
        value = self.work.get(name) if value is None else value
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self._wrong(name)
        for _ in range(2):
            if "<" not in value and "&" not in value:
                break
            value = html_to_text(value)
        if _TAG_RE.search(value):
            raise EutilsError(f"{self.what} has a {name!r} with markup that does not read as text")
        return " ".join(value.split())

    def first_text(self, name: str) -> str:
        """The first non-empty string of a list (Crossref's titles are lists)."""
        value = self.work.get(name)
        if value is None or isinstance(value, str):
            return self.text(name)
        if not isinstance(value, list):
            raise self._wrong(name)
        return next((text for item in value if (text := self.text(name, item or ""))), "")

    def authors(self) -> tuple[PubMedAuthor, ...]:
        people = self.work.get("author") or []
        if not isinstance(people, list) or not all(isinstance(p, dict) for p in people):
            raise self._wrong("author")
        authors = []
        for person in people:
            family = self.text("author", person.get("family") or "")
            if family:
                given = self.text("author", person.get("given") or "")
                initials = "".join(part[0] for part in given.replace("-", " ").split())
                suffix = self.text("author", person.get("suffix") or "")
                authors.append(PubMedAuthor(family, given, initials, suffix, collective=False))
            elif name := self.text("author", person.get("name") or ""):
                authors.append(PubMedAuthor(name, "", "", "", collective=True))
        return tuple(authors)

    def year(self) -> str | None:
        for name in ("issued", "published-print", "published-online", "published"):
            date = self.work.get(name)
            parts = date.get("date-parts") if isinstance(date, dict) else None
            if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
                year = parts[0][0]
                if isinstance(year, int) and not isinstance(year, bool) and 1000 <= year <= 2999:
                    return str(year)
                raise self._wrong(name)
        return None
