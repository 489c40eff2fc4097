"""Parsing: blocks to entries, @string macros, and a finding for everything BibTeX would hide."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from evidence_guides.files.limits import Limits
from evidence_guides.store import split as bibsplit
from evidence_guides.store.entry import BibStore
from evidence_guides.store.formatting import format_reference
from evidence_guides.store.load import load_bib
from evidence_guides.store.parse import parse_bib
from tests.support.bib import FIXTURES, doubling, entry

ALL_FIXTURES = sorted(FIXTURES.rglob("*.bib"))
DISPLAY_ATTRIBUTES = ("authors", "has_more_authors", "title", "journal", "year")
DISPLAY_ATTRIBUTES += ("volume", "number", "pages", "url")


def formatted(store: BibStore) -> list[str]:
    return [finding.format() for finding in store.findings]


# --- the realistic fixture -----------------------------------------------------------------------


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


def test_entry_type_and_field_names_are_lowercased() -> None:
    store = parse_bib("@ARTICLE{Key1,\n  Title = {T},\n  YEAR = 2011\n}\n", "t.bib")
    found = store.get("Key1")
    assert found is not None
    assert found.entry_type == "article"
    assert dict(found.fields) == {"title": "T", "year": "2011"}


# --- @string macros ------------------------------------------------------------------------------


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


# --- syntax errors and duplicates ----------------------------------------------------------------


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


# --- robustness ----------------------------------------------------------------------------------


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


# --- limits --------------------------------------------------------------------------------------


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
