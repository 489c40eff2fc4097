"""The entry model: raw fields, display attributes decoded on first read, lookups by identifier."""

from __future__ import annotations

import dataclasses

import pytest

from evidence_guides.store.entry import BibStore
from evidence_guides.store.load import load_bib
from evidence_guides.store.parse import parse_bib
from evidence_guides.text.citations import CitedSource, SourceKind, scan_citations
from tests.support.bib import FIXTURES, entry


@pytest.fixture(scope="module")
def refs() -> BibStore:
    return load_bib(FIXTURES / "refs.bib", "references/refs.bib")


# --- raw fields ----------------------------------------------------------------------------------


def test_fields_stay_raw_and_enclosing_braces_go(refs: BibStore) -> None:
    ainsworth = refs.get("ainsworth2011")
    assert ainsworth is not None
    assert ainsworth.fields["title"].startswith("2011 {Compendium} of {Physical}")
    assert ainsworth.title == (
        "2011 Compendium of Physical Activities: a second update of codes and MET values"
    )


def test_entries_are_immutable(refs: BibStore) -> None:
    found = refs.get("westcott2012")
    assert found is not None
    with pytest.raises(TypeError):
        found.fields["title"] = "changed"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.key = "other"  # type: ignore[misc]


# --- display attributes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (r"M{\"u}ller and M\"{u}ller", "Müller and Müller"),
        (r"R{\'e}sum{\'e} of {\`a} la carte", "Résumé of à la carte"),
        (r"Strength \& conditioning", "Strength & conditioning"),
        ("Warm-up -- and cool-down --- compared", "Warm-up \u2013 and cool-down \u2014 compared"),
        ("{DNA} repair in {Type II} fibres", "DNA repair in Type II fibres"),
        (r"50\% of adults", "50% of adults"),
        ("50% of adults, 20% of children", "50% of adults, 20% of children"),
        (r"$\alpha$-actinin-3 and \emph{ACTN3}", "\u03b1-actinin-3 and ACTN3"),
        ("``Quoted'' words", "\u201cQuoted\u201d words"),
        ("Fig.~1 and\n   a line   break", "Fig. 1 and a line break"),
        ("A title that ends with a period.", "A title that ends with a period"),
        ("Effects of low- vs. high-load training", "Effects of low- vs. high-load training"),
        ("Does it work?", "Does it work?"),
    ],
)
def test_title_is_decoded_for_display(raw: str, shown: str) -> None:
    assert entry(f"  title = {{{raw}}},").title == shown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("1575--1581", "1575-1581"),
        ("1575\u20131581", "1575-1581"),
        ("1575 - 1581", "1575-1581"),
        ("e0123456", "e0123456"),
        ("--", None),
        ("", None),
    ],
)
def test_pages_use_a_plain_hyphen(raw: str, shown: str | None) -> None:
    assert entry(f"  pages = {{{raw}}},").pages == shown


def test_container_falls_back_from_journal() -> None:
    assert entry("  journal = {J},\n  publisher = {P}").journal == "J"
    assert entry("  booktitle = {Proc. of {X}}").journal == "Proc. of X"
    assert entry("  institution = {{HHS}}", "techreport").journal == "HHS"
    assert entry("  title = {No container}").journal == ""


def test_biblatex_date_and_issue_are_understood() -> None:
    found = entry("  date = {2018-11-20},\n  issue = {19}")
    assert (found.year, found.number) == ("2018", "19")


def test_missing_display_fields_are_none_or_empty() -> None:
    found = entry("  note = {nothing to show}")
    assert (found.title, found.journal, found.authors) == ("", "", ())
    assert (found.year, found.volume, found.number, found.pages, found.url) == (None,) * 5


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("https://health.gov/a%20b~c", "https://health.gov/a%20b~c"),
        (r"\url{https://example.org/a\_b}", "https://example.org/a_b"),
        ("", None),
    ],
)
def test_url_is_not_latex_decoded(raw: str, url: str | None) -> None:
    assert entry(f"  url = {{{raw}}}").url == url


# --- lookups -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("21694556", "garber2011"),
        ("PMID: 21681120", "ainsworth2011"),
        ("99999999", None),
        ("not a pmid", None),
    ],
)
def test_by_pmid(refs: BibStore, query: str, key: str | None) -> None:
    found = refs.by_pmid(query)
    assert (found.key if found else None) == key


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("10.1249/MSS.0b013e318213fefb", "garber2011"),
        ("10.1249/mss.0B013E318213FEFB", "garber2011"),
        ("https://doi.org/10.1080/02640414.2016.1210197", "schoenfeld2017"),
        ("10.1000/unknown", None),
    ],
)
def test_by_doi_ignores_case_and_prefixes(refs: BibStore, query: str, key: str | None) -> None:
    found = refs.by_doi(query)
    assert (found.key if found else None) == key


def test_lookups_return_the_first_of_duplicates() -> None:
    store = load_bib(FIXTURES / "duplicates.bib", "refs.bib")
    assert store.by_pmid("21694556") is store.get("a1")
    assert store.by_doi("10.1249/MSS.0B013E318213FEFB") is store.get("a1")


@pytest.mark.parametrize(
    ("kind", "value", "key"),
    [
        ("key", "garber2011", "garber2011"),
        ("key", "Garber2011", None),  # keys are exact
        ("key", "21694556", None),  # a key is never read as a PMID
        ("pmid", "21694556", "garber2011"),
        ("pmid", "PMID: 21681120", "ainsworth2011"),
        ("pmid", "garber2011", None),  # nor a PMID as a key
        ("pmid", "99999999", None),
    ],
)
def test_resolve_a_cited_source(
    refs: BibStore, kind: SourceKind, value: str, key: str | None
) -> None:
    found = refs.resolve(CitedSource(kind, value, None, 0))
    assert (found.key if found else None) == key


def test_resolve_what_a_page_cites(refs: BibStore) -> None:
    (citation,) = scan_citations("Both [@hhs2018, p. 4; PMID 21694556; @nowhere].")
    found = [refs.resolve(source) for source in citation.sources]
    assert found == [refs.get("hhs2018"), refs.get("garber2011"), None]


def test_lookup_finds_an_entry_by_key_pmid_or_doi_and_nothing_by_another_kind() -> None:
    store = parse_bib(
        "@article{roe2020, title = {T}, pmid = {111}, doi = {10.5555/ABC}}\n", "refs.bib"
    )
    for kind, value in (
        ("key", "roe2020"),
        ("pmid", "111"),
        ("doi", "https://doi.org/10.5555/abc"),
    ):
        found = store.lookup(kind, value)
        assert found is not None and found.key == "roe2020", kind
    assert store.lookup("isbn", "111") is None
    assert store.lookup("pmid", "roe2020") is None
