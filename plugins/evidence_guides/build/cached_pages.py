"""The site build's use of the page cache: what a build takes back, and what it keeps.

Before the pages are worked on (and before the worker is forked, so it has
them too), every page whose results are kept gets its rendering, the engine's
reading of its meta and its audit back; the worker is given only the pages
left. A page's results are kept by whichever process made its HTML (the worker,
or the engine's), and the audits once the build has them all, when the
results of pages gone from the site are removed.

Beside them: the engine's conversion of each page's Markdown (given back for
the same Markdown: :mod:`~evidence_guides.build.conversion`), a guide's
catalogue entry (so the listings read no YAML of a page taken back), the
site's listings (taken back whole when every page is as it was, and the worker
then makes none) and the listing pages' HTML by what each is made from (after
an edit, only the pages listing a changed card are rendered again).
"""

from __future__ import annotations

import dataclasses
import hashlib
import posixpath
from typing import TYPE_CHECKING

from evidence_guides.audit.rules.review import on_day as audit_on_day
from evidence_guides.build.kept_references import KeptReferences
from evidence_guides.build.listings import (
    ListingsHtml,
    RenderedParts,
    listed_guide,
    made_listings,
)
from evidence_guides.build.page_cache import (
    CachedPage,
    PageCache,
    WrittenPage,
    site_key,
    text_digest,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from evidence_guides.audit.engine import PageAudit
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.build.conversion import Conversion
    from evidence_guides.build.listings import LazyListingsHtml
    from evidence_guides.build.page_work import PageWork
    from evidence_guides.build.pages import PageHtml, PageState, SourceRead
    from evidence_guides.findings import Finding
    from evidence_guides.store.entry import BibEntry
    from evidence_guides.store.formatting import FormattedReference


class CachedPages:
    """One build's pages against the page cache of its site key."""

    def __init__(
        self, cache: PageCache, pages: Mapping[str, PageState], work: PageWork, *, writes: bool
    ) -> None:
        self._cache = cache
        self._writes = writes
        self._pages = pages
        self._work = work
        self._keys = {src_uri: cache.page_key(state) for src_uri, state in pages.items()}
        self._references = KeptReferences(cache, work)
        self._listings: ListingsHtml | None = None  # as given back, not to be kept again
        self._parts: RenderedParts | None = None  # the listing pages, by what each is made of
        self._pages_made_of = ("", "")  # the store's digest, and of the pages with it

    @classmethod
    def open(
        cls, pages: Mapping[str, PageState], work: PageWork, *, writes: bool = True
    ) -> CachedPages | None:
        """The build's cache, or None when results cannot be kept (no store file, no engine key)."""
        signature = getattr(work.engine, "signature", None)
        key = site_key(work.settings, work.store, signature() if signature else None)
        if key is None:
            return None
        cache = PageCache(work.settings.cache_dir, key, work.store.content_digest)
        return cls(cache, pages, work, writes=writes)

    def restore(self) -> list[Finding] | None:
        """Give back every kept page's results; the store rules' findings, if kept."""
        digests = {src: text_digest(state.source_text) for src, state in self._pages.items()}
        files = DocsFiles(self._pages, digests)
        day = self._work.settings.day  # an audit holds on its days, else is read on this one
        store = self._work.store.content_digest
        answers = self._work.answers  # made with another store: if it answers the same
        asks_audits = not self._cache.audits_of_this_store
        checked = self._cache.checked_pages()  # pages whose lookups were asked of this store
        held: list[str] = []
        for src_uri, state in self._pages.items():
            key = self._keys[src_uri]
            audit = self._cache.audit(key)
            if audit is not None and asks_audits and not answers.hold(audit.store_reads):
                audit = None
            if audit is not None and not files.as_read(audit):
                audit = None  # a page it links to changed, came or went
            if audit is not None and day not in audit.days:
                audit = _on_day(audit, self._work.settings)
            state.cached_audit = audit
            found = self._cache.page(key, digests)
            state.text_kept = found is not None or self._cache.has_page(key)
            if found is None:
                continue
            if found.store != store and key not in checked:
                if not answers.hold(found.lookups):
                    continue
                held.append(key)
            state.read = found.read
            state.meta = found.read.meta if found.read is not None else None
            body_hash = hash(self.expected_body(src_uri, found.read))
            state.rendered = dataclasses.replace(found.rendered, body_hash=body_hash)
            state.cached = True
            state.listed = found.listed
        if held and self._writes:
            self._cache.keep_checked_pages(checked.union(held))
        return self._cache.store_findings()

    def expected_body(self, src_uri: str, read: SourceRead | None) -> str:
        """The body the engine passes on: after the meta it read, or as predicted."""
        if read is not None:
            return self._pages[src_uri].source_text[read.body_start :]
        return self._work.predicted_body(src_uri)

    def html(self, src_uri: str) -> PageHtml | None:
        """The kept HTML around a page whose rendering was given back."""
        return self._cache.html(self._keys[src_uri])

    def keep(self, src_uri: str, html: PageHtml) -> None:
        """Keep a page's rendering and HTML, made in this process, if made from the
        body the engine passes on (not one another plugin changed)."""
        state = self._pages[src_uri]
        if not self._writes or state.rendered is None or not self._made_from_expected_body(src_uri):
            return
        read = state.read
        if read is None:  # made in the engine's process: how the engine reads it, for next time
            read = self._work.engine.read_source(state.source_text, self._work.parsed(state))
        files = DocsFiles(self._pages)
        digests = tuple((used, files.now(used)) for used in dict.fromkeys(state.uses))
        url = self._work.engine.url(src_uri)
        parsed = self._work.parsed(state)
        muscles = self._work.settings.muscles
        listed = listed_guide(parsed, state.rendered, url, muscles) if url is not None else None
        store = self._work.store.content_digest
        reads = state.store_reads.lookups if state.store_reads is not None else ()
        kept = CachedPage(read, state.rendered, digests, listed, reads, store)
        self._cache.keep_page(self._keys[src_uri], kept, html)

    def conversion(self, src_uri: str, markdown: str) -> Conversion | None:
        """The engine's kept conversion of the page, if made from this very Markdown."""
        key = self._keys.get(src_uri)
        found = self._cache.conversion(key) if key is not None else None
        if found is None or found.made_from != text_digest(markdown):
            return None
        if found.looked_up:
            url = self._work.engine.url
            if any((url(path) is not None) != was for path, was in found.looked_up):
                return None  # a page it links to came or went
        return found

    def keep_conversion(self, src_uri: str, markdown: str, conversion: Conversion) -> None:
        """Keep the engine's conversion of the page's ``markdown``, for the next build."""
        key = self._keys.get(src_uri)
        if self._writes and key is not None:
            made = dataclasses.replace(conversion, made_from=text_digest(markdown))
            self._cache.keep_conversion(key, made)

    @property
    def site_key(self) -> str:
        """Everything but the pages that a page's results depend on (:func:`.site_key`)."""
        return self._cache.key

    def written(self, src_uri: str) -> WrittenPage | None:
        """The page's whole output, as kept for its text (whatever else it was made of)."""
        key = self._keys.get(src_uri)
        return self._cache.written(key) if key is not None else None

    def keep_written(self, src_uri: str, page: WrittenPage) -> None:
        """Keep the page's whole output, for the next build to give back if made of the same."""
        key = self._keys.get(src_uri)
        if self._writes and key is not None:
            self._cache.keep_written(key, page)

    def listings(self) -> ListingsHtml | None:
        """The site's listings as the last build made them, if it had these very pages.

        Listings are made of every page (its card, its title, what it cites)
        and the entries cited, and all else they depend on is in the site key:
        the same pages and store, the same listings.
        """
        self._listings = self._cache.listings(self.listings_made_of())
        return self._listings

    def keep_listings(self, listings: ListingsHtml | LazyListingsHtml) -> None:
        """Keep the site's listings, if every page was made from the body the engine passes on."""
        if listings is self._listings or not self._writes:
            return
        if all(self._made_from_expected_body(src_uri) for src_uri in self._pages):
            self._cache.keep_listings(self.listings_made_of(), made_listings(listings))

    def listings_made_of(self) -> str:
        """A digest of what the site's listings are made of: every page, and the store (they
        show cited entries)."""
        store = self._work.store.content_digest  # another in the preview, after a save
        if self._pages_made_of[0] != store:  # the pages' keys are made once, with the build
            keys = "\0".join(sorted(self._keys.values()))
            made_of = hashlib.sha256(f"{store}\0{keys}".encode()).hexdigest()
            self._pages_made_of = (store, made_of)
        return self._pages_made_of[1]

    def keep_audits(self, audits: Mapping[str, PageAudit], store: list[Finding] | None) -> None:
        """Keep the pages' audits made from the expected body; remove results of pages gone."""
        if not self._writes:
            return
        files = DocsFiles(self._pages)
        kept = {
            self._keys[src_uri]: files.noted(audit)
            for src_uri, audit in audits.items()
            if self._made_from_expected_body(src_uri)
        }
        self._cache.keep_audits(kept, store)
        self._cache.prune(self._keys.values())

    def formatted(self, entry: BibEntry) -> FormattedReference:
        """An entry as the references page lists it: as kept, or formatted now."""
        return self._references.formatted(entry)

    def store_replaced(self) -> None:
        """The build has another store (the preview): entries are checked against it now."""
        self._references.store_replaced()

    def listing_parts(self) -> RenderedParts:
        """The listing pages as the last build rendered them, for this build to take back."""
        if self._parts is None:
            self._parts = RenderedParts(self._cache.listing_pages())
        return self._parts

    def keep_listing_work(self) -> None:
        """Keep the entries formatted and the listing pages rendered by this process."""
        if not self._writes:
            return
        self._references.keep()
        if self._parts is not None and self._parts.changed:
            self._cache.keep_listing_pages(self._parts.made)
            self._parts = RenderedParts(self._parts.made)  # kept: not again

    def _made_from_expected_body(self, src_uri: str) -> bool:
        state = self._pages[src_uri]
        if state.body is None:  # made by the worker, given back, or a draft's (from its file)
            return True
        return state.body[0] == self.expected_body(src_uri, state.read)


def _on_day(audit: PageAudit, settings: AuditSettings) -> PageAudit | None:
    """A kept audit as it reads on ``settings.day``; None (a miss) when what it kept of the
    review cannot be read again: a damaged file in ``.cache/``, whatever it makes the
    check raise, is audited again like any other."""
    try:
        return audit_on_day(audit, settings)
    except Exception:
        return None


class DocsFiles:
    """The docs folder's pages as this build has them, for what a page's results looked for:
    a file ("exercises/plank.md": its text's digest, "" when no page) or a folder's pages
    ("exercises/": their names). Files that are not pages are in the site key."""

    def __init__(self, pages: Mapping[str, PageState], digests: Mapping[str, str] | None = None):
        self._pages = pages
        self._digests = dict(digests or {})
        self._folders: dict[str, list[str]] | None = None

    def noted(self, audit: PageAudit) -> PageAudit:
        """``audit``, with what the files it looked for are now, to keep."""
        if not audit.files_read:
            return audit
        return dataclasses.replace(audit, files_digest=self.digest(audit.files_read))

    def as_read(self, audit: PageAudit) -> bool:
        """Whether the files ``audit`` looked for are as they were when it was kept."""
        return not audit.files_read or audit.files_digest == self.digest(audit.files_read)

    def digest(self, names: Iterable[str]) -> str:
        """One digest of what each of ``names`` is now."""
        parts = [f"{name}\0{self.now(name)}" for name in names]
        return hashlib.sha256("\0\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def now(self, name: str) -> str:
        """What ``name`` is now: a page's text digest ("" for no page), a folder's pages."""
        if name.endswith("/"):
            if self._folders is None:
                self._folders = {}
                for src_uri in self._pages:
                    self._folders.setdefault(f"{posixpath.dirname(src_uri)}/", []).append(src_uri)
            return "\0".join(sorted(self._folders.get(name, ())))
        if name not in self._digests:
            state = self._pages.get(name)
            self._digests[name] = text_digest(state.source_text) if state is not None else ""
        return self._digests[name]
