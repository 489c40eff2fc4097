"""Prose rules: vague references, mismatches, unsupported claims, citations, mojibake."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.audit.engine import PageInput, audit_page
from evidence_guides.audit.model import AuditSettings
from evidence_guides.findings import Finding, Suggestion, line_and_column
from evidence_guides.store.load import load_bib
from evidence_guides.store.parse import parse_bib

FIXTURES = Path(__file__).parents[2] / "fixtures" / "audit"
STORE = load_bib(FIXTURES / "refs.bib", "references/refs.bib")


def settings(**severities: str) -> AuditSettings:
    return AuditSettings(
        root=Path("."),
        docs_dir=Path("content"),
        bib=Path("references/refs.bib"),
        severities={rule.replace("_", "-"): value for rule, value in severities.items()},
    )


def audit(text: str, store: object = STORE, **severities: str) -> list[Finding]:
    page = PageInput("p.md", text, text, 0, is_guide=False)
    return list(audit_page(page, store, settings(**severities)).findings)  # type: ignore[arg-type]


def found(text: str, rule: str) -> list[Finding]:
    return [finding for finding in audit(text) if finding.rule == rule]


def at(text: str, needle: str) -> tuple[int, int]:
    """The 1-based position of ``needle`` in ``text``, as the audit reports it."""
    return line_and_column(text, text.index(needle))


# --- vague-reference -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "quote"),
    [
        ("Strength improves (Smith, 2019).", "Smith", "(Smith, 2019)"),
        ("Strength improves (Smith 2019).", "Smith", "(Smith 2019)"),
        ("As Smith et al. (2019) showed, it works.", "Smith", "Smith et al. (2019)"),
        ("It works (Smith et al., 2019).", "Smith", "(Smith et al., 2019)"),
        ("Smith and Jones (2019) agree.", "Smith", "Smith and Jones (2019)"),
        ("Smith & Jones (2019a) agree.", "Smith", "Smith & Jones (2019a)"),
        ("It works (Smith, 2019, p. 12).", "Smith", "(Smith, 2019, p. 12)"),
        ("It works (see Smith, 2019).", "Smith", "(see Smith, 2019)"),
        ("It works (Smith, Jones, & Lee, 2019).", "Smith", "(Smith, Jones, & Lee, 2019)"),
        ("Smith (n.d.) says so.", "Smith", "Smith (n.d.)"),
        ("It works (Smith, n.d.).", "Smith", "(Smith, n.d.)"),
        ("American Heart (n.d.) says so.", "American", "American Heart (n.d.)"),
        ("Compendium of Physical (n.d.) lists it.", "Compendium", "Compendium of Physical (n.d.)"),
        ("In Müller (2020) it is.", "Müller", "Müller (2020)"),
        ("O'Brien and Tudor-Locke (2018) say.", "O'Brien", "O'Brien and Tudor-Locke (2018)"),
        ("Smith et al.\n(2019) found it.", "Smith", "Smith et al. (2019)"),
        (
            "Both (U.S. Department of Health, 2018) say.",
            "U.S.",
            "(U.S. Department of Health, 2018)",
        ),
    ],
)
def test_vague_references_are_flagged(text: str, start: str, quote: str) -> None:
    (finding,) = found(text, "vague-reference")
    assert (finding.line, finding.column) == at(text, start)
    assert finding.message == f"vague reference '{quote}' has no key or PMID"
    assert finding.severity == "error"


def test_each_item_of_a_parenthetical_group_is_flagged() -> None:
    text = "It works (Smith & Jones, 2019; Lee, 2020)."
    findings = found(text, "vague-reference")
    assert [(f.line, f.column) for f in findings] == [at(text, "Smith"), at(text, "Lee")]
    assert [f.message for f in findings] == [
        "vague reference 'Smith & Jones, 2019' has no key or PMID",
        "vague reference 'Lee, 2020' has no key or PMID",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The abbreviation n.d. means no date.",
        "Write n.d. (no date) when a source has none.",
        "In 2019 the guidelines changed.",
        "Lower the legs (about 30-45 degrees) at first.",
        "Rest 2-3 days (48-72 hours) between sessions.",
        "The guidelines were updated (2018) for adults.",
        "In March (2019) the study began.",
        "It was revised (Updated 2019).",
        "Cases rose during COVID-19 (2020).",
        "Garber et al. (2011, PMID 21694556) set the dose.",
        "Garber et al. (2011) [@garber2011] set the dose.",
        "Garber et al. (2011), [@garber2011] set the dose.",
        "Garber et al. [@garber2011] set the dose.",
        "The dose is set (Garber et al., 2011, PMID 21694556).",
        "The dose is set (Garber et al., 2011) [@garber2011].",
        "ACSM (n.d.) [@garber2011] sets the dose.",
        "```\nSmith et al. (2019) in code\n```\n",
        "Inline `Smith (2019)` code.",
        "<!-- Smith (2019) in a comment -->",
        "A [link](https://example.org/Smith (2019)) target.",
    ],
)
def test_not_vague(text: str) -> None:
    assert found(text, "vague-reference") == []


def test_an_unresolvable_key_beside_a_mention_is_reported_once_as_unresolved() -> None:
    # The key is the mention's (the label rules' rule 2): what is wrong is the key.
    text = "Smith et al. (2019) [@smith2099] found it."
    assert [finding.rule for finding in audit(text)] == ["unresolved-citation"]


@pytest.mark.parametrize(
    ("text", "key", "pmid"),
    [
        ("Compendium of Physical (n.d.) lists it.", "ainsworth2011", "21681120"),
        ("The Compendium of Physical Activities (2011) lists it.", "ainsworth2011", "21681120"),
        ("American College of Sports Medicine (n.d.) advises it.", "garber2011", "21694556"),
        ("American College (n.d.) advises it.", "garber2011", "21694556"),
        ("ACSM (n.d.) advises it.", "garber2011", "21694556"),
        ("Acsm (n.d.) advises it.", "garber2011", "21694556"),
        ("It is advised (ACSM, 2011).", "garber2011", "21694556"),
        ("Garber et al. (2011) advise it.", "garber2011", "21694556"),
        ("Schoenfeld et al. (2015) found it.", "schoenfeld2015", "25853914"),
        ("Westcott (n.d.) says so.", "westcott2012", "22777332"),
        ("HHS (2018) advises it.", "hhs2018", None),
        ("Physical Activity Guidelines for Americans (n.d.) advise it.", "hhs2018", None),
        ("It is advised (U.S. Department of Health and Human Services, 2018).", "hhs2018", None),
    ],
)
def test_vague_reference_suggests_the_one_entry_meant(
    text: str, key: str, pmid: str | None
) -> None:
    (finding,) = found(text, "vague-reference")
    pmid_text = f" (PMID {pmid})" if pmid else ""
    assert finding.suggestion == Suggestion(f"did you mean [@{key}]{pmid_text}?", key, pmid)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("American Heart (n.d.) says so.", None),  # no such organisation or title
        (
            "Schoenfeld (n.d.) found it.",
            "2 entries match: [@schoenfeld2015] or [@schoenfeld2017]; cite the one meant",
        ),
        (
            "Schoenfeld et al. (2019) found it.",
            "the store has [@schoenfeld2015] or [@schoenfeld2017] (2015, 2017), not 2019",
        ),
        ("Garber et al. (2019) advise it.", "the store has [@garber2011] (2011), not 2019"),
        ("Smith et al. (2019) found it.", None),
        ("Compendium Physical (n.d.) lists it.", None),  # not a prefix of the title
        ("Americans (n.d.) advise it.", None),  # one word is not a title
    ],
)
def test_vague_reference_without_a_unique_match_names_no_key(text: str, note: str | None) -> None:
    """No entry is suggested unless one is clearly meant; the store's near misses are named."""
    (finding,) = found(text, "vague-reference")
    assert finding.suggestion == (None if note is None else Suggestion(note))


