"""What a page looked up in the store, asked again of another store (``build/store_lookups.py``)."""

from __future__ import annotations

from evidence_guides.build.store_lookups import StoreAnswers, entry_digest
from evidence_guides.store.parse import parse_bib
from evidence_guides.text.citations import scan_citations

BIB = """\
@article{roe2020, author = {Roe, A.}, title = {A trial}, year = {2020}, pmid = {111}}
@article{poe2021, author = {Poe, B.}, title = {A review}, year = {2021}}
"""


def looked_up(bib: str, text: str) -> tuple[tuple[str, str, str], ...]:
    """What rendering ``text``'s citations against ``bib`` looks up."""
    recorder = StoreAnswers(parse_bib(bib, "refs.bib")).recorder()
    for citation in scan_citations(text):
        for source in citation.sources:
            recorder.resolve(source)
    return recorder.lookups


def test_each_source_is_recorded_once_with_the_entry_found_or_none() -> None:
    store = parse_bib(BIB, "refs.bib")
    lookups = looked_up(BIB, "A [@roe2020], B [PMID 111; @nobody], C [@roe2020].")
    assert lookups == (
        ("key", "roe2020", entry_digest(store.entries["roe2020"])),
        ("pmid", "111", entry_digest(store.entries["roe2020"])),
        ("key", "nobody", ""),
    )


def test_the_same_store_and_one_that_only_moved_an_entry_answer_the_same() -> None:
    lookups = looked_up(BIB, "A [@roe2020] [PMID 111] [@nobody].")
    assert StoreAnswers(parse_bib(BIB, "refs.bib")).hold(lookups)
    moved = "% a comment above\n\n" + BIB + "\n@misc{other, title = {Another}}\n"
    assert StoreAnswers(parse_bib(moved, "refs.bib")).hold(lookups)


def test_a_changed_entry_a_moved_pmid_or_an_entry_added_answers_otherwise() -> None:
    lookups = looked_up(BIB, "A [@roe2020] [PMID 111] [@nobody].")
    corrected = BIB.replace("A trial", "A larger trial")
    moved_pmid = BIB.replace("pmid = {111}", "pmid = {112}")
    named = BIB + "@misc{nobody, title = {Someone after all}}\n"
    for bib in (corrected, moved_pmid, named):
        assert not StoreAnswers(parse_bib(bib, "refs.bib")).hold(lookups), bib


def test_a_page_that_cites_nothing_holds_whatever_the_store() -> None:
    assert StoreAnswers(parse_bib("", "refs.bib")).hold(looked_up(BIB, "No citation."))
