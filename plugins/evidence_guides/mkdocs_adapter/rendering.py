"""One page at a time, as MkDocs' build renders every page: what the preview re-renders.

MkDocs builds a site in two passes: every page is read and converted
(``_populate_page``: the ``on_page_markdown`` and ``on_page_content`` events),
then every page is put in its template and written (``_build_page``:
``on_page_context``, ``on_post_page``). The preview calls the same two
functions for the pages a save affects, with the files, navigation and theme
of its last full build, so a page it shows is made exactly as ``mkdocs
build`` makes it (tested). They are MkDocs' own, not its public API: MkDocs is
pinned at 1.6.1, and this module is the one place that reaches for them.

A page MkDocs cannot make for a reason of :data:`REFUSED` is raised as
:class:`PageNotMade`, for the preview to say in one line naming the page;
MkDocs' own line about it is left out, as it says only "Error building page
'x':" of a plugin's error, expecting the caller to print the error next.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import jinja2
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel, set_exclusions
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

REFUSED = (MkDocsException, jinja2.TemplateError, OSError)
"""What MkDocs or the theme refuses (a plugin's error, a broken template or mkdocs.yml, a
file it cannot read or write): the preview says it in one line and goes on. Anything else
is a bug, and its traceback is printed."""

_MKDOCS_BUILD_LOG = logging.getLogger("mkdocs.commands.build")


class PageNotMade(Exception):
    """MkDocs could not read, convert or write a page, for ``reason`` (one of :data:`REFUSED`).

    ``page`` is its source file, or the URI of a page the plugin generates.
    """

    def __init__(self, page: str, reason: Exception) -> None:
        super().__init__(f"{page}: {reason}")
        self.page = page
        self.reason = reason


class BuildState(BasePlugin):
    """Keeps what a full build made (its files, navigation and theme) for later pages."""

    def __init__(self) -> None:
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: jinja2.Environment | None = None

    @event_priority(-100)  # after every other plugin has changed them
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files = files
        return files

    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-100)
    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        self.env = env
        return env


class PageRenderer:
    """Reads, converts, templates and writes pages of the last full build, as it did."""

    def __init__(self, config: MkDocsConfig, state: BuildState) -> None:
        assert state.files is not None and state.nav is not None and state.env is not None
        self.config = config
        self.files: Files = state.files
        self.nav: Navigation = state.nav
        self.env: jinja2.Environment = state.env

    def convert(self, src_uris: Iterable[str]) -> list[Page]:
        """Read and convert the pages (the first pass); the pages gone are skipped."""
        pages = []
        for src_uri in src_uris:
            file = self.files.get_file_from_path(src_uri)
            if file is None or not file.is_documentation_page():
                continue
            page = file.page if file.page is not None else Page(None, file, self.config)
            with _reported_as_not_made(file):
                _populate_page(page, self.config, self.files)
            pages.append(page)
        return pages

    def write(self, pages: Iterable[Page]) -> None:
        """Put the converted pages in their templates and write them (the second pass)."""
        documentation = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for page in pages:
            excluded = page.file.inclusion.is_excluded()
            with _reported_as_not_made(page.file):
                _build_page(page, self.config, documentation, self.nav, self.env, excluded=excluded)

    def reload_theme(self) -> None:
        """A template changed: a new environment, as a build makes it."""
        env = self.config.theme.get_env()
        self.env = self.config.plugins.on_env(env, config=self.config, files=self.files)

    def add(self, src_uri: str) -> File:
        """A file new in docs_dir, included as a build would include it."""
        config = self.config
        file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        self.files.append(file)
        set_exclusions([file], config)
        return file

    def changes_navigation(self, src_uri: str, exists: bool) -> bool:
        """Whether a page of docs_dir saved, added or removed adds to or takes from the
        navigation: every page shows it, so the site is built again."""
        file = self.files.get_file_from_path(src_uri)
        if file is not None:
            return not exists and file.is_documentation_page() and file.inclusion.is_in_nav()
        if not exists:
            return False
        config = self.config
        probe = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        set_exclusions([probe], config)
        return probe.is_documentation_page() and probe.inclusion.is_in_nav()

    def set_draft(self, file: File, draft: bool) -> None:
        """A page saved as a draft, or published: as the build's ``on_files`` decides."""
        if draft:
            file.inclusion = InclusionLevel.DRAFT
        elif file.inclusion == InclusionLevel.DRAFT:
            file.inclusion = InclusionLevel.UNDEFINED
            set_exclusions([file], self.config)


@contextlib.contextmanager
def _reported_as_not_made(file: File) -> Iterator[None]:
    """Make the page of ``file``: an error of :data:`REFUSED` is raised as
    :class:`PageNotMade`, and MkDocs' own line about it is left out."""
    _MKDOCS_BUILD_LOG.addFilter(_not_reported_here)
    try:
        yield
    except REFUSED as error:
        raise PageNotMade(file.abs_src_path or file.src_uri, error) from error
    finally:
        _MKDOCS_BUILD_LOG.removeFilter(_not_reported_here)


def _not_reported_here(record: logging.LogRecord) -> bool:
    """False for MkDocs' line about a page it could not make for a reason of :data:`REFUSED`
    (logged while MkDocs handles the error): :class:`PageNotMade` reports it."""
    about_a_page = record.getMessage().startswith(("Error reading page ", "Error building page "))
    return not (about_a_page and isinstance(sys.exc_info()[1], REFUSED))
