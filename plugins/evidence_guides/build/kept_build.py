"""The build a preview keeps between saves: what changed put in, what was made of it forgotten."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides.build.site_build import SiteBuild

if TYPE_CHECKING:
    from evidence_guides.findings import Finding
    from evidence_guides.store.entry import BibStore


class KeptSiteBuild(SiteBuild):
    """A build a preview keeps between saves (:class:`~evidence_guides.build.live.LiveSite`):
    what changed is put in, what was made of it forgotten. It takes back results kept by
    earlier builds but keeps none: after a save, the store or theme it has is not the one
    the cache's key says."""

    KEEPS_RESULTS = False

    def replace_store(self, store: BibStore, findings: list[Finding] | None = None) -> None:
        """Use another store (and its rules' ``findings``, when known); the caller forgets
        the pages it changes."""
        self._work.store = store
        self._store_findings = findings
        self._listings = None
        if self._cache is not None:  # its entries are formatted from the new store
            self._cache.store_replaced()

    def forget(self, src_uri: str, *, audit: bool = True) -> None:
        """Make the page's body and sections (and ``audit``) again when next asked for."""
        self.pages[src_uri].forget_results(audit=audit)

    def forget_listings(self) -> None:
        """Make the listings again when next asked for (a guide's card or sources changed)."""
        self._listings = None

    def remove_page(self, src_uri: str) -> None:
        """The page is gone from the site."""
        self.pages.pop(src_uri, None)
        self._listings = None
