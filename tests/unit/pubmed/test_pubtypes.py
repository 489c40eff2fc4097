"""``refs verify --write``: PubMed's publication types stored, every other byte kept."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from evidence_guides.pubmed import pubtypes
from evidence_guides.pubmed.pubtypes import (
    PubtypeWriteError,
    apply_changes,
    pubtype_changes,
    write_pubtypes,
)
from evidence_guides.pubmed.records import PubMedRecord, parse_efetch
from evidence_guides.store.parse import parse_bib
from tests.support.eutils_replay import efetch_body

RECORDS: dict[str, PubMedRecord] = parse_efetch(
    efetch_body(["21694556", "22777332", "27433992", "25853914"])
)

STORE = """\
% The editors' own comment, kept as it is.

@article{garber2011,
  author  = {Garber, C. E.},
  title   = {Quantity and quality of exercise: the pubtype = question},
  year    = {2011},
  pmid    = {21694556},
}

@article{westcott2012,
    author = {Westcott, W. L.}, title = {Resistance training is medicine},
    year = {2012}, pmid = {22777332}
}

@article{schoenfeld2017,
  author      = {Schoenfeld, B. J.},
  title       = {Dose-response relationship},
  year        = {2017},
  pmid        = {27433992},
  pubtype     = "Journal Article",
  note        = {after the types},
}

@article{nopmid, author = {Doe, J.}, title = {No PMID}, year = {2001}, doi = {10.1000/x}}
"""


def _store(tmp_path: Path, text: str = STORE) -> Path:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(text.encode())
    return bib


def test_changes_are_the_entries_whose_types_differ() -> None:
    store = parse_bib(STORE, "refs.bib")
    changes = pubtype_changes(store, RECORDS)
    assert [(c.key, c.line, c.old, c.new) for c in changes] == [
        ("garber2011", 3, None, "Journal Article; Practice Guideline"),
        ("westcott2012", 10, None, "Journal Article; Review"),
        (
            "schoenfeld2017",
            20,
            "Journal Article",
            "Journal Article; Meta-Analysis; Systematic Review",
        ),
    ]


def test_write_adds_or_replaces_pubtype_and_keeps_every_other_byte(tmp_path: Path) -> None:
    bib = _store(tmp_path)
    written = write_pubtypes(bib, "refs.bib", RECORDS)
    assert [change.key for change in written] == ["garber2011", "westcott2012", "schoenfeld2017"]
    text = bib.read_text()
    assert text == (
        STORE.replace(
            "  pmid    = {21694556},\n",
            "  pmid    = {21694556},\n  pubtype = {Journal Article; Practice Guideline},\n",
        )
        .replace(
            "    year = {2012}, pmid = {22777332}\n",
            "    year = {2012}, pmid = {22777332},\n    pubtype = {Journal Article; Review}\n",
        )
        .replace(
            '  pubtype     = "Journal Article",',
            "  pubtype     = {Journal Article; Meta-Analysis; Systematic Review},",
        )
    )
    store = parse_bib(text, "refs.bib")
    assert store.findings == ()
    # A second run finds nothing to change, and writes nothing.
    before = bib.stat().st_mtime_ns
    assert write_pubtypes(bib, "refs.bib", RECORDS) == []
    assert bib.stat().st_mtime_ns == before


def test_windows_line_ends_are_kept(tmp_path: Path) -> None:
    bib = _store(tmp_path, STORE.replace("\n", "\r\n"))
    write_pubtypes(bib, "refs.bib", RECORDS)
    data = bib.read_bytes()
    assert b"\r\n  pubtype = {Journal Article; Practice Guideline},\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")


def test_a_record_without_types_changes_nothing() -> None:
    record = RECORDS["21694556"]
    bare = {
        "21694556": PubMedRecord(**{**_fields(record), "publication_types": ()}),
    }
    assert pubtype_changes(parse_bib(STORE, "refs.bib"), bare) == []


def _fields(record: PubMedRecord) -> dict[str, object]:
    return {name: getattr(record, name) for name in PubMedRecord.__dataclass_fields__}


def test_a_read_only_store_is_refused_and_unchanged(tmp_path: Path) -> None:
    bib = _store(tmp_path)
    bib.chmod(stat.S_IRUSR)  # refused by its mode, even for a user who could write it
    try:
        with pytest.raises(PubtypeWriteError, match=r"^refs.bib: read-only; nothing written$"):
            write_pubtypes(bib, "refs.bib", RECORDS)
    finally:
        bib.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert bib.read_text() == STORE


def test_a_store_saved_meanwhile_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bib = _store(tmp_path)
    saved = STORE + "\n% the editor's save\n"
    check = pubtypes.check_read_back

    def editor_saves(*args: object, **kwargs: object) -> None:
        check(*args, **kwargs)  # type: ignore[arg-type]
        bib.write_text(saved)

    monkeypatch.setattr(pubtypes, "check_read_back", editor_saves)
    with pytest.raises(PubtypeWriteError, match="changed meanwhile; nothing written"):
        write_pubtypes(bib, "refs.bib", RECORDS)
    assert bib.read_text() == saved
    assert list(tmp_path.iterdir()) == [bib]  # no temporary file, no lock left


def test_an_entry_it_cannot_edit_safely_stops_the_write(tmp_path: Path) -> None:
    text = "@article(garber2011, author = {Garber, C. E.}, title = {T}, year = 2011,\n"
    text += "  pmid = {21694556})\n"
    bib = _store(tmp_path, text)
    with pytest.raises(PubtypeWriteError, match=r"^refs.bib:1: cannot find where to write"):
        write_pubtypes(bib, "refs.bib", RECORDS)
    assert bib.read_text() == text


def test_an_edit_that_would_read_back_wrong_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bib = _store(tmp_path)

    def broken(text: str, *args: object) -> str:
        return apply_changes(text, *args).replace("title   = {Quantity", "title   = {Qu", 1)  # type: ignore[arg-type]

    monkeypatch.setattr(pubtypes, "apply_changes", broken)
    with pytest.raises(PubtypeWriteError, match=r"^refs.bib:3: 'garber2011' would not read back"):
        write_pubtypes(bib, "refs.bib", RECORDS)
    assert bib.read_text() == STORE
