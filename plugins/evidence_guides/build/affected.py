"""What a change to a page or to the store affects: the pages that show it.

A guide is shown by its own page, by the listings (its card on the landing
page, its sources on the references page, on any page that is not a guide)
and by the guides that list it as related. A store entry is shown by the
pages that cite it. The preview re-renders those and nothing else; these
functions work out which, from what the pages were and are, without an engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides.guide.listings import GuideCard, guide_card

if TYPE_CHECKING:
    from evidence_guides.build.pages import PageState
    from evidence_guides.guide.frontmatter.model import ParsedGuide
    from evidence_guides.store.entry import BibStore


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What other pages show of a page: its card and sources in the listings, its title."""

    exists: bool
    draft: bool
    card: GuideCard | None  # a guide's, with a valid front-matter (its URL left out)
    reference_keys: tuple[str, ...] | None  # None until the page is rendered

    def listed_differently(self, other: PageFacts) -> bool:
        """Whether the listings show the page otherwise: card, sources, or whether it is listed."""
        return (self.exists, self.draft, self.card, self.reference_keys) != (
            other.exists,
            other.draft,
            other.card,
            other.reference_keys,
        )

    def shown_differently(self, other: PageFacts) -> bool:
        """Whether a related guide's link to it changes: title, level, or being published."""
        mine = self.card and (self.card.title, self.card.level)
        theirs = other.card and (other.card.title, other.card.level)
        return (self.exists, self.draft, mine) != (other.exists, other.draft, theirs)


GONE = PageFacts(exists=False, draft=False, card=None, reference_keys=())


def page_facts(state: PageState | None, parsed: ParsedGuide | None) -> PageFacts:
    """The facts of a page as it is now (``parsed``: its front-matter, for a guide)."""
    if state is None:
        return GONE
    guide = parsed.guide if parsed is not None else None
    card = guide_card(guide, "") if guide is not None else None
    keys = state.rendered.reference_keys if state.rendered is not None else None
    return PageFacts(True, state.is_draft, card, keys)


def mentioning(pages: Mapping[str, PageState], words: Iterable[str]) -> set[str]:
    """The pages whose source names any of ``words``: a slug in ``related`` or a link, a key.

    Reads each source once, whatever the number of words. More than the pages
    that show it (a word in prose counts too) is harmless: they are rendered again.
    """
    needles = sorted({word for word in words if word}, key=len, reverse=True)
    if not needles:
        return set()
    pattern = re.compile("|".join(re.escape(word) for word in needles))
    return {src_uri for src_uri, state in pages.items() if pattern.search(state.source_text)}


def citing(pages: Mapping[str, PageState], keys: set[str]) -> set[str]:
    """The pages whose references are among ``keys`` (read from the text, if not rendered yet).

    A citation by PMID resolves to the entry's key, so keys say it all for the
    citations that resolve; those that do not are the caller's to add.
    """
    found = {
        src_uri
        for src_uri, state in pages.items()
        if state.rendered is not None and not keys.isdisjoint(state.rendered.reference_keys)
    }
    unread = {src: state for src, state in pages.items() if state.rendered is None}
    return found | mentioning(unread, keys)


def slug_of(src_uri: str) -> str:
    """A guide's slug, as ``related`` names it: its file name without ``.md``."""
    return src_uri.rsplit("/", 1)[-1].removesuffix(".md")


def changed_entries(before: BibStore, after: BibStore) -> set[str]:
    """The keys and PMIDs of entries added, removed or changed: what citations name.

    An entry counts as changed when its type, fields or identifiers differ, not
    when it only moved (an edit above it shifts its line).
    """
    changed: set[str] = set()
    for key in before.entries.keys() | after.entries.keys():
        old, new = before.entries.get(key), after.entries.get(key)
        if old is None or new is None or old.signature != new.signature:
            changed.add(key)
            changed.update(entry.pmid for entry in (old, new) if entry is not None and entry.pmid)
    return changed
