"""The preview's banner and its page of every finding, as the plugin gives them to MkDocs."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from evidence_guides.build.live import LiveSite
from evidence_guides.build.report import BuildReport
from evidence_guides.mkdocs_adapter.preview_pages import (
    FINDINGS_FILE,
    banner_for,
    write_findings_page,
)
from tests.unit.build.test_site_build import Project, guide


def live_site(tmp_path: Path) -> tuple[Project, LiveSite]:
    project = Project(tmp_path, {"exercises/plank.md": guide("Plank", cite="[@nosuch2019]")})
    project.build()
    return project, LiveSite(project.site, BuildReport())


def test_the_banner_lists_the_pages_findings_and_links_to_every_finding(tmp_path: Path) -> None:
    _, live = live_site(tmp_path)
    banner = banner_for(live, "exercises/plank.md", "exercises/plank/")
    assert banner is not None
    assert banner.findings_url == "../../_preview/findings/"
    assert "unresolved-citation" in {item.rule for item in banner.findings}
    assert banner.site_errors >= 2
    assert banner_for(live, "exercises/none.md", "exercises/none/") is None


def test_the_findings_page_is_a_page_of_its_own_in_the_served_folder(tmp_path: Path) -> None:
    project, live = live_site(tmp_path)
    write_findings_page(live, project.engine, str(tmp_path / "site"))
    soup = BeautifulSoup((tmp_path / "site" / FINDINGS_FILE).read_text(), "html.parser")
    assert soup.html["lang"] == "en" and soup.find("main") and soup.find("h1")
    assert soup.find("h2").get_text() == "content/exercises/plank.md"
    assert soup.find("a", string="Back to the site")["href"] == "../../"
