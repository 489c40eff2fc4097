"""One table of section headings: the contents and the templates agree on ids and titles."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
from bs4 import BeautifulSoup

from evidence_guides.guide.sections import (
    FAQ,
    GUIDE_SECTIONS,
    HEADINGS,
    REFERENCES,
    RELATED,
    contents,
)

THEME = Path(__file__).resolve().parents[3] / "theme"


def test_contents_list_what_the_page_adds_in_its_order() -> None:
    assert contents(guide=True, related=True, references=True) == (
        *GUIDE_SECTIONS,
        RELATED,
        REFERENCES,
    )
    assert contents(guide=True, related=False, references=False) == GUIDE_SECTIONS
    assert contents(guide=False, related=True, references=True) == (REFERENCES,)
    assert contents(guide=False, related=False, references=False) == ()


def test_ids_are_unique_and_every_heading_is_in_the_templates_table() -> None:
    ids = [heading.id for heading in (*GUIDE_SECTIONS, RELATED, REFERENCES)]
    assert len(set(ids)) == len(ids)
    assert list(HEADINGS) == ids


def test_the_templates_write_the_tables_ids_and_titles() -> None:
    """A heading renamed in the table is renamed on the page, so contents links still land."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME), auto_reload=False)

    sections = SimpleNamespace(
        muscles=(),
        variations=(),
        mistakes=(),
        faq=(),
        related=({"url": "../crunch/", "title": "Crunch", "level": "beginner"},),
    )

    renamed = {**HEADINGS, "faq": type(FAQ)("questions", "Questions readers ask")}
    html = env.get_template("partials/guide-sections.html").render(
        sections=sections, headings=renamed
    )
    html += env.get_template("partials/references.html").render(references=[], headings=renamed)
    soup = BeautifulSoup(html, "html.parser")
    shown = [(h2["id"], h2.get_text()) for h2 in soup.find_all("h2")]
    assert shown == [(h.id, h.title) for h in renamed.values()]
    assert soup.select_one("section.faq")["aria-labelledby"] == "questions"
