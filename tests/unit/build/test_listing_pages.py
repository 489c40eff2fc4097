"""The catalogue's plan: listing pages of a fixed size that list every guide once, and the
landing page's bounded selections."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from evidence_guides.build import listing_pages
from evidence_guides.build.listing_pages import (
    PAGE_SIZE,
    SELECTION,
    ListedGuide,
    muscle_keys,
    plan_catalogue,
)
from evidence_guides.guide.frontmatter.model import FaqItem, Guide, Mistake, Muscle, Variation
from evidence_guides.guide.listings import GuideCard

LEVELS = ("beginner", "intermediate", "advanced")
MUSCLES = ("Glutes", "Hamstrings", "Quadriceps", "Obliques", "Calves")


def _listed(number: int) -> ListedGuide:
    muscles = (MUSCLES[number % 5], MUSCLES[(number + 2) % 5])
    card = GuideCard(
        f"Drill {number:04d}", f"exercises/drill-{number:04d}/", LEVELS[number % 3], "D.", muscles
    )
    day = datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 300)
    return ListedGuide(card, day.isoformat(), number % 17, muscles)


@pytest.mark.parametrize("guides", [0, 1, PAGE_SIZE, PAGE_SIZE + 1, 7 * PAGE_SIZE + 3])
def test_every_listing_lists_each_of_its_guides_exactly_once(guides: int) -> None:
    listed = [_listed(n) for n in range(guides)]
    catalogue = plan_catalogue(reversed(listed))
    by_listing: dict[str, list[ListedGuide | str]] = {}
    for page in catalogue.pages:
        assert len(page.guides) + len(page.links) <= PAGE_SIZE
        listing = page.src_uri.rsplit("/", 2)[0] if page.number > 1 else page.src_uri
        by_listing.setdefault(listing.removesuffix("/index.md"), []).extend(
            card.url for card in page.guides
        )
    everything = by_listing["browse"]
    assert sorted(everything) == sorted(item.card.url for item in listed)
    assert len(everything) == len(set(everything))
    for level in LEVELS:
        expected = sorted(i.card.url for i in listed if i.card.level == level)
        assert sorted(by_listing.get(f"browse/level/{level}", [])) == expected
    for link in catalogue.muscles:
        expected = sorted(i.card.url for i in listed if link.text in i.muscles)
        listing = link.src_uri.removesuffix("/index.md")
        assert sorted(by_listing[listing]) == expected and link.count == len(expected)
    assert catalogue.total == guides


def test_pages_link_to_their_neighbours_and_know_their_number() -> None:
    catalogue = plan_catalogue(_listed(n) for n in range(2 * PAGE_SIZE + 1))
    pages = [page for page in catalogue.pages if page.title.startswith("Guides A to Z")]
    assert [page.src_uri for page in pages] == [
        "browse/index.md",
        "browse/2/index.md",
        "browse/3/index.md",
    ]
    assert [(page.number, page.count) for page in pages] == [(1, 3), (2, 3), (3, 3)]
    assert [page.previous for page in pages] == [None, "browse/index.md", "browse/2/index.md"]
    assert [page.next for page in pages] == ["browse/2/index.md", "browse/3/index.md", None]
    assert pages[1].title == "Guides A to Z, page 2"
    titles = [page.guides[0].title for page in pages]
    assert titles == sorted(titles)  # A to Z across the pages


def test_the_landing_selections_stay_the_same_size_as_the_library_grows() -> None:
    small = plan_catalogue(_listed(n) for n in range(10))
    large = plan_catalogue(_listed(n) for n in range(3000))
    for catalogue in (small, large):
        assert len(catalogue.reviewed_last) == len(catalogue.most_cited) == SELECTION
        assert len(catalogue.muscles) <= listing_pages.LANDING_MUSCLES
    newest = max(_listed(n).last_reviewed for n in range(3000))
    assert all(card.url for card in large.reviewed_last)
    assert {_reviewed(card) for card in large.reviewed_last} == {newest}
    assert large.most_cited[0].url == _listed(16).card.url  # 16 references, first by title


def _reviewed(card: GuideCard) -> str:
    return _listed(int(card.title.split()[-1])).last_reviewed


def test_muscle_pages_have_distinct_url_safe_slugs() -> None:
    names = ("Iliopsoas (iliacus and psoas major)", "Iliopsoas iliacus and psoas major", "Sóleus")
    listed = [dataclasses.replace(_listed(n), muscles=(name,)) for n, name in enumerate(names)]
    sources = [link.src_uri for link in plan_catalogue(listed).muscles]
    assert sorted(sources) == [
        "browse/muscle/iliopsoas-iliacus-and-psoas-major-2/index.md",
        "browse/muscle/iliopsoas-iliacus-and-psoas-major/index.md",
        "browse/muscle/soleus/index.md",
    ]


def test_a_guide_is_listed_under_the_muscles_that_move_it() -> None:
    guide = Guide(
        title="Bridge",
        description="Lift the hips.",
        level="beginner",
        muscles=(
            Muscle("Gluteus maximus", "primary"),
            Muscle("Hamstrings", "secondary"),
            Muscle("Erector spinae", "stabilizer"),
            Muscle("Hip flexors", "antagonist"),
            Muscle("Gluteus maximus", "secondary"),
        ),
        variations=(Variation("Single-leg bridge", "intermediate", "One leg."),),
        mistakes=(Mistake("Arching.", "Brace."),),
        faq=(FaqItem("How many?", "Ten."),),
        last_reviewed=datetime.date(2026, 1, 1),
    )
    assert muscle_keys(guide) == ("Gluteus maximus", "Hamstrings")
    stabilised = dataclasses.replace(guide, muscles=(Muscle("Erector spinae", "stabilizer"),))
    assert muscle_keys(stabilised) == ("Erector spinae",)  # none moves it: all it lists
