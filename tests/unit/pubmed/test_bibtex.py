"""A PubMed record as a BibTeX entry: every field, keys apart, no value out of its field."""

from __future__ import annotations

import dataclasses
import re
import string

import pytest

from evidence_guides.pubmed.bibtex import (
    UnsafeValueError,
    bibtex_entry,
    bibtex_fields,
    bibtex_key,
)
from evidence_guides.pubmed.records import PubMedAuthor, PubMedRecord, parse_efetch
from evidence_guides.store.formatting import format_reference
from evidence_guides.store.parse import parse_bib
from tests.support.eutils_replay import efetch_body


def _record(pmid: str) -> PubMedRecord:
    return parse_efetch(efetch_body([pmid]))[pmid]


def _with(fixture: str = "22777332", **changes: object) -> PubMedRecord:
    return dataclasses.replace(_record(fixture), **changes)


def test_entry_has_every_field() -> None:
    assert bibtex_entry(_record("21694556"), "garber2011") == (
        "@article{garber2011,\n"
        "  author  = {Garber, C. E. and Blissmer, B. and Deschenes, M. R. and Franklin, B. A."
        " and Lamonte, M. J. and Lee, I. M. and Nieman, D. C. and Swain, D. P."
        " and {American College of Sports Medicine}},\n"
        "  title   = {American College of Sports Medicine position stand. Quantity and quality of"
        " exercise for developing and maintaining cardiorespiratory, musculoskeletal, and"
        " neuromotor fitness in apparently healthy adults: guidance for prescribing exercise},\n"
        "  journal = {Med Sci Sports Exerc},\n"
        "  year    = {2011},\n"
        "  volume  = {43},\n"
        "  number  = {7},\n"
        "  pages   = {1334--1359},\n"
        "  doi     = {10.1249/MSS.0b013e318213fefb},\n"
        "  pmid    = {21694556},\n"
        "  pubtype = {Journal Article; Practice Guideline},\n"
        "}\n"
    )


def test_entry_round_trips_through_the_store() -> None:
    text = bibtex_entry(_record("21681120"), "ainsworth2011")
    store = parse_bib(text, "refs.bib")
    assert store.findings == ()
    reference = format_reference(store.entries["ainsworth2011"])
    assert reference.authors == "Ainsworth BE, Haskell WL, Herrmann SD, et al."
    assert store.entries["ainsworth2011"].authors[4].display() == "Bassett DR Jr"
    assert reference.details == "2011;43(8):1575-1581"
    assert reference.pmid == "21681120"


def test_retracted_record_is_marked() -> None:
    record = _record("22777332")
    retracted = type(record)(
        **{**{f: getattr(record, f) for f in record.__slots__}, "retracted": True}
    )
    entry = bibtex_entry(retracted, "westcott2012")
    assert "  retracted = {true},\n" in entry
    assert parse_bib(entry, "r.bib").entries["westcott2012"].fields["retracted"] == "true"


@pytest.mark.parametrize(
    ("taken", "key"),
    [
        (set(), "garber2011"),
        ({"garber2011"}, "garber2011a"),
        ({"Garber2011", "garber2011a"}, "garber2011b"),
    ],
)
def test_keys_avoid_collisions(taken: set[str], key: str) -> None:
    assert bibtex_key(_record("21694556"), taken) == key


def test_text_is_escaped_so_it_stays_in_its_field() -> None:
    title = "Balanced {x} @article{evil, pmid = {21694556}} 50% & $5 #1 ~a_b C:\\"
    record = _with(title=title, journal="J @ {Home}", publication_types=("Review {x}",))
    entry = bibtex_entry(record, "westcott2012")
    store = parse_bib(entry, "refs.bib")
    assert store.findings == ()
    assert list(store.entries) == ["westcott2012"]
    parsed = store.entries["westcott2012"]
    assert parsed.pmid == "22777332"
    assert parsed.title == title
    assert parsed.journal == "J @ {Home}"


def test_a_name_with_a_comma_or_and_stays_one_person() -> None:
    authors = (PubMedAuthor("Smith and Jones", "Ann, Bo", "AB", "", collective=False),)
    entry = bibtex_entry(_with(authors=authors), "smith2012")
    (person,) = parse_bib(entry, "refs.bib").entries["smith2012"].authors
    assert person.last == "Smith and Jones"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"volume": "12{"}, "has volume '12{', which cannot be written to BibTeX safely"),
        ({"issue": "4}, pmid={1"}, "has issue '4}, pmid={1'"),
        ({"pages": "1-2\\"}, "has pages"),
        ({"title": "Open { only"}, "has a title with unpaired braces"),
        ({"title": "a}{b"}, "has a title with unpaired braces"),
        ({"publication_types": ("Journal Article}, pmid={1",)}, "publication type with unpaired"),
    ],
)
def test_values_that_cannot_be_made_safe_are_refused(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(UnsafeValueError, match=re.escape(message)):
        bibtex_entry(_with(**changes), "westcott2012")


def test_after_z_the_suffixes_go_on_with_two_letters() -> None:
    taken = {"garber2011", *(f"garber2011{letter}" for letter in string.ascii_lowercase)}
    assert bibtex_key(_record("21694556"), taken) == "garber2011aa"


def test_fields_are_none_where_the_record_has_none() -> None:
    fields = bibtex_fields(_record("21694556"))
    assert fields["pages"] == "1334--1359"  # an en dash, as BibTeX writes it
    assert fields["pmcid"] is None and fields["retracted"] is None
    assert list(fields) == [
        "author", "title", "journal", "year", "volume", "number", "pages",
        "doi", "pmid", "pmcid", "pubtype", "retracted",
    ]  # fmt: skip
