"""Tests for Vancouver/AMA formatting of references."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.store import formatting as refformat
from evidence_guides.store.entry import BibEntry, BibStore
from evidence_guides.store.formatting import FormattedReference, format_details, format_reference
from evidence_guides.store.load import load_bib
from evidence_guides.store.parse import parse_bib

FIXTURES = Path(__file__).parents[2] / "fixtures" / "bib"


def entry(fields: str, entry_type: str = "article") -> BibEntry:
    """The one entry ``k`` with the given field lines."""
    store = parse_bib(f"@{entry_type}{{k,\n{fields}\n}}\n", "t.bib")
    found = store.get("k")
    assert found is not None, store.findings
    return found


@pytest.fixture(scope="module")
def refs() -> BibStore:
    return load_bib(FIXTURES / "refs.bib", "references/refs.bib")


def reference(store: BibStore, key: str) -> FormattedReference:
    found = store.get(key)
    assert found is not None
    return format_reference(found)


# --- whole references -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (
            "ainsworth2011",
            "Ainsworth BE, Haskell WL, Herrmann SD, et al. 2011 Compendium of Physical"
            " Activities: a second update of codes and MET values. Med Sci Sports Exerc."
            " 2011;43(8):1575-1581.",
        ),
        (
            "garber2011",
            "Garber CE, Blissmer B, Deschenes MR, et al. American College of Sports Medicine"
            " position stand. Quantity and quality of exercise for developing and maintaining"
            " cardiorespiratory, musculoskeletal, and neuromotor fitness in apparently healthy"
            " adults: guidance for prescribing exercise. Med Sci Sports Exerc."
            " 2011;43(7):1334-1359.",
        ),
        (
            "schoenfeld2017",
            "Schoenfeld BJ, Ogborn D, Krieger JW. Dose-response relationship between weekly"
            " resistance training volume and increases in muscle mass: a systematic review and"
            " meta-analysis. J Sports Sci. 2017;35(11):1073-1082.",
        ),
        (
            "westcott2012",
            "Westcott WL. Resistance training is medicine: effects of strength training on"
            " health. Curr Sports Med Rep. 2012;11(4):209-216.",
        ),
        (
            "hhs2018",
            "U.S. Department of Health and Human Services. Physical Activity Guidelines for"
            " Americans, 2nd edition. 2018.",
        ),
    ],
)
def test_plain_text(refs: BibStore, key: str, text: str) -> None:
    assert reference(refs, key).plain_text() == text


def test_all_pieces_of_ainsworth2011(refs: BibStore) -> None:
    assert reference(refs, "ainsworth2011") == FormattedReference(
        key="ainsworth2011",
        entry_type="article",
        authors="Ainsworth BE, Haskell WL, Herrmann SD, et al.",
        title="2011 Compendium of Physical Activities: a second update of codes and MET values",
        container="Med Sci Sports Exerc",
        details="2011;43(8):1575-1581",
        year="2011",
        pmid="21681120",
        doi="10.1249/MSS.0b013e31821ece12",
        pubmed_url="https://pubmed.ncbi.nlm.nih.gov/21681120/",
        doi_url="https://doi.org/10.1249/MSS.0b013e31821ece12",
        url=None,
    )


def test_garber2011_title_loses_only_its_final_period(refs: BibStore) -> None:
    title = reference(refs, "garber2011").title
    assert title.startswith("American College of Sports Medicine position stand. Quantity")
    assert title.endswith("guidance for prescribing exercise")


# --- authors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "shown"),
    [
        ("Westcott, W. L.", "Westcott WL"),
        (
            "Schoenfeld, B. J. and Ogborn, D. and Krieger, J. W.",
            "Schoenfeld BJ, Ogborn D, Krieger JW",
        ),
        ("A, A. and B, B. and C, C. and D, D.", "A A, B B, C C, et al."),
        ("A, A. and B, B. and C, C. and D, D. and E, E.", "A A, B B, C C, et al."),
        ("A, A. and others", "A A, et al."),
        ("A, A. and B, B. and C, C. and others", "A A, B B, C C, et al."),
        ("{American College of Sports Medicine}", "American College of Sports Medicine"),
        ("Bassett, Jr., David R. and {ACSM}", "Bassett DR Jr, ACSM"),
    ],
)
def test_authors(author: str, shown: str) -> None:
    assert format_reference(entry(f"  author = {{{author}}}")).authors == shown


def test_no_authors_is_empty_and_left_out_of_the_text() -> None:
    formatted = format_reference(entry("  title = {Anonymous},\n  journal = {J},\n  year = 2011"))
    assert formatted.authors == ""
    assert formatted.plain_text() == "Anonymous. J. 2011."


# --- the numeric part -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "volume", "number", "pages", "details"),
    [
        ("2011", "43", "8", "1575-1581", "2011;43(8):1575-1581"),
        ("2011", "43", None, "1575-1581", "2011;43:1575-1581"),
        ("2011", "43", "8", None, "2011;43(8)"),
        ("2011", "43", None, None, "2011;43"),
        ("2011", None, "8", "1-10", "2011;(8):1-10"),
        ("2011", None, None, "e123", "2011:e123"),
        ("2011", None, None, None, "2011"),
        (None, "43", "8", "1575-1581", "43(8):1575-1581"),
        (None, None, None, "1-10", "1-10"),
        (None, None, None, None, ""),
    ],
)
def test_details_drop_missing_pieces(
    year: str | None, volume: str | None, number: str | None, pages: str | None, details: str
) -> None:
    assert format_details(year, volume, number, pages) == details


@pytest.mark.parametrize(
    ("fields", "details"),
    [
        ("  year = 2011,\n  volume = 43,\n  pages = {1575--1581}", "2011;43:1575-1581"),
        ("  year = 2011", "2011"),
        ("  volume = 43,\n  number = 8", "43(8)"),
        ("  title = {T}", ""),
    ],
)
def test_details_from_entries(fields: str, details: str) -> None:
    assert format_reference(entry(fields)).details == details


@pytest.mark.parametrize(
    "fields",
    [
        "  author = {Doe, J.},\n  title = {Undated},\n  journal = {J}",
        "  title = {Undated},\n  volume = 4,\n  pages = {1--2}",
        "  title = {Undated}",
        "  author = {{WHO}}",
    ],
)
def test_never_n_d(fields: str) -> None:
    formatted = format_reference(entry(fields))
    assert formatted.year is None
    assert "n.d." not in formatted.plain_text()
    assert "n.d." not in formatted.details


def test_no_doubled_period_after_a_title_question_or_abbreviated_journal() -> None:
    fields = "  title = {Is exercise medicine?},\n  journal = {Med. Sci. Sports Exerc.},\n"
    formatted = format_reference(entry(fields + "  year = 2011"))
    assert formatted.plain_text() == "Is exercise medicine? Med. Sci. Sports Exerc. 2011."


def test_report_by_its_own_publisher_names_it_once(refs: BibStore) -> None:
    formatted = reference(refs, "hhs2018")
    assert formatted.authors == "U.S. Department of Health and Human Services"
    assert formatted.container == ""
    assert formatted.details == "2018"


# --- links ------------------------------------------------------------------------------------


def test_links(refs: BibStore) -> None:
    garber = reference(refs, "garber2011")
    assert garber.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/21694556/"
    assert garber.doi_url == "https://doi.org/10.1249/MSS.0b013e318213fefb"
    assert garber.url is None

    hhs = reference(refs, "hhs2018")
    assert (hhs.pmid, hhs.doi, hhs.pubmed_url, hhs.doi_url) == (None, None, None, None)
    assert hhs.url == (
        "https://health.gov/sites/default/files/2019-09/"
        "Physical_Activity_Guidelines_2nd_edition.pdf"
    )


def test_doi_url_escapes_characters_that_would_break_the_link() -> None:
    doi = "10.1002/(SICI)1097-4636(199901)44:1<1::AID-JBM1>3.0.CO;2-Y"
    formatted = format_reference(entry(f"  doi = {{{doi}}}"))
    assert formatted.doi == doi
    assert formatted.doi_url == (
        "https://doi.org/10.1002/(SICI)1097-4636(199901)44:1%3C1::AID-JBM1%3E3.0.CO;2-Y"
    )


# --- caching ----------------------------------------------------------------------------------


def test_each_entry_is_formatted_once(refs: BibStore, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_format = refformat._format

    def counting(found: BibEntry) -> FormattedReference:
        calls.append(found.key)
        return real_format(found)

    monkeypatch.setattr(refformat, "_format", counting)
    fresh = entry("  title = {Cited on many pages}")
    results = {id(format_reference(fresh)) for _ in range(5000)}
    assert calls == ["k"]
    assert len(results) == 1
