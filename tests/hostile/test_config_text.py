"""Text of mkdocs.yml that the theme prints on every page: the site's name, description and
author and the navigation's titles reach a reader as text, never as markup or an attribute.

Material prints them as they are (``aria-label="{{ config.site_name }}"``, the header,
the navigation); the plugin makes each escaped text once (``shown_config.py``).
"""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from tests.hostile.support import CONFIG, Project

NAME = 'Guides <img src=x onerror=alert(1)> " data-x="1 \u202e & co'
TITLE = "About <b onmouseover=alert(2)>us</b>"


def test_the_site_name_and_the_navigation_titles_are_text_on_every_page(project: Project) -> None:
    config = CONFIG.replace("site_name: Test Guides", f"site_name: {json.dumps(NAME)}")
    config += f"site_description: {json.dumps(NAME)}\nsite_author: {json.dumps(NAME)}\n"
    config += f"nav:\n  - Home: index.md\n  - {json.dumps(TITLE)}: about.md\n"
    project.write("mkdocs.yml", config)
    project.write("content/about.md", "# About\n\nHello.\n")
    build = project.build()
    assert build.code == 0, build.stderr

    site = project.root.parent / "site"
    shown = NAME.replace("\u202e", "\ufffd")  # no reordering character reaches a reader
    for path in ("index.html", "about/index.html", "exercises/plank/index.html"):
        text = (site / path).read_text("utf-8")
        page = BeautifulSoup(text, "html.parser")
        assert not page.select("img[onerror], [onmouseover], [data-x]"), path
        assert "\u202e" not in text
        assert page.select_one(".md-header__topic").get_text(strip=True) == shown
        assert page.select_one('meta[name="author"]')["content"] == shown
        assert TITLE in page.select_one(".md-nav--primary").get_text()  # shown, as written
    plank = BeautifulSoup((site / "exercises/plank/index.html").read_text("utf-8"), "html.parser")
    data = json.loads(plank.select_one('script[type="application/ld+json"]').string)
    (webpage,) = [node for node in data["@graph"] if "publisher" in node]
    assert webpage["publisher"]["name"] == shown  # the name as text, not escaped
