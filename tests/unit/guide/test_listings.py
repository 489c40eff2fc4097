"""The listing pages' guide cards and the references page's source index.

The plugin hands these functions the published pages only (drafts are left out
before: tests/integration/test_drafts.py); the theme's partials render them
once per build, and each page gets their links relative to itself.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import random
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
import pytest
from bs4 import BeautifulSoup

from evidence_guides.build.listing_pages import ListedGuide, ListingPage, plan_catalogue
from evidence_guides.build.listings import SITE_ROOT, ListingPageHtml, ListingsHtml, SiteListings
from evidence_guides.build.rendered_once import RenderedOnce
from evidence_guides.build.source_pages import ReferencesPage, plan_source_pages
from evidence_guides.guide.frontmatter.model import FaqItem, Guide, Mistake, Muscle, Variation
from evidence_guides.guide.listings import (
    CitingGuide,
    GuideCard,
    filter_groups,
    guide_card,
    sorted_cards,
    source_index,
)
from evidence_guides.guide.muscles import EMPTY, KnownMuscle, MuscleGroup, MuscleVocabulary
from evidence_guides.store.formatting import FormattedReference, format_reference
from evidence_guides.store.parse import parse_bib

THEME = Path(__file__).resolve().parents[3] / "theme"
SITE = "https://guides.test/"

BIB = """\
@article{garber2011, author = {Garber, C. E.}, title = {Quantity and quality}, journal = {J},
  year = {2011}, pmid = {21694556}}
@article{garber2009, author = {garber, c. e.}, title = {Earlier}, journal = {J}, year = {2009}}
@article{ainsworth2011, author = {Ainsworth, B. E.}, title = {Compendium}, journal = {J},
  year = {2011}, doi = {10.1249/MSS.0b013e31821ece12}}
