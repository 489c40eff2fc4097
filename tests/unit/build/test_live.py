"""A site build kept between saves: what a save changes, what shows it, what is printed."""

from __future__ import annotations

from pathlib import Path

from evidence_guides.build.kept_build import KeptSiteBuild
from evidence_guides.build.live import IDLE_PAGES, LiveSite
from evidence_guides.build.report import BuildReport
from evidence_guides.store.parse import parse_bib
from tests.unit.build.test_site_build import BIB, Project
from tests.unit.build.test_site_build import guide as plain_guide


def guide(title: str, *, cite: str = "[@garber2011]", extra: str = "") -> str:
    """A complete guide, safety note included: only what a test changes is found."""
    return plain_guide(title, cite=cite, extra="safety: Stop if it hurts.\n" + extra)


PLANK, CRUNCH = "exercises/plank.md", "exercises/crunch.md"


def kept_project(tmp_path: Path, pages: dict[str, str]) -> Project:
    """A project whose build is what a preview keeps between saves (the plugin makes
    one when the site is served)."""
    project = Project(tmp_path, pages)
    project.site = KeptSiteBuild(project.settings, project.site.store, project.engine)
    return project


def project_with_two_guides(tmp_path: Path) -> tuple[Project, LiveSite]:
    pages = {
        PLANK: guide("Plank"),
        CRUNCH: guide("Crunch", cite="[@garber2011, p. 3]", extra="related: [plank]\n"),
        "index.md": "# Home\n",
        "references.md": "---\ntitle: References\ntemplate: references.html\n---\n",
    }
    project = kept_project(tmp_path, pages)
    project.engine.pages.add("exercises/index.md")  # nothing else: the engine knows the pages
    project.build()
    live = LiveSite(project.site, BuildReport())
    live.build_lines()
    return project, live


def save(project: Project, live: LiveSite, src_uri: str, text: str) -> bool:
    (project.docs / src_uri).write_text(text, encoding="utf-8")
    return live.read_page(src_uri, project.docs / src_uri, f"content/{src_uri}")


def render(project: Project, *src_uris: str) -> None:
    """What the engine does for a page the preview renders: its body, then the HTML around it."""
    for src_uri in src_uris:
        source = project.site.source(src_uri)
        assert source is not None
        read = project.engine.read_source(source, None)
        project.site.body(src_uri, source[read.body_start :] if read else source)
        project.site.around(src_uri)


def texts(lines: list) -> list[str]:
    return [line.text for line in lines]


def test_a_file_saved_unchanged_changes_nothing(tmp_path: Path) -> None:
    project, live = project_with_two_guides(tmp_path)
    state = project.site.pages[PLANK]
    assert not save(project, live, PLANK, guide("Plank"))
    assert project.site.pages[PLANK] is state and state.rendered is not None


def test_a_saved_guide_is_audited_and_its_findings_printed_in_full(tmp_path: Path) -> None:
    project, live = project_with_two_guides(tmp_path)
    assert save(project, live, PLANK, guide("Plank", cite="[@nosuch2019]"))
    render(project, PLANK)
    settled = live.settle([PLANK])
    printed = texts(settled.lines)
    assert any(
        line.startswith("content/exercises/plank.md:") and "'nosuch2019'" in line
        for line in printed
    )
    assert all(settled.lines[0].blocking for _ in [0])  # an error: it would fail a strict build
    found = [finding.rule for finding, _ in live.page_findings(PLANK)]
    assert "unresolved-citation" in found


def test_a_body_edit_shows_on_no_other_page(tmp_path: Path) -> None:
    project, live = project_with_two_guides(tmp_path)
    assert save(project, live, PLANK, guide("Plank") + "\nOne more sentence.\n")
    render(project, PLANK)
    settled = live.settle([PLANK])
    assert settled.stale == frozenset()
    assert "content/exercises/plank.md: no findings" in texts(settled.lines)


def test_a_new_title_shows_in_the_listings_and_on_the_guides_relating_to_it(
    tmp_path: Path,
) -> None:
    project, live = project_with_two_guides(tmp_path)
    before = project.site.listings()
    assert save(project, live, PLANK, guide("Front plank"))
    render(project, PLANK)
    settled = live.settle([PLANK])
    assert settled.stale == {"index.md", "references.md", CRUNCH}  # the listings show the title
    assert project.site.listings() is not before
    assert "Front plank" in project.site.listings().landing


