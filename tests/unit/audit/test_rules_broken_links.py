"""``broken-link``: links to files, pages and anchors the site lacks, at their file:line:col."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evidence_guides.audit.engine import audit_project
from evidence_guides.audit.settings import load_settings
from evidence_guides.findings import Finding

REPO = Path(__file__).resolve().parents[3]
PLANK = "content/exercises/plank.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))
    plank = root / PLANK
    side = plank.read_text().replace("title: Plank", "title: Side plank")
    side += "\n## Set-up\n\nLie on one side.\n\n## Set-up\n\nAgain.\n\n## Hold {#the-hold}\n"
    side += '\n<div id="tips" markdown>\nTips.\n</div>\n'
    (root / "content" / "exercises" / "side-plank.md").write_text(side)
    return root


def _broken(project: Path, body: str, *, meta: str = "", rules: str = "") -> list[Finding]:
    """The broken-link findings of plank.md with ``body`` appended (and ``meta`` added)."""
    plank = project / PLANK
    text = plank.read_text().replace("level: beginner\n", f"level: beginner\n{meta}", 1)
    plank.write_text(text + body)
    if rules:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text() + f"      rules: {{{rules}}}\n")
    report = audit_project(load_settings(project / "mkdocs.yml", include_drafts=True))
    return [f for f in report.findings if f.rule == "broken-link"]


def _at(project: Path, finding: Finding) -> str:
    """The text the finding points at, from its line and column."""
    line = (project / finding.path).read_text().splitlines()[finding.line - 1]
    return line[finding.column - 1 :]


def test_a_link_to_a_missing_page_names_the_page_meant(project: Path) -> None:
    (finding,) = _broken(project, "\nSee the [side plank](side-plnak.md).\n")
    assert finding.message == (
        "broken link 'side-plnak.md': content/exercises/side-plnak.md does not exist;"
        " did you mean 'side-plank.md'?"
    )
    assert _at(project, finding).startswith("side-plnak.md)")
    assert finding.severity == "error"


def test_a_url_is_not_a_file_the_page_file_is_named(project: Path) -> None:
    findings = _broken(project, "\n[a](../side-plank/) and [b](side-plank) and [c](../x/).\n")
    assert [f.message for f in findings] == [
        "broken link '../side-plank/': not a file of the site; link to the page's file,"
        " 'side-plank.md'",
        "broken link 'side-plank': not a file of the site; link to the page's file,"
        " 'side-plank.md'",
        "broken link '../x/': content/x does not exist",
    ]


def test_anchors_are_those_the_site_gives_the_page(project: Path) -> None:
    good = (
        "[a](side-plank.md#set-up) [b](side-plank.md#set-up_1) [c](side-plank.md#the-hold)"
        " [d](side-plank.md#tips) [e](side-plank.md#faq) [f](side-plank.md#ref-garber2011)"
        " [g](#references) [h](../index.md#home) [i](#own) [j](side-plank.md)\n\n## Own\n"
    )
    assert _broken(project, "\n" + good) == []


def test_a_missing_anchor_names_the_anchor_meant(project: Path) -> None:
    findings = _broken(project, "\n[a](side-plank.md#setup) and [b](#fqa) and [c](#zzz).\n")
    assert [f.message for f in findings] == [
        "broken link 'side-plank.md#setup': side-plank.md has no anchor '#setup';"
        " did you mean '#set-up'?",
        "broken link '#fqa': this page has no anchor '#fqa'; did you mean '#faq'?",
        "broken link '#zzz': this page has no anchor '#zzz' (it has #faq, #mistakes,"
        " #muscles, #references, #related, #variations)",
    ]


def test_a_published_page_must_not_link_to_a_draft(project: Path) -> None:
    side = project / "content" / "exercises" / "side-plank.md"
    side.write_text(side.read_text().replace("level: beginner", "level: beginner\ndraft: true", 1))
    (finding,) = _broken(project, "\nSee the [side plank](side-plank.md).\n")
    assert finding.message == (
        "broken link 'side-plank.md': that guide is a draft, left out of the published site"
        " until it is published"
    )
    # A draft may link to a draft: neither is published.
    assert _broken(project, "", meta="draft: true\n") == []


def test_a_link_to_a_draft_is_found_when_only_the_linking_page_is_audited(
    project: Path,
) -> None:
    side = project / "content" / "exercises" / "side-plank.md"
    side.write_text(side.read_text().replace("level: beginner", "level: beginner\ndraft: true", 1))
    plank = project / PLANK
    plank.write_text(plank.read_text() + "\nSee the [side plank](side-plank.md).\n")
    report = audit_project(load_settings(project / "mkdocs.yml"), [plank])
    assert [f.message.split(": ", 1)[1] for f in report.findings if f.rule == "broken-link"] == [
        "that guide is a draft, left out of the published site until it is published"
    ]


def test_a_draft_is_checked_too(project: Path) -> None:
    (finding,) = _broken(project, "\n[gone](gone.md)\n", meta="draft: true\n")
    assert finding.message.startswith("broken link 'gone.md'")
    report = audit_project(load_settings(project / "mkdocs.yml"))
    assert not report.fails("error")  # a draft's findings do not block without --include-drafts


def test_a_front_matter_field_link_is_found_where_it_is_written(project: Path) -> None:
    meta = "related: []\n"
    plank = project / PLANK
    plank.write_text(
        plank.read_text().replace("how: Knees down.", "how: 'Knees down, as in [this](gone.md).'")
    )
    (finding,) = _broken(project, "", meta=meta)
    assert finding.message.startswith("broken link 'gone.md': content/exercises/gone.md")
    assert _at(project, finding).startswith("gone.md).'")


def test_what_is_not_a_link_into_the_site_is_left_alone(project: Path) -> None:
    body = (
        "\n![image](nowhere.png) `[code](nowhere.md)` [web](https://example.com/x.md)"
        " [mail](mailto:a@example.com) [root](/nowhere.md) <!-- [c](gone.md) -->\n\n"
        "```\n[fenced](gone.md)\n```\n"
    )
    assert _broken(project, body) == []


def test_reference_definitions_and_html_links_count(project: Path) -> None:
    findings = _broken(project, '\n[r][x] <a href="gone.md">g</a>\n\n[x]: missing.md\n')
    assert [f.message.split(":")[0] for f in findings] == [
        "broken link 'gone.md'",
        "broken link 'missing.md'",
    ]


def test_a_link_out_of_the_docs_folder(project: Path) -> None:
    (finding,) = _broken(project, "\n[readme](../../README.md)\n")
    assert finding.message == (
        "broken link '../../README.md': it leads out of the docs folder content/"
    )


def test_the_rule_can_be_turned_off_or_suppressed(project: Path) -> None:
    assert _broken(project, "\n[gone](gone.md)\n", rules="broken-link: off") == []


def test_a_suppression_silences_it(project: Path) -> None:
    body = "\n<!-- audit: ignore[broken-link] the page is added next week -->\n[soon](soon.md)\n"
    assert _broken(project, body) == []
