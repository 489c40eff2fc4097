"""The on-disk cache of PubMed records: one file of efetch XML per PMID.

Verifying a store of thousands of entries asks PubMed once a week, not on
every run, and a second ``guides refs verify`` asks nothing. The cache sits in
the project's ``.cache/`` folder, which anyone (or any tool) may have written
to, so nothing in it is trusted:

- a file is named only from a validated PMID, so no record can choose a path;
- only a regular file (never through a link, never a FIFO or device) of a
  bounded size is read, without blocking;
- anything stale, unreadable or unparsable, or a record that fails
  :func:`evidence_guides.pubmed.records.check_record`, is a miss and is
  fetched again. Writing the cache may fail; the client then says so once.
"""

from __future__ import annotations

import os
import stat
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from evidence_guides.files.atomic import write_atomically
from evidence_guides.pubmed.records import PubMedFormatError, PubMedRecord, is_pmid, parse_efetch

DEFAULT_CACHE_AGE = 7 * 24 * 3600  # a week: records change rarely, retractions matter
MAX_CACHED_FILE = 16 * 1024 * 1024  # one record; the largest author lists are ~1 MB


class RecordCache:
    """One file of PubMed XML per PMID, trusted for ``max_age`` seconds.

    A file name is made only from a validated PMID. A missing, stale, oversized,
    linked, non-regular or unparsable file, or one holding a record that fails
    the checks, is a miss: the record is fetched again and the file rewritten.
    """

    def __init__(self, directory: Path, max_age: float = DEFAULT_CACHE_AGE) -> None:
        self.directory = directory
        self.max_age = max_age

    def path(self, pmid: str) -> Path:
        """The file of ``pmid``; a ValueError for anything but a PMID."""
        if not is_pmid(pmid):
            raise ValueError(f"not a PMID: {pmid!r}")
        return self.directory / f"{pmid}.xml"

    def get(self, pmid: str) -> PubMedRecord | None:
        if not is_pmid(pmid):
            return None
        data = _read_regular_file(self.path(pmid), MAX_CACHED_FILE, self.max_age)
        if data is None:
            return None
        try:
            record = parse_efetch(data).get(pmid)
        except (PubMedFormatError, ValueError, TypeError, RecursionError):
            return None  # a damaged entry is fetched again
        return record

    def put(self, pmid: str, document: bytes) -> None:
        """Store ``document`` for ``pmid``; raises OSError when the cache cannot be written."""
        path = self.path(pmid)
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomically(path, document.decode("utf-8"))


def split_articles(data: bytes) -> dict[str, bytes]:
    """One standalone ``PubmedArticleSet`` document per PMID of an efetch answer, to cache.

    ``data`` has been parsed by :func:`parse_efetch` already; an article whose PMID
    is not one is left out, so it never becomes a file name.
    """
    root = ElementTree.fromstring(data)
    documents: dict[str, bytes] = {}
    for article in root.findall("PubmedArticle"):
        pmid = (article.findtext("MedlineCitation/PMID") or "").strip()
        if not is_pmid(pmid):
            continue  # parse_efetch refused such a record already; never a file name
        wrapper = ElementTree.Element("PubmedArticleSet")
        wrapper.append(article)
        documents[pmid] = ElementTree.tostring(wrapper, encoding="utf-8")
    return documents


def _read_regular_file(path: Path, limit: int, max_age: float) -> bytes | None:
    """The bytes of ``path`` if it is a fresh regular file (not a link) of at most ``limit``."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        if time.time() - info.st_mtime > max_age:
            return None
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            data = handle.read(limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(descriptor)
