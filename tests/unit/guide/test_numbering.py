"""Vancouver numbering and the citation HTML of one page."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from evidence_guides.guide.numbering import PageCitations
from evidence_guides.store.entry import BibStore
from evidence_guides.store.parse import parse_bib


@pytest.fixture
def store() -> BibStore:
    entries = "\n".join(
        f"@article{{{key}, author = {{Author, A.}}, title = {{Title {key}}},"
        f" journal = {{J}}, year = {{2020}}, pmid = {{{pmid}}}}}"
        for key, pmid in [("a", 101), ("b", 102), ("c", 103), ("d", 104), ("e", 105)]
    )
    store = parse_bib(entries, "refs.bib")
    assert store.findings == ()
    return store


def _numbers(html: str) -> list[str]:
    """The visible text of each citation group: '1', '1,3-5', ..."""
    soup = BeautifulSoup(html, "html.parser")
    return [sup.get_text() for sup in soup.select("sup.citations")]


def test_numbered_in_order_of_first_citation(store: BibStore) -> None:
    citations = PageCitations(store)
    html = citations.render("x [@c] y [@a] z [@c] w [@b]").text
    assert _numbers(html) == ["1", "2", "1", "3"]
    assert [ref.key for ref in citations.references] == ["c", "a", "b"]


def test_numbering_continues_across_segments(store: BibStore) -> None:
    citations = PageCitations(store)
    citations.render("[@b]")
    assert _numbers(citations.render("[@a; @b]").text) == ["1,2"]
    assert [ref.key for ref in citations.references] == ["b", "a"]


@pytest.mark.parametrize(
    ("prelude", "group", "shown"),
    [
        ("[@a] [@b] [@c] [@d] [@e]", "[@a; @c; @d; @e]", "1,3-5"),
        ("[@a] [@b] [@c]", "[@c; @b; @a]", "1-3"),
        ("[@a] [@b]", "[@b; @a]", "1,2"),
        ("", "[@a; @a]", "1"),
        ("[@a] [@b] [@c]", "[@a; @b, p. 4; @c]", "1,2(p. 4),3"),
    ],
)
def test_groups_are_sorted_and_compressed(
    store: BibStore, prelude: str, group: str, shown: str
) -> None:
    citations = PageCitations(store)
    citations.render(prelude)
    assert _numbers(citations.render(group).text) == [shown]


def test_pmid_and_key_of_one_entry_share_a_number(store: BibStore) -> None:
    html = PageCitations(store).render("[@b] then [PMID 102] then PMID: 102").text
    assert _numbers(html) == ["1", "1", "1"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("x [pmid 102] y", ["1"]),
        ("x [Pmid: 102, p. 4] y", ["1(p. 4)"]),
        ("x [@ b; pMiD 101] y", ["1,2"]),
    ],
)
def test_lenient_forms_render_as_citations(store: BibStore, text: str, shown: list[str]) -> None:
    html = PageCitations(store).render(text).text
    assert _numbers(html) == shown
    assert "[" not in html


def test_a_second_source_after_a_comma_is_never_a_locator(store: BibStore) -> None:
    # Left as written (the audit reports it), rather than citing only "a" at "page @b".
    html = PageCitations(store).render("x [@a, @b] y").text
    assert html == "x [@a, @b] y"


def test_prose_pmid_keeps_its_words(store: BibStore) -> None:
    html = PageCitations(store).render("Smith (2020, PMID 101) found").text
    assert html.startswith("Smith (2020, PMID 101<sup")
    assert html.endswith("</sup>) found")


def test_links_target_the_reference_and_carry_it_as_title(store: BibStore) -> None:
    rendered = PageCitations(store).render("[@a]")
    link = BeautifulSoup(rendered.restore(rendered.text), "html.parser").select_one("a.citation")
    assert link["href"] == "#ref-a"
    assert link["title"] == "Author A. Title a. J. 2020."


def test_held_citations_are_comments_until_restored(store: BibStore) -> None:
    rendered = PageCitations(store).render("x [@a] y [@b]", deferred=True)
    html = f"<p>{rendered.text}</p>"
    held = rendered.hold(html)
    assert "<sup" not in held and held.count("<!--") == 2
    assert BeautifulSoup(held, "html.parser").get_text() == "x y"
    assert rendered.restore(held) == rendered.restore(html)
    soup = BeautifulSoup(rendered.restore(held), "html.parser")
    titles = [link["title"] for link in soup.select("a.citation")]
    assert titles[0] == "Author A. Title a. J. 2020." and len(titles) == 2


def test_unresolved_sources_stay_visible_and_are_returned(store: BibStore) -> None:
    rendered = PageCitations(store).render("x [@a; @nope] y [PMID 999]")
    assert [(s.label, s.offset) for s in rendered.unresolved] == [("nope", 7), ("PMID 999", 17)]
    soup = BeautifulSoup(rendered.text, "html.parser")
    assert [s.get_text() for s in soup.select(".citation-missing")] == ["nope?", "PMID 999?"]
    assert [a.get_text() for a in soup.select("a.citation")] == ["1"]


def test_text_without_citations_is_returned_unchanged(store: BibStore) -> None:
    text = "Plain text with an e-mail, me@example.org."
    assert PageCitations(store).render(text).text == text


def test_deferred_html_survives_escaping(store: BibStore) -> None:
    rendered = PageCitations(store).render("a <b> [@a]", deferred=True)
    assert "<sup" not in rendered.text
    escaped = rendered.text.replace("<", "&lt;").replace(">", "&gt;")
    restored = rendered.restore(escaped)
    assert restored.startswith("a &lt;b&gt;<sup")
    assert re.search(r'<a class="citation" href="#ref-a"[^>]*>1</a>', restored)


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("fitness [@a].", "fitness<sup"),
        ("fitness\t [@a]", "fitness<sup"),
        ("- [@a] first item", "- <sup"),
        ("1. [@a] first step", "1. <sup"),
        ("line one\n[@a] line two", "line one\n<sup"),
        ("see PMID 101", "see PMID 101<sup"),
    ],
)
def test_superscript_sits_against_its_word(store: BibStore, text: str, starts: str) -> None:
    assert PageCitations(store).render(text).text.startswith(starts)


def test_a_citations_tooltip_shows_markup_in_its_source_as_text() -> None:
    """Material's tooltips set a title as HTML: no "<" from the store may open a tag there."""
    store = parse_bib(
        "@article{x, author = {Author, A.}, title = {<img src=x onerror=alert(1)> and a < b},"
        " journal = {J}, year = {2020}, pmid = {101}}",
        "refs.bib",
    )
    rendered = PageCitations(store).render("Text [@x].", deferred=True)
    html = rendered.restore(f"<p>{rendered.text}</p>")
    (link,) = BeautifulSoup(html, "html.parser").select("a.citation")
    assert link["title"].startswith("Author A. <\u2060img src=x onerror=alert(1)> and a <\u2060 b.")
