"""The parsed store kept on disk: a hit, a miss, a stale or corrupt cache, no cache at all."""

from __future__ import annotations

import marshal
import os
import random
from pathlib import Path

import pytest

from evidence_guides.store import cache as bibcache
from evidence_guides.store import load as loader
from evidence_guides.store.entry import BibStore
from evidence_guides.store.formatting import format_reference
from evidence_guides.store.load import BibLoadError, load_bib
from evidence_guides.store.parse import parse_bib
from tests.unit.store.test_incremental import entry as entry_text
from tests.unit.store.test_incremental import random_edit, store_text

FIXTURES = Path(__file__).parents[2] / "fixtures" / "bib"
SOURCE = """\
@string{msse = "Med Sci Sports Exerc"}
@article{garber2011,
  author  = {Garber, C. E. and M{\\"u}ller, J. and {American College of Sports Medicine}},
  title   = {Quantity and quality of exercise},
  journal = msse, year = {2011}, pages = {1334--1359},
  doi     = {10.1249/MSS.0b013e318213fefb}, pmid = {21694556},
}
@article{garber2011, title = {A duplicate key}, year = {2012}}
"""


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    file = tmp_path / "refs.bib"
    file.write_text(SOURCE, encoding="utf-8")
    return file


def load(file: Path, cache: Path) -> BibStore:
    return load_bib(file, "references/refs.bib", cache_dir=cache)


def cache_files(cache: Path) -> list[Path]:
    return sorted((cache / "bibstore").glob("*.marshal"))


def never_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str, path: str, **options: object) -> BibStore:
        raise AssertionError("parsed whole although the cache holds this file")

    monkeypatch.setattr(loader, "parse_bib", fail)


def same_store(a: BibStore, b: BibStore) -> None:
    assert a.path == b.path
    assert a.findings == b.findings
    assert list(a.entries) == list(b.entries)
    for key, entry in a.entries.items():
        other = b.entries[key]
        for name in ("key", "entry_type", "line", "pmid", "doi"):
            assert getattr(entry, name) == getattr(other, name)
        assert dict(entry.fields) == dict(other.fields)
        assert dict(entry.field_lines) == dict(other.field_lines)
        assert format_reference(entry) == format_reference(other)
    lines = [(key, entry.line) for key, entry in a.entries.items()]
    assert list(a.lines()) == list(b.lines()) == lines


def test_a_second_load_reads_the_cache(
    bib: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / ".cache"
    first = load(bib, cache)
    assert first.findings  # the duplicate key: findings are cached too
    assert len(cache_files(cache)) == 1
    never_parse(monkeypatch)
    same_store(load(bib, cache), first)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.rglob("*.bib")), ids=lambda path: path.name)
def test_the_cached_store_is_the_parsed_store(fixture: Path, tmp_path: Path) -> None:
    try:
        parsed = load_bib(fixture, "refs.bib")
    except BibLoadError:
        pytest.skip("unreadable on purpose")
    load_bib(fixture, "refs.bib", cache_dir=tmp_path / ".cache")
    same_store(load_bib(fixture, "refs.bib", cache_dir=tmp_path / ".cache"), parsed)


def test_changed_content_is_parsed_again(bib: Path, tmp_path: Path) -> None:
    cache = tmp_path / ".cache"
    load(bib, cache)
    bib.write_text(SOURCE.replace("Quantity and quality", "Quality"), encoding="utf-8")
    store = load(bib, cache)
    assert format_reference(store.entries["garber2011"]).title == "Quality of exercise"
    assert len(cache_files(cache)) == 1  # the one entry per file is replaced


def test_the_display_path_is_part_of_the_key(bib: Path, tmp_path: Path) -> None:
    cache = tmp_path / ".cache"
    load(bib, cache)
    store = load_bib(bib, "elsewhere.bib", cache_dir=cache)
    assert store.path == "elsewhere.bib"
    assert {finding.path for finding in store.findings} == {"elsewhere.bib"}


def test_a_cache_of_another_version_is_stale(
    bib: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / ".cache"
    load(bib, cache)
    (cached,) = cache_files(cache)
    before = cached.read_bytes()
    monkeypatch.setattr(loader, "_cache_version", lambda: ("another", "version"))
    parsed = []
    real_parse = loader.parse_bib

    def spy(text: str, path: str, **options: object) -> BibStore:
        parsed.append(path)
        return real_parse(text, path, **options)

    monkeypatch.setattr(loader, "parse_bib", spy)
    same_store(load(bib, cache), real_parse(SOURCE, "references/refs.bib"))
    assert parsed == ["references/refs.bib"]
    assert cached.read_bytes() != before  # rewritten under the new key


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal data at all",
        marshal.dumps(42),
        marshal.dumps(("only a key",)),
        marshal.dumps(("key", "value", "and more")),
    ],
    ids=["empty", "garbage", "not-a-pair", "short", "long"],
)
def test_a_corrupt_cache_is_ignored_and_replaced(bib: Path, tmp_path: Path, content: bytes) -> None:
    cache = tmp_path / ".cache"
    expected = load(bib, cache)
    (cached,) = cache_files(cache)
    cached.write_bytes(content)
    same_store(load(bib, cache), expected)
    same_store(load(bib, cache), expected)  # and the cache works again
    assert cached.read_bytes() != content


