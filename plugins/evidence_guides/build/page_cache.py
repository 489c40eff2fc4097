"""Each page's results kept between builds (``.cache/pages/``): a build redoes what changed.

What a page becomes (its body with the citations numbered, the summary,
sections, references and structured data around it, its audit) is a pure
function of its source and of what else the site build reads: the store, the
settings, the engine's answers (its configuration, templates and the site's
files), this code, the few other pages it read (a related guide's title and
level) and, for its audit, the day (a review's age). All but the page, the
pages it read, the store and the day make one key for the whole site
(:func:`site_key`); a page's key adds its own source (:meth:`PageCache.page_key`).
The rest is kept with the results and compared when they are read back:
- the other pages it read, by the digest of their text, so editing a guide
  makes again the guides that list it as related, and nothing else;
- what its rendering and its audit asked of the store, and the answers
  (:mod:`evidence_guides.store.answers`: an entry by key, PMID or DOI; for the
  audit, also whether a run of words names a work and which entry a vague
  reference means), so a store change makes or audits again the pages whose
  answers it changes (a cited entry changed, a named one added), and nothing else;
- for its audit, the days on which it holds (``PageAudit.days``: until a
  review turns stale; a stale review's, that day), so a build on another day
  takes every audit back, a stale review's finding worked out again
  (``audit/rules/review.py``).

Each page's file of results has three companions: the HTML around it, the
engine's conversion of its Markdown and, for a guide, its whole output as the
theme wrote it (given back by the engine's adapter when nothing the template
reads has changed: ``mkdocs_adapter/written_pages.py``). The audits, the store rules' findings, the
site's listings, the listing pages' HTML and the formatted entries are kept
once for the site, with the store's digest (each listing page by what it is
made of). The store's findings and the listings are taken back for the same
store only; with another store, an audit is taken back when its questions get
the same answers, and a formatted entry when its entry's digest is the same
(:mod:`.kept_references`).

A build whose site key differs (``mkdocs.yml``, the theme, the store's path,
the settings or this code changed) starts a new folder, and removes the
folders of other keys and the results of pages that are gone once its own
are written.

Results are written with :mod:`pickle` and read back by an unpickler that makes
nothing but this package's data classes and enums, dates and the built-in
containers, so a file in ``.cache/`` cannot run code when read (the store's
cache is plain data under :mod:`marshal`, which these typed records are not).
Anything wrong with a file is a miss: the page is made again. Like the store's,
this cache holds what the site will show: restore ``.cache/`` in CI only from
your own builds.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import io
import os
import pickle
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import evidence_guides
from evidence_guides.files.atomic import write_cache_file

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from evidence_guides.audit.engine import PageAudit
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.build.conversion import Conversion
    from evidence_guides.build.listing_pages import ListedGuide
    from evidence_guides.build.listings import ListingsHtml
    from evidence_guides.build.pages import PageHtml, PageState, RenderedBody, SourceRead
    from evidence_guides.findings import Finding
    from evidence_guides.store.answers import Lookup
    from evidence_guides.store.entry import BibStore
    from evidence_guides.store.formatting import FormattedReference

_FORMAT = "6"  # bump when what is kept changes shape
_FOLDER = "pages"
_AUDITS = "audits.pickle"
_LISTINGS = "listings.pickle"
_LISTING_PAGES = "listing-pages.pickle"
_REFERENCES = "references.pickle"
_CHECKED = "store-checked.pickle"
_PAGE, _HTML, _CONVERTED, _WRITTEN = ".page", ".html", ".converted", ".written"
_READ_LIMIT = 64 * 1024 * 1024  # a cached page is tens of kilobytes; the audits, megabytes


@dataclass(frozen=True, slots=True)
class CachedPage:
    """A built page's rendering, as the engine's process takes it, and the pages it read."""

    read: SourceRead | None  # the engine's reading of the source, when the worker made it
    rendered: RenderedBody  # its body_hash is made again on reading (str hashes vary by process)
    uses: tuple[tuple[str, str], ...]  # (src_uri, digest of its text or "" if none) it read
    listed: ListedGuide | None = None  # a guide's catalogue entry: listed without its YAML read
    lookups: tuple[Lookup, ...] = ()  # what it looked up in the store, and found
    store: str = ""  # the digest of the store it was made with (the same: no lookup asked again)


@dataclass(frozen=True, slots=True)
class WrittenPage:
    """A page's whole output as its template wrote it, with what that output was made of:
    the digest of everything the template could read but the site-wide values watched
    while it rendered, and those it read (their name and digest)."""

    made_of: str
    read: tuple[tuple[str, str], ...]
    output: str


@functools.cache
def code_digest() -> str:
    """A digest of this package's source: results made by other code are not reused."""
    package = Path(str(evidence_guides.__file__)).parent
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.hexdigest()


