"""Front-matter the theme acts on, in a page that is not a guide (no model checks its meta).

Material loads the template a page's ``template:`` names and the icon its
``icon:`` names, reads ``hide:`` as a list, prints a revision date as HTML and
sends a reader to a redirect page's ``location:`` from a script. Each case
ended a build in a traceback or put script in the page; each is built as
editors and CI build, in a subprocess: the exit code, the one line naming the
file, and what reached the site.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.hostile.support import Project, assert_build_refused, assert_refused
from tests.support.site import MINIMAL_CONFIG

CONFIG = MINIMAL_CONFIG + "nav:\n  - Home: index.md\n  - About: about.md\n"


def _about(project: Project, meta: str) -> None:
    project.write("mkdocs.yml", CONFIG)
    project.write("content/about.md", f"---\n{meta}\n---\n# About us\n\nHello.\n")


def _about_page(project: Project) -> str:
    return (project.root.parent / "site" / "about" / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("meta", "says"),
    [
        ("template: nonexist.html", "'template' names 'nonexist.html', which the theme does not"),
        ("template: ../../../../etc/passwd", "'template' names '../../../../etc/passwd', which is"),
        ("template: [main.html]", "'template' is a list, not a template's name"),
        ("icon: material/no-such-icon", "'icon' names 'material/no-such-icon', which is no icon"),
        ("hide: true", "'hide' is true or false, not a list of what to hide"),
        ("hide: [toc, {a: 1}]", "'hide' is a list of other values, not a list of what to hide"),
    ],
)
def test_a_value_the_theme_cannot_use_is_left_out_and_the_page_built(
    project: Project, meta: str, says: str
) -> None:
    """MkDocs ended each build in a traceback (TemplateNotFound, TypeError)."""
    _about(project, meta)
    message = f"content/about.md: front-matter {says}"
    assert_build_refused(project.build(), message)
    run = project.run("mkdocs", "build", "--site-dir", "../site")  # not strict: the rest is built
    assert_refused(run, f"ERROR   -  {message}", code=0)
    assert "About us" in _about_page(project)


def test_a_revision_date_is_printed_as_text(project: Project) -> None:
    _about(project, "revision_date: '<img src=x onerror=alert(1)>'")
    assert project.build().code == 0
    page = BeautifulSoup(_about_page(project), "html.parser")
    assert not page.select("img[onerror]")
    assert "<img src=x onerror=alert(1)>" in page.select_one(".md-source-file").get_text()


@pytest.mark.parametrize(
    ("location", "says"),
    [
        ("javascript:alert(1)", "'location' is 'javascript:alert(1)', not an http, https or"),
        ("' javascript:alert(1)'", "'location' is ' javascript:alert(1)', not an http, https"),
    ],
)
def test_a_redirect_to_script_is_left_out(project: Project, location: str, says: str) -> None:
    _about(project, f"template: redirect.html\nlocation: {location}")
    assert_build_refused(project.build(), f"content/about.md: front-matter {says}")
    assert "alert(1)" not in _about_page(project)


def test_a_redirect_s_address_stays_inside_its_script_string(project: Project) -> None:
    _about(project, "template: redirect.html\nlocation: '/x/\"];alert(1);//'")
    assert project.build().code == 0
    script = BeautifulSoup(_about_page(project), "html.parser").select_one("script").string
    assert '"/x/&quot;];alert(1);//"' in script  # one string: the quote is not the script's
