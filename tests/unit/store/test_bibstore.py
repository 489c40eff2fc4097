"""Tests for the BibTeX store: parsing, decoding for display, and findings."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from unittest import mock

import pytest
from pylatexenc.latex2text import LatexNodes2Text

from evidence_guides.files.limits import Limits
from evidence_guides.store import latex
from evidence_guides.store import split as bibsplit
from evidence_guides.store.entry import BibEntry, BibStore
from evidence_guides.store.formatting import format_reference
from evidence_guides.store.identifiers import normalise_doi, normalise_pmid
from evidence_guides.store.load import BibLoadError, load_bib
from evidence_guides.store.names import Person, split_names
from evidence_guides.store.parse import parse_bib

FIXTURES = Path(__file__).parents[2] / "fixtures" / "bib"
ALL_FIXTURES = sorted(FIXTURES.rglob("*.bib"))
DISPLAY_ATTRIBUTES = ("authors", "has_more_authors", "title", "journal", "year")
DISPLAY_ATTRIBUTES += ("volume", "number", "pages", "url")


def entry(fields: str, entry_type: str = "article") -> BibEntry:
    """The one entry ``k`` with the given field lines."""
    store = parse_bib(f"@{entry_type}{{k,\n{fields}\n}}\n", "t.bib")
    found = store.get("k")
    assert found is not None, store.findings
    return found


def formatted(store: BibStore) -> list[str]:
    return [finding.format() for finding in store.findings]


# --- the realistic fixture ------------------------------------------------------------------


@pytest.fixture(scope="module")
def refs() -> BibStore:
    return load_bib(FIXTURES / "refs.bib", "references/refs.bib")


def test_realistic_file_has_no_findings_and_keeps_file_order(refs: BibStore) -> None:
    assert refs.path == "references/refs.bib"
    assert refs.findings == ()
    assert list(refs.entries) == [
        "ainsworth2011",
        "garber2011",
        "schoenfeld2017",
        "westcott2012",
        "hhs2018",
    ]


@pytest.mark.parametrize(
    ("key", "line", "field", "field_line"),
    [
        ("ainsworth2011", 6, "author", 7),
        ("ainsworth2011", 6, "doi", 15),
        ("garber2011", 19, "journal", 22),
        ("hhs2018", 55, "url", 61),
    ],
)
def test_lines_are_one_based(
    refs: BibStore, key: str, line: int, field: str, field_line: int
) -> None:
    found = refs.get(key)
    assert found is not None
    assert found.line == line
    assert found.field_lines[field] == field_line


def test_comments_are_ignored(refs: BibStore) -> None:
    # refs.bib has % comment lines and an @comment block holding an entry.
    assert refs.get("commented_out") is None
    assert len(refs.entries) == 5


def test_string_macro_is_resolved(refs: BibStore) -> None:
    garber = refs.get("garber2011")
    assert garber is not None
    assert garber.fields["journal"] == "Med Sci Sports Exerc"
    assert garber.journal == "Med Sci Sports Exerc"


def test_unquoted_numbers_and_quoted_values(refs: BibStore) -> None:
    garber = refs.get("garber2011")
    assert garber is not None
    assert (garber.year, garber.volume, garber.number) == ("2011", "43", "7")
    assert garber.fields["pages"] == "1334--1359"
    assert garber.pages == "1334-1359"


def test_fields_stay_raw_and_enclosing_braces_go(refs: BibStore) -> None:
    ainsworth = refs.get("ainsworth2011")
    assert ainsworth is not None
    assert ainsworth.fields["title"].startswith("2011 {Compendium} of {Physical}")
    assert ainsworth.title == (
        "2011 Compendium of Physical Activities: a second update of codes and MET values"
    )


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


def test_entry_type_and_field_names_are_lowercased() -> None:
    store = parse_bib("@ARTICLE{Key1,\n  Title = {T},\n  YEAR = 2011\n}\n", "t.bib")
    found = store.get("Key1")
    assert found is not None
    assert found.entry_type == "article"
    assert dict(found.fields) == {"title": "T", "year": "2011"}


def test_entries_are_immutable(refs: BibStore) -> None:
    found = refs.get("westcott2012")
    assert found is not None
    with pytest.raises(TypeError):
        found.fields["title"] = "changed"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.key = "other"  # type: ignore[misc]


# --- LaTeX decoding ---------------------------------------------------------------------------


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


def test_decoding_waits_until_a_display_attribute_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = mock.Mock(wraps=LatexNodes2Text())
    monkeypatch.setattr(latex, "_CONVERTER", spy)
    monkeypatch.setattr(latex, "_ACCENTS", {})
    text = (FIXTURES / "refs.bib").read_text(encoding="utf-8")
    text += '@article{latex,\n  author = {M{\\"u}ller, J.},\n  title = {\\emph{Italic}},\n}\n'
    text += '@article{again,\n  author = {M{\\"u}nch, K.},\n  title = {Plain},\n}\n'

    store = parse_bib(text, "refs.bib")
    spy.latex_to_text.assert_not_called()

    found = store.get("latex")
    assert found is not None
    assert found.title == "Italic"
    assert spy.latex_to_text.call_count == 1
    assert found.title == "Italic"
    assert spy.latex_to_text.call_count == 1  # cached on the entry
    assert found.authors[0].display() == "Müller J"
    assert spy.latex_to_text.call_count == 2
    again = store.get("again")
    assert again is not None
    assert again.authors[0].display() == "Münch K"
    assert spy.latex_to_text.call_count == 2  # an accent is decoded once, then reused


def _converted(raw: str) -> str:
    """What the LaTeX converter alone makes of a value (the reference for every shortcut)."""
    text = latex._CONVERTER.latex_to_text(latex._BARE_PERCENT.sub(r"\\%", raw))
    return " ".join(text.split())


_ACCENT_FORMS = ("{\\%s%s}", "\\%s%s", "\\%s{%s}", "{\\%s{%s}}", "{\\%s %s}", "x\\%s%sy--z")
_SYMBOL_ACCENTS = [
    form % (accent, letter)
    for accent in "`'^\"~=."
    for letter in "aeouAEOUcnszgi"
    for form in _ACCENT_FORMS
]
_WORD_ACCENTS = [
    form % (accent, letter)
    for accent in "vcuHkrdb"
    for letter in "aeouscnzgkrdtAEOUSCNZ"
    for form in ("\\%s{%s}", "{\\%s{%s}}", "{\\%s %s}", "\\%s %s", "a\\%s{%s}b")
]
_LETTERS = [
    form % name
    for name in ["aa", "AA", "o", "O", "ss", "ae", "AE", "oe", "OE", "l", "L", "i", "j"]
    for form in ("{\\%s}", "{\\%s}x", "x{\\%s }y", "\\%s{}", "\\%s x", "\\%s")
]
_MIXED = [
    'M{\\"u}ller and Br{\\"o}nvik',
    '{\\"o}{\\"o}\\"o',
    '\\emph{M{\\"u}ller}',
    '\\"{\\"o}',
    "Caf{\\'e}s in \\textit{Paris}",
    '{\\aa}rhus 50% --- of {\\"o}',
    '\\\\\\"o',
    '{\\"o}$x^2$',
]


@pytest.mark.parametrize("raw", _SYMBOL_ACCENTS + _WORD_ACCENTS + _LETTERS + _MIXED)
def test_accents_decode_as_the_converter_does(raw: str) -> None:
    assert latex.decode_latex(raw) == _converted(raw)


# --- names ------------------------------------------------------------------------------------


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
    from bibtexparser.middlewares.names import split_multiple_persons_names

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


# --- @string macros ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "journal"),
    [
        ('@string{j = "Med Sci Sports Exerc"}\n', "Med Sci Sports Exerc"),
        ("@STRING{J = {Med Sci Sports Exerc}}\n", "Med Sci Sports Exerc"),
        ('@string{med = {Med Sci}}\n@string{j = med # " Sports Exerc"}\n', "Med Sci Sports Exerc"),
        (
            '@string{med = "Med"}\n@string{j = med # { Sci } # "Sports Exerc"}\n',
            "Med Sci Sports Exerc",
        ),
    ],
)
def test_string_macros_resolve_case_insensitively_and_concatenate(
    source: str, journal: str
) -> None:
    store = parse_bib(source + "@article{k,\n  journal = J\n}\n", "t.bib")
    found = store.get("k")
    assert found is not None
    assert found.fields["journal"] == journal
    assert store.findings == ()


def test_standard_month_macros_are_defined() -> None:
    assert entry("  month = jun").fields["month"] == "June"


def test_undefined_macro_is_kept_and_reported() -> None:
    store = parse_bib("@article{k,\n  title = {T},\n  journal = msse\n}\n", "t.bib")
    found = store.get("k")
    assert found is not None
    assert found.fields["journal"] == "msse"
    assert formatted(store) == [
        "t.bib:3:1: bib-invalid-entry: undefined @string macro 'msse' in the value of"
        " 'journal' in 'k'"
    ]


def test_redefined_string_macro_is_a_warning_and_the_later_value_wins() -> None:
    store = parse_bib("@string{j = {Old}}\n@string{J = {New}}\n@article{k, journal = j}\n", "t.bib")
    found = store.get("k")
    assert found is not None
    assert found.journal == "New"
    assert [(f.line, f.rule, f.severity) for f in store.findings] == [
        (2, "bib-duplicate", "warning")
    ]


# --- syntax errors and duplicates -------------------------------------------------------------


def test_syntax_errors_are_reported_at_the_entry_line() -> None:
    store = load_bib(FIXTURES / "syntax_errors.bib", "references/bad.bib")
    # Line 6 opens an entry whose brace never closes; line 12 has no comma after its value.
    assert [(f.line, f.column, f.rule, f.severity) for f in store.findings] == [
        (6, 1, "bib-invalid-entry", "error"),
        (12, 1, "bib-invalid-entry", "error"),
    ]
    assert store.findings[0].message == (
        "BibTeX syntax error: Unexpected block start: `@article`."
        " Was still looking for field-value closing `,` or `}`"
    )
    assert store.findings[1].message == (
        "BibTeX syntax error: cannot read the value of 'title' in 'nocomma'"
        " (missing comma, brace or quote?)"
    )
    assert list(store.entries) == ["good1", "nocomma", "good2"]
    assert store.entries["good2"].line == 16


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("@article{,\n  title = {T}\n}\n", 1, "BibTeX syntax error: @article entry has no key"),
        (
            "\n\n@article{k\n  title = {T}\n}\n",
            3,
            "BibTeX syntax error: Expected comma after entry key, but found =",
        ),
        (
            "% c\n@article{k,\n  title = {T\n",
            2,
            "BibTeX syntax error: Unexpectedly reached end of file.",
        ),
        (
            "@{k,\n  title = {T}\n}\n",
            1,
            "BibTeX syntax error: entry 'k' has no type (@article, ...)",
        ),
    ],
)
def test_syntax_error_findings(source: str, line: int, message: str) -> None:
    store = parse_bib(source, "t.bib")
    assert [(f.line, f.rule, f.severity, f.message) for f in store.findings] == [
        (line, "bib-invalid-entry", "error", message)
    ]
    assert store.entries == {}


def test_duplicate_keys_pmids_and_dois() -> None:
    store = load_bib(FIXTURES / "duplicates.bib", "references/refs.bib")
    assert formatted(store) == [
        "references/refs.bib:6:1: bib-duplicate: duplicate key 'a1' (first defined at line 1)",
        "references/refs.bib:9:1: bib-duplicate: duplicate PMID 21694556: 'b2' and 'a1' (line 1)",
        "references/refs.bib:13:1: bib-duplicate: duplicate DOI"
        " 10.1249/mss.0B013E318213FEFB: 'c3' and 'a1' (line 1)",
    ]
    assert all(f.severity == "error" for f in store.findings)
    # The first definition of a key wins, as in BibTeX.
    assert store.entries["a1"].fields["title"] == "First"


def test_duplicate_field_keeps_the_first_value() -> None:
    store = parse_bib("@article{k,\n  year = {2011},\n  Year = {2012},\n}\n", "t.bib")
    found = store.get("k")
    assert found is not None
    assert found.year == "2011"
    assert formatted(store) == [
        "t.bib:3:1: bib-duplicate: duplicate field 'year' in 'k' (first at line 2;"
        " BibTeX uses the first)"
    ]
    assert store.findings[0].severity == "warning"


def test_keys_differing_only_in_case_are_a_warning() -> None:
    store = parse_bib(
        "@article{Smith2011, title = {A}}\n@article{smith2011, title = {B}}\n", "t.bib"
    )
    assert list(store.entries) == ["Smith2011", "smith2011"]
    assert formatted(store) == [
        "t.bib:2:1: bib-duplicate: key 'smith2011' differs only in case from 'Smith2011' (line 1)"
    ]
    assert store.findings[0].severity == "warning"


def test_findings_are_sorted_by_line() -> None:
    source = (
        "@article{a, pmid = {1}}\n"
        "@article{b, pmid = {1}}\n"
        "@article{a, title = {dup}}\n"
        "@article{c, title = {T}\n"
    )
    store = parse_bib(source, "t.bib")
    assert [f.line for f in store.findings] == [2, 3, 4]


# --- PMID and DOI -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "pmid"),
    [
        ("21694556", "21694556"),
        ("PMID: 21694556", "21694556"),
        ("pmid:21694556", "21694556"),
        (" 21694556 ", "21694556"),
        ("{21694556}", "21694556"),
        ("PMC3000000", None),
        ("n/a", None),
        ("", None),
    ],
)
def test_normalise_pmid(raw: str, pmid: str | None) -> None:
    assert normalise_pmid(raw) == pmid


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("10.1249/MSS.0b013e318213fefb", "10.1249/MSS.0b013e318213fefb"),
        ("https://doi.org/10.1249/MSS.0b013e318213fefb", "10.1249/MSS.0b013e318213fefb"),
        ("http://dx.doi.org/10.1249/MSS.0b013e318213fefb", "10.1249/MSS.0b013e318213fefb"),
        ("doi:10.1249/MSS.0b013e318213fefb", "10.1249/MSS.0b013e318213fefb"),
        ("DOI: 10.1249/MSS.0b013e318213fefb", "10.1249/MSS.0b013e318213fefb"),
        (r"10.1000/a\_b", "10.1000/a_b"),
        ("not a doi", None),
        ("10.1249", None),
        ("", None),
    ],
)
def test_normalise_doi(raw: str, doi: str | None) -> None:
    assert normalise_doi(raw) == doi


def test_entry_identifiers_are_normalised() -> None:
    found = entry(
        "  pmid = {PMID: 21681120},\n  doi = {https://doi.org/10.1249/MSS.0b013e31821ece12}"
    )
    assert (found.pmid, found.doi) == ("21681120", "10.1249/MSS.0b013e31821ece12")


def test_biblatex_pubmed_eprint_is_a_pmid() -> None:
    assert entry("  eprint = {21681120},\n  eprinttype = {pubmed}").pmid == "21681120"
    assert entry("  eprint = {2101.00001},\n  eprinttype = {arxiv}").pmid is None


def test_invalid_identifiers_are_warnings() -> None:
    store = parse_bib("@article{k,\n  pmid = {n/a},\n  doi = {see paper}\n}\n", "t.bib")
    found = store.get("k")
    assert found is not None
    assert (found.pmid, found.doi) == (None, None)
    assert [(f.line, f.rule, f.severity) for f in store.findings] == [
        (2, "bib-invalid-entry", "warning"),
        (3, "bib-invalid-entry", "warning"),
    ]


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


# --- loading files ----------------------------------------------------------------------------


def test_non_utf8_file_names_line_and_column(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(
        b"@article{k,\n  title = {Caf\xc3\xa9},\n"
        b"  author = {M\xc3\xbcller, A. and D\xe9sir\xe9, B.},\n}\n"
    )
    with pytest.raises(BibLoadError) as raised:
        load_bib(bib, "references/refs.bib")
    # Columns count characters, not bytes: the "ü" before it is two bytes.
    assert (
        str(raised.value)
        == "references/refs.bib:3:29: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    )


def test_non_utf8_on_the_first_line_after_a_bom(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(b"\xef\xbb\xbf%\xff\n")
    with pytest.raises(
        BibLoadError,
        match=r"^refs\.bib:1:2: not valid UTF-8 \(byte 0xff\); save the file as UTF-8$",
    ):
        load_bib(bib, "refs.bib")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(b"\xef\xbb\xbf@article{k,\n  title = {Caf\xc3\xa9}\n}\n")
    store = load_bib(bib, "refs.bib")
    assert store.findings == ()
    assert store.entries["k"].title == "Café"
    assert store.entries["k"].line == 1


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(BibLoadError) as raised:
        load_bib(tmp_path / "missing.bib", "references/missing.bib")
    assert str(raised.value) == "references/missing.bib: file not found"


def test_a_folder_is_not_read(tmp_path: Path) -> None:
    with pytest.raises(BibLoadError, match=r"^references: a folder, not a regular file$"):
        load_bib(tmp_path, "references")


def test_parser_failure_becomes_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("internal state\nwith a second line")

    monkeypatch.setattr(bibsplit.bibtexparser, "parse_string", broken)
    # Parenthesised blocks are left to bibtexparser: the fast path gives up on them.
    store = parse_bib("@article(k, title = {T})\n", "t.bib")
    assert formatted(store) == [
        "t.bib:1:1: bib-invalid-entry: BibTeX parser failed: internal state"
    ]
    assert store.entries == {}


# --- robustness -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda path: path.name)
def test_nothing_raises_and_nothing_is_printed(
    path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = load_bib(path, path.name)
    assert not [record for record in caplog.records if record.name.startswith("bibtexparser")]

    for found in store.entries.values():
        for name in DISPLAY_ATTRIBUTES:
            getattr(found, name)
        format_reference(found).plain_text()
    for finding in store.findings:
        assert finding.line >= 1
        assert "\n" not in finding.message

    assert capsys.readouterr() == ("", "")
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_nasty_fixtures_still_yield_the_good_entries() -> None:
    store = load_bib(FIXTURES / "nasty" / "unbalanced_braces.bib", "u.bib")
    assert store.entries["after"].title == "Still read"
    assert {f.line for f in store.findings} == {1, 7}


def test_bibtexparser_logging_is_restored() -> None:
    logger = logging.getLogger("bibtexparser")
    before = logger.level
    parse_bib("@article{k, title = {T}\n", "t.bib")
    assert logger.level == before


# --- limits -----------------------------------------------------------------------------------


def doubling(links: int) -> str:
    """Each @string its predecessor twice: 2**links characters, were it expanded."""
    strings = '@string{s0 = "xxxxxxxx"}\n'
    strings += "".join(f"@string{{s{n} = s{n - 1} # s{n - 1}}}\n" for n in range(1, links))
    return strings + f"@article{{a, author = {{A, B}}, title = s{links - 1}, year = 2000}}\n"


def test_an_at_string_doubling_bomb_is_one_finding_at_its_line() -> None:
    store = parse_bib(doubling(40), "refs.bib")  # a terabyte, had it been expanded
    assert [finding.format() for finding in store.findings] == [
        "refs.bib:15:1: bib-invalid-entry: the value of @string 's14' is longer than 100,000"
        " characters, @string macros expanded"
        " (set plugins.evidence.limits.bib_value_chars to raise the limit)"
    ]
    assert store.entries["a"].fields["title"] == ""


def test_a_long_literal_value_is_refused_too() -> None:
    text = "@article{a, author = {A, B}, title = {" + "x" * 101 + "}, year = 2000}\n"
    store = parse_bib(text, "refs.bib", limits=Limits(bib_value_chars=100))
    assert [finding.line for finding in store.findings] == [1]
    assert "is longer than 100 characters" in store.findings[0].message


def test_all_macros_together_may_add_no_more_than_the_store_may_hold() -> None:
    big = '@string{big = "' + "x" * 60_000 + '"}\n'
    uses = "".join(f"@misc{{k{n}, author = {{A}}, title = big, year = 2000}}\n" for n in range(40))
    store = parse_bib(big + uses, "refs.bib", limits=Limits(store_mb=1))  # 17 uses fit
    assert [finding.line for finding in store.findings] == [19]
    assert "expand to more text than the store may hold" in store.findings[0].message
    assert "store_mb" in store.findings[0].message
    assert store.entries["k16"].fields["title"] == "x" * 60_000
    assert store.entries["k17"].fields["title"] == store.entries["k39"].fields["title"] == ""


def test_a_store_over_its_size_limit_is_refused(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@comment{" + "x" * 2 * 1024 * 1024 + "}\n", encoding="utf-8")
    with pytest.raises(BibLoadError) as error:
        load_bib(bib, "references/refs.bib", limits=Limits(store_mb=1))
    assert str(error.value) == (
        "references/refs.bib: 2 MB, more than the 1 MB the reference store may have"
        " (set plugins.evidence.limits.store_mb to raise the limit)"
    )


def test_the_cache_is_keyed_by_the_limits(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(doubling(16), encoding="utf-8")
    cache = tmp_path / ".cache"
    assert load_bib(bib, "refs.bib", cache_dir=cache).findings
    roomy = Limits(bib_value_chars=10**6)
    assert load_bib(bib, "refs.bib", cache_dir=cache, limits=roomy).findings == ()
