"""Every shipped guide as a reader meets it: its own safety note up front, the general
disclaimer at the end (naming no exercise), in the order a health article reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from evidence_guides.guide.muscles import TRAINS, load_vocabulary

from .conftest import REPO, Build


def _is_draft(path: Path) -> bool:
    """A draft is left out of the site: no page of its own to check."""
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return bool(meta.get("draft"))


GUIDES = sorted(
    path.stem
    for path in (REPO / "content" / "exercises").glob("*.md")
    if path.stem != "index" and not _is_draft(path)
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


def test_the_guides_are_listed_by_the_muscle_groups_they_train(shipped_site: Build) -> None:
    """The "by muscle" listing pages are the groups of muscles.yml, each listing the
    published guides whose primary or secondary muscles belong to it, and no other."""
    vocabulary = load_vocabulary(REPO / "muscles.yml", "muscles.yml")
    expected: dict[str, set[str]] = {}
    for slug in GUIDES:
        meta = _front_matter(slug)
        if meta.get("draft"):
            continue
        for muscle in meta["muscles"]:
            if muscle["role"] in TRAINS:
                group = vocabulary.group_of(muscle["name"])
                expected.setdefault(group.name, set()).add(meta["title"])
    index = BeautifulSoup(shipped_site.page("browse/muscles/index.html"), "html.parser")
    links = {a.get_text(): a["href"] for a in index.select("main article li a")}
    assert set(links) == set(expected)
    for name, href in links.items():
        folder = os.path.normpath((Path("browse/muscles") / href).as_posix())
        page = BeautifulSoup(shipped_site.page(f"{folder}/index.html"), "html.parser")
        titles = {card.get_text(strip=True) for card in page.select(".guide-card__title")}
        assert titles == expected[name]
    # The leg raise steadies the abdominals (stabilisers): it is listed for the hip flexors only.
    assert "Leg raise" not in expected.get("Abdominals", set())


@pytest.mark.parametrize("slug", GUIDES)
def test_every_muscle_is_shown_with_its_group_and_role(shipped_site: Build, slug: str) -> None:
    page = _page(shipped_site, slug)
    shown = page.select(".guide-muscles li.guide-muscle")
    assert len(shown) == len(_front_matter(slug)["muscles"])
    for item in shown:
        assert item.select_one(".guide-group") is not None
        assert item.select_one(".guide-role") is not None


@pytest.mark.parametrize("slug", GUIDES)
def test_breadcrumbs_contents_and_reading_time_above_the_body(
    shipped_site: Build, slug: str
) -> None:
    page = _page(shipped_site, slug)
    crumbs = [li.get_text(" ", strip=True) for li in page.select("nav.guide-breadcrumbs li")]
    level = _front_matter(slug)["level"].capitalize()
    assert crumbs == ["Guides", level, _front_matter(slug)["title"]]
    level_link = page.select("nav.guide-breadcrumbs a")[1]["href"]
    assert level_link == f"../../browse/level/{level.lower()}/"
    contents = [a["href"] for a in page.select("nav.guide-contents a")]
    toc = [a["href"] for a in page.select(".md-nav--secondary a")]
    assert contents and contents == [href for href in toc if href.count("#") == 1][: len(contents)]
    summary = page.select_one(".guide-summary").get_text(" ")
    assert "Reading time" in summary and " min" in summary
    html = str(page.select_one("article"))
    first_heading = str(page.select_one("article h2"))
    assert html.index("guide-safety") < html.index("guide-contents") < html.index(first_heading)


def test_the_footer_names_the_publisher_policy_and_contact_from_mkdocs_yml(
    shipped_site: Build,
) -> None:
    config = yaml.safe_load(
        "\n".join(
            line
            for line in (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
            if "!!python" not in line
        )
    )
    publisher, contact = config["extra"]["publisher"], config["extra"]["contact"]
    for path in ("index.html", "exercises/leg-raise/index.html", "references/index.html"):
        footer = BeautifulSoup(shipped_site.page(path), "html.parser").select_one("footer")
        assert footer is not None
        assert footer.select_one(f"a[href='{publisher['url']}']").get_text() == publisher["name"]
        assert footer.select_one(f"a[href='mailto:{contact['email']}']") is not None
        policy = footer.find("a", string="Editorial and sourcing policy")
        assert policy is not None and policy["href"].endswith("editorial-policy/")
        assert "Material for MkDocs" not in footer.get_text()


def test_the_policy_page_lists_what_the_audit_enforces(shipped_site: Build) -> None:
    from evidence_guides.audit.policy import READER_SENTENCES

    page = BeautifulSoup(shipped_site.page("editorial-policy/index.html"), "html.parser")
    text = " ".join(page.select_one("article").get_text(" ").split())
    assert "How sources are chosen" in text and "How guides are reviewed" in text
    for sentence in (READER_SENTENCES["retracted-source"], READER_SENTENCES["image-invalid"]):
        assert sentence in text
    # mkdocs.yml's extra.contact.email: where readers send corrections (README, "Publisher,
    # footer and policy"); MkDocs gives extra as a Config, not a dict
    assert page.select_one("article h2#corrections") is not None
    assert page.select_one("article a[href='mailto:editors@evidence-guides.example']")
    assert page.find("a", string="references page")["href"] == "../references/"


def test_the_navigation_names_the_site_once(shipped_site: Build) -> None:
    page = BeautifulSoup(shipped_site.page("exercises/leg-raise/index.html"), "html.parser")
    items = [a.get_text(" ", strip=True) for a in page.select(".md-nav--primary > ul a")]
    assert "Evidence Guides" not in items
    assert items[:3] == ["Home", "Exercises", "References"]
