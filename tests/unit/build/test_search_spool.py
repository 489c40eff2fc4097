"""The pages a build's search index is made of, written down as sent and read back the same.

Each page is its URL and length on a line, then its text as it is: these
check that no text can pass for a record, and that a file cut short or
damaged is read up to the damage and no further.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.build.search_reuse import page_digest
from evidence_guides.build.search_spool import PageSpool, encoded, kept_texts

AWKWARD = {
    "/guides/newlines/": "<p>one\nline\n\nafter another</p>\n",
    "/guides/header/": '["/guides/forged/", 5]\nforged\n',  # text shaped like a record
    "/guides/accents/": "<p>Ćwiczenie — squat à l'arrière, 30° · “cues”</p>",
    "/guides/surrogate/": "<p>a lone \udc80 surrogate</p>",
    "/guides/empty/": "",
}


def spooled(cache: Path, pages: dict[str, str]) -> PageSpool:
    spool = PageSpool(cache)
    for url, text in pages.items():
        spool.record(url, encoded(text))
    return spool


def kept_file(folder: Path, pages: dict[str, str]) -> Path:
    """The file of ``pages`` written down, as a build keeps it."""
    spool = spooled(folder, pages)
    assert spool.keep_as(folder / "kept")
    spool.close()
    return folder / "kept"


def test_pages_are_replayed_in_order_exactly_as_written_down(tmp_path: Path) -> None:
    spool = spooled(tmp_path, AWKWARD)
    assert list(spool.replay()) == list(AWKWARD.items())
    spool.record("/guides/later/", encoded("<p>later</p>"))  # more after a replay
    assert list(spool.replay())[-1] == ("/guides/later/", "<p>later</p>")
    spool.close()


def test_kept_pages_are_read_back_with_their_digests(tmp_path: Path) -> None:
    kept = kept_file(tmp_path, AWKWARD)
    known = {page_digest(url, encoded(text)) for url, text in AWKWARD.items()}
    read = list(kept_texts(kept, set(AWKWARD), page_digest, known))
    assert [(url, text) for url, text, _ in read] == list(AWKWARD.items())
    assert {digest for _, _, digest in read} == known
    assert "/guides/forged/" not in {url for url, _, _ in read}


def test_only_the_pages_asked_for_and_known_are_read_back(tmp_path: Path) -> None:
    kept = kept_file(tmp_path, AWKWARD)
    known = {page_digest(url, encoded(text)) for url, text in AWKWARD.items()}
    known.discard(page_digest("/guides/accents/", encoded(AWKWARD["/guides/accents/"])))
    asked = {"/guides/accents/", "/guides/empty/", "/guides/header/"}
    read = kept_texts(kept, asked, page_digest, known)
    assert [url for url, _, _ in read] == ["/guides/header/", "/guides/empty/"]


@pytest.mark.parametrize("cut", [1, 20, -30, -1], ids=["header", "in-header", "in-text", "newline"])
def test_a_file_cut_short_is_read_up_to_the_cut(tmp_path: Path, cut: int) -> None:
    pages = {"/guides/a/": "<p>first</p>", "/guides/b/": "<p>" + "second " * 10 + "</p>"}
    kept = kept_file(tmp_path, pages)
    whole = kept.read_bytes()
    second = whole.index(b'["/guides/b/"')  # where page b's record begins
    kept.write_bytes(whole[: second + cut] if cut > 0 else whole[:cut])
    known = {page_digest(url, encoded(text)) for url, text in pages.items()}
    read = kept_texts(kept, set(pages), page_digest, known)
    assert [url for url, _, _ in read] == ["/guides/a/"]
