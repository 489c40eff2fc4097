"""Vancouver/AMA display of a reference: the pieces templates show, and one line of text.

The pieces stay separate so a template can link the title or set the journal in
italics; ``plain_text`` joins them for tooltips and JSON. Missing data is left
out rather than filled in: a reference never shows "n.d." or an empty "()".
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from urllib.parse import quote

from evidence_guides.store.designs import NO_EVIDENCE, Evidence, entry_evidence
from evidence_guides.store.entry import BibEntry

# Vancouver/AMA: the first three authors, then "et al.".
MAX_AUTHORS = 3

# Entries are immutable, so a reference cited on thousands of pages is formatted
# once. Keyed weakly: the cache goes away with the store it came from.
_CACHE: weakref.WeakKeyDictionary[BibEntry, FormattedReference] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class FormattedReference:
    """One reference, formatted. Every piece is "" or None when the entry lacks it."""

    key: str
    entry_type: str
    authors: str
    title: str
    container: str
    details: str
    year: str | None
    pmid: str | None
    doi: str | None
    pubmed_url: str | None
    doi_url: str | None
    url: str | None
    evidence: Evidence = NO_EVIDENCE  # its study design, and whether it is retracted

    def plain_text(self) -> str:
        """One line: ``Authors. Title. Journal. 2011;43(8):1575-1581.``"""
        parts = (self.authors, self.title, self.container, self.details)
        return " ".join(_sentence(part) for part in parts if part)

    @property
    def design(self) -> str | None:
        """The study design in words (``meta-analysis``); None when the entry states none."""
        design = self.evidence.design
        return design.label if design is not None else None

    def tooltip_text(self) -> str:
        """The reference as a citation's tooltip shows it: with its design, and if retracted."""
        notes = []
        if self.evidence.retracted:
            notes.append("Retracted.")
        if self.design:
            notes.append(f"Study design: {self.design}.")
        return " ".join((self.plain_text(), *notes))


def format_reference(entry: BibEntry) -> FormattedReference:
    """Format ``entry`` for display, once per entry."""
    cached = _CACHE.get(entry)
    if cached is None:
        cached = _CACHE[entry] = _format(entry)
    return cached


def _format(entry: BibEntry) -> FormattedReference:
    pmid, doi = entry.pmid, entry.doi
    authors = format_authors(entry)
    return FormattedReference(
        key=entry.key,
        entry_type=entry.entry_type,
        authors=authors,
        title=entry.title,
        # A report published by its own author names the organisation once.
        container="" if entry.journal == authors else entry.journal,
        details=format_details(entry.year, entry.volume, entry.number, entry.pages),
        year=entry.year,
        pmid=pmid,
        doi=doi,
        pubmed_url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else None,
        # DOIs may hold '#', '?' or '<', which would end or break a URL.
        doi_url=f"https://doi.org/{quote(doi, safe='/:;()')}" if doi else None,
        url=entry.url,
        evidence=entry_evidence(entry),
    )


def format_authors(entry: BibEntry) -> str:
    """``Ainsworth BE, Haskell WL, Herrmann SD, et al.``; "" when there are none."""
    people, more = entry.leading_authors(MAX_AUTHORS)
    names = [person.display() for person in people]
    if names and more:
        names.append("et al.")
    return ", ".join(names)


def format_details(
    year: str | None, volume: str | None, number: str | None, pages: str | None
) -> str:
    """AMA numeric part, ``2011;43(8):1575-1581``, dropping what is missing."""
    issue = f"({number})" if number else ""
    volume_issue = f"{volume or ''}{issue}"
    details = ";".join(part for part in (year, volume_issue) if part)
    if pages:
        details = f"{details}:{pages}" if details else pages
    return details


def _sentence(text: str) -> str:
    """End with a period unless the text already ends a sentence (``et al.``, ``?``)."""
    return text if text.endswith((".", "?", "!")) else f"{text}."