@pytest.mark.parametrize("kind", ["fifo", "link-to-zero", "link-to-itself", "folder"])
def test_a_cache_file_that_is_not_a_regular_file_is_a_miss(
    bib: Path, tmp_path: Path, kind: str
) -> None:
    """A FIFO left in .cache/ would block a read forever; a link could point anywhere."""
    cache = tmp_path / ".cache"
    expected = load(bib, cache)
    (cached,) = cache_files(cache)
    cached.unlink()
    if kind == "fifo":
        os.mkfifo(cached)
    elif kind == "link-to-zero":
        cached.symlink_to("/dev/zero")
    elif kind == "link-to-itself":
        cached.symlink_to(cached.name)
    else:
        cached.mkdir()
    same_store(load(bib, cache), expected)  # parsed again, without waiting on the FIFO


def test_records_of_the_wrong_shape_under_the_right_key_are_ignored(
    bib: Path, tmp_path: Path
) -> None:
    cache = tmp_path / ".cache"
    expected = load(bib, cache)
    (cached,) = cache_files(cache)
    key, _ = marshal.loads(cached.read_bytes())
    cached.write_bytes(marshal.dumps((key, ("path", [("too", "short")], ()))))
    same_store(load(bib, cache), expected)


def test_an_unwritable_cache_is_skipped(bib: Path, tmp_path: Path) -> None:
    blocker = tmp_path / ".cache"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    same_store(load(bib, blocker), parse_bib(SOURCE, "references/refs.bib"))


def test_without_a_cache_folder_nothing_is_written(bib: Path, tmp_path: Path) -> None:
    load_bib(bib, "references/refs.bib")
    assert not (tmp_path / ".cache").exists()


def test_errors_reading_the_file_are_not_cached(tmp_path: Path) -> None:
    file = tmp_path / "refs.bib"
    file.write_bytes(b"@article{k, title = {caf\xe9}}\n")
    for _ in range(2):
        with pytest.raises(BibLoadError, match="not valid UTF-8"):
            load(file, tmp_path / ".cache")
    assert cache_files(tmp_path / ".cache") == []


def test_read_and_write_never_raise(tmp_path: Path) -> None:
    missing = tmp_path / "missing" / "file.marshal"
    assert bibcache.read(missing) is None
    bibcache.write(tmp_path / "file" / "x.marshal", "key", object())  # cannot marshal: skipped
    assert not (tmp_path / "file").exists()
    bibcache.write(missing, "key", ("value", 1))
    assert bibcache.read(missing) == ("key", ("value", 1))


def kept_store(folder: Path, entries: int) -> tuple[Path, Path, str]:
    """A store file of synthetic entries, loaded once (so kept), its cache and its text."""
    file, cache = folder / "refs.bib", folder / ".cache"
    text = store_text(entries)
    file.write_text(text, encoding="utf-8")
    load(file, cache)
    return file, cache, text


def test_after_an_edit_only_the_entries_it_touched_are_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file, cache, text = kept_store(tmp_path, 60)
    corrected = text.replace("Synthetic trial 7}", "Synthetic trial 7, corrected}")
    imported = corrected.replace("@article{key30,", entry_text(500) + "\n@article{key30,")
    for edited in (corrected, imported):
        file.write_text(edited, encoding="utf-8")
        with monkeypatch.context() as patched:
            never_parse(patched)  # the whole file is not parsed: the edit is
            store = load(file, cache)
        same_store(store, parse_bib(edited, "references/refs.bib"))
        assert store.content_digest == load_bib(file, "references/refs.bib").content_digest
    assert store.entries["key7"].title == "Synthetic trial 7, corrected"
    assert list(store.entries)[30:32] == ["key500", "key30"]
    never_parse(monkeypatch)  # and kept: the next load reads it back
    same_store(load(file, cache), store)


def test_an_edit_of_most_of_the_file_is_parsed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file, cache, text = kept_store(tmp_path, 60)
    file.write_text(text.replace("Synthetic, Ann", "Synthetic, Anne"), encoding="utf-8")
    never_parse(monkeypatch)
    with pytest.raises(AssertionError, match="parsed whole"):
        load(file, cache)


@pytest.mark.parametrize("seed", range(12))
def test_a_store_loaded_after_random_edits_is_the_parsed_store(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    file, cache = tmp_path / "refs.bib", tmp_path / ".cache"
    text = store_text(30)
    for _ in range(5):
        file.write_text(text, encoding="utf-8")
        same_store(load(file, cache), parse_bib(text, "references/refs.bib"))
        text = random_edit(text, rng)


def test_an_edit_that_breaks_the_file_is_parsed_whole(tmp_path: Path) -> None:
    file, cache, text = kept_store(tmp_path, 20)
    broken = text.replace("@article{key4,", "@article{key4")
    file.write_text(broken, encoding="utf-8")
    store = load(file, cache)
    assert store.findings
    same_store(store, parse_bib(broken, "references/refs.bib"))
    file.write_text(text, encoding="utf-8")  # a store with findings: the fix is parsed whole
    same_store(load(file, cache), parse_bib(text, "references/refs.bib"))


def test_kept_records_an_edit_cannot_use_mean_a_full_parse(tmp_path: Path) -> None:
    """A damaged cache holding a line that is not a number: parsed whole, no error."""
    file, cache, text = kept_store(tmp_path, 20)
    (kept,) = cache_files(cache)
    key, (records, context, data) = marshal.loads(kept.read_bytes())
    path, entries, findings = records
    damaged = tuple((*record[:2], "line", *record[3:]) for record in entries)
    kept.write_bytes(marshal.dumps((key, ((path, damaged, findings), context, data))))
    edited = text.replace("Synthetic trial 7}", "Synthetic trial 7, corrected}")
    file.write_text(edited, encoding="utf-8")
    same_store(load(file, cache), parse_bib(edited, "references/refs.bib"))
