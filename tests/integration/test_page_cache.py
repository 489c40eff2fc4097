"""A build takes back the results of pages that did not change (``.cache/pages/``).

Each test builds a project, then marks every kept page's HTML (the summary
above its body) so that a page whose results are taken back shows the mark
and a page made again does not; then it changes something and builds again.
"""

from __future__ import annotations

import dataclasses
import datetime
import importlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from evidence_guides.audit.days import Days
from evidence_guides.audit.engine import PageAudit
from evidence_guides.audit.rules.review import ReviewRead
from evidence_guides.build import page_cache
from evidence_guides.build.conversion import Conversion
from evidence_guides.build.listings import ListingsHtml
from evidence_guides.build.pages import PageHtml
from evidence_guides.findings import Finding
from tests.integration.conftest import MINIMAL_GUIDE, ProjectFactory
from tests.integration.test_parallel import GUIDES, many_guides, site_files
from tests.support.site import add_hook, run_build

MARK = "<p>kept from the last build</p>"
LISTED = "<p>listed by the last build</p>"


def mark_kept(project: Path, suffix: str, mark: Callable[[Any], object]) -> int:
    """Replace every kept record of files ending ``suffix`` by ``mark(record)``; how many."""
    kept = list((project / ".cache" / "pages").glob(f"*/*{suffix}"))
    for file in kept:
        page_cache._write(file, mark(page_cache._load(file)))
    return len(kept)


def mark_kept_pages(project: Path) -> int:
    """Add MARK to every kept page's HTML; how many were kept."""

    def marked(html: object) -> PageHtml:
        assert isinstance(html, PageHtml)
        return dataclasses.replace(html, before=html.before + MARK)

    return mark_kept(project, ".html", marked)


def kept_with_store(project: Path, name: str) -> tuple[Path, str, Any]:
    """A site-wide file of the page cache kept with a digest: the file, the digest, the rest."""
    (file,) = (project / ".cache" / "pages").glob(f"*/{name}")
    found = page_cache._load(file)
    assert isinstance(found, tuple)
    digest, kept = found
    return file, digest, kept


def mark_kept_listings(project: Path) -> None:
    """Add LISTED to the landing page's listing as kept."""
    file, digest, listings = kept_with_store(project, "listings.pickle")
    assert isinstance(listings, ListingsHtml)
    marked = dataclasses.replace(listings, landing=listings.landing + LISTED)
    page_cache._write(file, (digest, marked))


def mark_kept_listing_pages(project: Path) -> int:
    """Add LISTED to every listing page's HTML as kept; how many were kept."""
    (file,) = (project / ".cache" / "pages").glob("*/listing-pages.pickle")
    kept = page_cache._load(file)
    assert isinstance(kept, dict)
    page_cache._write(file, {key: html + LISTED for key, html in kept.items()})
    return len(kept)


def findings(output: str) -> list[str]:
    """The build's log without the lines naming its site folder and its time."""
    return [line for line in output.splitlines() if "Documentation built" not in line
            and "Building documentation to" not in line]  # fmt: skip


