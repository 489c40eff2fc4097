"""A guide with a reviewer, an expert quote and a call to action, in Chromium: axe finds no
violation on a phone or a desktop, and the quote prints whole, the invitation not at all."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.browser import tools
from tests.browser.conftest import require
from tests.browser.server import serve
from tests.browser.test_accessibility import WIDTHS, axe_violations
from tests.integration.test_trust import write_trusted_project
from tests.support.site import run_build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def trusted_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    build = run_build(write_trusted_project(tmp_path_factory.mktemp("trusted-site")))
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url


@pytest.fixture(scope="module", autouse=True)
def _axe_installed() -> None:
    require(tools.missing_axe())


@pytest.mark.parametrize("width", WIDTHS)
def test_byline_quote_and_call_to_action_have_no_axe_violation(
    new_page, trusted_url: str, width: int
) -> None:
    page: Page = new_page(width)
    page.goto(trusted_url + "exercises/plank/")
    assert page.locator(".guide-byline").inner_text().startswith("By Test editorial team")
    assert page.locator("figure.expert-quote figcaption").is_visible()
    assert page.locator("aside.call-to-action a").is_visible()
    assert axe_violations(page) == []


def test_in_print_the_quote_stays_and_the_invitation_goes(new_page, trusted_url: str) -> None:
    page: Page = new_page(1280)
    page.goto(trusted_url + "exercises/plank/")
    page.emulate_media(media="print")
    assert page.locator("figure.expert-quote").is_visible()
    quote_style = page.locator("figure.expert-quote").evaluate(
        "element => getComputedStyle(element).breakInside"
    )
    assert quote_style == "avoid"
    assert not page.locator("aside.call-to-action").is_visible()
