"""malformed-citation: every attempt at a citation that does not parse, in order.

Each shape has its own search (brackets, parentheses, bare keys, PMIDs and
other identifiers in prose, superscript numbers); this runs them in the order
that lets the wider ones skip what the narrower ones read, and only when the
text holds what they look for.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from typing import TYPE_CHECKING

from evidence_guides.audit.malformed.bare_keys import bare_keys
from evidence_guides.audit.malformed.brackets import brackets
from evidence_guides.audit.malformed.parentheses import parentheses
from evidence_guides.audit.malformed.prose_identifiers import prose_identifiers
from evidence_guides.audit.malformed.prose_pmids import prose_pmids
from evidence_guides.audit.malformed.superscripts import (
    has_superscript,
    html_superscripts,
    superscripts,
)
from evidence_guides.text.citations import link_labels

if TYPE_CHECKING:
    from evidence_guides.audit.context import AuditedStore
    from evidence_guides.audit.malformed.model import Malformed
    from evidence_guides.audit.prose import Prose
    from evidence_guides.text.citations import Citation


def malformed_in(prose: Prose, store: AuditedStore) -> list[Malformed]:
    """:func:`find_malformed` on one segment, with what the store and its text say."""

    def doi_key(doi: str) -> str | None:
        entry = store.by_doi(doi)
        return None if entry is None else entry.key

    text = prose.segment.text
    labels = link_labels(text) if "]:" in text else frozenset()
    return find_malformed(prose.masked, prose.citations, store.entries, doi_key, labels, text)


def find_malformed(
    masked: str,
    citations: Sequence[Citation],
    keys: Container[str],
    doi_key: Callable[[str], str | None] = lambda doi: None,
    labels: Container[str] = frozenset(),
    text: str = "",
) -> list[Malformed]:
    """Every malformed citation in ``masked`` prose, in order.

    ``citations`` are the ones :func:`~evidence_guides.text.citations.scan_citations`
    found there (they are well formed); ``keys`` are the store's keys and
    ``doi_key`` gives the key of the entry with a DOI, for the suggestions;
    ``labels`` are the text's link definitions
    (:func:`~evidence_guides.text.citations.link_labels`), and ``text`` the text
    itself, for what masking blanks (a "<sup>" an editor wrote).
    Pure: it reads nothing else and reports nothing itself.
    """
    lowered = masked.lower()  # str.find: far cheaper than a case-blind pattern
    has_pmid = "pmid" in lowered
    has_identifier = "10." in masked or "pubmed" in lowered or "PMC" in masked
    has_superscripts = has_superscript(masked)
    has_html = "<sup" in text.lower() if "<" in text else False
    wanted = has_identifier or has_pmid or has_superscripts or has_html
    if not (wanted or "@" in masked or "[" in masked):
        return []
    valid = {citation.start for citation in citations}
    found: list[Malformed] = []
    # What the later, wider searches leave alone: every "[...", each "(...)" reported.
    claimed = brackets(masked, valid, keys, doi_key, found, labels) if "[" in masked else []
    if "@" in masked:
        if "(" in masked:
            claimed = sorted(claimed + parentheses(masked, keys, doi_key, found, claimed))
        bare_keys(masked, keys, found, claimed)
    if has_pmid:
        prose_pmids(masked, valid, found, claimed)
    if has_identifier:
        prose_identifiers(masked, keys, doi_key, found, claimed)
    if has_superscripts:
        superscripts(masked, found, claimed)
    if has_html:
        html_superscripts(text, masked, found, claimed)
    found.sort(key=lambda malformed: malformed.offset)
    return found
