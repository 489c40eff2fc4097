"""The last search index, kept in the project's cache and put back when nothing it holds changed.

Pagefind has no incremental mode: given the same pages it builds the same
index again, and that is most of what search costs a build (about 12 of 13 CPU
seconds at 2,000 guides). So the index a build wrote is kept in
``.cache/search/`` with what it was made from: the digest of every page handed
to Pagefind (its URL and the exact text sent), Pagefind's version and the
index's configuration. A later build whose pages and settings are the same
puts that index into the site (hard links when it can, else a copy) and
never starts Pagefind; one changed page, one page more or fewer, another
Pagefind or another configuration, and Pagefind indexes every page again.

The pages are compared as a set, not in the order they were written: the
order MkDocs writes pages in says nothing about what a reader can find, and an
index of the same pages is the same index to a search. Every page is written
down as it comes (:mod:`.search_spool`; the build's memory does not grow with
the site). While every page so far is one of the kept index's, none goes to
Pagefind; the first that is not sends them all and Pagefind takes over, as if
nothing had been held back. The pages written down are kept with the index:
when only some guides changed, the next build hands Pagefind the others at
once (:meth:`.SearchIndexer.prefill`), and Pagefind writes the index as soon
as the changed ones are written, while MkDocs writes the rest.

The cache is trusted only as far as it checks: the kept folder must be a real
folder of regular files, no symlink anywhere, each file of the size and SHA-256
its manifest says, the manifest's digest that of its pages and settings.
Anything else is a miss. A kept index is written into a temporary folder and
renamed into place after Pagefind said it wrote the index, and replaces the
one before it: a build stopped halfway leaves a temporary folder, never a kept
index that is half of one. Its files are hard links to the site's (no copy):
a file changed in the site afterwards is a miss at the next build, not a
wrong index.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_guides.build.search_spool import READ_FLAGS, TEXTS, PageSpool, kept_texts

FORMAT = "evidence-guides search index 2"
"""Changed when what is kept changes, so an older kept index is a miss."""

KEPT_PREFIX = "index-"
MANIFEST = "manifest.json"
INDEX_FOLDER = "pagefind"
_CHUNK = 1 << 20


class CacheMiss(Exception):
    """The kept index cannot be used: the message says why (for tests and debugging)."""


def page_digest(url: str, text: bytes) -> str:
    """What identifies one page of the index: its URL and the exact text sent (encoded:
    :func:`.search_spool.encoded`, once for the digest and the spool)."""
    digest = hashlib.sha256(url.encode())
    digest.update(b"\0")
    digest.update(text)
    return digest.hexdigest()


def index_key(settings: str, pages: list[str]) -> str:
    """The digest of an index: its settings and its pages' digests, sorted."""
    digest = hashlib.sha256(f"{FORMAT}\n{settings}\n".encode())
    for page in sorted(pages):
        digest.update(page.encode() + b"\n")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class KeptIndex:
    """The index kept by the last build that wrote one: where, and what it was made from."""

    folder: Path
    settings: str
    pages: frozenset[str]
    page_count: int
    files: dict[str, tuple[int, str]]  # path in the index folder: size, SHA-256


