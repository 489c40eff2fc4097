"""Checking the store against PubMed: drift and retractions, as audit findings.

An entry typed or edited by hand drifts from its source: a year off by one, a
title cut short, a PMID that belongs to another paper. ``guides refs verify``
re-reads every entry that has a PMID from PubMed (through the on-disk cache)
and reports each difference at the entry's line in the ``.bib`` file. It hands
its findings to the audit's :class:`~evidence_guides.audit.sink.Sink`, as every
check does, so the project's severities apply and a rule turned off is silent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.findings import Suggestion
from evidence_guides.pubmed.records import PubMedRecord
from evidence_guides.store.entry import BibEntry, BibStore

if TYPE_CHECKING:
    from evidence_guides.audit.sink import Sink
    from evidence_guides.pubmed.records import PubMedRecord
    from evidence_guides.store.entry import BibEntry, BibStore

_WORDS_RE = re.compile(r"[^\w]+")


def verify_store(
    store: BibStore,
    fetch: Callable[[Sequence[str]], Mapping[str, PubMedRecord]],
    sink: Sink,
) -> None:
    """Hand ``sink`` a ``reference-drift`` or ``retracted-source`` finding for each
    difference between the store's entries with a PMID and their PubMed records.

    ``fetch`` raises when PubMed cannot be asked; no finding is produced then. The
    sink, like every check's, drops a rule that is off and sets the severity.
    """
    entries = [entry for entry in store.entries.values() if entry.pmid]
    records = fetch([entry.pmid for entry in entries]) if entries else {}
    for entry in entries:
        record = records[entry.pmid]
        for drift in _differences(entry, record):
            line = entry.field_lines.get(drift.field, entry.line)
            fix = Suggestion(drift.fix, key=entry.key, pmid=entry.pmid)
            sink.add(rule_ids.REFERENCE_DRIFT, (line, 1), f"{entry.key}: {drift.message}", fix)
        if record.retracted:
            message = f"{entry.key}: PubMed marks PMID {entry.pmid} as retracted"
            fix = Suggestion("add 'retracted = {true}' and stop citing it", key=entry.key)
            sink.add(rule_ids.RETRACTED_SOURCE, (entry.line, 1), message, fix)


@dataclass(frozen=True, slots=True)
class _Drift:
    field: str
    message: str
    fix: str


def _differences(entry: BibEntry, record: PubMedRecord) -> list[_Drift]:
    """Each way ``entry`` differs from its PubMed ``record``."""
    found: list[_Drift] = []
    if _comparable(entry.title) != _comparable(record.title):
        found.append(
            _Drift("title", "title differs from PubMed", f"PubMed's title: {record.title}")
        )
    first = entry.authors[0].last if entry.authors else ""
    if record.first_author and _comparable(first) != _comparable(record.first_author):
        message = f"first author {first!r} differs from PubMed ({record.first_author!r})"
        found.append(_Drift("author", message, f"PubMed's first author: {record.first_author}"))
    if record.year and entry.year != record.year:
        message = f"year {entry.year} differs from PubMed ({record.year})"
        found.append(_Drift("year", message, f"year = {{{record.year}}}"))
    if record.doi and (entry.doi or "").lower() != record.doi.lower():
        what = f"DOI {entry.doi} differs from" if entry.doi else "no DOI, but"
        found.append(_Drift("doi", f"{what} PubMed ({record.doi})", f"doi = {{{record.doi}}}"))
    return found


def _comparable(text: str) -> str:
    """Case, accents, punctuation and spacing do not count as drift."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(char for char in folded if not unicodedata.combining(char))
    return _WORDS_RE.sub(" ", ascii_only).strip()
