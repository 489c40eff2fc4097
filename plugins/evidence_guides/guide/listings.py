"""Site-wide listings: guide cards for the landing page, and every source with its guides.

Both are built once per build from what rendering the pages already produced
(parsed front-matter, each page's reference list), so listing the site costs
no second read of any file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides.guide.frontmatter.model import LEVELS

if TYPE_CHECKING:
    from evidence_guides.guide.frontmatter.model import Guide
    from evidence_guides.store.formatting import FormattedReference


@dataclass(frozen=True, slots=True)
class GuideCard:
    title: str
    url: str  # site-relative, e.g. "exercises/leg-raise/"
    level: str
    description: str
    muscles: tuple[str, ...]  # primary and secondary movers first, as the guide lists them

    @property
    def level_rank(self) -> int:
        return LEVELS.index(self.level)


@dataclass(frozen=True, slots=True)
class CitingGuide:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class SourceUse:
    """One source and the guides that cite it."""

    reference: FormattedReference
    guides: tuple[CitingGuide, ...]


def guide_card(guide: Guide, url: str) -> GuideCard:
    return GuideCard(
        title=guide.title,
        url=url,
        level=guide.level,
        description=guide.description,
        muscles=tuple(dict.fromkeys(muscle.name for muscle in guide.muscles)),
    )


def sorted_cards(cards: Iterable[GuideCard]) -> list[GuideCard]:
    """Beginner guides first, then by title."""
    return sorted(cards, key=lambda card: (card.level_rank, card.title.casefold()))


def muscle_names(cards: Iterable[GuideCard]) -> list[str]:
    """Every muscle any guide lists, once, for the landing page's filter.

    The filter matches a card by the muscle's lower-case name, so names that
    differ only in case are one option, spelt as it sorts first: the same in
    every build, whatever the order of the pages.
    """
    names = sorted({name for card in cards for name in card.muscles}, key=_casefold_first)
    options: dict[str, str] = {}
    for name in names:
        options.setdefault(name.lower(), name)
    return list(options.values())


def _casefold_first(name: str) -> tuple[str, str]:
    return name.casefold(), name


def source_index(
    pages: Iterable[tuple[CitingGuide, Iterable[FormattedReference]]],
) -> list[SourceUse]:
    """Every cited source once, with the guides citing it, sorted by authors then year."""
    references: dict[str, FormattedReference] = {}
    citing: dict[str, list[CitingGuide]] = {}
    for guide, page_references in pages:
        for reference in page_references:
            references.setdefault(reference.key, reference)
            citing.setdefault(reference.key, []).append(guide)
    order = sorted(
        references.values(),
        key=lambda ref: (ref.authors.casefold() or ref.title.casefold(), ref.year or "", ref.key),
    )
    return [
        SourceUse(ref, tuple(sorted(citing[ref.key], key=lambda g: g.title.casefold())))
        for ref in order
    ]