@misc{who2020, title = {WHO guidelines on physical activity}, year = {2020},
  url = {https://www.who.int/}}
@misc{acsm, title = {Beginner's guide}, year = {2018}}
@article{zeta, author = {Zeta, Z.}, title = {Last by author}, journal = {J}, year = {2001}}
@article{zeta2, author = {Zeta, Z.}, title = {Same author, same year}, journal = {J},
  year = {2001}}
"""


@pytest.fixture(scope="module")
def references() -> dict[str, FormattedReference]:
    store = parse_bib(BIB, "refs.bib")
    assert store.findings == ()
    return {key: format_reference(entry) for key, entry in store.entries.items()}


def _guide(title: str, level: str = "beginner", *muscles: tuple[str, str]) -> Guide:
    return Guide(
        title=title,
        description=f"How to do the {title.lower()}.",
        level=level,
        muscles=tuple(
            Muscle(name, role) for name, role in muscles or [("Rectus abdominis", "primary")]
        ),
        variations=(Variation("Easier", "beginner", "Slower."),),
        mistakes=(Mistake("Rushing.", "Slow down."),),
        faq=(FaqItem("How often?", "Twice a week."),),
        last_reviewed=datetime.date(2026, 11, 1),
    )


def _url(title: str) -> str:
    """A guide's address from the site's root, as MkDocs makes it from its slug."""
    return f"exercises/{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}/"


def _card(title: str, level: str = "beginner", muscles: tuple[str, ...] = ("Abs",)) -> GuideCard:
    groups = tuple(EMPTY.group_of(name) for name in muscles)
    return GuideCard(title, _url(title), level, f"{title}.", groups)


HIP_FLEXORS = MuscleGroup("Hip flexors", "hip-flexors", ("Iliopsoas", "Rectus femoris"))
ABDOMINALS = MuscleGroup("Abdominals", "abdominals", ("Rectus abdominis", "Obliques"))
GLUTES = MuscleGroup("Glutes", "glutes", ("Gluteus maximus",))
VOCABULARY = MuscleVocabulary.of(
    [
        KnownMuscle("Iliopsoas", HIP_FLEXORS, ("Psoas",)),
        KnownMuscle("Rectus femoris", HIP_FLEXORS),
        KnownMuscle("Rectus abdominis", ABDOMINALS),
        KnownMuscle("Obliques", ABDOMINALS),
        KnownMuscle("Gluteus maximus", GLUTES),
    ]
)


# --- cards -----------------------------------------------------------------------------------


def test_a_card_shows_the_guides_title_level_description_and_address() -> None:
    guide = _guide("Hanging leg raise", "advanced")
    card = guide_card(guide, "exercises/hanging-leg-raise/", VOCABULARY)
    assert card == GuideCard(
        title="Hanging leg raise",
        url="exercises/hanging-leg-raise/",
        level="advanced",
        description="How to do the hanging leg raise.",
        muscles=(ABDOMINALS,),
    )


@pytest.mark.parametrize(
    ("muscles", "shown"),
    [
        ([("Iliopsoas", "primary"), ("Rectus femoris", "secondary")], (HIP_FLEXORS,)),
        ([("Obliques", "stabilizer"), ("Rectus abdominis", "primary")], (ABDOMINALS,)),
        ([("psoas", "primary"), ("Obliques", "secondary")], (HIP_FLEXORS, ABDOMINALS)),
        # Antagonists and stabilisers are shown on the guide, but it does not train them.
        ([("Iliopsoas", "primary"), ("Gluteus maximus", "antagonist")], (HIP_FLEXORS,)),
        ([("Gluteus maximus", "stabilizer"), ("Obliques", "primary")], (ABDOMINALS,)),
        ([("Gluteus maximus", "stabilizer")], ()),
    ],
)
def test_a_cards_muscles_are_the_groups_the_guide_trains_once_each(
    muscles: list[tuple[str, str]], shown: tuple[MuscleGroup, ...]
) -> None:
    guide = _guide("Plank", "beginner", *muscles)
    assert guide_card(guide, "exercises/plank/", VOCABULARY).muscles == shown


def test_without_a_vocabulary_each_muscle_is_a_group_of_its_own() -> None:
    guide = _guide("Plank", "beginner", ("Rectus  abdominis", "primary"), ("X", "antagonist"))
    (group,) = guide_card(guide, "exercises/plank/").muscles
    assert group == MuscleGroup("Rectus abdominis", "rectus-abdominis", ("Rectus abdominis",))


@pytest.mark.parametrize(("level", "rank"), [("beginner", 0), ("intermediate", 1), ("advanced", 2)])
def test_levels_rank_from_beginner_to_advanced(level: str, rank: int) -> None:
    assert _card("Plank", level).level_rank == rank


def test_cards_are_ordered_by_level_then_title_whatever_the_pages_order() -> None:
    cards = [
        _card("crunch", "intermediate"),
        _card("Plank"),
        _card("Hanging leg raise", "advanced"),
        _card("Bird dog"),
        _card("Dead bug", "intermediate"),
        _card("ab wheel", "advanced"),
        _card("Zercher carry", "beginner"),
    ]
    expected = [
        "Bird dog",
        "Plank",
        "Zercher carry",
        "crunch",
        "Dead bug",
        "ab wheel",
        "Hanging leg raise",
    ]
    rng = random.Random(3)
    for _ in range(50):
        shuffled = rng.sample(cards, len(cards))
        ordered = sorted_cards(shuffled)
        assert [card.title for card in ordered] == expected
        assert sorted_cards(ordered) == ordered


def test_every_card_is_kept() -> None:
    cards = [_card(f"Guide {n}", level) for n, level in enumerate(["advanced", "beginner"] * 20)]
    assert sorted(sorted_cards(cards), key=lambda c: c.url) == sorted(cards, key=lambda c: c.url)
    assert sorted_cards([]) == []


@pytest.mark.parametrize(
    ("muscles", "names"),
    [
        ([(), ()], []),
        ([("Obliques", "Abs"), ("Glutes",), ("Obliques",)], ["Abs", "Glutes", "Obliques"]),
        ([("rectus abdominis",), ("Erector spinae",)], ["Erector spinae", "rectus abdominis"]),
    ],
)
def test_the_filter_lists_each_group_once_in_alphabetical_order(
    muscles: list[tuple[str, ...]], names: list[str]
) -> None:
    cards = [_card(f"Guide {n}", muscles=listed) for n, listed in enumerate(muscles)]
    for order in itertools.permutations(cards):
        assert [group.name for group in filter_groups(order)] == names


@pytest.mark.parametrize(
    "spellings",
    [
        ("Rectus abdominis", "rectus abdominis"),
        ("rectus abdominis", "Rectus Abdominis", "RECTUS ABDOMINIS", "Rectus abdominis"),
    ],
)
def test_a_group_spelt_in_two_cases_is_one_filter_option_and_one_listing(
    spellings: tuple[str, ...],
) -> None:
    """Groups match by slug: two spellings would be one option, or one listing, shown twice."""
    cards = [_card(f"Guide {n}", muscles=(name, "Obliques")) for n, name in enumerate(spellings)]
    shown = {tuple(filter_groups(order)) for order in itertools.permutations(cards)}
    assert len(shown) == 1  # the same spelling whatever the pages' order
    (groups,) = shown
    assert [group.slug for group in groups] == ["obliques", "rectus-abdominis"]
    # The catalogue lists them on one muscle's pages too.
    listed = [
        ListedGuide(card, "2026-01-01", 1, tuple(g.name for g in card.muscles)) for card in cards
    ]
    muscle_pages = {link.text.lower(): link.count for link in plan_catalogue(listed).muscles}
    assert muscle_pages == {"obliques": len(cards), "rectus abdominis": len(cards)}


# --- the source index ------------------------------------------------------------------------


def _pages(
    references: dict[str, FormattedReference], cited: dict[str, list[str]]
) -> list[tuple[CitingGuide, list[FormattedReference]]]:
    """Each page (by title) and the keys of the sources it cites, as the plugin passes them."""
    return [
        (CitingGuide(title, _url(title)), [references[key] for key in keys])
        for title, keys in cited.items()
    ]


CITED = {
    "Plank": ["garber2011", "who2020"],
    "crunch": ["ainsworth2011", "garber2011"],
    "Leg raise": ["garber2011", "ainsworth2011", "acsm", "zeta2", "zeta", "garber2009"],
    "References": [],
}


def test_each_source_is_listed_once_with_every_guide_citing_it(
    references: dict[str, FormattedReference],
) -> None:
    index = source_index(_pages(references, CITED))
    keys = [use.reference.key for use in index]
    assert sorted(keys) == sorted({key for keys in CITED.values() for key in keys})
    citing = {use.reference.key: [guide.title for guide in use.guides] for use in index}
    assert citing == {
        "garber2011": ["crunch", "Leg raise", "Plank"],  # by title, whatever the case
        "ainsworth2011": ["crunch", "Leg raise"],
        "who2020": ["Plank"],
        "acsm": ["Leg raise"],
        "zeta": ["Leg raise"],
        "zeta2": ["Leg raise"],
        "garber2009": ["Leg raise"],
    }
    urls = {guide.title: guide.url for use in index for guide in use.guides}
    assert urls == {title: _url(title) for title in CITED if title != "References"}


def test_sources_are_ordered_by_authors_then_year_whatever_the_pages_order(
    references: dict[str, FormattedReference],
) -> None:
    expected = [
        "ainsworth2011",  # Ainsworth BE
        "acsm",  # no authors: by title, "Beginner's guide"
        "garber2009",  # garber ce, 2009
        "garber2011",  # Garber CE, 2011
        "who2020",  # no authors: "WHO guidelines..."
        "zeta",  # Zeta Z, 2001, then by key
        "zeta2",
    ]
    pages = _pages(references, CITED)
    for order in itertools.permutations(pages):
        index = source_index(order)
        assert [use.reference.key for use in index] == expected
        assert index == source_index(pages)


def test_no_citations_no_sources() -> None:
    assert source_index([]) == []
    assert source_index([(CitingGuide("Home", ""), [])]) == []


# --- the theme's partials, with links relative to each page -----------------------------------


@pytest.fixture(scope="module")
def theme() -> jinja2.Environment:
    """The theme's templates as the plugin loads them (no autoescaping: the partials escape)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME), auto_reload=False)
    env.globals["rendered_once"] = RenderedOnce()
    return env


def _listings(
    theme: jinja2.Environment, cards: list[GuideCard], sources: list[Any], site_root: str
) -> tuple[BeautifulSoup, BeautifulSoup]:
    """A listing page of ``cards`` and the source index, as a page ``site_root`` deep shows them."""
    listing = ListingPage("browse/index.md", "Guides A to Z", "Every guide.", 1, 1, tuple(cards))
    page_html = theme.get_template("partials/listing.html").render(
        listing=listing, site_root=SITE_ROOT, urls={listing.src_uri: "browse/"}
    )
    page = ListingPageHtml(listing.src_uri, listing.title, "", 1, 1, None, None, page_html)
    first = plan_source_pages(sources, ReferencesPage("references.md"))[0]
    html = ListingsHtml(
        "",
        theme.get_template("partials/source-index.html").render(
            listing=first, site_root=SITE_ROOT, urls={first.src_uri: "references/"}
        ),
        (page,),
    )
    listings = SiteListings(html, site_root)
    return (
        BeautifulSoup(str(listings.listing(page)), "html.parser"),
        BeautifulSoup(str(listings.source_index), "html.parser"),
    )


CARDS = sorted_cards(
    [
        _card("Plank", "beginner", ("Rectus abdominis", "Transverse abdominis")),
        _card(
            "Leg raise", "intermediate", ("Iliopsoas (iliacus and psoas major)", "Rectus abdominis")
        ),
        _card('Ab "wheel" & <roll>', "advanced", ("Rectus abdominis", "Latissimus dorsi")),
    ]
)


def test_cards_show_their_title_level_and_muscles_as_text(theme: jinja2.Environment) -> None:
    cards, _ = _listings(theme, CARDS, [], "")
    items = cards.select("ul.guide-cards > li.guide-card")
    assert [item.select_one(".guide-card__title").get_text() for item in items] == [
        "Plank",
        "Leg raise",
        'Ab "wheel" & <roll>',
    ]
    levels = [item.select_one(".guide-level").get_text() for item in items]
    assert levels == ["Beginner", "Intermediate", "Advanced"]
    assert items[1].select_one(".guide-card__muscles").get_text().removeprefix("Trains: ") == (
        "Iliopsoas (iliacus and psoas major), Rectus abdominis"
    )


@pytest.mark.parametrize(
    ("page", "site_root"),
    [
        ("", ""),  # the landing page
        ("references/", "../"),
        ("exercises/plank/", "../../"),
        ("a/b/c/", "../../../"),
    ],
)
def test_links_are_relative_to_the_page_that_shows_them(
    theme: jinja2.Environment,
    references: dict[str, FormattedReference],
    page: str,
    site_root: str,
) -> None:
    sources = source_index(_pages(references, CITED))
    cards, index = _listings(theme, CARDS, sources, site_root)
    card_links = [a["href"] for a in cards.select(".guide-card__title a")]
    assert [urljoin(SITE + page, href) for href in card_links] == [SITE + c.url for c in CARDS]
    assert all(not href.startswith(("/", "http")) for href in card_links)
    cited = index.select_one("#source-garber2011 .source-index__guides")
    assert cited is not None
    assert [urljoin(SITE + page, a["href"]) for a in cited.select("a")] == [
        f"{SITE}exercises/crunch/",
        f"{SITE}exercises/leg-raise/",
        f"{SITE}exercises/plank/",
    ]
    assert SITE_ROOT not in str(cards) + str(index)


def test_the_index_lists_each_source_once_as_an_anchor(
    theme: jinja2.Environment, references: dict[str, FormattedReference]
) -> None:
    sources = source_index(_pages(references, CITED))
    _, index = _listings(theme, [], sources, "../")
    items = index.select("ol.source-index > li")
    assert [item["id"] for item in items] == [f"source-{use.reference.key}" for use in sources]
    garber = index.select_one("#source-garber2011")
    assert garber is not None
    assert garber.select_one("a.references__pubmed")["href"] == (
        "https://pubmed.ncbi.nlm.nih.gov/21694556/"
    )
    names = [a.get_text() for a in garber.select(".source-index__guides a")]
    assert names == ["crunch", "Leg raise", "Plank"]


def test_listings_made_once_serve_every_page(theme: jinja2.Environment) -> None:
    """The same HTML, only the links' prefix differs: a page's listings differ in nothing else."""
    at_root, _ = _listings(theme, CARDS, [], "")
    deeper, _ = _listings(theme, CARDS, [], "../../")
    assert str(deeper).replace('href="../../', 'href="') == str(at_root)


def test_a_cards_text_is_the_guides_as_written() -> None:
    """Front-matter text is data: the card keeps it as is, and the partial escapes it."""
    guide = dataclasses.replace(_guide("Plank"), description="Hold it <for> 20 s & breathe.")
    assert guide_card(guide, "x/").description == "Hold it <for> 20 s & breathe."
