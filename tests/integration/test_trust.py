"""What tells a reader how far to trust a guide: designs, byline, quotes, and the publisher's
call to action kept apart, in real builds of the shipped site and of a fixture project."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.guides import guide_source

from .conftest import MINIMAL_BIB, MINIMAL_CONFIG, Build, ProjectFactory, run_build

GUIDES = ("leg-raise", "crunch", "flutter-kick")
# The two designs the references brief states; every other entry shows none yet.
SHIPPED_DESIGNS = {"garber2011": "position stand", "schoenfeld2017": "meta-analysis"}

PEOPLE = """\
people:
  - id: team
    name: Test editorial team
    kind: organization
  - id: jane-doe
    name: Jane Doe
    credentials: PhD
    role: Exercise physiologist
    affiliation: Example University
"""
CTA = (
    "      call_to_action:\n"
    "        text: Log every plank in the Test app.\n"
    "        link: https://app.test/\n"
    "        label: Get the Test app\n"
)


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _graph(page: BeautifulSoup) -> dict[str, dict]:
    script = page.select_one('script[type="application/ld+json"]')
    assert script is not None and script.string
    return {node["@type"]: node for node in json.loads(script.string)["@graph"]}


def _text(element: object) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()  # type: ignore[attr-defined]


# --- the shipped site --------------------------------------------------------------------------


@pytest.mark.parametrize("slug", GUIDES)
def test_each_shipped_guide_names_its_team_and_sums_up_its_evidence(
    shipped_site: Build, slug: str
) -> None:
    page = _soup(shipped_site.page(f"exercises/{slug}/index.html"))
    byline = page.select_one(".guide-summary .guide-byline")
    assert byline is not None
    assert _text(byline).startswith("By Evidence Guides editorial team · Last reviewed ")
    assert "Reviewed by" not in _text(byline)  # no reviewer is shipped
    evidence = page.select_one(".guide-evidence dd")
    assert evidence is not None
    link = evidence.select_one("a")
    assert link is not None and link["href"] == "#references"
    references = page.select("ol.references > li")
    assert _text(link) == f"{len(references)} sources"
    graph = _graph(page)["MedicalWebPage"]
    assert graph["author"] == {"@type": "Organization", "name": "Evidence Guides editorial team"}
    assert "reviewedBy" not in graph


def test_the_shipped_store_shows_only_the_designs_the_brief_states(shipped_site: Build) -> None:
    page = _soup(shipped_site.page("exercises/leg-raise/index.html"))
    shown = {
        item["id"].removeprefix("ref-"): _text(item.select_one(".references__design"))
        for item in page.select("ol.references > li")
        if item.select_one(".references__design")
    }
    assert shown == {key: f"Study design: {label}." for key, label in SHIPPED_DESIGNS.items()}
    assert _text(page.select_one(".guide-evidence dd")) == (
        "7 sources : 1 meta-analysis, 1 position stand, 5 not classified"
    )
    tooltips = {a["href"]: a["title"] for a in page.select("a.citation[title]")}
    assert tooltips["#ref-schoenfeld2017"].endswith(" Study design: meta-analysis.")
    assert "Study design" not in tooltips["#ref-westcott2012"]
    works = _graph(page)["MedicalWebPage"]["citation"]
    typed = {work["name"][:30]: work.get("publicationType") for work in works}
    assert [work["@type"] for work in works].count("MedicalScholarlyArticle") == 2
    assert sorted(filter(None, typed.values())) == [["Guideline"], ["Meta-Analysis"]]


def test_the_people_file_is_not_published(shipped_site: Build) -> None:
    assert not (shipped_site.site / "people.yml").exists()
    assert not (shipped_site.site / "people" / "index.html").exists()


def test_no_call_to_action_unless_configured(shipped_site: Build) -> None:
    assert "call-to-action" not in shipped_site.page("exercises/leg-raise/index.html")


# --- a project with a reviewer, an expert quote and a call to action -----------------------------


def write_trusted_project(project: Path) -> Path:
    """A project whose guide has an author, a reviewer, an expert quote and a call to action."""
    files = {
        "mkdocs.yml": MINIMAL_CONFIG.replace("  - evidence\n", "  - evidence:\n" + CTA),
        "content/people.yml": PEOPLE,
        "content/index.md": "# Home\n",
        "references/refs.bib": MINIMAL_BIB,
        "content/exercises/plank.md": guide_source(
            extra="author: team\nreviewed_by: jane-doe\n",
            body="Body text.\n\n> [!quote] jane-doe\n> Stop the set when the hips sag.",
        ),
    }
    for relative, text in files.items():
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def trusted(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_build(write_trusted_project(tmp_path_factory.mktemp("trusted")))
    assert build.returncode == 0, build.output
    return build


def test_the_byline_names_author_and_reviewer_with_credentials(trusted: Build) -> None:
    page = _soup(trusted.page("exercises/plank/index.html"))
    assert _text(page.select_one(".guide-byline")) == (
        "By Test editorial team · Reviewed by Jane Doe, PhD · Last reviewed 1 November 2026"
    )
    reviewer = _graph(page)["MedicalWebPage"]["reviewedBy"]
    assert reviewer["@type"] == "Person" and reviewer["jobTitle"] == "Exercise physiologist"
    assert reviewer["hasCredential"] == [
        {"@type": "EducationalOccupationalCredential", "name": "PhD"}
    ]


def test_an_expert_quote_is_a_figure_with_its_speaker(trusted: Build) -> None:
    page = _soup(trusted.page("exercises/plank/index.html"))
    (figure,) = page.select("figure.expert-quote")
    assert _text(figure.blockquote) == "Stop the set when the hips sag."
    assert _text(figure.figcaption) == ("Jane Doe, PhD, Exercise physiologist, Example University")
    assert "[!quote]" not in trusted.page("exercises/plank/index.html")


def test_the_call_to_action_follows_the_guide_and_stays_out_of_its_data(trusted: Build) -> None:
    html = trusted.page("exercises/plank/index.html")
    page = _soup(html)
    (aside,) = page.select("aside.call-to-action")
    assert _text(aside) == "Log every plank in the Test app. Get the Test app"
    assert aside.select_one("a")["href"] == "https://app.test/"  # type: ignore[index]
    article = page.select_one("article")
    assert article is not None and aside.find_parent("article") is article
    # After the references and the disclaimer; in no section, FAQ or structured data.
    assert html.index('class="call-to-action"') > html.index('class="references"')
    assert html.index('class="call-to-action"') > html.index('class="disclaimer"')
    assert aside.find_parent("section") is None
    assert "Test app" not in _text(page.select_one("section.faq"))
    for script in page.select('script[type="application/ld+json"]'):
        assert "Test app" not in script.string and "app.test" not in script.string  # type: ignore[operator]


def test_an_unknown_person_fails_a_strict_build_at_its_line(make_project: ProjectFactory) -> None:
    project = make_project(
        {
            "content/people.yml": PEOPLE,
            "content/exercises/plank.md": guide_source(extra="reviewed_by: john-roe\n"),
        }
    )
    build = run_build(project)
    assert build.returncode == 1
    assert (
        "content/exercises/plank.md:19:14: frontmatter-invalid: reviewed_by: 'john-roe' is not"
        " defined in content/people.yml" in build.output
    )
