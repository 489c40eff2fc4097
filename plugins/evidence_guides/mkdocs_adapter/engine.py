"""MkDocs, as the site build sees it: the answers to the build's few questions.

Implements :class:`evidence_guides.build.engine.Engine` over one build's MkDocs
config, files and theme: page URLs, titles and canonical URLs, the theme's
partials, and MkDocs' own reading of a page's meta.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from evidence_guides.build.pages import SourceRead
from evidence_guides.build.rendered_once import RenderedOnce
from evidence_guides.mkdocs_adapter.shown_config import config_text
from evidence_guides.text.front_matter import split_front_matter

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from evidence_guides.guide.frontmatter.model import ParsedGuide


class MkDocsEngine:
    """One MkDocs build's pages and theme, behind the site build's engine protocol."""

    def __init__(self, config: MkDocsConfig, files: Files) -> None:
        self._config = config
        self._files = files
        # MkDocs' own on_env comes after pages are converted, too late for the
        # body's sections: the partials get an environment of the same theme.
        self._env: jinja2.Environment = self._partials_env()
        self._templates: dict[str, jinja2.Template] = {}
        self.site_name: str = config_text(config.site_name)
        self.site_url: str | None = config.site_url
        self.markdown_extensions: Sequence[Any] = config.markdown_extensions
        self.markdown_configs: Mapping[str, Any] = config.mdx_configs

    def url(self, src_uri: str, *, relative_to: str | None = None) -> str | None:
        target = self._files.get_file_from_path(src_uri)
        if target is None:
            return None
        if relative_to is None:
            return target.url
        origin = self._files.get_file_from_path(relative_to)
        return target.url_relative_to(origin) if origin is not None else None

    def page_url(self, src_uri: str) -> str:
        return File(src_uri, None, self._config.site_dir, self._config.use_directory_urls).url

    def canonical_url(self, src_uri: str) -> str | None:
        file = self._files.get_file_from_path(src_uri)
        if file is None:
            return None
        # The worker starts before MkDocs makes the pages: it makes its own.
        page = file.page if file.page is not None else Page(None, file, self._config)
        return page.canonical_url

    def page_title(self, src_uri: str) -> str | None:
        file = self._files.get_file_from_path(src_uri)
        return file.page.title if file is not None and file.page is not None else None

    def render_partial(self, name: str, **context: Any) -> str:
        template = self._templates.get(name)
        if template is None:  # looked up once per build: Jinja checks the file on each lookup
            template = self._templates[name] = self._env.get_template(f"partials/{name}.html")
        return template.render(**context)

    def forget_templates(self) -> None:
        """The theme changed (in the preview): its templates are read again."""
        self._env = self._partials_env()
        self._templates.clear()

    def signature(self) -> str | None:
        config = self._config
        parts = [
            _distributions(),
            _templates(tuple(config.theme.dirs)),
            f"{config.theme.name} {config.theme.dirs}",
            _canonical(dict(config.theme)),
            _canonical(config.theme.static_templates),
            _canonical(config.markdown_extensions),
            _canonical(config.mdx_configs),
            _canonical(config.extra),
            f"{config.site_name}\0{config.site_url}\0{config.use_directory_urls}",
            str(config.docs_dir),
        ]
        # The site's other files (images, downloads), by name, size and time. Its pages are
        # not here: each page's results note the pages they looked for (its links, related
        # guides), so a page added or removed makes again only the pages that looked for it.
        for file in self._files:
            if file.is_documentation_page():
                continue
            parts.append(file.src_uri)
            if file.src_dir == config.docs_dir:
                try:
                    info = os.stat(file.abs_src_path or "")
                except OSError:
                    continue
                parts.append(f"{info.st_size} {info.st_mtime_ns}")
        # A function's repr names where it is in memory, which no other build shares.
        return _ADDRESS_RE.sub("", "\0".join(parts))

    def _partials_env(self) -> jinja2.Environment:
        """The theme's environment, with the markup a macro renders once a build."""
        env = self._config.theme.get_env()
        env.globals["rendered_once"] = RenderedOnce()
        return env

    def read_source(self, source: str, parsed: ParsedGuide | None) -> SourceRead | None:
        """What MkDocs reads from ``source``, when it would read the body alone the same way.

        Reading the meta is a page's costliest step in MkDocs' process after
        Markdown (the YAML's objects are built in Python); the worker reads it
        beside MkDocs instead. A valid guide's meta is the one its front-matter
        was read into (which holds values as YAML's safe loader does, tested, but
        for characters no reader is sent: ``visible_text``);
        another page's is read with MkDocs' own function. MkDocs is then handed
        the body alone, which must read as a body without meta: not so when the
        body itself starts with a YAML block or "Key: value" lines; then MkDocs
        reads the page. (Such a block in the body is never read as YAML here:
        only the page's own front-matter was checked against the limits.)
        """
        if parsed is not None and parsed.guide is not None:
            body, meta = parsed.source.body.lstrip("\n"), parsed.meta
        else:
            body, meta = get_data(source)
        if not meta or not source.endswith(body) or split_front_matter(body).meta_text is not None:
            return None
        if get_data(body) != (body, {}):  # "Key: value" lines, which get_data reads without YAML
            return None
        return SourceRead(len(source) - len(body), meta)


_ADDRESS_RE = re.compile(r" at 0x[0-9a-fA-F]+")


def _canonical(value: object) -> str:
    """``repr`` of configuration values, the same in every process: sets and mappings sorted
    (a set's order changes with each process's string hashing)."""
    if isinstance(value, Mapping):
        items = sorted((_canonical(key), _canonical(item)) for key, item in value.items())
        return "{" + ", ".join(f"{key}: {item}" for key, item in items) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(_canonical(item) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_canonical(item) for item in value) + "]"
    return repr(value)


@functools.cache
def _distributions() -> str:
    """Every installed distribution and its version (MkDocs, Material, Markdown's extensions),
    as their ``NAME-VERSION.dist-info`` folders say: reading each one's metadata takes seconds."""
    found: set[str] = set()
    for folder in sys.path:
        try:
            found.update(n for n in os.listdir(folder or ".") if n.endswith(".dist-info"))
        except OSError:
            continue
    return " ".join(sorted(found))


def _templates(dirs: tuple[str, ...]) -> str:
    """A digest of the theme's templates outside installed packages (whose version counts)."""
    return theme_files_digest(dirs, "*.html")


def theme_files_digest(dirs: tuple[str, ...], pattern: str) -> str:
    """A digest of the theme's files matching ``pattern`` (their names and bytes) outside
    installed packages, whose version counts instead."""
    digest = hashlib.sha256()
    for folder in dirs:
        if "site-packages" in Path(folder).parts:
            continue
        for file in sorted(Path(folder).rglob(pattern)):
            if not file.is_file():
                continue
            try:
                digest.update(f"{file}\0".encode("utf-8", "surrogatepass"))
                digest.update(file.read_bytes())
            except OSError:
                digest.update(b"unreadable")
    return digest.hexdigest()
