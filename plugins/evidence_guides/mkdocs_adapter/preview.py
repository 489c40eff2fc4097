"""``make serve``: a preview that renders what a save changed, and never stops at a problem.

MkDocs' ``serve`` builds the whole site again on every save (35 s at 2,000
guides, see the README's "Editing guides"). This preview builds the site
once, as ``mkdocs serve`` does (not strict: a page with a problem is served,
its findings in a banner), then keeps MkDocs' files, navigation and theme and
the plugin's :class:`~evidence_guides.build.live.LiveSite`. On a save it
renders the page saved, and the pages that cite a store entry that changed;
a page that shows them (the landing page's cards, a related guide) is
rendered when it is next asked for. The server, the watch and live reload
are engine-free (:mod:`evidence_guides.build.preview_server`); this module is
what MkDocs needs.

    python -m evidence_guides.mkdocs_adapter.preview [--dev-addr 127.0.0.1:8000] [-f mkdocs.yml]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

from mkdocs.commands.build import build
from mkdocs.config import load_config

from evidence_guides.build.listings import generated_pages
from evidence_guides.build.preview_server import PreviewServer
from evidence_guides.build.site_build import PageRefused
from evidence_guides.files.limits import Limits
from evidence_guides.files.source import SourceError, decode_source, read_source_bytes
from evidence_guides.mkdocs_adapter.log import BuildLog, log
from evidence_guides.mkdocs_adapter.plugin import EvidencePlugin, load_store
from evidence_guides.mkdocs_adapter.preview_pages import FINDINGS_FILE, write_findings_page
from evidence_guides.mkdocs_adapter.preview_refusals import (
    PREVIEW_REFUSED,
    refusal_line,
    saved_file_line,
)
from evidence_guides.mkdocs_adapter.rendering import BuildState, PageRenderer
from evidence_guides.mkdocs_adapter.site_files import display_path
from evidence_guides.store.incremental import reparse
from evidence_guides.store.load import BibLoadError
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from evidence_guides.build.live import LiveSite
    from evidence_guides.mkdocs_adapter.engine import MkDocsEngine

EAGER = 50  # pages a save changes that are rendered at once; more wait until asked for


class MkDocsPreview:
    """The site as MkDocs builds it, kept up to date save by save (a ``PreviewSite``)."""

    def __init__(self, config_file: str | None, url: str) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="guides-preview-"))
        self._config_file = config_file
        self._url = url
        self._stale: set[str] = set()  # pages that show what changed: rendered when asked for
        self._findings_stale = False
        self._log = BuildLog()
        self._broken = False  # a full build failed: the next save builds everything again
        self._last_refusal = ""
        try:
            self.build()
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise

    # --- the full build ----------------------------------------------------------------------

    def build(self) -> None:
        """Build the whole site, as at the start and when mkdocs.yml changes."""
        config = load_config(config_file=self._config_file, site_dir=str(self.root))
        config.strict = False  # a preview shows every page, problems and all
        config.site_url = self._url
        config.plugins.on_startup(command="serve", dirty=False)
        state = BuildState()
        config.plugins["evidence-preview-state"] = state
        log.info("Building the preview ...")
        build(config, serve_url=self._url)
        self.config: MkDocsConfig = config
        self._root = Path(config.config_file_path).resolve().parent
        self.pages = PageRenderer(config, state)
        self.plugin = _evidence_plugin(config)
        self.live: LiveSite = _live(self.plugin)
        self._stale.clear()
        self._findings_stale = False
        self._urls = {f.dest_uri: f.src_uri for f in self.pages.files.documentation_pages()}
        settings = self.live.site.settings
        self._store_text = _store_text(settings.bib, self.live.site.store.path, settings.limits)

    def watched(self) -> list[Path]:
        """docs_dir, the store, the project's theme folder, ``watch:``, and what the whole
        site depends on (mkdocs.yml, the muscle vocabulary, the people file)."""
        config = self.config
        paths = [Path(config.docs_dir), self.live.site.settings.bib, *self._whole_site()]
        if config.theme.custom_dir:
            paths.append(Path(config.theme.custom_dir))
        paths.extend(Path(path) for path in config.watch)
        return [path.resolve() for path in paths if path.exists()]

    def _whole_site(self) -> set[Path]:
        """Files every page depends on: a save builds the whole preview again."""
        vocabulary = self._root / self.plugin.config.muscles
        people = self.live.site.settings.people_file
        return {p.resolve() for p in (Path(self.config.config_file_path), vocabulary, people)}

    # --- a save ------------------------------------------------------------------------------

    def apply(self, changed: set[Path]) -> None:
        """Take saved files in; what MkDocs or the theme refuses is one line, and it goes on.

        A file's folder is resolved, not the file: a page saved as a link is a
        link, refused as the build refuses it (it is not the file it points at).
        """
        changed = {path.parent.resolve() / path.name for path in changed}
        try:
            if self._broken or changed & self._whole_site():
                log.info("building the whole preview again (the configuration changed)")
                self._broken = True  # until a build succeeds: the last one may be half made
                self.build()
                self._broken = False
            else:
                self._apply(changed)
        except PREVIEW_REFUSED as error:
            self._refused(error)

    def _refused(self, error: Exception) -> None:
        """One line for a problem MkDocs or the theme stopped at, once until it changes."""
        message = refusal_line(error, self._root)
        if message != self._last_refusal:
            log.error(message)
        self._last_refusal = message

    def _apply(self, changed: set[Path]) -> None:
        start = time.perf_counter()
        config = self.config
        docs = Path(config.docs_dir).resolve()
        changed = {path for path in changed if not self._refused_file(path)}
        if any(
            self.pages.changes_navigation(path.relative_to(docs).as_posix(), path.exists())
            for path in changed
            if path.is_relative_to(docs)
        ):
            log.info("a page came into or left the navigation: building the whole preview again")
            self.build()
            return
        theme = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
        render: set[str] = set()
        citing: set[str] = set()  # of a store entry saved: audited now, rendered when viewed
        for path in sorted(changed):
            if path == self.live.site.settings.bib.resolve():
                citing |= self._store_saved()
            elif theme is not None and path.is_relative_to(theme):
                self._theme_saved(path)
            elif path.is_relative_to(docs):
                render |= self._docs_saved(path.relative_to(docs).as_posix())
        if render or citing:
            self._render_now(render, citing - render)
        self._findings_stale = True
        if render or citing:
            seconds = time.perf_counter() - start
            log.info(
                f"Preview updated in {seconds:.2f} s ({len(render)} page(s) rendered now,"
                f" {len(self._stale)} when next viewed)"
            )

    def _refused_file(self, path: Path) -> bool:
        """Whether the build would leave out ``path``, if saved in docs_dir: one line says why."""
        line = saved_file_line(path, Path(self.config.docs_dir), self._root, self.pages.files)
        if line is not None:
            self._log.error(line)
        return line is not None

    def _docs_saved(self, src_uri: str) -> set[str]:
        """A file of docs_dir saved, added or removed: the pages to render now."""
        files = self.pages.files
        file = files.get_file_from_path(src_uri)
        source = Path(self.config.docs_dir) / src_uri
        if source.is_dir():
            return set()  # a folder moved in: each of its files is saved too
        if not source.exists():
            if file is not None:
                self._remove(file)
            return set()
        if file is None:
            file = self.pages.add(src_uri)
            if file.is_documentation_page():
                self._urls[file.dest_uri] = src_uri
        if not file.is_documentation_page():
            file.copy_file()
            return set()
        try:
            changed = self.live.read_page(src_uri, source, display_path(source, self._root))
        except (SourceError, PageRefused) as error:
            self._log.error(f"{error}; the preview shows the page as it was")
            return set()
        if changed:
            self.pages.set_draft(file, self.live.site.pages[src_uri].is_draft)
        return {src_uri} if changed else set()

    def _remove(self, file) -> None:
        self.pages.files.remove(file)
        Path(file.abs_dest_path).unlink(missing_ok=True)
        if file.is_documentation_page():
            self.live.remove_page(file.src_uri)
            self._urls.pop(file.dest_uri, None)

    def _store_saved(self) -> set[str]:
        """The store saved: its edited entries read again; the pages citing them, to render."""
        settings = self.live.site.settings
        try:
            text = _store_text(settings.bib, self.live.site.store.path, settings.limits)
            edited = reparse(self._store_text, text, self.live.site.store, limits=settings.limits)
            if edited is None:  # only a full parse can tell: as a build reads it
                edited = load_store(settings, self._root), None
            store, changed = edited
        except (SourceError, BibLoadError) as error:
            self._log.error(f"{error}; the preview keeps the store as it was")
            return set()
        self._store_text = text
        return self.live.replace_store(store, changed)

    def _theme_saved(self, path: Path) -> None:
        for file in self.pages.files:
            if file.abs_src_path is not None and Path(file.abs_src_path).resolve() == path:
                file.copy_file()
                return
        self.pages.reload_theme()
        cast("MkDocsEngine", self.live.site.engine).forget_templates()
        self.live.site.forget_listings()
        self._stale.update(self._urls.values())
        log.info(f"{path.name} changed: every page is rendered again when next viewed")

    def _render_now(self, render: set[str], citing: set[str]) -> None:
        order = [src for src in self.live.site.pages if src in render]
        now, later = order[:EAGER], order[EAGER:]
        titles = {page.file.src_uri: page.title for page in self._in_nav(now)}
        pages = self.pages.convert(now)
        settled = self.live.settle(now, [src for src in self.live.site.pages if src in citing])
        if any(page.title != titles[page.file.src_uri] for page in self._in_nav(now)):
            self._stale.update(self._urls.values())  # a title in the navigation of every page
        self._stale |= settled.stale | set(later) | set(now)
        states = self.live.site.pages
        if any(src in states and not states[src].is_guide for src in settled.stale):
            self._stale |= set(self.plugin.listing_pages.added)  # the catalogue shows them
        self._log.report(settled.lines)
        self.pages.write(pages)
        self._stale -= set(now)  # written: else they are tried again when asked for

    def _in_nav(self, src_uris: list[str]):
        files = (self.pages.files.get_file_from_path(src) for src in src_uris)
        return [f.page for f in files if f is not None and f.page and f.inclusion.is_in_nav()]

    # --- a request ---------------------------------------------------------------------------

    def prepare(self, path: str) -> None:
        """Render a page that shows what changed, or the page of every finding, when asked for."""
        if path == FINDINGS_FILE and self._findings_stale:
            write_findings_page(self.live, self.live.site.engine, str(self.root))
            self._findings_stale = False
            return
        src_uri = self._urls.get(path)
        if src_uri is None or src_uri not in self._stale:
            return
        if self.plugin.listing_pages.shows_listing(src_uri) and self._catalogue_moved():
            log.info("the listings gained or lost a page: building the whole preview again")
            self.build()
            return
        if src_uri in self.live.site.pages:  # not a generated page (a listing page)
            self.live.site.forget(src_uri, audit=False)  # it shows what changed; its text did not
        try:
            self.pages.write(self.pages.convert([src_uri]))
        except (
            PREVIEW_REFUSED
        ) as error:  # a template with an error: the page as it was, until fixed
            self._refused(error)
            return
        self._stale.discard(src_uri)

    def _catalogue_moved(self) -> bool:
        """Whether the generated listing pages are no longer those the last build added."""
        now = {page.src_uri for page in generated_pages(self.live.site.listings())}
        return now != self.plugin.listing_pages.added.keys()

    def idle(self) -> bool:
        lines = self.live.idle()
        if lines is None:
            return False
        self._log.report(lines)
        if lines:
            self._findings_stale = True
        return True

    def close(self) -> None:
        self.config.plugins.on_shutdown()
        shutil.rmtree(self.root, ignore_errors=True)


def _store_text(bib: Path, shown: str, limits: Limits) -> str:
    """The store's text as the build reads it; raises SourceError."""
    return decode_source(read_source_bytes(bib, shown, limits.store), shown)


