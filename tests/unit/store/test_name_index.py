"""Which entry a written name means: the lazy indexes, and what they decode."""

from __future__ import annotations

from pathlib import Path

from evidence_guides.audit.engine import PageInput, audit_page
from evidence_guides.audit.model import AuditSettings
from evidence_guides.store.entry import BibStore
from evidence_guides.store.name_index import entry_index
from evidence_guides.store.parse import parse_bib

SETTINGS = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))


def _big_store(size: int) -> BibStore:
    entries = [
        f"@article{{k{i},\n  author = {{Name{i % 50}, A. and Other, B.}},\n"
        f"  title = {{Title words number {i}}},\n  year = {{{1990 + i % 30}}},\n"
        f"  doi = {{10.1000/{i}}},\n}}\n"
        for i in range(size)
    ]
    entries.append(
        "@article{garber2011,\n  author = {Garber, C. E. and {American College of Sports"
        " Medicine}},\n  title = {Position stand},\n  year = {2011},\n  pmid = {21694556},\n}\n"
    )
    return parse_bib("".join(entries), "refs.bib")


def _decoded(store: BibStore) -> set[str]:
    """Keys of the entries whose names or title were decoded."""
    return {
        key
        for key, entry in store.entries.items()
        if "_names" in entry.__dict__ or "title" in entry.__dict__
    }


def test_resolved_citations_decode_nothing() -> None:
    store = _big_store(500)
    text = "Cited [@k1; @garber2011] and PMID 21694556."
    audit_page(PageInput("p.md", text, text, 0, False), store, SETTINGS)
    assert _decoded(store) == set()


def test_a_vague_reference_decodes_only_its_candidates() -> None:
    store = _big_store(500)
    text = "Garber et al. (2011) say so."
    (finding,) = audit_page(PageInput("p.md", text, text, 0, False), store, SETTINGS).findings
    assert finding.suggestion is not None and finding.suggestion.key == "garber2011"
    # Only the organisation author's entry was decoded to build the indexes, and the
    # surname's candidate to confirm it: never the 500 others.
    assert _decoded(store) == {"garber2011"}


def test_the_index_is_built_once_per_store() -> None:
    store = _big_store(10)
    assert entry_index(store) is entry_index(store)
    assert entry_index(_big_store(10)) is not entry_index(store)