def page(project: Path, site: str, number: int) -> str:
    return (project / site / "exercises" / f"guide-{number}" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("parallel", [True, False])
def test_a_second_build_takes_back_every_page_and_writes_the_same_site(
    make_project: ProjectFactory, parallel: bool
) -> None:
    project = many_guides(make_project, parallel=parallel)
    first = run_build(project, site=project / "first")
    assert first.returncode == 0, first.output
    second = run_build(project, site=project / "second")
    assert second.returncode == 0, second.output
    assert site_files(project / "second") == site_files(project / "first")
    assert findings(second.output) == findings(first.output)  # logged the same way

    assert mark_kept_pages(project) > 10
    mark_kept_listings(project)
    third = run_build(project, site=project / "third")
    assert third.returncode == 0, third.output
    assert MARK in page(project, "third", 1)
    assert MARK in page(project, "third", 2)
    assert LISTED in (project / "third" / "index.html").read_text("utf-8")  # the listings too


def test_an_edited_guide_is_made_again_with_the_guides_that_list_it_as_related(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=True)
    assert run_build(project).returncode == 0
    mark_kept_pages(project)
    mark_kept_listings(project)
    mark_kept_listing_pages(project)
    edited = project / "content" / "exercises" / "guide-2.md"
    edited.write_text(
        edited.read_text("utf-8").replace("title: Plank 2", "title: Side plank 2"), "utf-8"
    )
    build = run_build(project)
    assert build.returncode == 0, build.output

    assert MARK not in page(project, "site", 2)  # edited
    assert "Side plank 2" in page(project, "site", 2)
    related = page(project, "site", 1)  # guide-1 lists guide-2 as related
    assert MARK not in related
    assert "Side plank 2" in related
    # The listings are made again, with the new title.
    assert LISTED not in (project / "site" / "index.html").read_text("utf-8")
    catalogue = (project / "site" / "browse" / "index.html").read_text("utf-8")
    assert "Side plank 2" in catalogue
    assert LISTED not in catalogue
    assert MARK in page(project, "site", 4)  # neither: taken back


LATER = "@article{later2020, author = {Roe, A.}, title = {A later trial}, year = {2020}}\n"
FOUND = "@article{found, author = {Poe, B.}, title = {Found by its PMID}, pmid = {11111111}}\n"
NAMED = "@article{smith2019, author = {Smith, J.}, title = {Named at last}, year = {2019}}\n"


def citing_guides(make_project: ProjectFactory) -> Path:
    """many_guides, where guide-2 also cites later2020 and guide-4 a PMID not in the store."""
    project = many_guides(make_project, parallel=True)
    for number, citation in ((2, "[@later2020]"), (4, "[PMID 11111111]")):
        guide = project / "content" / "exercises" / f"guide-{number}.md"
        guide.write_text(
            guide.read_text("utf-8").replace("Body text.", f"Body text {citation}."), "utf-8"
        )
    bib = project / "references" / "refs.bib"
    bib.write_text(bib.read_text("utf-8") + LATER, "utf-8")
    return project


def correct_later(project: Path, added: str = "") -> None:
    """Correct later2020's title in refs.bib, and add the entries ``added``."""
    bib = project / "references" / "refs.bib"
    text = bib.read_text("utf-8").replace("A later trial", "A later, larger trial")
    bib.write_text(text + added, "utf-8")


def test_a_store_change_redoes_only_the_pages_and_audits_whose_answers_it_changes(
    make_project: ProjectFactory,
) -> None:
    project = citing_guides(make_project)
    first = run_build(project, strict=False)
    assert first.returncode == 0, first.output
    assert "unresolved citation 'PMID 11111111'" in first.output
    vague = [n for n in range(GUIDES) if n % 7 == 3]  # "(Smith, 2019)", drafts too
    assert first.output.count("vague reference '(Smith, 2019)'") == len(vague)
    mark_kept_pages(project)
    audits = mark_kept_audits(project)
    bib = project / "references" / "refs.bib"

    # An entry no page cites or names: every page and every audit is taken back.
    bib.write_text(bib.read_text("utf-8") + "\n@misc{added, title = {Added}}\n", "utf-8")
    added = run_build(project, strict=False)
    assert added.returncode == 0, added.output
    assert all(MARK in page(project, "site", number) for number in (0, 1, 2, 3, 4))
    assert added.output.count("kept audit of") == audits
    assert "'added' is not cited by any page" in added.output

    # A cited entry corrected, and one added that a citation named in vain.
    correct_later(project, FOUND)
    changed = run_build(project, strict=False)
    assert changed.returncode == 0, changed.output
    assert MARK not in page(project, "site", 2)
    assert "A later, larger trial" in page(project, "site", 2)
    assert MARK not in page(project, "site", 4)
    assert "Found by its PMID" in page(project, "site", 4)
    assert "unresolved citation" not in changed.output
    assert all(MARK in page(project, "site", number) for number in (0, 1, 3))
    remade = {f"kept audit of content/exercises/guide-{n}.md" for n in (2, 4)}
    assert not any(mark in changed.output for mark in remade)
    assert changed.output.count("kept audit of") == audits - 2

    # An entry the vague "(Smith, 2019)" now names: those guides' audits are redone, with
    # the entry suggested; no page is made again (none cites it).
    bib.write_text(bib.read_text("utf-8") + NAMED, "utf-8")
    named = run_build(project, strict=False)
    assert named.returncode == 0, named.output
    assert named.output.count("did you mean [@smith2019]") == len(vague)
    assert named.output.count("kept audit of") == audits - 2 - len(vague)
    assert all(MARK in page(project, "site", number) for number in (0, 1, 3))


def test_after_a_store_change_the_site_is_the_one_a_first_build_writes(
    make_project: ProjectFactory,
) -> None:
    project = citing_guides(make_project)
    assert run_build(project, strict=False).returncode == 0
    correct_later(project, FOUND)  # pages 2 and 4 made again, the others taken back
    kept = run_build(project, strict=False, site=project / "kept")
    assert kept.returncode == 0, kept.output
    shutil.rmtree(project / ".cache" / "pages")
    first = run_build(project, strict=False, site=project / "first")
    assert first.returncode == 0, first.output
    assert site_files(project / "kept") == site_files(project / "first")
    assert "A later, larger trial" in page(project, "kept", 2)
    assert "A later, larger trial" in (project / "kept" / "references" / "index.html").read_text()


def test_after_a_store_change_only_the_entries_it_changed_are_formatted_again(
    make_project: ProjectFactory,
) -> None:
    project = citing_guides(make_project)
    assert run_build(project, strict=False).returncode == 0
    file, store, kept = kept_with_store(project, "references.pickle")
    marked = {
        key: (digest, dataclasses.replace(formatted, title=f"{formatted.title} (kept)"))
        for key, (digest, formatted) in kept.items()
    }
    page_cache._write(file, (store, marked))
    correct_later(project)
    changed = run_build(project, strict=False)
    assert changed.returncode == 0, changed.output
    references = (project / "site" / "references" / "index.html").read_text("utf-8")
    assert "A later, larger trial" in references
    assert "A later, larger trial (kept)" not in references
    assert references.count("(kept)") == len(kept) - 1


def test_a_page_found_to_hold_for_a_new_store_is_not_asked_again(
    make_project: ProjectFactory,
) -> None:
    project = citing_guides(make_project)
    assert run_build(project, strict=False).returncode == 0
    correct_later(project)
    assert run_build(project, strict=False).returncode == 0
    # Every kept page now claims a lookup no store answers: those made with the first store
    # were checked against this one, and are taken back without asking it again.
    mark_kept_pages(project)

    def claims(kept: object) -> object:
        assert isinstance(kept, page_cache.CachedPage)
        return dataclasses.replace(kept, lookups=(("key", "nowhere", "no such digest"),))

    importlib.import_module("evidence_guides.build.site_build")  # what kept pages hold
    mark_kept(project, ".page", claims)
    again = run_build(project, strict=False)
    assert again.returncode == 0, again.output
    assert all(MARK in page(project, "site", number) for number in (0, 1, 2, 3, 4))


def mark_kept_audits(project: Path) -> int:
    """Add a finding naming its page to every kept audit; how many were kept."""
    file, store, kept = kept_with_store(project, "audits.pickle")  # and their store's digest
    audits = {key: audit for key, audit in kept.items() if isinstance(audit, PageAudit)}
    for key, audit in audits.items():
        mark = Finding(
            audit.path, 1, 1, "vague-reference", "warning", f"kept audit of {audit.path}"
        )
        kept[key] = dataclasses.replace(audit, findings=(*audit.findings, mark))
    page_cache._write(file, (store, kept))
    return len(audits)


def test_another_day_takes_every_page_and_audit_back_with_reviews_it_makes_stale(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = many_guides(make_project, parallel=True)  # every guide reviewed 2026-11-01
    first = run_build(project)  # the suite's day: 2026-12-01
    assert first.returncode == 0, first.output
    assert "stale-review" not in first.output
    assert mark_kept_pages(project) > 5
    audits = mark_kept_audits(project)

    # The last day before the reviews are twelve months old: nothing is made or audited again.
    monkeypatch.setenv("GUIDES_TODAY", "2027-11-01")
    later = run_build(project, strict=False)
    assert later.returncode == 0, later.output
    assert later.output.count("kept audit of") == audits
    assert all(MARK in page(project, "site", number) for number in (1, 2, 4))

    # The next day they are stale: no page is made or audited again, the finding is added.
    monkeypatch.setenv("GUIDES_TODAY", "2027-11-02")
    stale = run_build(project, strict=False)
    assert stale.returncode == 0, stale.output
    assert stale.output.count("kept audit of") == audits
    assert "last reviewed 2026-11-01, 12 months ago (more than 12)" in stale.output
    assert "last_reviewed: 2027-11-02, once it is reviewed" in stale.output
    assert all(MARK in page(project, "site", number) for number in (1, 2, 4))

    # A stale review's finding names the day: the day after, it names that one.
    monkeypatch.setenv("GUIDES_TODAY", "2027-11-03")
    after = run_build(project, strict=False)
    assert after.output.count("kept audit of") == audits
    assert "last_reviewed: 2027-11-03, once it is reviewed" in after.output
    assert "2027-11-02" not in after.output


def test_a_build_with_a_damaged_cache_makes_the_pages_again(make_project: ProjectFactory) -> None:
    project = many_guides(make_project, parallel=True)
    first = run_build(project, site=project / "first")
    assert first.returncode == 0, first.output
    for file in (project / ".cache" / "pages").glob("*/*"):
        file.write_bytes(file.read_bytes()[: len(file.read_bytes()) // 2])  # cut in half
    second = run_build(project, site=project / "second")
    assert second.returncode == 0, second.output
    assert site_files(project / "second") == site_files(project / "first")


def test_a_kept_audit_whose_review_or_questions_are_nonsense_is_audited_again(
    make_project: ProjectFactory,
) -> None:
    """Well-formed records holding what no build writes: each page is audited again."""
    project = citing_guides(make_project)
    first = run_build(project, strict=False)
    assert first.returncode == 0, first.output
    file, store, kept = kept_with_store(project, "audits.pickle")
    never = Days(datetime.date.min, datetime.date.min)  # read on another day: worked out again
    for nonsense in (
        {"days": never, "review": ReviewRead("not a date", (1, 1))},  # type: ignore[arg-type]
        {"store_reads": (("identify", "not a mention", ""), ("no such question", 1, ""))},
    ):
        damaged = {
            key: dataclasses.replace(audit, **nonsense) if isinstance(audit, PageAudit) else audit
            for key, audit in kept.items()
        }
        page_cache._write(file, ("another store" if "store_reads" in nonsense else store, damaged))
        again = run_build(project, strict=False)
        assert again.returncode == 0, again.output
        assert "Traceback" not in again.output
        assert findings(again.output) == findings(first.output)


def mark_kept_conversions(project: Path) -> int:
    """Add MARK to every kept MkDocs conversion; how many were kept."""

    def marked(conversion: object) -> Conversion:
        assert isinstance(conversion, Conversion)
        return dataclasses.replace(conversion, html=conversion.html + MARK)

    return mark_kept(project, ".converted", marked)


def test_mkdocs_conversion_of_an_unchanged_page_is_taken_back_unless_it_logged(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=True)
    first = run_build(project)
    assert first.returncode == 0, first.output
    assert mark_kept_conversions(project) > 5
    second = run_build(project)
    assert second.returncode == 0, second.output

    assert MARK in page(project, "site", 0)  # its Markdown was not converted again
    # guide-1 links to a missing page: MkDocs converts it again, and says so again.
    assert MARK not in page(project, "site", 1)
    assert "'missing-1.md'" in first.output
    assert "'missing-1.md'" in second.output


def test_a_link_to_an_anchor_gone_from_another_page_is_still_reported(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=True)
    linking = project / "content" / "exercises" / "guide-0.md"  # not related to guide-4
    linking.write_text(
        linking.read_text("utf-8") + "\nSee [guide 4's set-up](guide-4.md#set-up).\n", "utf-8"
    )
    assert run_build(project).returncode == 0
    mark_kept_conversions(project)
    target = project / "content" / "exercises" / "guide-4.md"
    target.write_text(target.read_text("utf-8").replace("## Set-up", "## Warm-up"), "utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output

    assert MARK in page(project, "site", 0)  # taken back, and its links checked again
    assert (
        "'exercises/guide-0.md' contains a link 'guide-4.md#set-up', but the doc "
        "'exercises/guide-4.md' does not contain an anchor '#set-up'" in build.output
    )
    # The audit read guide-4's anchors: guide-0's is made again, and says so too.
    (line,) = [line for line in build.output.splitlines() if "broken-link" in line and
               "guide-4.md#set-up" in line]  # fmt: skip
    assert "content/exercises/guide-0.md:" in line
    assert "guide-4.md has no anchor '#set-up'" in line


def with_link_to_guide_4(project: Path) -> None:
    """guide-0 (which relates to guide-1 only) links to guide-4's page."""
    linking = project / "content" / "exercises" / "guide-0.md"
    linking.write_text(linking.read_text("utf-8") + "\nSee [guide 4](guide-4.md).\n", "utf-8")


def test_a_guide_added_makes_again_only_the_pages_that_looked_for_it(
    make_project: ProjectFactory,
) -> None:
    """guide-1 links to missing-1.md: adding that guide converts guide-1 again and audits it
    again (it is no longer reported); the other pages' results are taken back."""
    project = many_guides(make_project, parallel=True)
    first = run_build(project)
    assert first.returncode == 0, first.output
    assert "'missing-1.md'" in first.output
    assert mark_kept_pages(project) > 10
    mark_kept_conversions(project)
    added = project / "content" / "exercises" / "missing-1.md"
    added.write_text(MINIMAL_GUIDE.replace("title: Plank", "title: Found at last"), "utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output

    assert 'href="../missing-1/"' in page(project, "site", 1)
    lines = build.output.splitlines()
    assert not [line for line in lines if "guide-1.md" in line and "missing-1.md" in line]
    assert "'missing-2.md'" in build.output  # guide-2's link, audit taken back, still is
    # guide-10's link to missing-10.md listed the folder for a file meant: it is made again.
    assert [line for line in lines if "'missing-10.md'" in line and "mean 'missing-1.md'" in line]
    kept = page(project, "site", 9)  # looked for no such page: taken back, and converted
    assert kept.count(MARK) == 2
    new = (project / "site" / "exercises" / "missing-1" / "index.html").read_text("utf-8")
    assert "Found at last" in new
    assert "Found at last" in (project / "site" / "browse" / "index.html").read_text("utf-8")


def test_a_front_matter_link_to_a_guide_added_later_leads_to_it_once_it_is_there(
    make_project: ProjectFactory,
) -> None:
    """guide-2's FAQ answer links to a guide not yet written: once it is, guide-2's page is
    rendered again and its answer links to it; guide-3's results are taken back."""
    project = many_guides(make_project, parallel=True)
    source = project / "content" / "exercises" / "guide-2.md"
    answer = "Until form fails [@garber2011]."
    linked = "Until form fails [@garber2011]; see [the later guide](found-later.md)."
    source.write_text(source.read_text("utf-8").replace(answer, linked), "utf-8")
    first = run_build(project, strict=False)  # a link to no file: a warning, as in the body
    assert first.returncode == 0, first.output
    assert "field 'faq[0].a' links to 'found-later.md'" in first.output
    assert 'href="../found-later/"' not in page(project, "site", 2)
    assert mark_kept_pages(project) > 10
    added = project / "content" / "exercises" / "found-later.md"
    added.write_text(MINIMAL_GUIDE.replace("title: Plank", "title: Found later"), "utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output

    linking = page(project, "site", 2)
    assert 'href="../found-later/"' in linking and MARK not in linking
    assert MARK in page(project, "site", 3)
    assert not [line for line in build.output.splitlines() if "links to 'found-later.md'" in line]


def test_a_guide_removed_is_reported_where_kept_pages_linked_to_it(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=True)
    with_link_to_guide_4(project)
    assert run_build(project).returncode == 0
    mark_kept_conversions(project)
    (project / "content" / "exercises" / "guide-4.md").unlink()
    build = run_build(project)
    assert build.returncode == 0, build.output

    (line,) = [line for line in build.output.splitlines() if "broken-link" in line and
               "guide-0.md" in line]  # fmt: skip
    assert "broken link 'guide-4.md': content/exercises/guide-4.md does not exist" in line
    linking = page(project, "site", 0)
    assert MARK not in linking  # converted again
    assert 'href="guide-4.md"' in linking  # as MkDocs leaves a link to no page
    assert MARK in page(project, "site", 9)
    assert not (project / "site" / "exercises" / "guide-4").exists()


def test_after_guides_come_and_go_the_site_is_the_one_a_first_build_writes(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=True)
    with_link_to_guide_4(project)
    assert run_build(project, site=project / "first").returncode == 0
    added = project / "content" / "exercises" / "missing-1.md"
    added.write_text(MINIMAL_GUIDE.replace("title: Plank", "title: Found at last"), "utf-8")
    (project / "content" / "exercises" / "guide-4.md").unlink()
    kept = run_build(project, site=project / "kept")
    assert kept.returncode == 0, kept.output
    shutil.rmtree(project / ".cache" / "pages")
    fresh = run_build(project, site=project / "fresh")
    assert fresh.returncode == 0, fresh.output

    assert site_files(project / "kept") == site_files(project / "fresh")
    assert findings(kept.output) == findings(fresh.output)


def test_with_an_extension_that_reads_other_files_every_page_is_converted(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=True)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  - toc\n", "  - toc\n  - pymdownx.snippets\n"), "utf-8"
    )
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert list((project / ".cache" / "pages").glob("*/*.page"))  # the rest is kept
    assert not list((project / ".cache" / "pages").glob("*/*.converted"))


def test_after_an_edit_that_changes_no_card_the_listing_pages_are_taken_back(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=True)
    assert run_build(project).returncode == 0
    assert mark_kept_listing_pages(project) >= 2  # the A to Z page, a level's, a muscle's
    edited = project / "content" / "exercises" / "guide-2.md"
    edited.write_text(edited.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output

    assert "One more paragraph." in page(project, "site", 2)
    assert LISTED in (project / "site" / "browse" / "index.html").read_text("utf-8")


HOOK = """\
def on_page_markdown(markdown, page, **kwargs):
    return markdown + "\\n\\nAdded by a hook."
"""


def test_with_another_plugin_on_the_markdown_every_page_is_converted(
    make_project: ProjectFactory,
) -> None:
    project = many_guides(make_project, parallel=True)
    add_hook(project, HOOK)
    for _ in range(2):
        build = run_build(project)
        assert build.returncode == 0, build.output
        assert "Added by a hook." in page(project, "site", 0)
    assert not list((project / ".cache" / "pages").glob("*/*.converted"))
