"""The search index: the Pagefind binary from the venv over a written site, errors in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.build import search_index
from evidence_guides.build.search_index import SearchIndexError, index_site
from tests.support.pagefind import indexed_pages

GUIDE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Navigation words</nav>
<article><div data-pagefind-body><h1>{title}</h1>
<p>Body text about {word}<sup class="citations"><a class="citation" href="#r">7</a></sup>.</p>
<span data-pagefind-filter="muscle" data-pagefind-meta="level">{muscle}</span>
<ol class="references" data-pagefind-ignore><li>Reference words</li></ol>
</div></article></body></html>
"""


def _page(site: Path, path: str, **fields: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(GUIDE.format(**fields), encoding="utf-8")


def test_indexes_the_marked_article_of_the_pages_the_glob_matches(tmp_path: Path) -> None:
    _page(tmp_path, "guides/a/index.html", title="Alpha", word="hinges", muscle="Glutes")
    _page(tmp_path, "guides/b/index.html", title="Beta", word="presses", muscle="Deltoids")
    _page(tmp_path, "other/index.html", title="Other", word="rows", muscle="Lats")
    indexed = index_site(tmp_path, "guides/**/*.html")
    assert indexed.pages == 2
    pages = indexed_pages(tmp_path)
    assert set(pages) == {"/guides/a/", "/guides/b/"}
    alpha = pages["/guides/a/"]
    assert alpha["content"].startswith("Alpha. Body text about hinges")
    # Citation numbers and ignored parts are left out; filters and meta are kept.
    assert "7" not in alpha["content"] and "Reference" not in alpha["content"]
    assert "Navigation" not in alpha["content"]
    assert alpha["filters"] == {"muscle": ["Glutes"]}
    assert alpha["meta"]["title"] == "Alpha"
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()


def test_a_failing_indexer_is_one_line_naming_its_error(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError) as raised:
        index_site(tmp_path / "no-such-site")
    message = str(raised.value)
    assert message.startswith("search index: pagefind failed (exit 1): Error: ")
    assert "\n" not in message


def test_a_missing_binary_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def missing() -> Path:
        raise SearchIndexError("search index: no pagefind binary: gone")

    monkeypatch.setattr(search_index, "pagefind_executable", missing)
    with pytest.raises(SearchIndexError, match=r"^search index: no pagefind binary: gone$"):
        index_site(tmp_path)


def test_the_binary_is_the_one_inside_the_installed_wheel() -> None:
    executable = search_index.pagefind_executable()
    assert executable.is_file() and executable.name.startswith("pagefind")
    assert "site-packages" in executable.parts
