"""The public site as readers and crawlers meet it: the built site served on
127.0.0.1 (tests/browser/server.py), driven in a real Chromium (Debian's, never a
downloaded one) through Playwright, and checked with axe-core, Lighthouse and
LinkChecker.

Without Chromium, or without the npm tools (``npm ci``, run by ``make test``),
the tests that need them skip with one line saying how to install them, except
in CI (``CI=true``), where a missing tool is a failure: CI installs them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser import tools
from tests.browser.server import serve
from tests.integration.conftest import Build


def require(problem: str | None) -> None:
    """Skip, or in CI fail, with ``problem`` when a tool is missing."""
    if problem is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(problem)
    pytest.skip(problem)


def is_local(url: str) -> bool:
    """Whether a request stays on this machine's loopback server."""
    return url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:"))


def open_search(page) -> None:
    """Open the header's search as a reader does, and wait until it has the focus.

    "/" opens it on any page, a phone's (where it is behind the header's
    button) too; the box loads Pagefind on opening.
    """
    page.locator("[data-guide-search]:not([hidden])").wait_for(state="attached")
    page.keyboard.press("/")
    page.locator("#guide-search-query:focus").wait_for()


def choose_filter(page, name: str, value: str) -> None:
    """Narrow the open search's results by ``name`` (level, muscle) as a reader does:
    open the filters (which fetches their values), then choose ``value``."""
    filters = page.locator("[data-guide-search-filters]")
    if not filters.evaluate("(details) => details.open"):
        filters.locator("summary").click()
    page.locator(f"#guide-search-{name}").select_option(value)


@pytest.fixture(scope="session")
def chromium() -> str:
    require(tools.missing_chromium())
    path = tools.chromium_path()
    assert path is not None
    return path


@pytest.fixture(scope="session")
def site_url(shipped_site: Build) -> Iterator[str]:
    """The shipped site, served from its build folder on a free loopback port."""
    with serve(shipped_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=tools.CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def requested() -> list[str]:
    """Every URL the test's pages requested, in order (filled by ``new_page``)."""
    return []


@pytest.fixture
def new_page(browser, requested: list[str]) -> Iterator[Callable[..., object]]:
    """Open pages at a given width; every request is recorded, and a non-local one
    is blocked and fails the test."""
    contexts = []

    def open_page(width: int = 1280, height: int = 900, **options: object):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        context.on("request", lambda request: requested.append(request.url))
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if is_local(route.request.url) else route.abort("blockedbyclient")
            ),
        )
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    foreign = [url for url in requested if not is_local(url)]
    assert not foreign, f"requests outside 127.0.0.1: {foreign}"


@pytest.fixture
def page(new_page):
    """A fresh page 1280 px wide."""
    return new_page()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder for screenshots, PDFs and reports that outlive the run."""
    tools.ARTIFACTS.mkdir(exist_ok=True)
    return tools.ARTIFACTS