class IndexReuse:
    """One build's chance to reuse the kept index of ``cache`` (``.cache/search/``).

    ``settings`` is everything besides the pages that makes the index what it
    is (Pagefind's version, the configuration sent with NewIndex), as one string.
    """

    def __init__(self, cache: Path, settings: str) -> None:
        self._cache = cache
        self._settings = settings
        self._kept = _kept_index(cache, settings)
        self._pages: list[str] = []  # every page's digest, for the key of the index written
        self._spool = PageSpool(cache)  # every page's text, in the order they came
        self._matching = self._kept is not None

    def hold(self, url: str, text: bytes, digest: str) -> bool:
        """Write the page down (``digest``: its :func:`page_digest`); whether it is held
        back, still possibly the kept index's."""
        self._pages.append(digest)
        self._spool.record(url, text)
        kept = self._kept
        if (
            self._matching
            and kept is not None
            and digest in kept.pages
            and len(self._pages) <= kept.page_count
        ):
            return True
        self._matching = False
        return False

    @property
    def kept_count(self) -> int:
        """The pages of the kept index (0 without one)."""
        return self._kept.page_count if self._kept is not None else 0

    def recorded(self) -> Iterator[tuple[str, str]]:
        """Every page written down so far, in the order they came; none is held back after."""
        self._matching = False
        return self._spool.replay()

    def kept_pages(self, urls: Collection[str]) -> Iterator[tuple[str, str, str]]:
        """The kept index's pages at ``urls`` as sent to Pagefind then (URL, text, digest);
        none is held back after.

        Each is checked against the kept manifest: a page that does not check is left out.
        """
        self._matching = False
        kept = self._kept
        if kept is None:
            return iter(())
        return kept_texts(kept.folder / TEXTS, urls, page_digest, kept.pages)

    def restore(self, output: Path) -> bool:
        """Put the kept index into ``output`` if this build's pages are exactly its pages."""
        kept = self._kept
        if not self._matching or kept is None or len(self._pages) != kept.page_count:
            return False
        if set(self._pages) != kept.pages:
            return False
        try:
            place_index(kept, output)
        except (CacheMiss, OSError):
            return False
        self.close()
        return True

    def before_writing(self, output: Path) -> None:
        """Pagefind is about to write ``output``: what is there goes first.

        It may be a kept index put back by an earlier build (``--dirty``), whose
        files are the cache's own (hard links): Pagefind would write through them.
        """
        if output.exists() or output.is_symlink():
            _remove(output)

    def save(self, output: Path) -> None:
        """Keep the index just written into ``output``, and its pages, replacing the kept one.

        A cache that cannot be written costs the next build its index, nothing
        more: an error here is not the build's.
        """
        with contextlib.suppress(OSError):
            keep_index(self._cache, output, self._settings, self._pages, self._spool)

    def close(self) -> None:
        """Let go of the pages written down, unless kept."""
        self._spool.close()


# --- the kept index: read, checked, put into a site ---------------------------------


def _kept_index(cache: Path, settings: str) -> KeptIndex | None:
    """The kept index of ``cache`` if it is one and of these settings; else none."""
    try:
        return read_kept_index(cache, settings)
    except (CacheMiss, OSError, ValueError, LookupError, TypeError, AttributeError):
        return None


def read_kept_index(cache: Path, settings: str) -> KeptIndex:
    """The kept index's manifest, checked against its name and ``settings``.

    Raises :class:`CacheMiss` (or ``OSError``) when there is none to use. The
    files are checked when the index is put into a site (:func:`place_index`).
    """
    _require_folder(cache)
    kept = [name for name in os.listdir(cache) if name.startswith(KEPT_PREFIX)]
    if len(kept) != 1:
        raise CacheMiss(f"{len(kept)} kept indexes")
    folder = cache / kept[0]
    _require_folder(folder)
    manifest = json.loads(_read_regular(folder / MANIFEST))
    if manifest.get("format") != FORMAT or manifest.get("settings") != settings:
        raise CacheMiss("another format, Pagefind or configuration")
    pages = [str(page) for page in manifest["pages"]]
    if KEPT_PREFIX + index_key(settings, pages) != folder.name:
        raise CacheMiss("the manifest is not that of the folder's index")
    files = {str(path): (int(size), str(sha)) for path, (size, sha) in manifest["files"].items()}
    return KeptIndex(folder, settings, frozenset(pages), len(pages), files)