def text_digest(text: str) -> str:
    """The digest a page's text is known by in another page's ``uses``."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def site_key(settings: AuditSettings, store: BibStore, engine_signature: str | None) -> str | None:
    """Everything but the pages that a page's results depend on; None: nothing is kept.

    ``engine_signature`` is the engine's account of its configuration, templates
    and files (:meth:`~evidence_guides.build.engine.Engine.signature`).
    """
    if not store.content_digest or engine_signature is None:
        return None
    try:
        people = settings.people_file.read_bytes() if settings.people_file.is_file() else b""
    except OSError:
        return None
    parts = (_FORMAT, sys.version, code_digest(), engine_signature, store.path,
             repr(dataclasses.replace(settings, parallel=False, today=None)))  # fmt: skip
    digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass"))
    digest.update(people)
    return digest.hexdigest()


class PageCache:
    """One site key's folder of results: a file per page, one for the audits and the store's."""

    def __init__(self, cache_dir: Path, key: str, store: str = "") -> None:
        self._root = cache_dir / _FOLDER
        self.folder = self._root / key[:32]
        self.key = key
        self._store = store  # this build's store's digest, to compare with what was kept
        self._audits: tuple[str, dict[str, Any]] | None = None  # the store's digest, the audits

    def page_key(self, state: PageState) -> str:
        """A page's key: the site key, where the page is, whether a guide or a draft, its text."""
        digest = hashlib.sha256(self.key.encode())
        head = f"\0{state.path}\0{state.is_guide}\0{state.is_draft}\0"
        digest.update(head.encode("utf-8", "surrogatepass"))
        digest.update(state.source_text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()[:40]

    def page(self, page_key: str, digest_of: Mapping[str, str]) -> CachedPage | None:
        """A page's rendering, if kept and every page it read is as it was."""
        found = _load(self.folder / f"{page_key}{_PAGE}")
        if not isinstance(found, CachedPage):
            return None
        if any(digest_of.get(src_uri, "") != digest for src_uri, digest in found.uses):
            return None
        return found

    def has_page(self, page_key: str) -> bool:
        """Whether a rendering is kept for this key, whatever the pages it read are now."""
        return (self.folder / f"{page_key}{_PAGE}").is_file()

    def html(self, page_key: str) -> PageHtml | None:
        """The HTML around a page, kept with its rendering."""
        from evidence_guides.build.pages import PageHtml

        found = _load(self.folder / f"{page_key}{_HTML}")
        return found if isinstance(found, PageHtml) else None

    def keep_page(self, page_key: str, page: CachedPage, html: PageHtml) -> None:
        """Keep a page's rendering and its HTML (the HTML first: the rendering says both are)."""
        _write(self.folder / f"{page_key}{_HTML}", html)
        _write(self.folder / f"{page_key}{_PAGE}", page)

    def conversion(self, page_key: str) -> Conversion | None:
        """The engine's conversion of a page's Markdown, as last kept (for some Markdown)."""
        from evidence_guides.build.conversion import Conversion

        found = _load(self.folder / f"{page_key}{_CONVERTED}")
        return found if isinstance(found, Conversion) else None

    def keep_conversion(self, page_key: str, conversion: Conversion) -> None:
        """Keep the engine's conversion of a page's Markdown (``made_from`` names which)."""
        _write(self.folder / f"{page_key}{_CONVERTED}", conversion)

    def written(self, page_key: str) -> WrittenPage | None:
        """A page's whole output, as last kept for this text of the page."""
        found = _load(self.folder / f"{page_key}{_WRITTEN}")
        return found if isinstance(found, WrittenPage) else None

    def keep_written(self, page_key: str, page: WrittenPage) -> None:
        """Keep a page's whole output (replacing what was kept for this text of the page)."""
        _write(self.folder / f"{page_key}{_WRITTEN}", page)

    def audit(self, page_key: str) -> PageAudit | None:
        """A page's audit, from the audits of the last build with this site key (whose store
        may have been another: :attr:`audits_of_this_store`)."""
        from evidence_guides.audit.engine import PageAudit

        found = self._kept_audits()[1].get(page_key)
        return found if isinstance(found, PageAudit) else None

    @property
    def audits_of_this_store(self) -> bool:
        """Whether the audits kept were made with this store (else, asked again of it)."""
        return self._kept_audits()[0] == self._store

    def store_findings(self) -> list[Finding] | None:
        """The store rules' findings, as the last build with this site key and store found them."""
        store, kept = self._kept_audits()
        found = kept.get("") if store == self._store else None
        return found if isinstance(found, list) else None

    def keep_audits(
        self, audits: Mapping[str, PageAudit], store_findings: list[Finding] | None
    ) -> None:
        """Keep every page's audit (by page key) and the store's findings, replacing the last."""
        kept: dict[str, Any] = dict(audits)
        if store_findings is not None:
            kept[""] = store_findings
        _write(self.folder / _AUDITS, (self._store, kept))

    def listings(self, pages_digest: str) -> ListingsHtml | None:
        """The site's listings as last kept, if made from the pages of ``pages_digest``."""
        from evidence_guides.build.listings import ListingsHtml

        found = _load(self.folder / _LISTINGS)
        if not isinstance(found, tuple) or len(found) != 2 or found[0] != pages_digest:
            return None
        return found[1] if isinstance(found[1], ListingsHtml) else None

    def keep_listings(self, pages_digest: str, listings: ListingsHtml) -> None:
        """Keep the site's listings, made from the pages of ``pages_digest``."""
        _write(self.folder / _LISTINGS, (pages_digest, listings))

    def listing_pages(self) -> dict[str, str]:
        """The listing pages' HTML the last build rendered, by what each was made from."""
        found = _load(self.folder / _LISTING_PAGES)
        if not isinstance(found, dict):
            return {}
        return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}

    def keep_listing_pages(self, made: Mapping[str, str]) -> None:
        """Keep this build's listing pages' HTML (:class:`~.listings.RenderedParts`)."""
        _write(self.folder / _LISTING_PAGES, dict(made))

    def references(self) -> tuple[bool, dict[str, tuple[str, FormattedReference]]]:
        """Whether the last build had this store, and the entries it formatted: by key, each
        with the entry's digest (:mod:`.kept_references`)."""
        from evidence_guides.store.formatting import FormattedReference

        store, found = _with_store(_load(self.folder / _REFERENCES))
        kept = {
            key: value
            for key, value in found.items()
            if isinstance(value, tuple)
            and len(value) == 2
            and isinstance(value[0], str)
            and isinstance(value[1], FormattedReference)
        }
        return store == self._store, kept

    def keep_references(self, formatted: Mapping[str, tuple[str, FormattedReference]]) -> None:
        """Keep the formatted entries, each with its entry's digest, and the store's."""
        _write(self.folder / _REFERENCES, (self._store, dict(formatted)))

    def checked_pages(self) -> frozenset[str]:
        """The pages whose kept lookups this store was found to answer the same, by page key."""
        store, found = _with_store(_load(self.folder / _CHECKED))
        checked = found.get("pages") if store == self._store else None
        return checked if isinstance(checked, frozenset) else frozenset()

    def keep_checked_pages(self, page_keys: frozenset[str]) -> None:
        """Keep the pages found to hold for this store: the next build need not ask again."""
        _write(self.folder / _CHECKED, (self._store, {"pages": page_keys}))

    def prune(self, page_keys: Iterable[str]) -> None:
        """Remove other site keys' folders and the results of pages not in this build."""
        suffixes = (_PAGE, _HTML, _CONVERTED, _WRITTEN)
        names = {f"{key}{suffix}" for key in page_keys for suffix in suffixes}
        names.update((_AUDITS, _REFERENCES, _LISTINGS, _LISTING_PAGES, _CHECKED))
        try:
            for folder in self._root.iterdir():
                if folder.name != self.folder.name:
                    shutil.rmtree(folder, ignore_errors=True)
            for file in self.folder.iterdir():
                if file.name not in names:
                    file.unlink(missing_ok=True)
        except OSError:
            return  # another build is pruning, or the cache is gone: nothing is lost

    def _kept_audits(self) -> tuple[str, dict[str, Any]]:
        if self._audits is None:
            self._audits = _with_store(_load(self.folder / _AUDITS))
        return self._audits


