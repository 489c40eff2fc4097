"""The names one entry can be called by, and whether a name written beside a citation names it."""

from __future__ import annotations

import pytest

from evidence_guides.store.entry_names import (
    ORGANISATION_WORDS,
    EntryNames,
    entry_organisations,
    raw_surname_keys,
    raw_title_words,
    shortnames,
)
from evidence_guides.store.folding import title_words, words
from tests.support.bib import entry

GARBER = entry(
    "  author = {Garber, Carol Ewing and Blissmer, Bryan and Deschenes, Michael R.},\n"
    "  title = {Quantity and quality of exercise},\n"
    "  journal = {Medicine and Science in Sports and Exercise},\n"
    "  shortname = {ACSM Position Stand; QQ}"
)


def names_of(fields: str, entry_type: str = "article") -> EntryNames:
    return EntryNames(entry(fields, entry_type))


def test_first_author_and_every_surname() -> None:
    names = EntryNames(GARBER)
    assert names.first_author == "Garber"
    assert names.first_author_words == ("garber",)
    assert names.surnames == (("garber",), ("blissmer",), ("deschenes",))
    assert names_of("  title = {No authors}").first_author is None


def test_an_organisation_in_single_braces_is_found_behind_its_last_word() -> None:
    # BibTeX reads "{World Health Organization}" in single braces as a person "Organization".
    names = names_of("  author = {World Health Organization and Smith, J.}")
    assert names.first_author == "World Health Organization"
    assert names.surnames == (("world", "health", "organization"), ("smith",))


def test_a_braced_organisation_is_its_whole_name() -> None:
    names = names_of("  author = {{American College of Sports Medicine}}")
    assert names.first_author == "American College of Sports Medicine"
    assert names.organisations == (("american", "college", "of", "sports", "medicine"),)


def test_shortnames_split_at_semicolons() -> None:
    assert shortnames(GARBER) == [("acsm", "position", "stand"), ("qq",)]
    assert shortnames(entry("  title = {T}")) == []


def test_organisations_from_authors_institution_and_organization() -> None:
    report = entry(
        "  author = {Department of Health and Smith, J.},\n  institution = {{HHS} Office}",
        "techreport",
    )
    assert entry_organisations(report) == [
        (("hhs", "office"), "HHS Office"),
        (("department", "of", "health"), "Department of Health"),
    ]
    # With a comma it is a person, whatever the words: "Center, John".
    assert entry_organisations(entry("  author = {Center, John}")) == []
    assert "department" in ORGANISATION_WORDS


@pytest.mark.parametrize(
    ("written", "surnames", "agrees"),
    [
        ("Garber", ["Garber"], True),
        ("Blissmer et al.", ["Blissmer"], True),  # any listed author
        ("Garber and Smith", ["Garber", "Smith"], False),  # Smith is not an author
        ("ACSM Position Stand", [], True),  # a short name
        ("Quantity and quality", [], True),  # the title's first words
        ("Quantity", [], False),  # one word of a title is not enough
        ("Medicine and Science in Sports and Exercise", [], True),  # the journal
        ("Smith", ["Smith"], False),
        ("", [], True),  # nothing written, nothing to disagree with
    ],
)
def test_named_by(written: str, surnames: list[str], agrees: bool) -> None:
    named = EntryNames(GARBER).named_by(words(written), [words(name) for name in surnames])
    assert named is agrees


def test_a_list_cut_short_agrees_with_any_author_written_beside_a_listed_one() -> None:
    cut = EntryNames(entry("  author = {Kowalski, A. and others}"))
    full = EntryNames(entry("  author = {Kowalski, A. and Brennan, B.}"))
    written, surnames = words("Kowalski and Ibsen"), [words("Kowalski"), words("Ibsen")]
    assert cut.named_by(written, surnames) is True
    assert full.named_by(written, surnames) is False


@pytest.mark.parametrize(
    ("author", "keys"),
    [
        ("Garber, Carol and Blissmer, B.", ("garber",)),
        ("Carol Garber", ("garber",)),
        ("D'Ambrosio, A.", ("ambrosio", "dambrosio")),
        ("van den Tillaar, R.", ("tillaar", "vandentillaar")),
        ('M{\\"u}ller, J.', ("muller",)),
        ("{World Health Organization}", ()),  # matched by its name instead
        ("", ()),
    ],
)
def test_raw_surname_keys(author: str, keys: tuple[str, ...]) -> None:
    assert raw_surname_keys(entry(f"  author = {{{author}}}")) == keys


@pytest.mark.parametrize(
    "title",
    [
        "2011 {Compendium} of {Physical} Activities",
        "Effects of Low- vs.~High-Load Training",
        "The ``best'' -- and worst --- exercises",
        "$\\alpha$-actinin-3 and \\emph{ACTN3}",
        "M{\\\"u}ller's {\\'e}tude",
        "",
    ],
)
def test_raw_title_words_are_the_decoded_title_words(title: str) -> None:
    found = entry(f"  title = {{{title}}}")
    assert raw_title_words(found) == title_words(found.title)
