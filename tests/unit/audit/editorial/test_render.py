"""The editorial report's page: self-contained, escaped, sortable, and the audit's counts."""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path

from bs4 import BeautifulSoup

from evidence_guides.audit.editorial.collect import editorial_report
from evidence_guides.audit.editorial.render import render_html
from evidence_guides.audit.settings import load_settings


def _page(project: Path) -> tuple[str, BeautifulSoup]:
    settings = load_settings(project / "mkdocs.yml")
    settings = dataclasses.replace(settings, today=datetime.date(2026, 12, 1))
    html = render_html(editorial_report(settings))
    return html, BeautifulSoup(html, "html.parser")


def _text(element: object) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()  # type: ignore[attr-defined]


def test_the_page_needs_nothing_from_anywhere(project: Path) -> None:
    html, page = _page(project)
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')
    assert policy is not None and policy["content"].startswith("default-src 'none'")
    assert not page.select("link, img, iframe, object, embed, script[src]")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert page.html is not None and page.html["lang"] == "en"


def test_rows_are_worst_first_with_their_counts(project: Path) -> None:
    _, page = _page(project)
    rows = page.select("table.guides tbody tr")
    assert [row.select_one(".path").get_text() for row in rows] == [
        "content/exercises/broken.md",
        "content/exercises/bridge.md",
        "content/exercises/crunch.md",
        "content/exercises/plank.md",
    ]
    bridge = rows[1]
    assert (bridge["data-errors"], bridge["data-warnings"], bridge["data-age"]) == ("2", "1", "34")
    assert _text(bridge.select_one('td[data-label="Last reviewed"]')) == (
        "15 January 2024 34 months ago stale"
    )
    assert len(bridge.select("details ol li")) == 3
    plank = rows[3]
    assert _text(plank.select_one('td[data-label="Reviewer"]')) == "Jane Doe, PhD"
    assert _text(plank.select_one('td[data-label="Evidence"]')) == (
        "2 sources: 1 randomised controlled trial, 1 not classified"
    )
    assert plank.select_one("svg.bar rect") is not None
    assert "draft" in _text(rows[2].th)


def test_text_from_the_files_is_escaped(project: Path) -> None:
    html, page = _page(project)
    assert "&lt;b&gt;Broken&lt;/b&gt;" in html and "Glute bridge &amp; co" in html
    assert "<b>" not in html
    assert page.select_one("table.guides tbody tr th").contents[0] == "<b>Broken</b>"


def test_every_sortable_column_has_a_button_and_aria_sort(project: Path) -> None:
    _, page = _page(project)
    sortable = page.select("table.guides th[data-sort]")
    assert [th["data-sort"] for th in sortable] == [
        "title", "errors", "warnings", "age", "reviewer", "sources"
    ]  # fmt: skip
    assert all(th["aria-sort"] == "none" and th.button["type"] == "button" for th in sortable)
    rows = page.select("table.guides tbody tr")
    assert all(row.has_attr(f"data-{th['data-sort']}") for row in rows for th in sortable)