def _with_store(found: object) -> tuple[str, dict[Any, Any]]:
    """A file's ``(store digest, dict)``; ``("", {})`` for anything else."""
    if not isinstance(found, tuple) or len(found) != 2:
        return "", {}
    store, kept = found
    if not isinstance(store, str) or not isinstance(kept, dict):
        return "", {}
    return store, kept


def _write(file: Path, value: object) -> None:
    """Write ``value`` whole or not at all; a cache that cannot be written is no error."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    write_cache_file(file, data)


def _load(file: Path) -> object | None:
    """What ``file`` holds, made by :class:`_DataUnpickler`; None for anything else.

    Only a regular file is read, never through a link and without blocking: a
    FIFO or a device left in ``.cache/`` is a miss, not a hang.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(file, flags)
    except OSError:
        return None
    try:
        with os.fdopen(handle, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > _READ_LIMIT:
                return None
            data = stream.read(info.st_size + 1)  # by its size: a read sets its count aside
        # A damaged or foreign file is a miss, whatever the unpickler raises on it.
        return _DataUnpickler(io.BytesIO(data)).load()
    except Exception:
        return None


_BUILTINS = frozenset({"frozenset", "set", "bytearray", "complex"})
_DATES = frozenset({"date", "datetime", "time", "timedelta", "timezone"})


class _DataUnpickler(pickle.Unpickler):
    """Makes only data: this package's data classes and enums, dates, built-in containers."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _BUILTINS:
            return super().find_class(module, name)
        if module == "datetime" and name in _DATES:
            return super().find_class(module, name)
        if module.startswith("evidence_guides.") and module in sys.modules:
            found = getattr(sys.modules[module], name, None)
            if isinstance(found, type) and (
                dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not data")
