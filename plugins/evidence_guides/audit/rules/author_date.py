"""``vague-reference`` and ``citation-mismatch``: what an author-date citation says of its work.

An author-date citation (found by :mod:`evidence_guides.audit.author_dates`)
is **beside** an identifier written inside its parentheses or right after
them: "Garber et al. (2011, PMID 21694556)", "(Garber et al., 2011)
[@garber2011]". What it says must then agree with that entry, or it is a
``citation-mismatch`` naming what differs. Without one, it is **tied** by an
identifier elsewhere in its sentence whose entry it agrees with: "Garber et
al. (2011) position stand (PMID 21694556)". Otherwise it is a
``vague-reference``, with the entry it most likely means as the suggestion.
Beside an identifier the store does not hold ("Schoenfeld et al. (2017)
[@schoenfeld2017a]") it is neither: the identifier is the mention's, and it is
reported once, as an ``unresolved-citation`` with the key it likely meant.

Agreement counts any listed author ("Blissmer et al. (2011)" for Garber,
Blissmer and Deschenes), an organisation, a short name, a title prefix or
the journal; the year must be the entry's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.author_dates.model import AuthorDate
from evidence_guides.audit.author_dates.sources import sentence_sources
from evidence_guides.findings import Suggestion
from evidence_guides.store.folding import words

if TYPE_CHECKING:
    from evidence_guides.audit.context import AuditedStore, NameIndex, SegmentContext
    from evidence_guides.audit.prose import Prose
    from evidence_guides.audit.sink import Sink
    from evidence_guides.store.entry import BibEntry

VAGUE = rule_ids.VAGUE_REFERENCE
MISMATCH = rule_ids.CITATION_MISMATCH
_IN_PRESS = (
    "a work in press has no year to find its entry by: import it with"
    " 'guides refs add DOI' (or its PMID) and cite its key"
)


def check(context: SegmentContext, sink: Sink) -> None:
    page = context.page
    check_author_dates(context.prose, context.dates, page.store, page.index, sink)


def check_author_dates(
    prose: Prose, dates: list[AuthorDate], store: AuditedStore, index: NameIndex, sink: Sink
) -> None:
    """``vague-reference`` without an identifier that ties it, ``citation-mismatch`` with one."""
    vague, mismatch = sink.enabled(VAGUE), sink.enabled(MISMATCH)
    for date in dates:
        beside = [entry for source in date.sources if (entry := store.resolve(source))]
        if beside:
            if mismatch:
                _mismatch(prose, date, beside, index, sink)
        elif date.sources:
            continue  # its identifier is the mention's and resolves to nothing: unresolved-citation
        elif date.dated and vague and not date.sources and _tied(prose, date, store, index):
            continue
        elif date.dated and vague:
            _vague(prose, date, index, sink)


def _agrees(entry: BibEntry, date: AuthorDate, index: NameIndex) -> bool:
    year_agrees = date.year is None or entry.year in (None, date.year)
    return year_agrees and index.names(entry).named_by(words(date.names), date.surnames)


def _tied(prose: Prose, date: AuthorDate, store: AuditedStore, index: NameIndex) -> bool:
    """Whether an identifier elsewhere in the sentence cites the work ``date`` names."""
    return any(
        (entry := store.resolve(source)) is not None and _agrees(entry, date, index)
        for source in sentence_sources(prose, date)
    )


def _vague(prose: Prose, date: AuthorDate, index: NameIndex, sink: Sink) -> None:
    message = f"vague reference '{date.quote}' has no key or PMID"
    if date.in_press:  # no year to find it by: any entry of its authors would be a guess
        sink.add(VAGUE, prose.position(date.start), message, Suggestion(_IN_PRESS))
        return
    found = index.identify(date.mention())
    suggestion = None
    if found.entry is not None:
        entry = found.entry
        pmid = f" (PMID {entry.pmid})" if entry.pmid else ""
        suggestion = Suggestion(
            f"did you mean [@{entry.key}]{pmid}?", key=entry.key, pmid=entry.pmid
        )
    elif found.note is not None:
        suggestion = Suggestion(found.note)
    sink.add(VAGUE, prose.position(date.start), message, suggestion)


def _mismatch(
    prose: Prose, date: AuthorDate, entries: list[BibEntry], index: NameIndex, sink: Sink
) -> None:
    """One finding: the author (and the year with it) or the year alone.

    A wrong author means the identifier names another work, so its year is
    reported in the same finding, not as a second problem.
    """
    written = words(date.names)
    named = [entry for entry in entries if index.names(entry).named_by(written, date.surnames)]
    year = date.year
    if not named:
        entry = entries[0]
        author = index.names(entry).first_author
        also = f" (first author {author})" if author else ""
        if year is not None and entry.year not in (None, year):
            message = f"author '{date.names}' and year {year} do not match {entry.key}"
            message += f" ({author + ', ' if author else ''}{entry.year})"
        else:
            message = f"author '{date.names}' does not match {entry.key}{also}"
        sink.add(MISMATCH, prose.position(date.start), message)
    elif year is not None and not any(entry.year in (None, year) for entry in named):
        entry = named[0]
        message = f"year {year} does not match {entry.key} ({entry.year})"
        sink.add(MISMATCH, prose.position(date.year_start), message)
