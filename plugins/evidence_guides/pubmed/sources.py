"""What ``guides refs add`` is given: a PMID, a DOI, a PubMed or doi.org link, a PMC ID.

An editor copies whatever the page in front of them shows: a PubMed address,
a DOI link from a journal's page, "PMID: 123", a PMC ID from a full-text
page. Each is read here into one :class:`Source` with one spelling, so the
store is searched for it and PubMed asked about it the same way whichever
form was given. Anything else is refused with the forms that are accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote, urlsplit

from evidence_guides.pubmed.records import is_doi, is_pmid, shown

Kind = Literal["pmid", "doi", "pmcid"]

_PMID_RE = re.compile(r"(?:PMID\s*:?\s*)?([0-9]{1,12})", re.IGNORECASE)
_PMCID_RE = re.compile(r"(?:PMCID\s*:?\s*)?(PMC[0-9]{1,9})", re.IGNORECASE)
_DOI_RE = re.compile(r"(?:doi\s*:\s*)?(10\.[0-9]{4,9}(?:\.[0-9]+)*/\S+)", re.IGNORECASE)
_PUBMED_HOSTS = ("pubmed.ncbi.nlm.nih.gov", "www.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov")
_PMC_HOSTS = ("pmc.ncbi.nlm.nih.gov", "www.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov")
_DOI_HOSTS = ("doi.org", "dx.doi.org", "www.doi.org")
_PUBMED_PATH_RE = re.compile(r"/(?:pubmed/)?([0-9]{1,12})/?")
_PMC_PATH_RE = re.compile(r"/(?:pmc/)?articles/(PMC[0-9]{1,9})/?", re.IGNORECASE)
FORMS = (
    "a PMID (21694556), a DOI (10.1249/MSS.0b013e318213fefb), a pubmed.ncbi.nlm.nih.gov"
    " or doi.org link, or a PMC ID (PMC1234567)"
)


class SourceError(ValueError):
    """An argument that names no work; the message is one line."""


@dataclass(frozen=True, slots=True)
class Source:
    """One work as an editor named it: its kind and its identifier, in one spelling."""

    kind: Kind
    value: str  # the PMID's digits, the DOI as written (its case kept), "PMC" and digits

    @property
    def label(self) -> str:
        """How messages name it: ``PMID 21694556``, ``DOI 10.1/x``, ``PMC ID PMC123``."""
        return {"pmid": "PMID", "doi": "DOI", "pmcid": "PMC ID"}[self.kind] + f" {self.value}"

    @property
    def identity(self) -> str:
        """What two spellings of one work share: a DOI's case does not matter."""
        return f"{self.kind}:{self.value.lower() if self.kind == 'doi' else self.value}"


def parse_sources(values: Iterable[str]) -> list[Source]:
    """Each argument as a :class:`Source`, in order, each work once."""
    sources: dict[str, Source] = {}
    for value in values:
        source = parse_source(value)
        sources.setdefault(source.identity, source)
    return list(sources.values())


def parse_source(value: str) -> Source:
    """One argument as a :class:`Source`; a :class:`SourceError` names the forms accepted."""
    text = value.strip()
    source = _from_link(text) if "://" in text else _from_text(text)
    if source is None:
        raise SourceError(f"not a PMID, DOI or link: {shown(value)} (give {FORMS})")
    if source.kind == "pmid" and not is_pmid(source.value):
        raise SourceError(
            f"not a PMID: {shown(value)} (a PMID is 1 to 9 digits, not starting with 0)"
        )
    if source.kind == "doi" and not is_doi(source.value):
        raise SourceError(
            f"not a DOI: {shown(value)} (a DOI is 10.NNNN/suffix, without spaces, quotes,"
            " braces, backslashes or '@')"
        )
    return source


def _from_text(text: str) -> Source | None:
    for pattern, kind in ((_PMID_RE, "pmid"), (_PMCID_RE, "pmcid"), (_DOI_RE, "doi")):
        match = pattern.fullmatch(text)
        if match is not None:
            found = match.group(1)
            return Source(kind, found.upper() if kind == "pmcid" else found)  # type: ignore[arg-type]
    return None


def _from_link(text: str) -> Source | None:
    """A PubMed, PMC or doi.org address: its host says what its path holds."""
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https"):
        return None
    if host in _DOI_HOSTS:
        doi = unquote(parts.path.lstrip("/"))
        return Source("doi", doi) if doi.startswith("10.") else None
    if host in _PMC_HOSTS and (match := _PMC_PATH_RE.fullmatch(parts.path)):
        return Source("pmcid", match.group(1).upper())
    # pubmed.ncbi.nlm.nih.gov/123/, or the older www.ncbi.nlm.nih.gov/pubmed/123
    pubmed = host == "pubmed.ncbi.nlm.nih.gov" or parts.path.startswith("/pubmed/")
    if pubmed and host in _PUBMED_HOSTS and (match := _PUBMED_PATH_RE.fullmatch(parts.path)):
        return Source("pmid", match.group(1))
    return None