# --- citation-mismatch -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "message"),
    [
        (
            "Garber et al. (2012, PMID 21694556) set the dose.",
            "2012",
            "year 2012 does not match garber2011 (2011)",
        ),
        (
            "Garber et al. (2012) [@garber2011] set the dose.",
            "2012",
            "year 2012 does not match garber2011 (2011)",
        ),
        (
            "The dose is set (Garber et al., 2012, PMID 21694556).",
            "2012",
            "year 2012 does not match garber2011 (2011)",
        ),
        (
            "Smith et al. (2011, PMID 21694556) set the dose.",
            "Smith",
            "author 'Smith' does not match garber2011 (first author Garber)",
        ),
        (
            "Smith et al. (2011) [@garber2011] set the dose.",
            "Smith",
            "author 'Smith' does not match garber2011 (first author Garber)",
        ),
        (
            "Smith et al. [@garber2011] set the dose.",
            "Smith",
            "author 'Smith' does not match garber2011 (first author Garber)",
        ),
        (
            "American Heart Association (2018) [@hhs2018] advises it.",
            "American",
            "author 'American Heart Association' does not match hhs2018"
            " (first author U.S. Department of Health and Human Services)",
        ),
    ],
)
def test_mismatched_author_or_year(text: str, start: str, message: str) -> None:
    (finding,) = found(text, "citation-mismatch")
    assert (finding.line, finding.column) == at(text, start)
    assert finding.message == message
    assert finding.severity == "error"


