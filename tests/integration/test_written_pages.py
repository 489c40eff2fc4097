"""A guide's whole page is given back by the next build while nothing it shows changed.

Each test builds a project, marks every kept output (a comment before
``<body``), changes something, builds again into the same site folder and
reads which guides carry the mark: those were given back, the others
rendered. What a page is made of must then be in the kept output's key, or a
reader gets a stale page; so each change a template can show is tried.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from evidence_guides.build import page_cache
from evidence_guides.build.page_cache import WrittenPage
from tests.integration.conftest import ProjectFactory
from tests.integration.test_parallel import GUIDES, many_guides, site_files
from tests.support.site import REPO, add_hook, run_build

MARK = "<!-- given back by the build -->"


def mark_written(project: Path) -> int:
    """Put MARK in every kept output; how many were kept."""
    kept = list((project / ".cache" / "pages").glob("*/*.written"))
    for file in kept:
        written = page_cache._load(file)
        assert isinstance(written, WrittenPage)
        marked = written.output.replace("<body", f"{MARK}<body", 1)
        page_cache._write(file, dataclasses.replace(written, output=marked))
    return len(kept)


def given_back(project: Path) -> set[str]:
    """The guides whose page in ``site/`` is the kept output."""
    guides = (project / "site" / "exercises").glob("*/index.html")
    return {page.parent.name for page in guides if MARK in page.read_text("utf-8")}


def built(project: Path) -> None:
    build = run_build(project)
    assert build.returncode == 0, build.output


def own_theme(project: Path, config_added: str = "") -> Path:
    """Give the project a copy of this repository's theme, to change; the copy."""
    theme = project / "theme"
    shutil.copytree(REPO / "theme", theme)
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace(str(REPO / "theme"), str(theme))
    config.write_text(text + config_added, "utf-8")
    return theme


def published(project: Path) -> set[str]:
    return {page.parent.name for page in (project / "site" / "exercises").glob("*/index.html")}


def marked_after_two_builds(project: Path) -> set[str]:
    """Build twice (the second keeps what the first wrote), mark; the guides published."""
    built(project)
    built(project)
    assert mark_written(project) > 0
    return published(project)


def test_a_build_after_a_build_gives_back_every_guide_and_writes_the_same_site(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=True)
    built(project)  # the first: nothing kept, every page converted by MkDocs
    first = site_files(project / "site")
    guides = published(project)
    assert len(guides) > GUIDES // 2
    assert mark_written(project) >= len(guides)
    built(project)  # conversions given back: the pages are made of the same
    assert given_back(project) == guides

    shutil.rmtree(project / "site")
    shutil.rmtree(project / ".cache")
    built(project)
    built(project)
    assert site_files(project / "site") == first  # given back: byte for byte the same
    assert MARK not in (project / "site" / "index.html").read_text("utf-8")  # guides only


def test_an_edited_guide_and_the_guide_listing_it_as_related_are_rendered_again(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=False)
    guides = marked_after_two_builds(project)
    guide = project / "content" / "exercises" / "guide-2.md"
    guide.write_text(
        guide.read_text("utf-8").replace("title: Plank 2", "title: Side plank 2"), "utf-8"
    )
    built(project)
    # guide-1 lists guide-2 as related: its page names the new title.
    assert given_back(project) == guides - {"guide-1", "guide-2"}
    assert "Side plank 2" in (project / "site/exercises/guide-1/index.html").read_text("utf-8")


def test_a_changed_theme_file_configuration_or_navigation_renders_every_guide(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=False)
    theme = own_theme(project, "copyright: Old words\n")
    config = project / "mkdocs.yml"
    changes = [
        (theme / "partials" / "disclaimer.html", "</aside>", "<p>New disclaimer</p></aside>"),
        (config, "copyright: Old words", "copyright: New footer"),
        (config, "site_name: Test Guides", "site_name: Renamed Guides"),
        # The navigation: the landing page's title, in the drawer of every page.
        (project / "content" / "index.md", "title: Home", "title: Welcome home"),
    ]
    for file, old, new in changes:
        marked_after_two_builds(project)
        text = file.read_text("utf-8")
        assert old in text, (file, old)
        file.write_text(text.replace(old, new, 1), "utf-8")
        built(project)
        assert given_back(project) == set(), new
        shown = (project / "site/exercises/guide-1/index.html").read_text("utf-8")
        assert new.split(": ")[-1].removesuffix("</aside>") in shown, new


def test_a_template_that_shows_the_listings_is_rendered_again_when_they_change(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=False)
    guide_template = own_theme(project) / "guide.html"
    guide_template.write_text(
        guide_template.read_text("utf-8").replace(
            '{% include "partials/disclaimer.html" %}',
            '{% include "partials/disclaimer.html" %}'
            "{% if page.url.startswith('exercises/guide-1/') %}"
            "{{ evidence_site.landing }}{% endif %}",
        ),
        "utf-8",
    )
    guides = marked_after_two_builds(project)
    landing = (project / "site" / "index.html").read_text("utf-8")
    number = next(n for n in range(3, GUIDES) if f"guide-{n}/" in landing and n % 11 != 5)
    other = project / "content" / "exercises" / f"guide-{number}.md"
    text = other.read_text("utf-8")
    renamed = f"Plank {number} renamed"  # where it was in the cards' order
    other.write_text(text.replace(f"title: Plank {number}", f"title: {renamed}"), "utf-8")
    built(project)
    # guide-1 shows the landing page's cards; the guide before lists the renamed as related.
    assert given_back(project) == guides - {"guide-1", f"guide-{number - 1}", f"guide-{number}"}
    assert renamed in (project / "site" / "index.html").read_text("utf-8")
    assert renamed in (project / "site/exercises/guide-1/index.html").read_text("utf-8")


def test_a_theme_that_shows_the_build_time_keeps_no_output(make_project: ProjectFactory) -> None:
    project = many_guides(make_project, parallel=False)
    disclaimer = own_theme(project) / "partials" / "disclaimer.html"
    disclaimer.write_text(disclaimer.read_text("utf-8") + "{{ build_date_utc }}", "utf-8")
    built(project)
    built(project)
    assert mark_written(project) == 0


HOOK = """\
class Counter:
    def __str__(self):
        return "counted"


def on_page_context(context, page, config, nav):
    context["counter"] = Counter()
    return context
"""


def test_a_page_whose_context_holds_another_plugins_object_is_always_rendered(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=False)
    add_hook(project, HOOK)
    built(project)
    built(project)
    assert mark_written(project) == 0
