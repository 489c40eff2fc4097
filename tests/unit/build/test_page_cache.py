"""The page cache's files: read back only as data, keyed by all a page's results depend on."""

from __future__ import annotations

import dataclasses
import datetime
import os
import pickle
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

import pytest

from evidence_guides.audit.model import AuditSettings
from evidence_guides.build import page_cache
from evidence_guides.build.cached_pages import CachedPages, DocsFiles
from evidence_guides.build.conversion import Conversion, TocEntry
from evidence_guides.build.listings import RenderedParts
from evidence_guides.build.page_cache import CachedPage, PageCache, site_key
from evidence_guides.build.pages import PageHtml, PageState, RenderedBody, SourceRead
from evidence_guides.findings import Finding
from evidence_guides.guide.numbering import RenderedText
from evidence_guides.store.entry import BibStore

if TYPE_CHECKING:
    from collections.abc import Callable

    from evidence_guides.build.page_work import PageWork


class Spawn:
    """A pickle that would run a command when read by a plain unpickler."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def settings(tmp_path: Path, **changes: object) -> AuditSettings:
    base = AuditSettings(root=tmp_path, docs_dir=tmp_path / "content", bib=tmp_path / "refs.bib")
    return dataclasses.replace(base, **changes)


def store(digest: str = "abc") -> BibStore:
    return BibStore("refs.bib", {}, (), digest)


def cached_page() -> CachedPage:
    rendered = RenderedBody(0, RenderedText("Body.", (), ()), ("garber2011",), "2026-11-01", ())
    meta = {"title": "Plank", "last_reviewed": datetime.date(2026, 11, 1)}
    return CachedPage(SourceRead(4, meta), rendered, (("exercises/side-plank.md", "d1"),))


def test_a_page_kept_is_read_back_equal(tmp_path: Path) -> None:
    cache = PageCache(tmp_path, "k" * 64)
    html = PageHtml("<p>summary</p>", "<ol></ol>", '{"@type": "HowTo"}', ("warning",))
    cache.keep_page("p1", cached_page(), html)
    assert cache.page("p1", {"exercises/side-plank.md": "d1"}) == cached_page()
    assert cache.html("p1") == html


def test_a_page_is_made_again_when_a_page_it_read_changed_or_went(tmp_path: Path) -> None:
    cache = PageCache(tmp_path, "k" * 64)
    cache.keep_page("p1", cached_page(), PageHtml())
    assert cache.page("p1", {"exercises/side-plank.md": "d2"}) is None
    assert cache.page("p1", {}) is None


def test_a_file_that_would_run_code_is_a_miss_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    cache = PageCache(tmp_path, "k" * 64)
    cache.folder.mkdir(parents=True)
    (cache.folder / "p1.page").write_bytes(pickle.dumps(Spawn(marker)))
    (cache.folder / "audits.pickle").write_bytes(pickle.dumps({"p1": Spawn(marker)}))
    assert cache.page("p1", {}) is None
    assert cache.audit("p1") is None
    assert not marker.exists()


def test_a_class_that_is_not_data_is_refused_even_from_this_package(tmp_path: Path) -> None:
    file = tmp_path / "x.page"
    file.write_bytes(pickle.dumps(PageCache))  # a class of the package, not a data class
    assert page_cache._load(file) is None


def test_damaged_linked_and_special_files_are_misses(tmp_path: Path) -> None:
    cache = PageCache(tmp_path, "k" * 64)
    cache.keep_page("p1", cached_page(), PageHtml())
    page_file = cache.folder / "p1.page"
    page_file.write_bytes(page_file.read_bytes()[:-20])
    assert cache.page("p1", {"exercises/side-plank.md": "d1"}) is None
    cache.keep_page("p2", cached_page(), PageHtml())
    (cache.folder / "p3.page").symlink_to(cache.folder / "p2.page")
    assert cache.page("p3", {"exercises/side-plank.md": "d1"}) is None
    os.mkfifo(cache.folder / "p4.page")  # read without blocking: a miss, not a hang
    assert cache.page("p4", {}) is None


def test_audits_and_the_store_findings_are_kept_together(tmp_path: Path) -> None:
    cache = PageCache(tmp_path, "k" * 64)
    found = [Finding("refs.bib", 3, 1, "bib-invalid-entry", "error", "No title.")]
    assert cache.store_findings() is None
    cache.keep_audits({}, found)
    assert PageCache(tmp_path, "k" * 64).store_findings() == found
    # An audit reads the whole store: another store's build takes none back.
    assert PageCache(tmp_path, "k" * 64, "another store").store_findings() is None


def test_pruning_removes_other_keys_and_pages_gone(tmp_path: Path) -> None:
    old = PageCache(tmp_path, "o" * 64)
    old.keep_page("p1", cached_page(), PageHtml())
    cache = PageCache(tmp_path, "k" * 64)
    for key in ("p1", "p2"):
        cache.keep_page(key, cached_page(), PageHtml())
    cache.prune(["p2"])
    assert not old.folder.exists()
    assert sorted(file.name for file in cache.folder.iterdir()) == ["p2.html", "p2.page"]


def test_the_page_key_follows_its_text_path_and_draft_state(tmp_path: Path) -> None:
    cache = PageCache(tmp_path, "k" * 64)
    page = PageState("content/exercises/plank.md", "---\ntitle: Plank\n---\n", True, False)
    keys = {
        cache.page_key(page),
        cache.page_key(dataclasses.replace(page, source_text=page.source_text + "More.\n")),
        cache.page_key(dataclasses.replace(page, path="content/exercises/side-plank.md")),
        cache.page_key(dataclasses.replace(page, is_draft=True)),
        PageCache(tmp_path, "j" * 64).page_key(page),
    }
    assert len(keys) == 5


def test_the_site_key_follows_the_store_path_settings_people_and_engine(tmp_path: Path) -> None:
    base = settings(tmp_path, today=datetime.date(2026, 12, 1))
    people = tmp_path / "people.yml"
    keys = [
        site_key(base, store(), "engine"),
        site_key(base, BibStore("other.bib", {}, (), "abc"), "engine"),
        site_key(base, store(), "engine, another template"),
        site_key(dataclasses.replace(base, stale_review_months=6), store(), "engine"),
    ]
    people.write_text("alex: {name: Alex}\n", "utf-8")
    keys.append(site_key(dataclasses.replace(base, people=people), store(), "engine"))
    people.write_text("alex: {name: Alex Doe}\n", "utf-8")
    keys.append(site_key(dataclasses.replace(base, people=people), store(), "engine"))
    assert None not in keys
    assert len(set(keys)) == len(keys)
    # Building in parallel or not makes the same pages; the day is each audit's own (its
    # days), and the store's contents each page's own (what it looked up).
    assert site_key(dataclasses.replace(base, parallel=False), store(), "engine") == keys[0]
    assert site_key(base, store("def"), "engine") == keys[0]
    assert site_key(dataclasses.replace(base, today=None), store(), "engine") == keys[0]
    next_day = dataclasses.replace(base, today=datetime.date(2026, 12, 2))
    assert site_key(next_day, store(), "engine") == keys[0]


@pytest.mark.parametrize(("digest", "signature"), [("", "engine"), ("abc", None)])
def test_nothing_is_kept_without_a_store_file_or_an_engine_key(
    tmp_path: Path, digest: str, signature: str | None
) -> None:
    assert site_key(settings(tmp_path), store(digest), signature) is None


def test_a_conversion_is_given_back_only_for_the_markdown_it_was_made_from(
    tmp_path: Path,
) -> None:
    cache = PageCache(tmp_path, "k" * 64)
    toc = (TocEntry("Set-up", "set-up", 2, (TocEntry("Feet", "feet", 3),)),)
    made = Conversion(
        "<h2 id=set-up>Set-up</h2>", toc, frozenset({"set-up"}), (("b.md", (("x", "b.md#x"),)),)
    )
    kept = dataclasses.replace(made, made_from=page_cache.text_digest("## Set-up"))
    cache.keep_conversion("p1", kept)
    assert cache.conversion("p1") == kept  # nested entries and frozensets come back as data
    pages = {"a.md": PageState("content/a.md", "## Set-up", False, False)}
    cached = CachedPages(cache, pages, cast("PageWork", None), writes=True)
    cached.keep_conversion("a.md", "## Set-up", made)
    assert cached.conversion("a.md", "## Set-up") == kept
    assert cached.conversion("a.md", "## Set-up, edited") is None
    assert cached.conversion("b.md", "## Set-up") is None  # not a page of this build


def test_a_conversion_is_given_back_only_while_the_files_it_looked_for_are_as_they_were(
    tmp_path: Path,
) -> None:
    """Its links were resolved against the site's files: one gone or come changes the HTML."""
    site = {"b.md": "/b/"}
    work = SimpleNamespace(engine=SimpleNamespace(url=site.get))
    pages = {"a.md": PageState("content/a.md", "[b](b.md) [c](c.md)", False, False)}
    cached = CachedPages(PageCache(tmp_path, "k" * 64), pages, cast("PageWork", work), writes=True)
    made = Conversion(
        "<p>b, c</p>", (), frozenset(), None, looked_up=(("b.md", True), ("c.md", False))
    )
    cached.keep_conversion("a.md", "[b](b.md) [c](c.md)", made)
    assert cached.conversion("a.md", "[b](b.md) [c](c.md)") is not None
    site["c.md"] = "/c/"  # a page it linked to in vain is added
    assert cached.conversion("a.md", "[b](b.md) [c](c.md)") is None
    del site["c.md"], site["b.md"]  # the page it linked to is removed
    assert cached.conversion("a.md", "[b](b.md) [c](c.md)") is None


