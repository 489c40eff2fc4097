"""Loading a .bib file: what stops the build with BibLoadError, and what the cache is keyed by."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.files.limits import Limits
from evidence_guides.store.load import BibLoadError, load_bib
from tests.support.bib import doubling


def test_non_utf8_file_names_line_and_column(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(
        b"@article{k,\n  title = {Caf\xc3\xa9},\n"
        b"  author = {M\xc3\xbcller, A. and D\xe9sir\xe9, B.},\n}\n"
    )
    with pytest.raises(BibLoadError) as raised:
        load_bib(bib, "references/refs.bib")
    # Columns count characters, not bytes: the "ü" before it is two bytes.
    assert (
        str(raised.value)
        == "references/refs.bib:3:29: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    )


def test_non_utf8_on_the_first_line_after_a_bom(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(b"\xef\xbb\xbf%\xff\n")
    with pytest.raises(
        BibLoadError,
        match=r"^refs\.bib:1:2: not valid UTF-8 \(byte 0xff\); save the file as UTF-8$",
    ):
        load_bib(bib, "refs.bib")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(b"\xef\xbb\xbf@article{k,\n  title = {Caf\xc3\xa9}\n}\n")
    store = load_bib(bib, "refs.bib")
    assert store.findings == ()
    assert store.entries["k"].title == "Café"
    assert store.entries["k"].line == 1


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(BibLoadError) as raised:
        load_bib(tmp_path / "missing.bib", "references/missing.bib")
    assert str(raised.value) == "references/missing.bib: file not found"


def test_a_folder_is_not_read(tmp_path: Path) -> None:
    with pytest.raises(BibLoadError, match=r"^references: a folder, not a regular file$"):
        load_bib(tmp_path, "references")


def test_a_store_over_its_size_limit_is_refused(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@comment{" + "x" * 2 * 1024 * 1024 + "}\n", encoding="utf-8")
    with pytest.raises(BibLoadError) as error:
        load_bib(bib, "references/refs.bib", limits=Limits(store_mb=1))
    assert str(error.value) == (
        "references/refs.bib: 2 MB, more than the 1 MB the reference store may have"
        " (set plugins.evidence.limits.store_mb to raise the limit)"
    )


def test_the_cache_is_keyed_by_the_limits(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(doubling(16), encoding="utf-8")
    cache = tmp_path / ".cache"
    assert load_bib(bib, "refs.bib", cache_dir=cache).findings
    roomy = Limits(bib_value_chars=10**6)
    assert load_bib(bib, "refs.bib", cache_dir=cache, limits=roomy).findings == ()