def test_a_wrong_author_and_year_are_one_finding() -> None:
    """The identifier names another work: one problem, said once, at the author."""
    text = "Smith et al. (2012) [@garber2011] set the dose."
    (finding,) = found(text, "citation-mismatch")
    assert (finding.line, finding.column) == at(text, "Smith")
    assert finding.message == (
        "author 'Smith' and year 2012 do not match garber2011 (Garber, 2011)"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Garber et al. (2011, PMID 21694556) set the dose.",
        "Garber and Blissmer (2011) [@garber2011] set the dose.",
        "ACSM (2011) [@garber2011] sets the dose.",
        "American College of Sports Medicine (2011) [@garber2011] sets the dose.",
        "HHS (2018) [@hhs2018] and U.S. Department of Health (2018) [@hhs2018] agree.",
        "Compendium of Physical Activities (2011) [@ainsworth2011] lists it.",
        "The Compendium (n.d.) [@ainsworth2011] lists it.",
        "Ainsworth et al. [@ainsworth2011] list it.",
        "Schoenfeld et al. (2017) [@schoenfeld2015; @schoenfeld2017] found it.",
        "Lower the legs slowly [@garber2011].",
        "Work in Europe [@westcott2012] shows it.",
    ],
)
def test_matching_author_and_year_pass(text: str) -> None:
    assert found(text, "citation-mismatch") == []


# --- unsupported-claim -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Studies show that planks beat crunches.", "Studies show"),
        ("Most research suggests the opposite.", "Most research suggests"),
        ("Research shows it works.", "Research shows"),
        ("The evidence shows it.", "evidence shows"),
        ("Evidence suggests it.", "Evidence suggests"),
        ("Experts agree on this.", "Experts agree"),
        ("Science says so.", "Science says"),
        ("It is clinically proven.", "clinically proven"),
        ("A scientifically\nproven method.", "scientifically\nproven"),
        ("It is proven to work.", "It is proven"),
        ("STUDIES SHOW it.", "STUDIES SHOW"),
        ("Studies show it. Another sentence cites [@garber2011].", "Studies show"),
        ("Cited first [@garber2011]. Then studies show more.", "studies show"),
        ("Cited first [@garber2011]!\nStudies show more.", "Studies show"),
        ("İİİİİİİİİİİİİİİİİİİİİİİİİİİİİİ. Studies show more.", "Studies show"),
    ],
)
def test_unsupported_claims(text: str, phrase: str) -> None:
    (finding,) = found(text, "unsupported-claim")
    assert (finding.line, finding.column) == at(text, phrase)
    assert finding.message == f"'{' '.join(phrase.split())}' with no citation in the same sentence"
    assert finding.severity == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "Studies show [@garber2011] that it works.",
        "Studies show that it works [@garber2011].",
        "Studies show that it works (PMID 21694556).",
        "Studies show it works, as Garber et al. (2011) found.",
        "Studies show, e.g. in trials, that it works [@garber2011].",
        "Studies show that low vs. high loads differ [@schoenfeld2015].",
        "Studies show what Garber et al. recommend [@garber2011].",
        "Studies show it (Smith, 2019).",  # a vague reference: reported as that instead
        "Studies showcase it.",
        "Case studies showed it.",
        "`studies show` in code",
        "```\nStudies show it.\n```\n",
    ],
)
def test_supported_or_not_a_claim(text: str) -> None:
    assert found(text, "unsupported-claim") == []


# --- unresolved-citation and retracted-source ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "suggestion"),
    [
        (
            "Lifts [@smith2099].",
            "smith2099",
            Suggestion("add it to references/refs.bib, e.g. 'guides refs add PMID'"),
        ),
        (
            "Lifts [PMID 99999999].",
            "PMID 99999999",
            Suggestion("import it with 'guides refs add 99999999'", pmid="99999999"),
        ),
        (
            "Lifts, PMID 99999999.",
            "PMID 99999999",
            Suggestion("import it with 'guides refs add 99999999'", pmid="99999999"),
        ),
        (
            "Lifts [@garbr2011].",
            "garbr2011",
            Suggestion("did you mean [@garber2011]?", key="garber2011"),
        ),
    ],
)
def test_unresolved_citations(text: str, label: str, suggestion: Suggestion) -> None:
    (finding,) = found(text, "unresolved-citation")
    assert finding.format().startswith(
        f"p.md:{finding.line}:{finding.column}: unresolved-citation: unresolved citation '{label}'"
    )
    assert (finding.line, finding.column) == at(text, "@" if "@" in text else "PMID")
    assert finding.suggestion == suggestion


