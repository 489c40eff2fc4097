"""The headings of the sections a page gets around its body: ids and titles, once.

The table of contents (which the engine builds from the body's headings, so the
adapter adds these) and the templates that write the headings both read this
table, so a section renamed here is renamed in both and the contents' links never
point at an id the page does not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Heading:
    """A section's heading: its anchor id and its title, as the page shows it."""

    id: str
    title: str


MUSCLES = Heading("muscles", "Muscles worked")
VARIATIONS = Heading("variations", "Variations")
MISTAKES = Heading("mistakes", "Common mistakes")
FAQ = Heading("faq", "Frequently asked questions")
RELATED = Heading("related", "Related guides")
REFERENCES = Heading("references", "References")

GUIDE_SECTIONS: tuple[Heading, ...] = (MUSCLES, VARIATIONS, MISTAKES, FAQ)
"""Every guide's structured sections, in the order the page shows them."""

HEADINGS = MappingProxyType(
    {heading.id: heading for heading in (*GUIDE_SECTIONS, RELATED, REFERENCES)}
)
"""``headings`` in the templates: ``headings.muscles.title``, ``headings.faq.id``."""


def contents(*, guide: bool, related: bool, references: bool) -> tuple[Heading, ...]:
    """The headings added after a page's body, in order, for its table of contents."""
    added = list(GUIDE_SECTIONS) if guide else []
    if guide and related:
        added.append(RELATED)
    if references:
        added.append(REFERENCES)
    return tuple(added)
