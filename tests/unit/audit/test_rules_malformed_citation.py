"""malformed-citation in the audit: reported at its line and column, with the store's keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.audit.engine import PageInput, audit_page
from evidence_guides.audit.model import AuditSettings
from evidence_guides.findings import Finding, line_and_column
from evidence_guides.store.load import load_bib

STORE = load_bib(
    Path(__file__).parents[2] / "fixtures" / "audit" / "refs.bib", "references/refs.bib"
)


def audit(text: str, **severities: str) -> list[Finding]:
    settings = AuditSettings(
        root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"), severities=severities
    )
    page = PageInput("p.md", text, text, 0, is_guide=False)
    return [f for f in audit_page(page, STORE, settings).findings if f.rule == "malformed-citation"]


def test_the_audit_reports_it_at_its_line_and_column() -> None:
    text = "# Title\n\nLifts well\n[@garber2011 p. 1340].\n"
    (finding,) = audit(text)
    assert (finding.line, finding.column) == line_and_column(text, text.index("[@garber"))
    assert finding.severity == "error"
    assert finding.suggestion is not None
    assert finding.suggestion.text == "write [@garber2011, p. 1340]"


def test_the_store_gives_the_key_of_a_dois_entry() -> None:
    (finding,) = audit("Lifts [doi:10.1249/MSS.0b013e318213fefb].")
    assert finding.suggestion is not None and finding.suggestion.text == "write [@garber2011]"


def test_a_store_key_without_brackets_is_reported_and_a_handle_is_not() -> None:
    findings = audit("As @garber2011 showed; follow @nhsuk.")
    assert [finding.message for finding in findings] == [
        "malformed citation '@garber2011': '@garber2011' needs brackets to be cited"
    ]


def test_the_rule_can_be_turned_off_or_suppressed() -> None:
    assert audit("Lifts [@garber2011 p. 3].", **{"malformed-citation": "off"}) == []
    suppressed = "<!-- audit: ignore[malformed-citation] quoting pandoc -->\nLifts (@garber2011).\n"
    assert audit(suppressed) == []


def test_a_draft_guide_is_still_reported() -> None:
    text = (
        "---\ntitle: Plank\ndescription: Hold it.\nlevel: beginner\ndraft: true\n"
        "last_reviewed: 2026-11-01\nfaq:\n  - q: How long?\n"
        "    a: Until form fails (@garber2011).\n---\n\nBody [@garber2011 p. 3].\n"
    )
    settings = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))
    page = PageInput("p.md", text, text[text.index("\nBody") :], text.index("\nBody"), True)
    result = audit_page(page, STORE, settings)
    found = [(f.line, f.column) for f in result.findings if f.rule == "malformed-citation"]
    assert result.is_draft
    assert found == [
        line_and_column(text, text.index("(@")),
        line_and_column(text, text.index("[@")),
    ]


def suggested(text: str) -> tuple[str | None, str | None]:
    """The key and PMID a tool reading the JSON report gets for the one finding on ``text``."""
    settings = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))
    page = PageInput("p.md", text, text, 0, is_guide=False)
    rules = ("malformed-citation", "vague-reference")
    (finding,) = [f for f in audit_page(page, STORE, settings).findings if f.rule in rules]
    assert finding.suggestion is not None
    return finding.suggestion.key, finding.suggestion.pmid


@pytest.mark.parametrize(
    "text",
    [
        "Carries build grip (doi:10.1249/JSR.0b013e31825dabb8).",  # a DOI the store holds
        "Read it at https://doi.org/10.1249/JSR.0b013e31825dabb8 before training.",
        "Carries build grip, https://pubmed.ncbi.nlm.nih.gov/22777332/ says.",  # its PMID
        "Carries build grip [@westcott2012 p. 4].",  # a locator without its comma
        "Carries build grip (@westcott2012).",
        "Carries build grip [PMID 022777332].",
    ],
)
def test_a_fix_naming_one_entry_carries_its_key_and_pmid(text: str) -> None:
    assert suggested(text) == ("westcott2012", "22777332")


def test_a_fix_naming_a_pmid_the_store_lacks_carries_the_pmid_alone() -> None:
    assert suggested("Carries build grip, https://pubmed.ncbi.nlm.nih.gov/31415926/ says.") == (
        None,
        "31415926",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Carries build grip [@westcott2012, @garber2011].",  # two entries: neither is the fix
        "Carries build grip (doi:10.5555/not.in.store).",  # an import, not a key
        "Carries build grip [3].",  # a number names no entry
    ],
)
def test_a_fix_naming_no_single_entry_carries_no_key(text: str) -> None:
    assert suggested(text) == (None, None)
