"""Structured data (schema.org JSON-LD) for guide pages.

A guide gets one ``@graph`` holding a ``MedicalWebPage`` (an Article subtype:
headline, description, dates, publisher and every cited work with its PMID and
DOI) and an ``FAQPage`` whose answers are the visible answers' text.

The JSON is written into a ``<script>`` element, where ``</script>`` or
``<!--`` in an editor's text would end or corrupt the element. Escaping ``<``,
``>`` and ``&`` as JSON unicode escapes keeps the data identical after
``JSON.parse`` while making a break-out impossible.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evidence_guides.guide.frontmatter.model import Guide
    from evidence_guides.guide.people import Person
    from evidence_guides.store.formatting import FormattedReference

_SCRIPT_SAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
_SCHOLARLY_TYPES = {"article": "ScholarlyArticle", "inproceedings": "ScholarlyArticle"}


@dataclass(frozen=True, slots=True)
class Publisher:
    """The organisation that publishes the site (``site_name`` and ``site_url``)."""

    name: str
    url: str | None = None


def guide_structured_data(
    guide: Guide,
    *,
    page_url: str | None,
    faq_answers: Sequence[str],
    references: Sequence[FormattedReference],
    publisher: Publisher,
    author: Person | None = None,
    reviewer: Person | None = None,
) -> dict[str, Any]:
    """The guide's JSON-LD document; ``faq_answers`` are the visible answers' text.

    ``author`` and ``reviewer`` are the people its front-matter names, when defined.
    """
    page: dict[str, Any] = {
        "@type": "MedicalWebPage",
        "headline": guide.title,
        "name": guide.title,
        "description": guide.description,
        "dateModified": guide.last_reviewed.isoformat(),
        "lastReviewed": guide.last_reviewed.isoformat(),
        "publisher": _organisation(publisher),
        "citation": [_cited_work(reference) for reference in references],
    }
    faq: dict[str, Any] = {
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.q,
                "acceptedAnswer": {"@type": "Answer", "text": answer},
            }
            for item, answer in zip(guide.faq, faq_answers, strict=True)
        ],
    }
    # Who wrote it and who reviewed it (issue 17); lastReviewed is above.
    if author is not None:
        page["author"] = _person(author)
    if reviewer is not None:
        page["reviewedBy"] = _person(reviewer)
    if page_url:
        page["url"] = page_url
        page["@id"] = f"{page_url}#page"
        faq["url"] = page_url
    return {"@context": "https://schema.org", "@graph": [page, faq]}


def script_json(data: Any) -> str:
    """Serialise ``data`` for a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_SAFE:  # str.replace is far faster than str.translate
        if char in text:
            text = text.replace(char, escaped)
    return text


def _organisation(publisher: Publisher) -> dict[str, Any]:
    organisation: dict[str, Any] = {"@type": "Organization", "name": publisher.name}
    if publisher.url:
        organisation["url"] = publisher.url
    return organisation


def _person(person: Person) -> dict[str, Any]:
    """A ``Person`` with its ``jobTitle`` and ``hasCredential``s, or an ``Organization``."""
    node: dict[str, Any] = {
        "@type": "Organization" if person.is_organization else "Person",
        "name": person.name,
    }
    if person.role and not person.is_organization:
        node["jobTitle"] = person.role
    if person.credentials:
        node["hasCredential"] = [
            {"@type": "EducationalOccupationalCredential", "name": credential.strip()}
            for credential in person.credentials.split(",")
            if credential.strip()
        ]
    if person.affiliation and not person.is_organization:
        node["affiliation"] = {"@type": "Organization", "name": person.affiliation}
    if person.url:
        node["url"] = person.url
    return node


def _cited_work(reference: FormattedReference) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": _SCHOLARLY_TYPES.get(reference.entry_type, "CreativeWork"),
        "name": reference.title,
    }
    # A work whose study design is known is a MedicalScholarlyArticle, its
    # publicationType in PubMed's vocabulary (MeSH publication types), as
    # schema.org defines the property; an unknown design is left unsaid.
    if reference.evidence.publication_types:
        work["@type"] = "MedicalScholarlyArticle"
        work["publicationType"] = list(reference.evidence.publication_types)
    if reference.authors:
        work["author"] = reference.authors
    if reference.year:
        work["datePublished"] = reference.year
    if reference.container:
        work["isPartOf"] = {"@type": "Periodical", "name": reference.container}
    identifiers = []
    if reference.pmid:
        identifiers.append(
            {"@type": "PropertyValue", "propertyID": "PMID", "value": reference.pmid}
        )
    if reference.doi:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": reference.doi})
    if identifiers:
        work["identifier"] = identifiers
    links = [url for url in (reference.doi_url, reference.pubmed_url, reference.url) if url]
    if links:
        work["url"] = links[0]
        work["sameAs"] = links[1:] if len(links) > 1 else links
    return work
