"""Author lists read as people: split as BibTeX splits them, shown in Vancouver form."""

from __future__ import annotations

import pytest
from bibtexparser.middlewares.names import split_multiple_persons_names

from evidence_guides.store.entry import BibStore
from evidence_guides.store.load import load_bib
from evidence_guides.store.names import Person, split_names
from tests.support.bib import FIXTURES, entry


@pytest.fixture(scope="module")
def refs() -> BibStore:
    return load_bib(FIXTURES / "refs.bib", "references/refs.bib")


def test_collective_author_last_in_the_list(refs: BibStore) -> None:
    garber = refs.get("garber2011")
    assert garber is not None
    assert len(garber.authors) == 9
    assert garber.authors[-1] == Person(
        last="American College of Sports Medicine",
        initials="",
        suffix="",
        is_organisation=True,
        name="American College of Sports Medicine",
    )
    assert [person.display() for person in garber.authors[:3]] == [
        "Garber CE",
        "Blissmer B",
        "Deschenes MR",
    ]


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "  ",
        "Smith, J.",
        "Smith, J. and Jones, K.",
        "Smith, J.  AND\n Jones, K. and others",
        "A and and B",
        "A and  and B",
        "A and",
        "and B",
        "A\tand\tB",
        "A~and~B",
        '{Simon and Schuster} and Br{\\"o}nvik, K.',
        "M{\\\"u}ller, J. and {\\'E}lan, A. and Ka{\\v{s}}par, P.",
        '{\\aa}berg and {\\"{o}}rn',
        'Smith \\"and Jones',
        "A\\ and B",
        "{A} and {B}",
        "{unbalanced and B",
        "A and B}",
        "A \x00 and B",
    ],
)
def test_names_split_as_bibtexparser_splits_them(raw: str) -> None:
    assert split_names(raw) == split_multiple_persons_names(raw)


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 8])
@pytest.mark.parametrize(
    "raw",
    [
        "A, B. and C, D. and E, F. and G, H.",
        "A, B. and C, D. and E, F.",
        "A, B. and others",
        "A, B. and C, D. and E, F. and others",
        "A, B. and {} and C, D.",
        "A, B. and C, D. and E, F. and {}",
        "others",
        "",
    ],
)
def test_leading_authors_are_the_first_of_all_authors(raw: str, count: int) -> None:
    people, more = entry(f"  author = {{{raw}}}").leading_authors(count)
    full = entry(f"  author = {{{raw}}}")
    assert (people, more) == (
        full.authors[:count],
        full.has_more_authors or len(full.authors) > count,
    )


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Bassett, Jr., David R.", ["Bassett DR Jr"]),
        ("Garber, Carol Ewing", ["Garber CE"]),
        ("Carol E. Garber", ["Garber CE"]),
        (r"M{\"u}ller, J{\"o}rg", ["Müller J"]),
        (r"{\'E}mile Zola", ["Zola É"]),
        ("van der Berg, Jan", ["van der Berg J"]),
        ("Jan van der Berg", ["van der Berg J"]),
        ("Jean-Pierre Dupont", ["Dupont JP"]),
        ("Lee, I-M.", ["Lee IM"]),
        ("D.R. Bassett", ["Bassett DR"]),
        ("King, Jr., Martin Luther", ["King ML Jr"]),
        ("Beeblebrox, IV, Zaphod", ["Beeblebrox Z IV"]),
        ("Aristotle", ["Aristotle"]),
        ("Smith, J. and Jane Doe", ["Smith J", "Doe J"]),
        ("{American College of Sports Medicine}", ["American College of Sports Medicine"]),
        ("{Simon and Schuster}", ["Simon and Schuster"]),
        (r"{Universit{\'e} de Montr{\'e}al}", ["Université de Montréal"]),
    ],
)
def test_names_in_vancouver_form(raw: str, shown: list[str]) -> None:
    found = entry(f"  author = {{{raw}}},")
    assert [person.display() for person in found.authors] == shown


def test_person_parts() -> None:
    (bassett,) = entry("  author = {Bassett, Jr., David R.}").authors
    assert bassett == Person(
        last="Bassett", initials="DR", suffix="Jr", is_organisation=False, name="Bassett DR Jr"
    )
    (berg,) = entry("  author = {van der Berg, Jan}").authors
    assert (berg.last, berg.initials, berg.suffix) == ("van der Berg", "J", "")


@pytest.mark.parametrize(
    ("raw", "organisation"),
    [
        ("{American College of Sports Medicine}", True),
        ("{U.S. Department of Health and Human Services}", True),
        (r"{\'E}mile Zola", False),
        ("American College", False),
    ],
)
def test_only_a_fully_braced_name_is_an_organisation(raw: str, organisation: bool) -> None:
    (person,) = entry(f"  author = {{{raw}}}").authors
    assert person.is_organisation is organisation


def test_and_others_means_et_al_not_a_person() -> None:
    found = entry("  author = {Smith, J. and others}")
    assert [person.display() for person in found.authors] == ["Smith J"]
    assert found.has_more_authors is True
    assert entry("  author = {Smith, J.}").has_more_authors is False


def test_editors_stand_in_for_missing_authors() -> None:
    found = entry("  editor = {Doe, Jane and Roe, R.}", "book")
    assert [person.display() for person in found.authors] == ["Doe J", "Roe R"]
    assert entry("  author = {A, B.},\n  editor = {C, D.}").authors[0].last == "A"
