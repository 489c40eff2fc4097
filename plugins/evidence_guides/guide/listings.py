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
from evidence_guides.guide.muscles import EMPTY, MuscleGroup, MuscleVocabulary, muscle_groups

if TYPE_CHECKING:
    from evidence_guides.guide.frontmatter.model import Guide
    from evidence_guides.store.formatting import FormattedReference


@dataclass(frozen=True, slots=True)
class GuideCard:
    title: str
    url: str  # site-relative, e.g. "exercises/leg-raise/"
    level: str
    description: str
    # The muscle groups the guide trains (its primary and secondary muscles), in its order.
    muscles: tuple[MuscleGroup, ...]

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


def guide_card(guide: Guide, url: str, vocabulary: MuscleVocabulary = EMPTY) -> GuideCard:
    return GuideCard(
        title=guide.title,
        url=url,
        level=guide.level,
        description=guide.description,
        muscles=tuple(muscle_groups(guide, vocabulary)),
    )


def sorted_cards(cards: Iterable[GuideCard]) -> list[GuideCard]:
    """Beginner guides first, then by title."""
    return sorted(cards, key=lambda card: (card.level_rank, card.title.casefold()))


def filter_groups(cards: Iterable[GuideCard]) -> list[MuscleGroup]:
    """Every muscle group some guide trains, once, in alphabetical order: the filter's options.

    The filter matches a card by the group's slug, so groups that share one are
    one option, named as it sorts first: the same in every build, whatever the
    order of the pages.
    """
    groups = sorted({g for card in cards for g in card.muscles}, key=_casefold_first)
    options: dict[str, MuscleGroup] = {}
    for group in groups:
        options.setdefault(group.slug, group)
    return list(options.values())


def _casefold_first(group: MuscleGroup) -> tuple[str, str, str]:
    return group.name.casefold(), group.name, group.slug


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