def test_conversions_are_pruned_with_their_pages(tmp_path: Path) -> None:
    cache = PageCache(tmp_path, "k" * 64)
    for key in ("p1", "p2"):
        cache.keep_conversion(key, Conversion("<p>x</p>", (), frozenset(), None, "d"))
    cache.prune(["p1"])
    assert cache.conversion("p1") is not None
    assert cache.conversion("p2") is None


def test_listing_pages_rendered_are_taken_back_by_what_they_were_made_from(
    tmp_path: Path,
) -> None:
    cache = PageCache(tmp_path, "k" * 64)
    rendered: list[str] = []

    def render(html: str) -> Callable[[], str]:
        return lambda: rendered.append(html) or html

    first = RenderedParts(cache.listing_pages())
    assert first.html("a", render("<ol>A</ol>")) == "<ol>A</ol>"
    assert first.changed
    cache.keep_listing_pages(first.made)

    second = RenderedParts(cache.listing_pages())
    assert second.html("a", render("<ol>A, again</ol>")) == "<ol>A</ol>"  # taken back
    assert not second.changed
    assert second.html("b", render("<ol>B</ol>")) == "<ol>B</ol>"
    assert second.changed
    assert rendered == ["<ol>A</ol>", "<ol>B</ol>"]


def test_what_an_audit_looked_for_is_known_by_the_pages_there_now() -> None:
    """A file's digest follows its text and whether it is a page; a folder's, its pages."""
    pages = {
        "exercises/plank.md": PageState("content/exercises/plank.md", "# Plank", False, False),
        "index.md": PageState("content/index.md", "# Home", False, False),
    }
    names = ("exercises/plank.md", "exercises/squat.md", "exercises/")
    before = DocsFiles(pages).digest(names)
    assert DocsFiles(dict(pages)).digest(names) == before
    assert DocsFiles(pages).digest(("index.md",)) != DocsFiles(pages).digest(("about.md",))
    with_squat = {
        **pages,
        "exercises/squat.md": PageState("content/exercises/squat.md", "", False, False),
    }
    assert DocsFiles(with_squat).digest(names) != before  # came
    assert DocsFiles(with_squat).digest(("exercises/plank.md",)) == DocsFiles(pages).digest(
        ("exercises/plank.md",)
    )
    with_lunge = {
        **pages,
        "exercises/lunge.md": PageState("content/exercises/lunge.md", "", False, False),
    }
    assert DocsFiles(with_lunge).digest(("exercises/",)) != DocsFiles(pages).digest(("exercises/",))
    assert DocsFiles(with_lunge).digest(("index.md",)) == DocsFiles(pages).digest(("index.md",))
    edited = {
        **pages,
        "exercises/plank.md": PageState("content/exercises/plank.md", "# Planks", False, False),
    }
    assert DocsFiles(edited).digest(names) != before
