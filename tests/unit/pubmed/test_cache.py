"""The PubMed record cache: files named by PMIDs only, and nothing in it trusted."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from evidence_guides.pubmed.cache import RecordCache, split_articles
from evidence_guides.pubmed.records import parse_efetch
from tests.support.eutils_replay import FIXTURES, efetch_body

WESTCOTT = (FIXTURES / "22777332.xml").read_text(encoding="utf-8")


def _variant(old: str, new: str) -> bytes:
    """The 22777332 record with ``old`` replaced by ``new``, as efetch would send it."""
    assert old in WESTCOTT
    return f"<PubmedArticleSet>{WESTCOTT.replace(old, new)}</PubmedArticleSet>".encode()


def _damage(path: Path, how: str) -> None:
    if how == "folder":
        path.mkdir()
    elif how == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif how == "fifo":
        os.mkfifo(path)
    elif how == "not UTF-8":
        path.write_bytes(
            WESTCOTT.replace("Westcott", "West\udcffcott").encode("utf-8", "surrogateescape")
        )
    elif how == "another PMID":
        path.write_text(
            f"<PubmedArticleSet>{(FIXTURES / '21694556.xml').read_text()}</PubmedArticleSet>"
        )
    elif how == "an error answer":
        path.write_text("<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>")
    elif how == "a record with a bad PMID":
        path.write_bytes(_variant(">22777332</PMID>", ">../../x</PMID>"))
    elif how == "nested deeply":
        path.write_text(
            "<PubmedArticleSet>" + "<a>" * 100_000 + "</a>" * 100_000 + "</PubmedArticleSet>"
        )


@pytest.mark.parametrize(
    "how",
    [
        "folder", "link to /dev/zero", "fifo", "not UTF-8", "another PMID", "an error answer",
        "a record with a bad PMID", "nested deeply",
    ],
)  # fmt: skip
def test_a_cache_entry_that_cannot_be_trusted_is_a_miss(tmp_path: Path, how: str) -> None:
    cache = RecordCache(tmp_path)
    _damage(tmp_path / "22777332.xml", how)
    assert cache.get("22777332") is None


def test_cache_paths_are_made_from_pmids_only(tmp_path: Path) -> None:
    cache = RecordCache(tmp_path / "cache")
    assert cache.get("../../etc/passwd") is None
    with pytest.raises(ValueError, match="not a PMID"):
        cache.put("../x", b"<PubmedArticleSet/>")
    assert list(tmp_path.iterdir()) == []


def test_a_record_put_is_got_back(tmp_path: Path) -> None:
    cache = RecordCache(tmp_path / "cache")
    documents = split_articles(efetch_body(["21681120", "22777332"]))
    assert sorted(documents) == ["21681120", "22777332"]
    for pmid, document in documents.items():
        cache.put(pmid, document)
    assert sorted(path.name for path in (tmp_path / "cache").iterdir()) == [
        "21681120.xml",
        "22777332.xml",
    ]
    assert cache.get("22777332") == parse_efetch(efetch_body(["22777332"]))["22777332"]
    assert cache.get("21694556") is None  # never put


def test_a_stale_file_is_a_miss(tmp_path: Path) -> None:
    cache = RecordCache(tmp_path, max_age=60)
    cache.put("22777332", split_articles(efetch_body(["22777332"]))["22777332"])
    assert cache.get("22777332") is not None
    an_hour_ago = time.time() - 3600
    os.utime(cache.path("22777332"), (an_hour_ago, an_hour_ago))
    assert cache.get("22777332") is None


def test_an_article_without_a_valid_pmid_is_never_a_file() -> None:
    assert split_articles(_variant(">22777332</PMID>", ">../x</PMID>")) == {}
