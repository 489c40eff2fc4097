"""Listing pages added to a MkDocs build: pages MkDocs renders, a clash a one-line error."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from evidence_guides.build.listings import ListingPageHtml
from evidence_guides.mkdocs_adapter.generated import TEMPLATE, add_listing_pages, listing_url

FIRST = ListingPageHtml(
    "browse/index.md", "Guides A to Z", "All <guides>.", 1, 2, None, "browse/2/index.md", "x"
)
SECOND = ListingPageHtml(
    "browse/2/index.md", "Guides A to Z, page 2", "All.", 2, 2, "browse/index.md", None, "y"
)


def _config(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://t.test/\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "evidence"  # as while MkDocs runs the plugin's hook
    return config


def test_listing_pages_become_pages_with_their_template_and_neighbours(tmp_path: Path) -> None:
    config = _config(tmp_path)
    files = Files([])
    added = add_listing_pages(files, config, (FIRST, SECOND))
    assert set(added) == {"browse/index.md", "browse/2/index.md"}
    page = files.get_file_from_path("browse/index.md").page
    assert page.title == "Guides A to Z" and page.url == "browse/"
    assert page.meta["template"] == TEMPLATE
    assert page.meta["description"] == "All &lt;guides&gt;."  # escaped, as Material prints it
    assert page.canonical_url == "https://t.test/browse/"
    second = files.get_file_from_path("browse/2/index.md").page
    assert listing_url(SECOND.previous, second, added) == "../"
    assert listing_url(FIRST.next, page, added) == "2/"
    assert listing_url(None, page, added) is None


def test_a_page_where_a_listing_page_goes_is_refused(tmp_path: Path) -> None:
    config = _config(tmp_path)
    files = Files([File("browse/index.md", str(tmp_path / "docs"), str(tmp_path / "site"), True)])
    with pytest.raises(PluginError, match=r"docs/browse/index\.md: the guides' listing pages"):
        add_listing_pages(files, config, (FIRST,))


def test_listing_pages_are_written_after_every_page_of_docs_dir(tmp_path: Path) -> None:
    """MkDocs writes pages in the order of its Files: the listing pages come after the
    guides (and after a page whose name sorts after theirs), so Pagefind writes the
    search index, which starts once the last guide is written, while they are written."""
    config = _config(tmp_path)
    docs, site = str(tmp_path / "docs"), str(tmp_path / "site")
    names = ["index.md", "exercises/a-guide.md", "exercises/z-guide.md", "zebra.md"]
    files = Files([File(name, docs, site, True) for name in names])
    add_listing_pages(files, config, (FIRST, SECOND))
    written = [file.src_uri for file in files.documentation_pages()]
    assert written == [*names, "browse/index.md", "browse/2/index.md"]
