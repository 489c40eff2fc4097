"""What the E-utilities client is told, and the one error it raises.

Settings and the error live apart from the client so that a caller can read
the environment, or catch a PubMed failure, without loading HTTP machinery:
``guides`` recognises :class:`EutilsError` by this module's name in
``sys.modules``, so a command that never asked PubMed never imports it.

The base URL comes from ``NCBI_EUTILS_URL`` so tests replay recorded XML from
a server on 127.0.0.1 instead of touching the internet; ``NCBI_EMAIL`` and
``NCBI_API_KEY`` are what NCBI's etiquette asks for, and
``GUIDES_HTTP_DEADLINE`` bounds the time a whole command spends on PubMed.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
DEADLINE_VARIABLE = "GUIDES_HTTP_DEADLINE"
# The whole command. Verifying a store of 20,000 PMIDs is 100 requests of a few seconds each.
DEFAULT_DEADLINE = 600.0
DEFAULT_REQUEST_DEADLINE = 60.0  # one request: 200 records are a few megabytes
MAX_RETRY_WAIT = 30.0  # a longer Retry-After is obeyed for this long, then asked again


class EutilsError(Exception):
    """PubMed (or Crossref) could not be asked or did not answer usefully; one-line message."""


class UnreachableError(EutilsError):
    """No answer in time: the network is down or the service too slow. Worth a retry later."""


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
        scheme = base_url.partition(":")[0].lower()
        if scheme not in ("http", "https") or "://" not in base_url:
            raise EutilsError(
                f"NCBI_EUTILS_URL must be an http:// or https:// address, not {base_url[:60]!r}"
            )
        return cls(
            base_url=base_url if base_url.endswith("/") else base_url + "/",
            email=env.get("NCBI_EMAIL") or None,
            api_key=env.get("NCBI_API_KEY") or None,
            deadline=seconds_from(env.get(DEADLINE_VARIABLE), DEFAULT_DEADLINE),
        )


def seconds_from(value: str | None, default: float) -> float:
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
