"""A small site engine for testing the site build in-process, without MkDocs.

It answers the site build's questions (:class:`evidence_guides.build.engine.Engine`)
the way a static site engine with directory URLs does: ``exercises/plank.md`` is
published at ``exercises/plank/``, links between pages are relative, and partials
come from this repository's theme, rendered as MkDocs renders them (no
autoescaping: the partials escape). It is a second engine, which is the point.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
import yaml

from evidence_guides.build.pages import SourceRead
from evidence_guides.build.rendered_once import RenderedOnce
from evidence_guides.guide.frontmatter.model import ParsedGuide
from evidence_guides.text.front_matter import split_front_matter

THEME = Path(__file__).resolve().parents[2] / "theme"


def page_url(src_uri: str) -> str:
    """Directory URLs: ``index.md`` at ``""``, ``a/b.md`` at ``a/b/``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return (stem.removesuffix("/index") if stem.endswith("/index") else stem) + "/"


class DirectoryEngine:
    """An engine whose site holds ``pages`` (paths in docs_dir) at directory URLs."""

    def __init__(self, pages: Iterable[str], *, site_url: str | None = "https://guides.test/"):
        self.pages = set(pages)
        self.site_name = "Test Guides"
        self.site_url = site_url
        self.markdown_extensions: list[Any] = ["attr_list", "tables", "toc"]
        self.markdown_configs: dict[str, Any] = {}
        self.titles: dict[str, str] = {}
        self.partials_rendered: list[str] = []
        self._env = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME), auto_reload=False)
        self._env.globals["rendered_once"] = RenderedOnce()

    def url(self, src_uri: str, *, relative_to: str | None = None) -> str | None:
        if src_uri not in self.pages or (relative_to is not None and relative_to not in self.pages):
            return None
        url = page_url(src_uri)
        if relative_to is None:
            return url
        origin = page_url(relative_to) or "."
        relative = posixpath.relpath(url or ".", origin)
        return relative + "/" if url.endswith("/") and relative != "." else relative

    def page_url(self, src_uri: str) -> str:
        return page_url(src_uri)

    def canonical_url(self, src_uri: str) -> str | None:
        return self.site_url + page_url(src_uri) if self.site_url else None

    def page_title(self, src_uri: str) -> str | None:
        return self.titles.get(src_uri)

    def render_partial(self, name: str, **context: Any) -> str:
        self.partials_rendered.append(name)
        return self._env.get_template(f"partials/{name}.html").render(**context)

    def read_source(self, source: str, parsed: ParsedGuide | None) -> SourceRead | None:
        """The meta as YAML's safe loader reads it, the body after the front-matter."""
        split = split_front_matter(source)
        if split.meta_text is None:
            return None
        body = split.body.lstrip("\n")
        return SourceRead(len(source) - len(body), yaml.safe_load(split.meta_text) or {})
