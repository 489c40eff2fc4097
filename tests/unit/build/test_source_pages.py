"""The references page's plan: pages of a fixed size that show every cited source once, each
with a bounded list of the guides citing it, the first page being the references page."""

from __future__ import annotations

import pytest

from evidence_guides.build.source_pages import (
    CITING_SHOWN,
    DESCRIPTION,
    PAGE_SIZE,
    TITLE,
    ReferencesPage,
    later_folder,
    page_of_source,
    plan_source_pages,
    references_page,
)
from evidence_guides.guide.listings import CitingGuide, SourceUse
from evidence_guides.store.formatting import FormattedReference

PAGE = ReferencesPage("references.md", "References", "Every source.")


def _reference(number: int) -> FormattedReference:
    return FormattedReference(
        key=f"src{number:05d}",
        entry_type="article",
        authors=f"Author {number:05d}",
        title=f"Study {number}",
        container="J",
        details="2020",
        year="2020",
        pmid=None,
        doi=None,
        pubmed_url=None,
        doi_url=None,
        url=None,
    )


def _sources(count: int, citing: int = 1) -> list[SourceUse]:
    guides = tuple(CitingGuide(f"Guide {n:04d}", f"exercises/g{n:04d}/") for n in range(citing))
    return [SourceUse(_reference(n), guides) for n in range(count)]


@pytest.mark.parametrize("count", [0, 1, PAGE_SIZE, PAGE_SIZE + 1, 7 * PAGE_SIZE + 3])
def test_every_source_is_on_exactly_one_page_in_the_index_order(count: int) -> None:
    sources = _sources(count)
    pages = plan_source_pages(sources, PAGE)
    shown = [s.reference.key for page in pages for s in page.sources]
    assert shown == [use.reference.key for use in sources]
    assert all(len(page.sources) <= PAGE_SIZE for page in pages)
    assert len(pages) == max(1, -(-count // PAGE_SIZE))
    for page in pages:
        assert page.total == count
        if page.sources:
            assert shown[page.start - 1] == page.sources[0].reference.key


def test_the_first_page_is_the_references_page_and_the_rest_are_beside_it() -> None:
    pages = plan_source_pages(_sources(2 * PAGE_SIZE + 1), PAGE)
    assert [page.src_uri for page in pages] == [
        "references.md",
        "references/2/index.md",
        "references/3/index.md",
    ]
    assert [page.title for page in pages] == [
        "References",
        "References, page 2",
        "References, page 3",
    ]
    assert {page.description for page in pages} == {"Every source."}
    assert [(page.number, page.count) for page in pages] == [(1, 3), (2, 3), (3, 3)]
    assert [page.previous for page in pages] == [None, "references.md", "references/2/index.md"]
    assert [page.next for page in pages] == ["references/2/index.md", "references/3/index.md", None]
    assert [page.start for page in pages] == [1, PAGE_SIZE + 1, 2 * PAGE_SIZE + 1]


@pytest.mark.parametrize(
    ("first", "folder"),
    [
        ("references.md", "references/"),
        ("references/index.md", "references/"),
        ("about/sources.md", "about/sources/"),
        ("index.md", ""),
    ],
)
def test_later_pages_go_in_a_folder_named_after_the_references_page(
    first: str, folder: str
) -> None:
    assert later_folder(first) == folder
    pages = plan_source_pages(_sources(PAGE_SIZE + 1), ReferencesPage(first))
    assert pages[1].src_uri == f"{folder}2/index.md"


def test_a_source_cited_by_many_guides_names_a_few_and_counts_the_rest() -> None:
    many = CITING_SHOWN + 37
    page = plan_source_pages(_sources(3, citing=many), PAGE)[0]
    for source in page.sources:
        assert [g.title for g in source.guides] == [f"Guide {n:04d}" for n in range(CITING_SHOWN)]
        assert source.more == 37
    few = plan_source_pages(_sources(1, citing=2), PAGE)[0].sources[0]
    assert (len(few.guides), few.more) == (2, 0)


def test_a_sources_anchor_is_found_on_its_page() -> None:
    pages = plan_source_pages(_sources(3 * PAGE_SIZE), PAGE)
    assert page_of_source(pages, "src00000") == "references.md"
    assert page_of_source(pages, f"src{2 * PAGE_SIZE:05d}") == "references/3/index.md"
    assert page_of_source(pages, "nowhere") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\ntitle: Sources\ndescription: All of them.\ntemplate: references.html\n---\n",
            ReferencesPage("r.md", "Sources", "All of them."),
        ),
        ("---\ntemplate: references.html\n---\n", ReferencesPage("r.md", TITLE, DESCRIPTION)),
        ("---\ntemplate: 'references.html'\ntitle: 3\n---\n", ReferencesPage("r.md")),
        (  # what its later pages print carries no control or override
            '---\ntemplate: references.html\ntitle: "So\\u202eurces\\e"\n'
            'description: "\\x00"\n---\n',
            ReferencesPage("r.md", "So\ufffdurces\ufffd", "\ufffd"),
        ),
        ("---\ntemplate: main.html\n---\nreferences.html\n", None),
        ("---\ntitle: About references.html\n---\n", None),
        ("---\ntemplate: references.html\n  bad: [\n---\n", None),  # YAML that does not read
        ("# References\n\ntemplate: references.html\n", None),  # no front-matter
        ("---\n- template: references.html\n---\n", None),
    ],
)
def test_the_references_page_is_the_page_whose_template_shows_the_sources(
    text: str, expected: ReferencesPage | None
) -> None:
    assert references_page("r.md", text) == expected
