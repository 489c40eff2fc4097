"""No broken internal link or anchor on the served site (LinkChecker with its
AnchorCheck plugin; links to other sites are left to ``make linkcheck-external``).
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser.linkcheck import linkchecker
from tests.browser.pages import site_pages
from tests.browser.server import serve
from tests.support.site import Build


def test_no_internal_link_or_anchor_is_broken(site_url: str, shipped_site: Build) -> None:
    result = linkchecker(site_url)
    assert result.returncode == 0, result.stdout
    assert "0 warnings found. 0 errors found." in result.stdout
    checked = re.search(r"(\d+) links in \d+ URLs checked", result.stdout)
    pages = site_pages(shipped_site.site)
    # Guides and the other written pages hold many links and anchors each; the
    # generated listing pages (browse/) a few, to the guides the others link to.
    written = [page for page in pages if not page.startswith("browse/")]
    assert checked and int(checked.group(1)) > 10 * len(written) + len(pages) - len(written)


def test_a_broken_link_or_anchor_is_reported(tmp_path: Path) -> None:
    """The settings catch what they are there for: a missing page, a missing #anchor."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>Home</title><h1 id="top">Home</h1>'
        '<a href="page.html#present">fine</a> <a href="page.html#absent">bad anchor</a>'
        ' <a href="#top">fine</a> <a href="#nowhere">bad anchor here</a>'
        ' <a href="gone.html">no page</a></html>',
        encoding="utf-8",
    )
    (tmp_path / "page.html").write_text(
        '<!doctype html><html lang="en"><title>Page</title><h2 id="present">P</h2></html>',
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        result = linkchecker(url)
    assert result.returncode == 1
    assert "Anchor `absent'" in result.stdout
    assert "Anchor `nowhere'" in result.stdout
    assert "Anchor `present'" not in result.stdout and "Anchor `top'" not in result.stdout
    assert "gone.html" in result.stdout and "404" in result.stdout
