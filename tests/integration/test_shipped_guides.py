"""Every shipped guide as a reader meets it: its own safety note up front, the general
disclaimer at the end (naming no exercise), in the order a health article reads."""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import REPO, Build

GUIDES = sorted(
    path.stem for path in (REPO / "content" / "exercises").glob("*.md") if path.stem != "index"
)


def _front_matter(slug: str) -> dict:
    text = (REPO / "content" / "exercises" / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def _page(site: Build, slug: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(f"exercises/{slug}/index.html"), "html.parser")


def test_the_shipped_guides_are_found() -> None:
    assert {"leg-raise", "flutter-kick", "crunch"} <= set(GUIDES)


@pytest.mark.parametrize("slug", GUIDES)
def test_the_safety_note_comes_before_the_first_instruction(shipped_site: Build, slug: str) -> None:
    page = _page(shipped_site, slug)
    note = page.select_one("article aside.guide-safety")
    assert note is not None, "every shipped guide has its own safety note"
    first_words = " ".join(_front_matter(slug)["safety"].split()[:6])
    assert first_words in " ".join(note.get_text(" ").split())
    # It links to the general disclaimer, which is on the same page.
    link = note.select_one("a[href='#disclaimer']")
    assert link is not None and page.select_one("aside#disclaimer.disclaimer") is not None
    # Before the body's first heading ("How to do it"), after the summary.
    html = str(page.select_one("article"))
    first_heading = page.select_one("article h2")
    assert first_heading is not None
    assert html.index("guide-summary") < html.index("guide-safety") < html.index(str(first_heading))


@pytest.mark.parametrize("slug", GUIDES)
def test_the_disclaimer_is_general(shipped_site: Build, slug: str) -> None:
    """One text for every guide: no exercise, muscle or condition of one guide in it."""
    (disclaimer,) = _page(shipped_site, slug).select("aside.disclaimer")
    text = " ".join(disclaimer.get_text(" ").split()).casefold()
    assert "not medical advice" in text
    named = [_front_matter(other)["title"].casefold() for other in GUIDES]
    named += ["hip-flexor", "hip flexor", "lumbar", "lower back", "neck", "disc condition"]
    assert [word for word in named if word in text] == []


def test_the_landing_filter_offers_muscle_groups_not_muscles(shipped_site: Build) -> None:
    landing = BeautifulSoup(shipped_site.page("index.html"), "html.parser")
    options = {o["value"]: o.get_text() for o in landing.select("select[name='muscle'] option")}
    assert options == {
        "": "All muscle groups",
        "abdominals": "Abdominals",
        "hip-flexors": "Hip flexors",
    }
    cards = {
        card.select_one("a").get_text(): card["data-muscles"].split("|")
        for card in landing.select("li.guide-card")
    }
    # Only primary and secondary muscles count: the leg raise steadies the abdominals
    # (stabilisers) and works the erector spinae (antagonists), but trains the hip flexors.
    assert cards == {
        "Leg raise": ["hip-flexors"],
        "Crunch": ["abdominals"],
        "Flutter kick": ["hip-flexors"],
    }


@pytest.mark.parametrize("slug", GUIDES)
def test_every_muscle_is_shown_with_its_group_and_role(shipped_site: Build, slug: str) -> None:
    page = _page(shipped_site, slug)
    shown = page.select(".guide-muscles li.guide-muscle")
    assert len(shown) == len(_front_matter(slug)["muscles"])
    for item in shown:
        assert item.select_one(".guide-group") is not None
        assert item.select_one(".guide-role") is not None