def place_index(kept: KeptIndex, output: Path) -> None:
    """Put the kept index's files into ``output`` (replaced), each checked first.

    Built beside ``output`` and renamed into place, so a failed check leaves
    no index from the cache in the site. Hard links when the cache and the
    site share a filesystem, else copies.
    """
    source = kept.folder / INDEX_FOLDER
    _require_folder(source)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=output.parent))
    try:  # the index in a folder of its own: mkdtemp's is private, a site's is not
        found = copy_tree(source, staging / INDEX_FOLDER, link=True, expected=kept.files)
        if found.keys() != kept.files.keys():
            raise CacheMiss("files missing from the kept index")
        if output.exists() or output.is_symlink():
            _remove(output)
        (staging / INDEX_FOLDER).rename(output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def keep_index(
    cache: Path, output: Path, settings: str, pages: list[str], spool: PageSpool | None = None
) -> Path:
    """Keep the index in ``output`` in ``cache`` as the one kept index; its folder.

    Its files are hard links to the site's when they can be (a copy costs a
    second on this scale): neither build nor cache ever writes through one,
    Pagefind's output is removed before it writes, and a file changed in the
    site after the build no longer checks, so the next build indexes again.

    ``spool``, the pages it was made from, is kept beside it when it holds them all.
    """
    cache.mkdir(parents=True, exist_ok=True)
    _require_folder(cache)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache))
    try:
        files = copy_tree(output, staging / INDEX_FOLDER, link=True)
        manifest = {
            "format": FORMAT,
            "settings": settings,
            "pages": sorted(pages),
            "files": {path: list(entry) for path, entry in sorted(files.items())},
        }
        (staging / MANIFEST).write_text(json.dumps(manifest), "utf-8")
        if spool is not None and spool.count == len(pages):
            spool.keep_as(staging / TEXTS)
        target = cache / (KEPT_PREFIX + index_key(settings, pages))
        if target.exists() or target.is_symlink():
            _remove(target)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for entry in os.listdir(cache):  # one kept index; and no temporary folder left behind
        if entry != target.name and entry.startswith((KEPT_PREFIX, ".tmp-")):
            _remove(cache / entry)
    return target


def copy_tree(
    source: Path,
    target: Path,
    *,
    link: bool,
    expected: dict[str, tuple[int, str]] | None = None,
) -> dict[str, tuple[int, str]]:
    """Copy (or hard-link) a folder of regular files; each file's size and SHA-256.

    Never follows a symlink: one anywhere, or anything but folders and
    regular files, is a :class:`CacheMiss`. With ``expected``, a file not in
    it or not of its size and digest is one too, before it is placed.
    """
    found: dict[str, tuple[int, str]] = {}
    target.mkdir(parents=True)
    pending = [(source, target, "")]
    while pending:
        folder, into, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = prefix + entry.name
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISDIR(mode):
                    (into / entry.name).mkdir()
                    pending.append((Path(entry.path), into / entry.name, name + "/"))
                elif stat.S_ISREG(mode):
                    found[name] = _place_file(Path(entry.path), into / entry.name, link, expected)
                    if expected is not None and found[name] != expected.get(name):
                        raise CacheMiss(f"{name} is not the file kept")
                else:
                    raise CacheMiss(f"{name} is not a regular file or folder")
    return found


def _place_file(
    source: Path, target: Path, link: bool, expected: dict[str, tuple[int, str]] | None
) -> tuple[int, str]:
    """Copy one file (or link it, when it checks) and say its size and SHA-256."""
    digest = hashlib.sha256()
    size = 0
    descriptor = os.open(source, READ_FLAGS)
    with open(descriptor, "rb") as reading:
        if not stat.S_ISREG(os.fstat(reading.fileno()).st_mode):
            raise CacheMiss(f"{source.name} is not a regular file")
        with contextlib.ExitStack() as stack:
            writing = None if link else stack.enter_context(open(target, "xb"))
            while chunk := reading.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                if writing is not None:
                    writing.write(chunk)
    if link:
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError:  # another filesystem, or links refused: a copy
            shutil.copyfile(source, target, follow_symlinks=False)
    return size, digest.hexdigest()


def _require_folder(folder: Path) -> None:
    if not stat.S_ISDIR(os.lstat(folder).st_mode):
        raise CacheMiss(f"{folder.name} is not a folder")


def _read_regular(file: Path) -> str:
    descriptor = os.open(file, READ_FLAGS)
    with open(descriptor, "rb") as reading:
        if not stat.S_ISREG(os.fstat(reading.fileno()).st_mode):
            raise CacheMiss(f"{file.name} is not a regular file")
        return reading.read().decode("utf-8")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def settings_of(version: str, config: dict[str, Any]) -> str:
    """The settings an index is made with, as one string: Pagefind's version, its config."""
    return json.dumps({"pagefind": version, "config": config}, sort_keys=True)
