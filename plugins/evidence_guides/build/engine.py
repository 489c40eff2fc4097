"""What the site build asks of a site engine: a small protocol, so a second engine fits.

The site build decides what every page says; the engine (MkDocs today, through
:mod:`evidence_guides.mkdocs_adapter`) knows where pages end up and owns the
templates and the Markdown converter's configuration. These few questions are
all that crosses between them, so a successor engine (Zensical, say) needs only
an adapter that answers them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from evidence_guides.build.pages import SourceRead
    from evidence_guides.guide.frontmatter.model import ParsedGuide


class Engine(Protocol):
    """A site engine, as the site build sees it. Pages are named by their path in docs_dir."""

    site_name: str
    site_url: str | None
    markdown_extensions: Sequence[Any]
    """The site's Markdown extensions, for converting front-matter fields like the body."""
    markdown_configs: Mapping[str, Any]

    def url(self, src_uri: str, *, relative_to: str | None = None) -> str | None:
        """A built page's URL (relative to page ``relative_to`` when given); None if none."""
        ...

    def page_url(self, src_uri: str) -> str:
        """The URL from the site's root that a page at ``src_uri`` gets, existing or not.

        For the pages the site build adds (the catalogue's listing pages),
        whose links are written before the engine has them.
        """
        ...

    def canonical_url(self, src_uri: str) -> str | None:
        """A page's absolute URL (None without a ``site_url``), for structured data."""
        ...

    def page_title(self, src_uri: str) -> str | None:
        """The engine's title of a page, as HTML; None until the engine has worked it out."""
        ...

    def render_partial(self, name: str, **context: Any) -> str:
        """The theme's template ``partials/NAME.html`` rendered with ``context``."""
        ...

    def signature(self) -> str | None:
        """Everything of the engine that a page's results depend on, as one text; None
        when the engine cannot say (then no page's results are kept between builds).

        Its configuration as used, its templates, its version and its libraries'
        (Markdown and its extensions), and the site's files that are not pages:
        which exist, and the size and time of each (a lead image's size is shown).
        Which pages exist is not in it: a page's results note the pages they
        looked for (:class:`~evidence_guides.build.cached_pages.DocsFiles`).
        """
        ...

    def read_source(self, source: str, parsed: ParsedGuide | None) -> SourceRead | None:
        """Where the body starts and the page's meta, as the engine reads the source.

        None when the engine must read the page itself (it would read the body
        alone differently). ``parsed`` is a guide's front-matter, already read.
        """
        ...
