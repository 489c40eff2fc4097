"""What an editor sees when a guide or the store is wrong: one line, at file:line."""

from __future__ import annotations

import datetime
import json
import re

from bs4 import BeautifulSoup

from evidence_guides.guide.scaffold import guide_skeleton

from .conftest import MINIMAL_BIB, MINIMAL_GUIDE, ProjectFactory, run_build


def _warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("WARNING")]


def test_minimal_project_builds_clean(make_project: ProjectFactory) -> None:
    build = run_build(make_project())
    assert build.returncode == 0, build.output
    assert _warnings(build.output) == []
    page = BeautifulSoup(build.page("exercises/plank/index.html"), "html.parser")
    assert [a.get_text() for a in page.select("a.citation")] == ["1"]


def test_unresolved_citation_warns_at_file_line_col_and_fails_strict(
    make_project: ProjectFactory,
) -> None:
    guide = MINIMAL_GUIDE + "\nIn prose [@smith2099] and again PMID 99999999.\n"
    project = make_project({"content/exercises/plank.md": guide})
    line = guide.splitlines().index("In prose [@smith2099] and again PMID 99999999.") + 1

    build = run_build(project)

    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert (
        f"content/exercises/plank.md:{line}:11: unresolved-citation: "
        "unresolved citation 'smith2099'" in build.output
    )
    assert f"content/exercises/plank.md:{line}:33: unresolved-citation: " in build.output
    assert "guides refs add 99999999" in build.output


