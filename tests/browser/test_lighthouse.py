"""Lighthouse (mobile) on the landing page and the leg raise guide: accessibility,
best practices and SEO score 100. One run per page for the whole session, since
each takes a while on two cores; performance, a timing, is printed by
``make lighthouse`` rather than asserted here.
"""

from __future__ import annotations

import pytest

from tests.browser import tools
from tests.browser.conftest import is_local, require
from tests.browser.lighthouse import PAGES, REQUIRED, Report, run_lighthouse

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def lighthouse_reports(chromium: str, site_url: str) -> dict[str, Report]:
    require(tools.missing_lighthouse())
    return {name: run_lighthouse(name, site_url + path, chromium) for name, path in PAGES.items()}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("category", REQUIRED)
def test_score(lighthouse_reports: dict[str, Report], name: str, category: str) -> None:
    report = lighthouse_reports[name]
    assert report.scores[category] >= REQUIRED[category], (
        f"{category} {report.scores[category]} on {report.url}; "
        f"failed audits: {report.failed_audits[category]}; report: {report.json_path}"
    )


def test_nothing_moves_as_the_guide_and_its_figures_load(
    lighthouse_reports: dict[str, Report],
) -> None:
    """The leg raise guide has a lead figure and a lazy one: width and height keep CLS at 0."""
    report = lighthouse_reports["leg-raise"]
    assert report.layout_shift == 0, report.json_path


@pytest.mark.parametrize("name", PAGES)
def test_lighthouse_requests_stay_on_this_machine(
    lighthouse_reports: dict[str, Report], name: str
) -> None:
    report = lighthouse_reports[name]
    assert report.requested, "the report lists the page's requests"
    assert [url for url in report.requested if not is_local(url)] == []
