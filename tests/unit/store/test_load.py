"""Loading a .bib file: what stops the build with BibLoadError, and what the cache is keyed by."""

from __future__ import annotations

import ast
import importlib
import shutil
from pathlib import Path

import pytest

from evidence_guides.files.limits import Limits
from evidence_guides.store import load as loader
from evidence_guides.store.load import PARSING_MODULES, BibLoadError, load_bib, parsing_sources
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


# --- what the cache is keyed by ------------------------------------------------------------------


def _store_imports(module: str) -> set[str]:
    """The store modules ``module`` imports, type-checking imports included."""
    source = Path(str(importlib.import_module(module).__file__)).read_text(encoding="utf-8")
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "evidence_guides.store":
            found.update(f"evidence_guides.store.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("evidence_guides.store.")}


def test_the_cache_key_covers_every_store_module_loading_uses() -> None:
    """A module that the loader reaches but the key leaves out would serve stale stores."""
    reached, todo = set(), ["evidence_guides.store.load"]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo.extend(_store_imports(module))
    # The cache module keeps the records; it does not make or read what is in them.
    assert set(PARSING_MODULES) == reached - {"evidence_guides.store.cache"}
    assert len(parsing_sources()) == len(PARSING_MODULES)
    assert all(source.is_file() for source in parsing_sources())


def test_a_change_to_any_parsing_module_is_a_new_cache_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copies = []
    for source in parsing_sources():
        copy = tmp_path / source.name
        shutil.copyfile(source, copy)
        copies.append(copy)
    monkeypatch.setattr(loader, "parsing_sources", lambda: tuple(copies))
    versions = {loader._cache_version.__wrapped__()}
    assert versions == {loader._cache_version()}  # the copies are the code that runs
    for copy in copies:
        copy.write_bytes(copy.read_bytes() + b"# changed\n")
        versions.add(loader._cache_version.__wrapped__())
    assert len(versions) == len(copies) + 1
