"""Text of mkdocs.yml that the theme prints on every page: the site's name, description and
author and the navigation's titles reach a reader as text, never as markup or an attribute.

Material prints them as they are (``aria-label="{{ config.site_name }}"``, the header,
the navigation); the plugin makes each escaped text once (``shown_config.py``).
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from tests.hostile.support import CONFIG, Project

NAME = 'Guides <img src=x onerror=alert(1)> " data-x="1 \u202e & co'
TITLE = "About <b onmouseover=alert(2)>us</b>"


def test_the_site_name_and_the_navigation_titles_are_text_on_every_page(project: Project) -> None:
    config = CONFIG.replace("site_name: Test Guides", f"site_name: {json.dumps(NAME)}")
    config += f"site_description: {json.dumps(NAME)}\nsite_author: {json.dumps(NAME)}\n"
    config += f"repo_url: https://git.test/guides\nrepo_name: {json.dumps(NAME)}\n"
    config += f"nav:\n  - Home: index.md\n  - {json.dumps(TITLE)}: about.md\n"
    project.write("mkdocs.yml", config)
    project.write("content/about.md", "# About\n\nHello.\n")
    build = project.build()
    assert build.code == 0, build.output

    site = project.root.parent / "site"
    shown = NAME.replace("\u202e", "\ufffd")  # no reordering character reaches a reader
    for path in ("index.html", "about/index.html", "exercises/plank/index.html"):
        text = (site / path).read_text("utf-8")
        page = BeautifulSoup(text, "html.parser")
        assert not page.select("img[onerror], [onmouseover], [data-x]"), path
        assert "\u202e" not in text
        assert page.select_one(".md-header__topic").get_text(strip=True) == shown
        assert page.select_one('meta[name="author"]')["content"] == shown
        assert page.select_one(".md-source__repository").get_text(strip=True) == shown
        assert TITLE in page.select_one(".md-nav--primary").get_text()  # shown, as written
    plank = BeautifulSoup((site / "exercises/plank/index.html").read_text("utf-8"), "html.parser")
    data = json.loads(plank.select_one('script[type="application/ld+json"]').string)
    (webpage,) = [node for node in data["@graph"] if "publisher" in node]
    assert webpage["publisher"]["name"] == shown  # the name as text, not escaped


EXTRA = """\
extra:
  homepage: https://guides.test/?a=1&b=2
  social:
    - icon: fontawesome/brands/mastodon
      link: 'https://social.test/@guides" onmouseover="alert(3)'
      name: 'Follow <img src=x onerror=alert(3)>'
  alternate:
    - name: 'English <img src=x onerror=alert(6)>'
      link: /
      lang: 'en" data-y="1'
  publisher:
    name: 'Pub <b onmouseover=alert(4)>lisher'
    url: https://guides.test/
    about: '<script>alert(5)</script> " data-y="1'
  contact:
    email: editors@guides.test
plugins:
  - evidence:
      policy_page: policy.md
"""


def test_every_value_of_extra_is_text_and_the_contact_reaches_the_policy(project: Project) -> None:
    project.write("mkdocs.yml", CONFIG.replace("plugins:\n  - evidence\n", EXTRA))
    build = project.build()
    assert build.code == 0, build.output

    site = project.root.parent / "site"
    for path in ("index.html", "exercises/plank/index.html", "policy/index.html"):
        text = (site / path).read_text("utf-8")
        page = BeautifulSoup(text, "html.parser")
        assert not page.select("img[onerror], [onmouseover], [data-y]"), path
        assert "<script>alert" not in text, path
        footer = page.select_one("footer").get_text(" ")
        assert "Pub <b onmouseover=alert(4)>lisher" in footer  # shown, as written
        assert page.select_one("a.md-logo")["href"] == "https://guides.test/?a=1&b=2"
        social = page.select_one(".md-social a")
        assert social["href"] == 'https://social.test/@guides" onmouseover="alert(3)'
        assert social["title"] == "Follow <img src=x onerror=alert(3)>"
        language = page.select_one(".md-select__link")
        assert language.get_text(strip=True) == "English <img src=x onerror=alert(6)>"
        assert language["hreflang"] == 'en" data-y="1'
    policy = BeautifulSoup((site / "policy/index.html").read_text("utf-8"), "html.parser")
    assert policy.select_one("article a[href='mailto:editors@guides.test']") is not None
    assert policy.find("a", string="references page") is None  # the site has none to link


@pytest.mark.parametrize(
    ("setting", "named"),
    [
        ("extra:\n  homepage: 'javascript:alert(1)'\n", "extra.homepage: a javascript: link"),
        (
            "extra:\n  social:\n    - icon: fontawesome/brands/github\n"
            '      link: " JaVa\\tScRiPt:alert(1)"\n',  # YAML reads \\t as a tab: browsers drop it
            "extra.social[0].link: a javascript: link",
        ),
        ("repo_url: 'javascript://%0aalert(1)'\n", "repo_url: a javascript: link"),
        (
            "repo_url: 'https://git.test/x\" onmouseover=\"alert(1)'\n",
            "repo_url: '\"' cannot be in an address the theme prints into a link",
        ),
        (
            "site_url: 'https://guides.test/\"><script>alert(1)</script>'\n",
            "site_url: '\"' cannot be in an address the theme prints into a link",
        ),
        (
            "repo_url: https://git.test/x\nedit_uri: 'edit/<img src=x onerror=alert(1)>'\n",
            "edit_uri: '<' cannot be in an address the theme prints into a link",
        ),
        (
            "extra:\n  contact:\n    email: 'x@y.test> <script>alert(1)</script>'\n",
            "extra.contact.email: 'x@y.test> <script>alert(1)</script>' is not an email address",
        ),
    ],
)
def test_a_link_that_would_run_or_an_address_that_is_not_one_stops_the_build(
    project: Project, setting: str, named: str
) -> None:
    project.write("mkdocs.yml", CONFIG + setting)
    build = project.build()
    assert build.code != 0
    assert "Traceback" not in build.output
    assert f"mkdocs.yml: {named}" in build.output
    assert not (project.root.parent / "site" / "index.html").exists()