def test_resolved_citations_are_not_findings() -> None:
    assert audit("Lifts [@garber2011; PMID 21681120], see PMID 22777332.") == []


@pytest.mark.parametrize("value", ["true", "True", "YES", "1"])
def test_a_cited_retracted_entry(value: str) -> None:
    store = parse_bib(
        f"@article{{k,\n author = {{Doe, J.}},\n title = {{T}},\n year = {{2010}},\n"
        f" doi = {{10.5555/x}},\n retracted = {{{value}}},\n}}\n",
        "refs.bib",
    )
    text = "First line.\nAs shown [@k] and PMID 1."
    (finding,) = [f for f in audit(text, store) if f.rule == "retracted-source"]
    assert (finding.line, finding.column) == at(text, "@k")
    assert finding.message == "cited source 'k' is marked retracted in refs.bib"


@pytest.mark.parametrize("value", ["false", "no", "0", ""])
def test_not_retracted(value: str) -> None:
    store = parse_bib(f"@article{{k,\n retracted = {{{value}}},\n}}\n", "refs.bib")
    assert [f for f in audit("As shown [@k].", store) if f.rule == "retracted-source"] == []


# --- mojibake --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "bad", "repaired"),
    [
        ("Itâ€™s a cafÃ©", "â€™", "It\u2019s a café"),
        ("Plain start, then cafÃ© and crÃ¨me.", "Ã©", "Plain start, then café and crème."),
        ("The pause β€” one second.", "β€”", "The pause — one second."),
        ("â€œQuotedâ€\x9d text", "â€œ", "“Quoted” text"),
        ("Heat to 90Â°C.", "Â°", "Heat to 90°C."),
    ],
)
def test_mojibake_is_flagged_with_the_repaired_line(line: str, bad: str, repaired: str) -> None:
    text = f"A clean first line.\n\n{line}\n"
    (finding,) = found(text, "mojibake")
    assert (finding.line, finding.column) == at(text, bad)
    assert finding.message == f"'{bad}' is UTF-8 text decoded with the wrong encoding (mojibake)"
    assert finding.suggestion == Suggestion(f"replace with: {repaired}")


@pytest.mark.parametrize(
    "text",
    [
        "naïve résumé — “quoted” 5\u201310 cm, 90°, µg, ±2, ½, 3\u00d710",
        "Café in São Paulo; Straße in Köln; Ångström; Øresund; Łódź; Dvořák",
        "Greek: πλάτος, Ωμέγα. Russian: привет, мир.",
        "It\u2019s fine — really… \u2018single\u2019 and «guillemets».",
        "```\nItâ€™s code, shown as it is\n```\n",
        "Inline `cafÃ©` code.",
    ],
)
def test_correct_text_is_not_mojibake(text: str) -> None:
    assert found(text, "mojibake") == []


def test_mojibake_in_front_matter_is_flagged() -> None:
    text = "---\ntitle: CafÃ© workout\n---\n\nBody.\n"
    body_offset = text.index("\nBody") + 1
    page = PageInput("p.md", text, text[body_offset:], body_offset, is_guide=False)
    (finding,) = audit_page(page, STORE, settings()).findings
    assert (finding.rule, finding.line, finding.column) == ("mojibake", 2, 11)
    assert finding.suggestion == Suggestion("replace with: title: Café workout")


# --- severities ------------------------------------------------------------------------------


def test_severity_override_and_off() -> None:
    text = "Smith (2019) says so. Studies show it."
    assert {(f.rule, f.severity) for f in audit(text)} == {
        ("vague-reference", "error"),
        ("unsupported-claim", "warning"),
    }
    relaxed = audit(text, vague_reference="warning", unsupported_claim="error")
    assert {(f.rule, f.severity) for f in relaxed} == {
        ("vague-reference", "warning"),
        ("unsupported-claim", "error"),
    }
    assert audit(text, vague_reference="off", unsupported_claim="off") == []