def test_unresolved_citation_is_shown_marked_not_dropped(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE + "\nA claim [@smith2099; @garber2011].\n"
    build = run_build(make_project({"content/exercises/plank.md": guide}), strict=False)
    assert build.returncode == 0
    page = BeautifulSoup(build.page("exercises/plank/index.html"), "html.parser")
    missing = page.select(".citation-missing")
    assert [span.get_text() for span in missing] == ["smith2099?"]
    group = missing[0].parent
    assert group.name == "sup" and "A claim" in group.parent.get_text()
    assert group.select_one("a.citation")["href"] == "#ref-garber2011"


def test_unresolved_citation_in_front_matter_points_into_the_yaml(
    make_project: ProjectFactory,
) -> None:
    guide = MINIMAL_GUIDE.replace("Until form fails [@garber2011].", "See [@nobody2000].")
    build = run_build(make_project({"content/exercises/plank.md": guide}))
    line = guide.splitlines().index("    a: See [@nobody2000].") + 1
    assert build.returncode != 0
    assert f"content/exercises/plank.md:{line}:13: unresolved-citation" in build.output


def test_front_matter_error_names_line_and_field_path(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE.replace("    level: beginner\n", "    level: expert\n")
    build = run_build(make_project({"content/exercises/plank.md": guide}))
    line = guide.splitlines().index("    level: expert") + 1
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert re.search(
        rf"content/exercises/plank\.md:{line}:\d+: frontmatter-invalid: variations\[0\]\.level: "
        r"'expert' is not one of beginner, intermediate, advanced",
        build.output,
    ), build.output


def test_unknown_front_matter_key_is_an_error(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE.replace("muscles:", "musles:")
    build = run_build(make_project({"content/exercises/plank.md": guide}))
    assert build.returncode != 0
    assert "unknown key 'musles' (did you mean 'muscles'?)" in build.output


def test_malformed_yaml_is_one_line(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE.replace("level: beginner\nlast", "level: [beginner\nlast")
    build = run_build(make_project({"content/exercises/plank.md": guide}))
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert "content/exercises/plank.md:" in build.output
    assert "not valid YAML" in build.output


def test_hostile_script_text_stays_inside_the_json(make_project: ProjectFactory) -> None:
    hostile = "Fine.</script><script>alert(1)</script><!-- done"
    guide = MINIMAL_GUIDE.replace("Until form fails [@garber2011].", json.dumps(hostile))
    build = run_build(make_project({"content/exercises/plank.md": guide}))
    assert build.returncode == 0, build.output
    html = build.page("exercises/plank/index.html")
    head = html[: html.index("</head>")]
    start = head.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    body = head[start : head.index("</script>", start)]
    assert "<" not in body
    data = json.loads(body)
    faq = next(node for node in data["@graph"] if node["@type"] == "FAQPage")
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"] == hostile
    # On the page the answer is text: raw HTML in front-matter is never markup.
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one(".faq__answer").get_text().strip() == hostile
    assert "<script>alert(1)" not in html


def test_bib_syntax_error_fails_strict_at_its_line(make_project: ProjectFactory) -> None:
    bib = MINIMAL_BIB + "\n@article{broken,\n  title = {Unclosed\n\n@article{next, title={x}}\n"
    project = make_project({"references/refs.bib": bib})
    line = bib.splitlines().index("@article{broken,") + 1
    build = run_build(project)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert f"references/refs.bib:{line}:1: bib-invalid-entry: BibTeX syntax error" in build.output


def test_duplicate_pmid_fails_strict(make_project: ProjectFactory) -> None:
    duplicate = MINIMAL_BIB.replace("garber2011", "garber2011b").replace("10.1249", "10.9999")
    build = run_build(make_project({"references/refs.bib": MINIMAL_BIB + duplicate}))
    assert build.returncode != 0
    assert "bib-duplicate: duplicate PMID 21694556" in build.output


def test_missing_bib_is_one_clear_error(make_project: ProjectFactory) -> None:
    project = make_project()
    (project / "references" / "refs.bib").unlink()
    build = run_build(project)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert "references/refs.bib: file not found" in build.output


def test_non_utf8_guide_is_one_clear_error(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE.encode().replace(b"Body text.", b"Caf\xe9 text.")
    build = run_build(make_project({"content/exercises/plank.md": guide}))
    line = MINIMAL_GUIDE.splitlines().index("Body text.") + 1
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert f"content/exercises/plank.md:{line}:4: not valid UTF-8 (byte 0xe9)" in build.output


def test_disabled_plugin_leaves_citations_as_written(make_project: ProjectFactory) -> None:
    project = make_project()
    config = (
        (project / "mkdocs.yml")
        .read_text()
        .replace("  - evidence\n", "  - evidence:\n      enabled: false\n")
    )
    (project / "mkdocs.yml").write_text(config)
    build = run_build(project)
    assert build.returncode == 0, build.output
    html = build.page("exercises/plank/index.html")
    assert "a.citation" not in html and 'class="citation"' not in html


def test_windows_line_endings_keep_the_front_matter(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE.replace("\n", "\r\n").encode()
    build = run_build(make_project({"content/exercises/plank.md": guide}))
    assert build.returncode == 0, build.output
    assert "guide-muscles" in build.page("exercises/plank/index.html")


def test_quotes_in_description_stay_inside_the_meta_tag(make_project: ProjectFactory) -> None:
    description = 'The "plank" & its <friends>, said O\'Neil'.replace("<friends>", "friends")
    guide = MINIMAL_GUIDE.replace(
        "description: Hold a straight line from head to heels.",
        f"description: {json.dumps(description)}",
    )
    build = run_build(make_project({"content/exercises/plank.md": guide}))
    assert build.returncode == 0, build.output
    page = BeautifulSoup(build.page("exercises/plank/index.html"), "html.parser")
    assert page.select_one('meta[name="description"]')["content"] == description
    assert page.select_one(".guide-summary__lede").get_text() == description


def test_markup_in_title_is_refused(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE.replace("title: Plank", "title: Plank <img src=x onerror=alert(1)>")
    build = run_build(make_project({"content/exercises/plank.md": guide}))
    assert build.returncode != 0
    assert (
        "content/exercises/plank.md:2:8: frontmatter-invalid: title: is plain text" in build.output
    )


def test_related_guide_that_is_missing_or_a_draft_is_not_linked(
    make_project: ProjectFactory,
) -> None:
    guide = MINIMAL_GUIDE.replace(
        "level: beginner\nlast", "level: beginner\nrelated: [side-plank, nowhere]\nlast"
    )
    draft = MINIMAL_GUIDE.replace("title: Plank", "title: Side plank\ndraft: true")
    project = make_project(
        {"content/exercises/plank.md": guide, "content/exercises/side-plank.md": draft}
    )
    build = run_build(project, strict=False)
    page = BeautifulSoup(build.page("exercises/plank/index.html"), "html.parser")
    assert page.select("ul.guide-related a") == []


def test_a_vague_reference_fails_the_strict_build(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE + "\nPlanks are safe, as Smith et al. (2019) showed.\n"
    build = run_build(make_project({"content/exercises/plank.md": guide}))
    line = guide.splitlines().index("Planks are safe, as Smith et al. (2019) showed.") + 1
    assert build.returncode != 0
    assert f"content/exercises/plank.md:{line}:" in build.output
    assert "vague-reference" in build.output


def test_rule_severity_is_configured_in_mkdocs_yml(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE + "\nPlanks are safe, as Smith et al. (2019) showed.\n"
    project = make_project({"content/exercises/plank.md": guide})
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - evidence\n", "  - evidence:\n      rules:\n        vague-reference: warning\n"
        )
    )
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert "vague-reference" in build.output  # still shown, no longer fatal


def test_unknown_rule_in_mkdocs_yml_is_one_line(make_project: ProjectFactory) -> None:
    project = make_project()
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - evidence\n", "  - evidence:\n      rules:\n        vague-refs: off\n"
        )
    )
    build = run_build(project)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert "unknown rule 'vague-refs'" in build.output


def test_a_draft_with_placeholders_does_not_fail_the_build(make_project: ProjectFactory) -> None:
    draft = guide_skeleton("Side plank", datetime.date(2026, 11, 21))
    build = run_build(make_project({"content/exercises/side-plank.md": draft}))
    assert build.returncode == 0, build.output
    assert "placeholder" in build.output and "(draft)" in build.output


def test_links_in_front_matter_fields_reach_the_published_pages(
    make_project: ProjectFactory,
) -> None:
    guide = MINIMAL_GUIDE.replace(
        "how: Knees down.",
        "how: Knees down, then the [side plank](side-plank.md#faq) or [home](../index.md).",
    )
    side_plank = MINIMAL_GUIDE.replace("title: Plank", "title: Side plank")
    project = make_project(
        {"content/exercises/plank.md": guide, "content/exercises/side-plank.md": side_plank}
    )
    build = run_build(project)
    assert build.returncode == 0, build.output
    page = BeautifulSoup(build.page("exercises/plank/index.html"), "html.parser")
    links = {a.get_text(): a["href"] for a in page.select(".guide-variations a")}
    assert links == {"side plank": "../side-plank/#faq", "home": "../../"}


def test_a_front_matter_link_to_no_page_fails_strict_at_its_line(
    make_project: ProjectFactory,
) -> None:
    guide = MINIMAL_GUIDE.replace(
        "how: Knees down.", "how: See [flutter kick](flutter-kick.md), or [the kick](kick.md)."
    ).replace("fix: Squeeze the glutes.", "fix: |\n      Squeeze.\n      See [it](kick.md).")
    flutter_kick = MINIMAL_GUIDE.replace("title: Plank", "title: Flutter kick")
    project = make_project(
        {"content/exercises/plank.md": guide, "content/exercises/flutter-kick.md": flutter_kick}
    )
    build = run_build(project)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    fix = "which is not a file of the site; link to a page's .md file, as in the body"
    warnings = [line for line in build.output.splitlines() if "links to" in line]
    assert warnings == [
        f"WARNING -  content/exercises/plank.md:{line}:{column}: front-matter field '{field}'"
        f" links to 'kick.md', {fix}"
        for field, line, column in [("variations[0].how", 12, 61), ("mistakes[0].fix", 17, 16)]
    ]


def test_links_to_a_guide_s_sections_and_references_build_strict(
    make_project: ProjectFactory,
) -> None:
    """The sections and references are added around the body: MkDocs must know their ids."""
    side = MINIMAL_GUIDE.replace("title: Plank", "title: Side plank")
    side += "\nSee the [plank's FAQ](plank.md#faq), [a source](plank.md#ref-garber2011)"
    side += " and [the questions](#faq).\n"
    build = run_build(make_project({"content/exercises/side-plank.md": side}))
    assert build.returncode == 0, build.output
    assert _warnings(build.output) == []


def test_a_broken_link_is_an_audit_finding_at_its_line_in_a_draft_too(
    make_project: ProjectFactory,
) -> None:
    draft = MINIMAL_GUIDE.replace("level: beginner\n", "level: beginner\ndraft: true\n", 1)
    draft += "\nSee the [side plank](side-plnak.md#faq).\n"
    build = run_build(make_project({"content/exercises/plank.md": draft}), strict=False)
    line = draft.splitlines().index("See the [side plank](side-plnak.md#faq).") + 1
    assert (
        f"content/exercises/plank.md:{line}:22: broken-link: broken link 'side-plnak.md#faq':"
        " content/exercises/side-plnak.md does not exist" in build.output
    ), build.output
