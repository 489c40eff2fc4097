"""Links in front-matter fields resolve to published pages, as the body's links do."""

from __future__ import annotations

import markdown
import pytest

from evidence_guides.guide.field_links import FieldLinks, linked_source, unresolved_link_warnings
from evidence_guides.guide.frontmatter.model import parse_guide

PAGES = {
    "exercises/flutter-kick.md": "../flutter-kick/",
    "exercises/index.md": "../",
    "index.md": "../../",
    "img/plank.png": "../../img/plank.png",
}


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("flutter-kick.md", ("exercises/flutter-kick.md", "")),
        ("flutter-kick.md#how-to", ("exercises/flutter-kick.md", "#how-to")),
        ("../index.md?x=1", ("index.md", "?x=1")),
        ("./sub/../index.md", ("exercises/index.md", "")),
        ("flutter%20kick.md", ("exercises/flutter kick.md", "")),
        ("../../outside.md", ("../outside.md", "")),
        ("https://pubmed.ncbi.nlm.nih.gov/21694556/", None),
        ("mailto:editor@example.org", None),
        ("//example.org/x.md", None),
        ("/exercises/crunch.md", None),
        ("#faq", None),
        ("", None),
    ],
)
def test_linked_source(href: str, expected: tuple[str, str] | None) -> None:
    assert linked_source(href, "exercises/leg-raise.md") == expected


def _converter() -> FieldLinks:
    converter = markdown.Markdown(extensions=["attr_list"])
    links = FieldLinks(converter)
    converter.treeprocessors.register(links, "field_links", 0)
    return links


def test_links_and_images_to_site_files_get_their_urls() -> None:
    links = _converter()
    html, unresolved = links.convert_for(
        "See the [flutter kick](flutter-kick.md#how-to), [home](../index.md) "
        "and ![a plank](../img/plank.png).",
        "exercises/leg-raise.md",
        PAGES.get,
    )
    assert '<a href="../flutter-kick/#how-to">flutter kick</a>' in html
    assert '<a href="../../">home</a>' in html
    assert 'src="../../img/plank.png"' in html
    assert unresolved == []


def test_other_links_are_left_alone_and_missing_ones_collected() -> None:
    links = _converter()
    text = "[PubMed](https://pubmed.ncbi.nlm.nih.gov/1/), [FAQ](#faq), [typo](flutter-kik.md)."
    html, unresolved = links.convert_for(text, "exercises/leg-raise.md", PAGES.get)
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/1/"' in html
    assert 'href="#faq"' in html
    assert 'href="flutter-kik.md"' in html
    assert unresolved == ["flutter-kik.md"]
    _, again = links.convert_for("[x](flutter-kick.md)", "exercises/leg-raise.md", PAGES.get)
    assert again == []  # each conversion reports its own


def test_a_plain_convert_resolves_nothing() -> None:
    links = _converter()
    html = links.md.convert("[x](flutter-kick.md)")
    assert 'href="flutter-kick.md"' in html


GUIDE_WITH_LINKS = """\
---
title: Plank
muscles:
  - name: Obliques
    note: "Also [flutter kick](flutter-kick.md) and [the kick](kick.md)."
variations:
  - name: Knee plank
    how: |
      Knees down.
      See [ref kick][k].

      [k]: ref.md
---
Body.
"""
FIX = "which is not a file of the site; link to a page's .md file, as in the body"


def test_each_broken_link_is_reported_where_its_field_spells_it() -> None:
    parsed = parse_guide(GUIDE_WITH_LINKS, "g.md")
    hrefs = ["kick.md", "ref.md", "kick.md", "gone.md"]
    assert unresolved_link_warnings("g.md", GUIDE_WITH_LINKS, parsed, hrefs) == [
        f"g.md:5:64: front-matter field 'muscles[0].note' links to 'kick.md', {FIX}",
        f"g.md:12:12: front-matter field 'variations[0].how' links to 'ref.md', {FIX}",
        f"g.md: a front-matter field links to 'gone.md', {FIX}",
    ]


def test_without_the_front_matter_a_broken_link_names_the_file() -> None:
    assert unresolved_link_warnings("g.md", "", None, ["kick.md"]) == [
        f"g.md: a front-matter field links to 'kick.md', {FIX}"
    ]
