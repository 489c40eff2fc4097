"""Store rules, and finding the entry a written name means without decoding the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.audit.model import AuditSettings
from evidence_guides.audit.rules.store import store_findings, unused_findings
from evidence_guides.store.load import load_bib
from evidence_guides.store.parse import parse_bib

FIXTURES = Path(__file__).parents[2] / "fixtures"
SETTINGS = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))
COMPLETE = "  author = {Doe, J.},\n  title = {T},\n  year = {2020},\n"


def formatted(text: str, settings: AuditSettings = SETTINGS) -> list[str]:
    store = parse_bib(text, "refs.bib")
    return [finding.format() for finding in sorted(store_findings(store, settings))]


def test_a_complete_store_has_no_findings() -> None:
    store = load_bib(FIXTURES / "audit" / "refs.bib", "refs.bib")
    assert store_findings(store, SETTINGS) == []


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        (
            "  title = {T},\n  year = {2020},\n  doi = {10.1000/x},\n",
            [
                "2:1: bib-invalid-entry: 'k' has no author (or editor, organization)",
            ],
        ),
        ("  editor = {Doe, J.},\n  title = {T},\n  year = {2020},\n  doi = {10.1000/x},\n", []),
        ("  organization = {WHO},\n  title = {T},\n  date = {2020-01},\n  isbn = {978},\n", []),
        (
            "  author = {Doe, J.},\n  year = {2020},\n  url = {https://x.test/},\n",
            [
                "2:1: bib-invalid-entry: 'k' has no title",
            ],
        ),
        (
            "  author = {Doe, J.},\n  title = {T},\n  pmid = {123},\n",
            [
                "2:1: bib-invalid-entry: 'k' has no year",
            ],
        ),
        (COMPLETE, ["2:1: bib-invalid-entry: 'k' has no identifier (pmid, doi, url or isbn)"]),
        (
            COMPLETE + "  pmid = {1234567890},\n",
            [
                "6:1: bib-invalid-entry: PMID '1234567890' in 'k' is not a PubMed identifier"
                " (1-9 digits, no leading zero)",
            ],
        ),
        (
            COMPLETE + "  doi = {10.12/x},\n",
            [
                "6:1: bib-invalid-entry: DOI '10.12/x' in 'k' is not a DOI"
                " (expected '10.NNNN/...')",
            ],
        ),
        # The store reports these itself: once, at the configured severity, and a
        # malformed identifier still counts as one.
        (
            COMPLETE + "  pmid = {abc},\n",
            [
                "6:1: bib-invalid-entry: PMID 'abc' in 'k' is not a PubMed identifier"
                " (digits only)",
            ],
        ),
        (
            COMPLETE + "  doi = {doi-less},\n",
            [
                "6:1: bib-invalid-entry: DOI 'doi-less' in 'k' is not a DOI (expected"
                " '10.<prefix>/<suffix>')",
            ],
        ),
    ],
)
def test_entry_checks(fields: str, messages: list[str]) -> None:
    assert formatted(f"\n@article{{k,\n{fields}}}\n") == [f"refs.bib:{m}" for m in messages]


def test_store_findings_are_re_emitted_at_the_configured_severity() -> None:
    text = (
        f"@article{{a,\n{COMPLETE}  doi = {{10.1000/a}},\n}}\n"
        f"@article{{b,\n{COMPLETE}  doi = {{10.1000/a}},\n  doi = {{10.1000/b}},\n}}\n"
        "@article{broken,\n  title = {x\n"
    )
    findings = store_findings(parse_bib(text, "refs.bib"), SETTINGS)
    assert sorted((f.line, f.rule, f.severity) for f in findings) == [
        (7, "bib-duplicate", "error"),  # the same DOI under two keys
        (12, "bib-duplicate", "error"),  # a repeated field: a store warning, here an error
        (14, "bib-invalid-entry", "error"),  # a syntax error
    ]
    relaxed = AuditSettings(
        root=Path("."),
        docs_dir=Path("content"),
        bib=Path("refs.bib"),
        severities={"bib-duplicate": "warning", "bib-invalid-entry": "off"},
    )
    findings = store_findings(parse_bib(text, "refs.bib"), relaxed)
    assert sorted((f.line, f.rule, f.severity) for f in findings) == [
        (7, "bib-duplicate", "warning"),
        (12, "bib-duplicate", "warning"),
    ]


def test_unused_references_point_at_the_entry() -> None:
    store = load_bib(FIXTURES / "audit" / "refs.bib", "references/refs.bib")
    cited = set(store.entries) - {"westcott2012"}
    (finding,) = unused_findings(store, cited, SETTINGS)
    assert (finding.line, finding.severity) == (store.entries["westcott2012"].line, "warning")
    assert finding.message == "'westcott2012' is not cited by any page"


def test_a_pmid_with_a_leading_zero_is_reported_with_the_normalised_form() -> None:
    store = parse_bib(f"@article{{k,\n{COMPLETE}  pmid = {{0021694556}},\n}}\n", "refs.bib")
    (finding,) = store_findings(store, SETTINGS)
    assert finding.format() == (
        "refs.bib:5:1: bib-invalid-entry: PMID '0021694556' in 'k' has a leading zero"
        " (write pmid = {21694556})"
    )


def test_pmid_zero_is_no_pmid() -> None:
    store = parse_bib(f"@article{{k,\n{COMPLETE}  pmid = {{0}},\n}}\n", "refs.bib")
    (finding,) = store_findings(store, SETTINGS)
    assert "PMID '0' in 'k' is not a PubMed identifier" in finding.message


def test_a_duplicate_pmid_written_with_a_leading_zero_is_a_duplicate() -> None:
    text = (
        f"@article{{a,\n{COMPLETE}  pmid = {{21694556}},\n}}\n"
        f"@article{{b,\n{COMPLETE}  pmid = {{021694556}},\n}}\n"
    )
    rules = [finding.rule for finding in store_findings(parse_bib(text, "refs.bib"), SETTINGS)]
    assert rules.count("bib-duplicate") == 1


def test_a_key_mixing_scripts_names_the_look_alike_letter() -> None:
    store = parse_bib(
        f"@article{{g\u0430rber2011,\n{COMPLETE}  doi = {{10.5555/1}},\n}}\n", "r.bib"
    )
    (finding,) = store_findings(store, SETTINGS)
    assert finding.message == (
        "key 'g\u0430rber2011' mixes scripts: '\u0430' (U+0430 CYRILLIC SMALL LETTER A)"
        " looks like 'a'"
    )
    assert finding.suggestion is not None and "'garber2011'" in finding.suggestion.text