def test_a_guide_made_a_draft_brings_a_finding_on_the_guide_relating_to_it(
    tmp_path: Path,
) -> None:
    project, live = project_with_two_guides(tmp_path)
    assert save(project, live, PLANK, guide("Plank", extra="draft: true\n"))
    render(project, PLANK)
    settled = live.settle([PLANK])
    assert CRUNCH in settled.stale
    elsewhere = [line for line in texts(settled.lines) if "crunch.md" in line]
    assert len(elsewhere) == 1 and "is a draft" in elsewhere[0]
    assert [f.rule for f, _ in live.page_findings(CRUNCH)] == ["frontmatter-invalid"]
    again = live.settle([])  # shown once: the next save does not repeat it
    assert not [line for line in texts(again.lines) if "crunch.md" in line]


def test_a_store_entry_changed_renders_the_pages_citing_it_and_the_listings(
    tmp_path: Path,
) -> None:
    project, live = project_with_two_guides(tmp_path)
    store = parse_bib(BIB.replace("Quantity and quality of exercise", "A new title"), "refs.bib")
    citing = live.replace_store(store)
    assert citing == {PLANK, CRUNCH}
    assert project.site.pages[PLANK].rendered is None  # made again when rendered
    render(project, *citing)
    settled = live.settle(sorted(citing))
    assert settled.stale == {"index.md", "references.md"}  # they list the entry
    assert "A new title" in project.site.listings().source_index
    steps = []
    while (lines := live.idle()) is not None:  # the page left is audited against the new store
        steps.append(lines)
    assert steps and not any(steps)  # nothing new found there


def test_an_unchanged_entry_renders_nothing(tmp_path: Path) -> None:
    project, live = project_with_two_guides(tmp_path)
    assert live.replace_store(parse_bib("% moved\n" + BIB, "refs.bib")) == set()
    assert project.site.pages[PLANK].rendered is not None


def test_after_a_store_change_every_page_is_audited_again_a_few_at_a_time(
    tmp_path: Path,
) -> None:
    pages = {f"exercises/g{n:03}.md": guide(f"Guide {n}", cite="(Smith, 2019)") for n in range(30)}
    project = kept_project(tmp_path, pages)
    project.build()
    live = LiveSite(project.site, BuildReport())
    live.build_lines()
    smith = (
        "@article{smith2019, author = {Smith, Ann}, year = {2019}, title = {T}, journal = {J}}\n"
    )
    assert live.replace_store(parse_bib(BIB + smith, "refs.bib")) == set()
    live.settle([])
    steps = []
    while (lines := live.idle()) is not None:
        steps.append(lines)
    audited_again = -(-30 // IDLE_PAGES)
    assert not any(steps[: audited_again - 1])  # a few pages a step, printed once all are done
    # A vague reference is matched against every entry: the suggestion is new.
    assert any("smith2019" in line.text for line in steps[audited_again - 1])
    assert all(state.parsed is not None for state in project.site.pages.values())  # read ahead


def test_every_finding_and_the_counts_stand_for_the_site_as_it_is(tmp_path: Path) -> None:
    project, live = project_with_two_guides(tmp_path)
    errors, warnings = live.counts()  # the store's entry that no page cites, and has no identifier
    save(project, live, PLANK, guide("Plank", cite="[@nosuch2019]"))
    render(project, PLANK)
    live.settle([PLANK])
    assert live.counts() == (errors + 2, warnings)  # the body's citation and the FAQ answer's
    assert {f.path for f, _ in live.findings()} >= {"content/exercises/plank.md", "refs.bib"}


def test_pages_citing_an_entry_are_audited_at_once_and_rendered_when_asked_for(
    tmp_path: Path,
) -> None:
    project, live = project_with_two_guides(tmp_path)
    store = parse_bib(BIB.replace("Quantity and quality", "Quality"), "refs.bib")
    citing = live.replace_store(store)
    settled = live.settle([], audited=citing)
    assert settled.stale >= citing  # they show the entry: rendered before they are served
    assert "no findings on 2 pages" in " ".join(texts(settled.lines))
    assert all(project.site.pages[src].audit is not None for src in citing)


def test_the_listings_hold_every_guide_while_some_wait_to_be_rendered(tmp_path: Path) -> None:
    project, live = project_with_two_guides(tmp_path)
    citing = live.replace_store(parse_bib(BIB.replace("Quantity", "Amount"), "refs.bib"))
    live.settle([], audited=citing)
    cards = project.site.listings().landing
    assert "Plank" in cards and "Crunch" in cards
    assert "Amount and quality" in project.site.listings().source_index
