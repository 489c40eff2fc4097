"""The catalogue's pages: every guide A to Z, by level and by muscle, in pages of a fixed size.

A library of thousands of guides cannot be one page: the landing page shows a
bounded selection (the guides reviewed last, the most-cited, the levels and
muscles) and leads to these listing pages, each at most :data:`PAGE_SIZE`
guides, static HTML linked to the pages before and after it, so no page grows
with the library and every guide is reachable without JavaScript. They are
planned here from the guides' cards, engine-free; the engine adapter adds them
to the site as generated pages (``src_uri`` is where a page would be in
docs_dir) and the theme's ``listing.html`` shows them.

Which muscle groups a guide is listed under is decided by :func:`muscle_keys`
alone, from the project's muscle vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides.guide.frontmatter.model import LEVELS
from evidence_guides.guide.muscles import EMPTY, MuscleVocabulary, muscle_groups

if TYPE_CHECKING:
    from evidence_guides.guide.frontmatter.model import Guide
    from evidence_guides.guide.listings import GuideCard

PAGE_SIZE = 50
"""Guides per listing page (and muscles per page of the muscle index)."""
ROOT = "browse"
"""The folder (in docs_dir) the listing pages are generated into: no page of docs_dir there."""
SELECTION = 6
"""Guides in each of the landing page's selections (reviewed last, most-cited)."""
LANDING_MUSCLES = 12
"""Muscles the landing page names (those with the most guides); the muscle index has all."""


def muscle_keys(guide: Guide, vocabulary: MuscleVocabulary = EMPTY) -> tuple[str, ...]:
    """What a guide is listed under on the "by muscle" pages: the groups that move it.

    The muscle groups of its primary and secondary movers (the groups the
    landing page's cards and the structured data name), each once; a guide
    that names no mover, the groups of all it names. A muscle the vocabulary
    does not know is a group of its own, as the guide spells it.
    """
    groups = muscle_groups(guide, vocabulary) or [
        vocabulary.group_of(m.name) for m in guide.muscles
    ]
    return tuple(dict.fromkeys(group.name for group in groups))


@dataclass(frozen=True, slots=True)
class ListedGuide:
    """A published guide as the catalogue sorts and groups it."""

    card: GuideCard
    last_reviewed: str  # ISO date
    references: int  # distinct sources it cites
    muscles: tuple[str, ...]  # from muscle_keys


@dataclass(frozen=True, slots=True)
class Link:
    """A link from the catalogue: text, the page it leads to (a src_uri), and a count."""

    text: str
    src_uri: str
    count: int