def _evidence_plugin(config: MkDocsConfig) -> EvidencePlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, EvidencePlugin):
            return plugin
    raise SystemExit("mkdocs.yml does not use the evidence plugin: nothing to preview")


def _live(plugin: EvidencePlugin) -> LiveSite:
    if plugin.live is None:
        raise SystemExit("the evidence plugin is disabled (enabled: false): nothing to preview")
    return plugin.live


def main(argv: list[str] | None = None) -> int:
    """Build the preview, then serve it until Ctrl-C (or SIGTERM)."""
    parser = argparse.ArgumentParser(
        prog="python -m evidence_guides.mkdocs_adapter.preview",
        description="Serve a live preview of the site: what a save changes, rendered at once.",
    )
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    parser.add_argument("-f", "--config-file", default=None, metavar="MKDOCS_YML")
    arguments = parser.parse_args(argv)
    host, _, port = arguments.dev_addr.rpartition(":")
    if not host or not port.isdigit():
        parser.error(f"--dev-addr {arguments.dev_addr!r}: give HOST:PORT, e.g. 127.0.0.1:8000")
    handler = logging.StreamHandler(sys.stdout)  # lines as `mkdocs serve` prints them
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return _serve(host, int(port), arguments.config_file)
    finally:
        signal.signal(signal.SIGTERM, previous)
        logger.removeHandler(handler)


def _serve(host: str, port: int, config_file: str | None) -> int:
    try:
        server = PreviewServer(host, port)  # the port is taken before the long first build
    except OSError as error:
        log.error(f"cannot serve on {host}:{port}: {error.strerror}")
        return 2
    try:
        preview = MkDocsPreview(config_file, server.url)
    except KeyboardInterrupt:
        server.close()
        return 130
    except Exception as error:  # a configuration MkDocs or the plugin refuses: one line
        server.close()
        log.error(escape_controls(str(error)) or type(error).__name__)
        return 2
    try:
        server.serve(preview)
    finally:
        preview.close()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
