"""The references page in pages of a fixed size: every cited source once, on one of them.

A library of thousands of guides cites tens of thousands of sources, far more
than one page can show (a reader's phone lays out every element). The
references page (the page of docs_dir whose template is
:data:`TEMPLATE`) keeps its own text and shows the first :data:`PAGE_SIZE`
sources; the rest are on pages generated beside it (``references/2/``,
``references/3/``...), each linked to the pages before and after it, static
HTML that works without JavaScript, like the catalogue's listing pages
(:mod:`evidence_guides.build.listing_pages`). A source cited by hundreds of
guides names the first :data:`CITING_SHOWN` (title order) and how many more,
so no page grows with the library.

Planned here, engine-free, from the source index
(:func:`evidence_guides.guide.listings.source_index`); the engine adapter adds
the later pages to the site as generated pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from evidence_guides.text.front_matter import split_front_matter
from evidence_guides.text.sanitize import visible_text

if TYPE_CHECKING:
    from evidence_guides.guide.listings import CitingGuide, SourceUse
    from evidence_guides.store.formatting import FormattedReference

PAGE_SIZE = 50
"""Sources per page: the worst page (each source cited by many guides) stays near 1,000 elements."""
CITING_SHOWN = 5
"""Guides named under a source; the others are counted ("and 12 more")."""
TEMPLATE = "references.html"
"""The template of the references page, whose later pages are generated beside it."""
TITLE = "References"
DESCRIPTION = "Every source the guides cite, with the guides citing it."

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class ShownSource:
    """A source as a page of the references shows it: the first guides citing it, and a count."""

    reference: FormattedReference
    guides: tuple[CitingGuide, ...]  # at most CITING_SHOWN, in title order
    more: int  # guides citing it that are not named


@dataclass(frozen=True, slots=True)
class SourcePage:
    """One page of the references: its sources, where they start, and its neighbours."""

    src_uri: str  # the first page is the references page itself
    title: str
    description: str
    number: int  # 1-based
    count: int  # pages
    start: int  # 1-based position of its first source among all
    total: int  # sources on all pages
    sources: tuple[ShownSource, ...]
    previous: str | None = None  # src_uri of the page before, if any
    next: str | None = None


@dataclass(frozen=True, slots=True)
class ReferencesPage:
    """The references page, as its front-matter names it: where it is, its title, description."""

    src_uri: str
    title: str = TITLE
    description: str = DESCRIPTION


def references_page(src_uri: str, source_text: str) -> ReferencesPage | None:
    """The page as the references page, if its front-matter picks :data:`TEMPLATE`; else None.

    Read with YAML's safe loader like the engine reads it; a page whose
    front-matter does not read is not the references page (the engine reports it).
    """
    meta_text = split_front_matter(source_text).meta_text
    if meta_text is None or TEMPLATE not in meta_text:  # most pages: no YAML read
        return None
    try:
        meta = yaml.load(meta_text, Loader=_LOADER)
    except yaml.YAMLError:
        return None
    if not isinstance(meta, dict) or meta.get("template") != TEMPLATE:
        return None
    title, description = meta.get("title"), meta.get("description")
    return ReferencesPage(  # its later pages print them: no control character in them
        src_uri,
        visible_text(title) if isinstance(title, str) and title.strip() else TITLE,
        visible_text(description)
        if isinstance(description, str) and description.strip()
        else DESCRIPTION,
    )


def first_references_page(pages: Iterable[tuple[str, str]]) -> ReferencesPage | None:
    """The site's references page among ``pages`` (source URI, text): with more than one,
    the first by path, which has the later pages (each shows page 1)."""
    found = (references_page(src_uri, text) for src_uri, text in pages)
    return min((page for page in found if page is not None), key=_src_uri, default=None)


def _src_uri(page: ReferencesPage) -> str:
    return page.src_uri


def later_folder(first: str) -> str:
    """Where the later pages of ``first`` go: beside it, in a folder named after it.

    ``references.md`` and ``references/index.md``: ``references/``; so page 2
    is ``references/2/index.md``, at ``references/2/``.
    """
    if first == "index.md" or first.endswith("/index.md"):
        return first.removesuffix("index.md")
    return first.removesuffix(".md") + "/"


def plan_source_pages(sources: Sequence[SourceUse], page: ReferencesPage) -> list[SourcePage]:
    """``sources`` (in the index's order) in pages of PAGE_SIZE; the first is ``page`` itself."""
    chunks = [sources[start : start + PAGE_SIZE] for start in range(0, len(sources), PAGE_SIZE)]
    count = max(len(chunks), 1)
    folder = later_folder(page.src_uri)
    where = [page.src_uri] + [f"{folder}{number}/index.md" for number in range(2, count + 1)]
    planned = []
    for number, src_uri in enumerate(where, start=1):
        chunk = chunks[number - 1] if chunks else ()
        planned.append(
            SourcePage(
                src_uri=src_uri,
                title=page.title if number == 1 else f"{page.title}, page {number}",
                description=page.description,
                number=number,
                count=count,
                start=(number - 1) * PAGE_SIZE + 1,
                total=len(sources),
                sources=tuple(_shown(use) for use in chunk),
                previous=where[number - 2] if number > 1 else None,
                next=where[number] if number < count else None,
            )
        )
    return planned


def page_of_source(pages: Sequence[SourcePage], key: str) -> str | None:
    """The src_uri of the page that shows source ``key`` (its anchor: ``source-KEY``)."""
    return next((p.src_uri for p in pages if any(s.reference.key == key for s in p.sources)), None)


def _shown(use: SourceUse) -> ShownSource:
    shown = use.guides[:CITING_SHOWN]
    return ShownSource(use.reference, shown, len(use.guides) - len(shown))
