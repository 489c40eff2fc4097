"""From what an editor gave to a record: PubMed first, Crossref for what PubMed lacks.

A PMID is fetched as it is. A DOI or a PMC ID is first looked up with PubMed's
search (E-utilities ``esearch``, ``"10.1/x"[doi]`` or ``PMC123[pmcid]``): a
work PubMed indexes is imported from PubMed, with its PMID, whichever
identifier was given. Only a DOI PubMed does not know is taken from Crossref
(:mod:`evidence_guides.pubmed.crossref`). A record PubMed's search finds must be
the work asked for: its DOI (or PMC ID) must be the one given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from evidence_guides.pubmed.settings import EutilsError

if TYPE_CHECKING:
    from evidence_guides.pubmed.client import EutilsClient
    from evidence_guides.pubmed.crossref import CrossrefClient
    from evidence_guides.pubmed.records import PubMedRecord
    from evidence_guides.pubmed.sources import Source


class Resolver:
    """Finds each source's record; every failure is one :class:`EutilsError`.

    ``crossref`` makes the Crossref client when a DOI needs it, so its settings
    are read (and can be wrong) only then.
    """

    def __init__(self, pubmed: EutilsClient, crossref: Callable[[], CrossrefClient]) -> None:
        self._pubmed = pubmed
        self._crossref = crossref
        self._crossref_client: CrossrefClient | None = None

    def __call__(self, sources: Sequence[Source]) -> list[tuple[Source, PubMedRecord | None]]:
        pmids: dict[Source, str] = {}
        for source in sources:
            pmid = source.value if source.kind == "pmid" else self._search(source)
            if pmid is not None:
                pmids[source] = pmid
        records = self._pubmed.fetch(list(dict.fromkeys(pmids.values()))) if pmids else {}
        found: list[tuple[Source, PubMedRecord | None]] = []
        for source in sources:
            if source in pmids:
                found.append((source, _the_work(source, records[pmids[source]])))
            else:  # a DOI PubMed does not index
                found.append((source, self._crossref_work(source.value)))
        return found

    def _search(self, source: Source) -> str | None:
        """The PMID PubMed's search finds for a DOI or PMC ID; None for a DOI it lacks."""
        field = "doi" if source.kind == "doi" else "pmcid"
        term = f'"{source.value}"[{field}]' if source.kind == "doi" else f"{source.value}[pmcid]"
        pmids = self._pubmed.search(term)
        if len(pmids) > 1:
            raise EutilsError(
                f"PubMed finds {len(pmids)} records for {source.label} (PMIDs"
                f" {', '.join(pmids[:5])}); import the one meant by its PMID"
            )
        if pmids:
            return pmids[0]
        if source.kind == "pmcid":
            raise EutilsError(f"PubMed has no record with {source.label}")
        return None

    def _crossref_work(self, doi: str) -> PubMedRecord:
        if self._crossref_client is None:
            self._crossref_client = self._crossref()
        return self._crossref_client.work(doi)


def _the_work(source: Source, record: PubMedRecord) -> PubMedRecord:
    """``record``, when it is the work ``source`` names (a search can find another)."""
    if source.kind == "doi" and (record.doi or "").lower() != source.value.lower():
        raise EutilsError(
            f"PubMed's search for {source.label} found PMID {record.pmid}, whose DOI is"
            f" {record.doi or 'not given'}; import it by its PMID if it is the work meant"
        )
    if source.kind == "pmcid" and record.pmcid not in (None, source.value):
        raise EutilsError(
            f"PubMed's search for {source.label} found PMID {record.pmid}, whose PMC ID is"
            f" {record.pmcid}; import it by its PMID if it is the work meant"
        )
    return record
