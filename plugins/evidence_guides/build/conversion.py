"""What the engine made of a page's Markdown, kept so that an unchanged page is not converted again.

Converting Markdown is most of a plain build's work, and the same body gives
the same result: the engine's conversion (the HTML, the table of contents, the
anchors the page holds, the links it makes to anchors of other pages) is a
function of the Markdown, where the page is, the engine's configuration and
the site's files, all of which the page cache's keys hold (see
:mod:`evidence_guides.build.page_cache`). The site build keeps it beside the
page's other results and gives it back only for the same Markdown, so the
engine can skip the conversion and still check every link.

The records are plain data: the engine turns its own objects into them and back.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A heading in a page's table of contents, with the headings under it."""

    title: str
    id: str
    level: int
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Conversion:
    """A page's Markdown as the engine converted it, before this package's own changes."""

    html: str
    toc: tuple[TocEntry, ...]
    anchors: frozenset[str]  # the ids other pages' links may point at
    # Links to anchors of other pages, to check again each build: (page, ((anchor, link), ...)).
    # None when the engine did not collect them.
    links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None
    made_from: str = ""  # the digest of the Markdown it was made from, set when kept
    # Each file its links looked for (docs-relative), and whether it was found: given back
    # only while each is found, or not, as then.
    looked_up: tuple[tuple[str, bool], ...] = ()