@dataclass(frozen=True, slots=True)
class ListingPage:
    """One page of a listing: its guides (or, in the muscle index, links), and its neighbours."""

    src_uri: str
    title: str  # "Guides A to Z", "Beginner guides", "Guides for the hamstrings"
    description: str
    number: int  # 1-based
    count: int  # pages in this listing
    guides: tuple[GuideCard, ...] = ()
    links: tuple[Link, ...] = ()  # the muscle index's entries
    previous: str | None = None  # src_uri of the page before, if any
    next: str | None = None


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every listing page, and what the landing page shows of the library."""

    pages: tuple[ListingPage, ...]
    total: int
    reviewed_last: tuple[GuideCard, ...]
    most_cited: tuple[GuideCard, ...]
    levels: tuple[Link, ...]
    muscles: tuple[Link, ...]  # the most listed, at most LANDING_MUSCLES
    all_guides: str  # src_uri of the first A-to-Z page
    muscle_index: str  # src_uri of the first page of the muscle index


def plan_catalogue(listed: Iterable[ListedGuide]) -> Catalogue:
    """The listing pages of ``listed`` and the landing page's selections; same input, same plan."""
    guides = sorted(listed, key=lambda item: (item.card.title.casefold(), item.card.url))
    cards = [item.card for item in guides]
    pages: list[ListingPage] = []
    describe = "Every exercise guide, A to Z."
    pages += _paginate(f"{ROOT}/index.md", "Guides A to Z", describe, cards)
    levels = []
    for level in LEVELS:
        chosen = [card for card in cards if card.level == level]
        if chosen:
            src = f"{ROOT}/level/{level}/index.md"
            name = level.capitalize()
            pages += _paginate(src, f"{name} guides", f"{name} exercise guides, A to Z.", chosen)
            levels.append(Link(name, src, len(chosen)))
    by_muscle = _by_muscle(guides)
    muscle_links = []
    for (name, chosen), slug in zip(by_muscle, _slugs(name for name, _ in by_muscle), strict=True):
        src = f"{ROOT}/muscle/{slug}/index.md"
        title = f"Guides for the {name}" if name[:1].islower() else f"Guides for {name}"
        pages += _paginate(src, title, f"Exercise guides that work the {name}, A to Z.", chosen)
        muscle_links.append(Link(name, src, len(chosen)))
    index = f"{ROOT}/muscles/index.md"
    pages += _paginate(index, "Guides by muscle", "Every muscle the guides work.", muscle_links)
    most_listed = sorted(muscle_links, key=lambda link: -link.count)[:LANDING_MUSCLES]
    return Catalogue(
        pages=tuple(pages),
        total=len(cards),
        reviewed_last=tuple(_top(guides, lambda item: item.last_reviewed)),
        most_cited=tuple(_top(guides, lambda item: item.references)),
        levels=tuple(levels),
        muscles=tuple(sorted(most_listed, key=lambda link: link.text.casefold())),
        all_guides=f"{ROOT}/index.md",
        muscle_index=index,
    )


def _top(guides: Sequence[ListedGuide], key) -> list[GuideCard]:  # type: ignore[no-untyped-def]
    """The SELECTION guides with the highest ``key``; ties in title order (guides are sorted)."""
    ranked = sorted(range(len(guides)), key=lambda i: (key(guides[i]), -i), reverse=True)
    return [guides[i].card for i in ranked[:SELECTION]]


def _by_muscle(guides: Sequence[ListedGuide]) -> list[tuple[str, list[GuideCard]]]:
    """Each muscle with its guides (title order); names differing only in case are one."""
    spelling: dict[str, str] = {}
    members: dict[str, list[GuideCard]] = {}
    for item in guides:
        for name in item.muscles:
            folded = name.casefold()
            spelling[folded] = min(spelling.get(folded, name), name)
            chosen = members.setdefault(folded, [])
            if not chosen or chosen[-1] is not item.card:
                chosen.append(item.card)
    return [(spelling[folded], members[folded]) for folded in sorted(members)]


def _slugs(names: Iterable[str]) -> list[str]:
    """A URL-safe slug per name, each different ("-2" after one already taken)."""
    taken: set[str] = set()
    slugs = []
    for name in names:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60] or "muscle"
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


def _paginate(
    first: str, title: str, description: str, items: Sequence[GuideCard] | Sequence[Link]
) -> list[ListingPage]:
    """``items`` in pages of PAGE_SIZE: ``first`` (an index.md), then ``2/index.md`` beside it."""
    folder = first.removesuffix("index.md")
    chunks = [items[start : start + PAGE_SIZE] for start in range(0, len(items), PAGE_SIZE)]
    count = max(len(chunks), 1)
    sources = [first] + [f"{folder}{number}/index.md" for number in range(2, count + 1)]
    pages = []
    for number, src in enumerate(sources, start=1):
        chunk = chunks[number - 1] if chunks else ()
        guides = tuple(item for item in chunk if not isinstance(item, Link))
        links = tuple(item for item in chunk if isinstance(item, Link))
        pages.append(
            ListingPage(
                src_uri=src,
                title=title if number == 1 else f"{title}, page {number}",
                description=description,
                number=number,
                count=count,
                guides=guides,
                links=links,
                previous=sources[number - 2] if number > 1 else None,
                next=sources[number] if number < count else None,
            )
        )
    return pages
