"""What the malformed-citation tests share: a store's keys and DOIs, and the search on a text."""

from __future__ import annotations

from evidence_guides.audit.malformed.finder import find_malformed
from evidence_guides.audit.malformed.model import Malformed
from evidence_guides.store.identifiers import normalise_doi
from evidence_guides.text.citations import link_labels, mask_markdown, scan_citations

KEYS = frozenset({"garber2011", "piercy2018", "hhs2018", "a", "b"})
DOIS = {"10.1001/jama.2018.14854": "piercy2018"}


def malformed(text: str) -> list[Malformed]:
    masked = mask_markdown(text)
    citations = scan_citations(text, masked=masked)
    doi_key = lambda doi: DOIS.get(normalise_doi(doi) or "")  # noqa: E731
    return find_malformed(masked, citations, KEYS, doi_key, link_labels(text), text)


def assert_slip(text: str, start: str, problem: str, suggestion: str) -> None:
    """One malformed citation in ``text``, where ``start`` is, naming ``problem``, with the fix."""
    found = malformed(text)
    assert len(found) == 1, found
    assert found[0].offset == text.index(start)
    assert found[0].message.startswith("malformed citation '")
    assert problem in found[0].message
    assert found[0].suggestion.startswith(suggestion)


def assert_vague(text: str, start: str, reason: str, suggestion: str) -> None:
    """One citation in another style in ``text``, where ``start`` is: a vague reference,
    naming ``reason``, with the fix."""
    found = malformed(text)
    assert len(found) == 1, found
    assert found[0].vague
    assert found[0].offset == text.index(start)
    assert found[0].message.startswith("vague reference '")
    assert found[0].message.split(" has no key or PMID: ", 1)[1].startswith(reason)
    assert found[0].suggestion.startswith(suggestion)
