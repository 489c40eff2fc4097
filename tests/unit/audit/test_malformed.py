"""malformed-citation: what an editor typing quickly writes instead of a citation."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from evidence_guides.audit.engine import PageInput, audit_page
from evidence_guides.audit.malformed import Malformed, find_malformed
from evidence_guides.audit.model import AuditSettings
from evidence_guides.findings import Finding, line_and_column
from evidence_guides.store.load import load_bib
from evidence_guides.text.citations import mask_markdown, scan_citations

KEYS = frozenset({"garber2011", "piercy2018", "hhs2018", "a", "b"})
DOIS = {"10.1001/jama.2018.14854": "piercy2018"}
STORE = load_bib(
    Path(__file__).parents[2] / "fixtures" / "audit" / "refs.bib", "references/refs.bib"
)


def malformed(text: str) -> list[Malformed]:
    masked = mask_markdown(text)
    citations = scan_citations(text, masked=masked)
    return find_malformed(masked, citations, KEYS, lambda doi: DOIS.get(doi.split(":")[-1]))


def audit(text: str, **severities: str) -> list[Finding]:
    settings = AuditSettings(
        root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"), severities=severities
    )
    page = PageInput("p.md", text, text, 0, is_guide=False)
    return [f for f in audit_page(page, STORE, settings).findings if f.rule == "malformed-citation"]


# --- each kind of slip, where it is reported and what is suggested ---------------------------


@pytest.mark.parametrize(
    ("text", "start", "problem", "suggestion"),
    [
        # A locator without its comma.
        (
            "Lifts [@garber2011 p. 1340].",
            "[@garber2011",
            "a locator needs a ',' after the source",
            "write [@garber2011, p. 1340]",
        ),
        ("Lifts [@garber2011: p. 3].", "[@", "a locator needs a ','", "write [@garber2011, p. 3]"),
        ("Lifts [@a pp. 3-4; @b].", "[@", "a locator needs a ','", "write [@a, pp. 3-4; @b]"),
        # Sources separated by something other than ";".
        (
            "Lifts [@garber2011, @piercy2018].",
            "[@",
            "sources are separated by ';', not ','",
            "write [@garber2011; @piercy2018]",
        ),
        ("Lifts [@a,@b, @garber2011].", "[@", "not ','", "write [@a; @b; @garber2011]"),
        ("Lifts [@a, p. 3, @b].", "[@", "not ','", "write [@a, p. 3; @b]"),
        ("Lifts [@a and @b].", "[@", "not 'and'", "write [@a; @b]"),
        ("Lifts [@a &\n@b].", "[@", "not '&'", "write [@a; @b]"),
        ("Lifts [@a @b].", "[@", "separated by ';'", "write [@a; @b]"),
        ("Lifts [@a, PMID 21694556].", "[@", "not ','", "write [@a; PMID 21694556]"),
        ("Lifts [PMID 21694556, 30418471].", "[P", "not ','", "write [PMID 21694556; PMID 3041"),
        ("Lifts [PMID 21694556 30418471].", "[P", "by ';'", "write [PMID 21694556; PMID 3041"),
        # Parentheses for brackets.
        ("Lifts (@garber2011).", "(@", "square brackets, not parentheses", "write [@garber2011]"),
        ("Lifts (@a; @b).", "(@", "not parentheses", "write [@a; @b]"),
        ("Lifts ( @garber2011, p. 3 ).", "( @", "not parentheses", "write [@garber2011, p. 3]"),
        ("Lifts (@smith2019).", "(@", "not parentheses", "write [@smith2019]"),
        ("Lifts (@garber2011 p. 3).", "(@", "not parentheses", "write [@garber2011, p. 3]"),
        # A store key without brackets (pandoc's in-text citation).
        ("As @garber2011 showed.", "@garber2011", "needs brackets", "write [@garber2011]"),
        ("As @garber2011's review showed.", "@garber2011", "needs brackets", "write [@garber2011]"),
        ("As @garber2011 [p. 33] showed.", "@", "needs brackets", "write [@garber2011, p. 33]"),
        ("(see @garber2011)", "@garber2011", "needs brackets", "write [@garber2011]"),
        # A DOI: not an identifier here.
        (
            "Lifts [doi:10.1001/jama.2018.14854].",
            "[doi",
            "a DOI is not cited directly: the store has it as 'piercy2018'",
            "write [@piercy2018]",
        ),
        (
            "Lifts [DOI 10.1000/xyz123].",
            "[DOI",
            "a DOI is not cited directly",
            "import the article with 'guides refs add PMID' and cite its key: [@key]",
        ),
        ("Lifts [https://doi.org/10.1000/xyz123].", "[h", "a DOI is not cited directly", "import"),
        ("Lifts [10.1000/xyz123].", "[1", "a DOI is not cited directly", "import"),
        # Pandoc's prefixes and author suppression.
        ("Lifts [see @garber2011].", "[see", "'see' before a source", "write see [@garber2011]"),
        ("Lifts [e.g. @a; @b].", "[e.g.", "'e.g.' before a source", "write e.g. [@a; @b]"),
        (
            "Lifts [@garber2011, chap. 2; also @piercy2018].",
            "[@",
            "'also' before a source",
            "write [@garber2011, chap. 2]; also [@piercy2018]",
        ),
        ("Lifts [via @smith2019].", "[via", "'via' before a source", "write via [@smith2019]"),
        ("Lifts [see PMID 21694556].", "[see", "'see' before", "write see [PMID 21694556]"),
        ("Lifts [-@garber2011].", "[-@", "suppressing the author", "write [@garber2011]"),
        # A bracket missing.
        ("Lifts [@garber2011 and more.", "[@", "no closing ']'", "write [@garber2011]"),
        ("Lifts [@a\nover two lines.\n\nThen [@b].", "[@a", "no closing ']'", "write [@a]"),
        ("Lifts [@a [@b].", "[@a", "no closing ']'", "write [@a]"),
        ("Lifts [PMID 21694556, p. 4 and more.", "[P", "no closing ']'", "write [PMID 21694556]"),
        ("Lifts @garber2011].", "@", "no opening '['", "write [@garber2011]"),
        ("Lifts @smith2019 , p. 3].", "@", "no opening '['", "write [@smith2019, p. 3]"),
        # Two groups side by side: Markdown reads a reference link.
        ("Lifts [@a][@b].", "[@a]", "two citations side by side", "write [@a; @b]"),
        # Empty places.
        ("Lifts [@].", "[@]", "'@' without a key", "put the store's key after '@': [@key]"),
        ("Lifts [ @ ].", "[ @", "'@' without a key", "put the store's key"),
        ("Lifts [@garber2011;].", "[@", "a ';' with no source after it", "write [@garber2011]"),
        ("Lifts [;@a].", "[;", "a ';' with no source before it", "write [@a]"),
        ("Lifts [@a;; @b].", "[@", "two ';' with no source between them", "write [@a; @b]"),
        # Keys written wrong.
        ("Lifts [@@garber2011].", "[@", "one '@' too many", "write [@garber2011]"),
        ("Lifts [@garber 2011].", "[@", "a key has no spaces", "write [@garber2011]"),
        ("Lifts [@garber2011.]", "[@", "'.' after the source", "write [@garber2011]"),
        ("Lifts [@a; piercy2018].", "[@", "'piercy2018' needs an '@'", "write [@a; @piercy2018]"),
        ("Lifts [@müller2019].", "[@", "'@müller2019' is not a key", "a key is ASCII letters"),
        (
            "Lifts [@garber2011; and the review].",
            "[@",
            "'and the review' is neither a key nor a PMID",
            "write [@garber2011], with 'and the review' outside the brackets",
        ),
        # PMIDs written wrong, in brackets.
        ("Lifts [PMID].", "[P", "'PMID' without a number", "write [PMID n] with the number"),
        ("Lifts [PMID: ].", "[P", "'PMID' without a number", "write [PMID n]"),
        ("Lifts [PMID 2169a556].", "[P", "'2169a556' is not a PMID", "a PMID is digits only"),
        ("Lifts [PMID 2169O556].", "[P", "letters for digits", "write [PMID 21690556]"),
        ("Lifts [PMID 0021694556].", "[P", "leading zeros", "write [PMID 21694556]"),
        ("Lifts [pmid 021694556].", "[p", "leading zeros", "write [PMID 21694556]"),
        ("Lifts [PMID 1234567890].", "[P", "too long for a PMID", "a PMID has at most 9 digits"),
        ("Lifts [PMID 0].", "[P", "'0' is not a PMID", "copy the PMID from PubMed"),
        ("Lifts [PMID#21694556].", "[P", "not how a PMID is written", "write [PMID 21694556]"),
        ("Lifts [PMID-21694556].", "[P", "not how a PMID is written", "write [PMID 21694556]"),
        ("Lifts [PMID 21694556-7].", "[P", "'PMID 21694556-7' is not a source", "copy the PMID"),
        # PMIDs written wrong, in prose: only "PMID" counts there.
        ("Lifts (pmid 21694556).", "pmid", "only in capitals", "write PMID 21694556"),
        ("Lifts, Pmid: 21694556.", "Pmid", "only in capitals", "write PMID 21694556"),
        ("Lifts, PMID 0021694556.", "PMID", "leading zeros", "write PMID 21694556"),
        ("Lifts, PMID 021694556.", "PMID", "leading zeros", "write PMID 21694556"),
        ("Lifts, PMID 2169a556.", "PMID", "is not a PMID", "a PMID is digits only"),
        ("Lifts, PMID 1234567890.", "PMID", "too long", "a PMID has at most 9 digits"),
        ("Lifts, PMID : 21694556.", "PMID", "written 'PMID 123' or", "write PMID 21694556"),
    ],
)  # fmt: skip
def test_each_slip_is_reported_where_it_starts_with_the_fix(
    text: str, start: str, problem: str, suggestion: str
) -> None:
    found = malformed(text)
    assert len(found) == 1, found
    assert found[0].offset == text.index(start)
    assert found[0].message.startswith("malformed citation '")
    assert problem in found[0].message
    assert found[0].suggestion.startswith(suggestion)


def test_the_message_quotes_the_attempt_on_one_line() -> None:
    (found,) = malformed("Lifts [@a\n  p. 3].")
    assert found.message.startswith("malformed citation '[@a p. 3]': ")
    (long,) = malformed("Lifts [@a " + "word " * 30 + "].")
    assert len(long.message.split("'")[1]) == 60 and long.message.split("'")[1].endswith("…")


def test_several_slips_are_each_reported() -> None:
    text = "[@a p. 3] then (@garber2011) then @piercy2018 then pmid 21694556."
    starts = [found.offset for found in malformed(text)]
    assert starts == [0, text.index("(@"), text.index("@piercy"), text.index("pmid")]


# --- what stays silent -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Citations that parse, including the lenient forms.
        "Lifts [@garber2011]. Also [@a; @b] and [@garber2011, p. 3] and [@a, pp. 3-4; @b, fig. 2].",
        "Lifts [PMID 21694556], [PMID: 21694556], PMID 21694556 and PMID: 21694556.",
        "Lifts [pmid 21694556], [Pmid: 21694556] and [@ garber2011].",
        "Lifts (see [@garber2011]) and (PMID 21694556).",
        "Lifts [@a]: a colon after a citation.",
        # E-mail addresses and handles.
        "Write to editor@example.org or me@garber2011.org, or @handle on social media.",
        "Follow us (@nhsuk) or (@nhsuk, @whonews), [me@example.org] or [photo: @jane].",
        "Ping @a.person or @someone.",
        "A decorator:\n\n    @property\n",
        # Code, comments, links and their targets.
        "Inline `[@garber2011 p. 3]`, `(@garber2011)` and `pmid 123`.",
        "```\n[@garber2011 p. 3] (@garber2011) @garber2011 pmid 123\n```\n",
        "<!-- [@garber2011 p. 3] (@garber2011) @garber2011 pmid 123 -->",
        "A [link](https://example.org/@garber2011) and [x](https://x/@y).",
        "A [@garber2011 p. 3](https://example.org/) link and ![img @2x](a.png).",
        "[@garber2011][ref] is a reference link.\n\n[ref]: https://example.org",
        '<a href="https://x.org/@garber2011" title="pmid 123">x</a>',
        "An escaped \\[@garber2011 p. 3] is meant as it is written.",
        # Prose about PMIDs and DOIs, numbers and brackets that are no citation.
        "Each entry's PMID is checked; the PMIDs and pmid field too; [the PMID field].",
        "A [pmid-based] search, a ?pmid=123 query and the /pmid/123 path.",
        "Version 10.1 of the [10.1 release], [1] and [^note] and [x] and [ ].",
        "Lifts (@jane; see below) and (@jane and co).",
    ],
)
def test_never_malformed(text: str) -> None:
    assert malformed(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "[@a p. 3]", "[@a, @b]", "[@a, p. 3]", "[@a; @b]", "[see @a]", "[@]", "[@a;]", "[;@a]",
        "[PMID]", "[PMID 0]", "[PMID 012]", "[PMID 12]", "[pmid: 12]", "[PMID 2169a556]",
        "[PMID 1, 2]", "[PMID 1, 1234567]", "[@a, PMID]", "[@a, the pmid]", "[@a, x@y.org]",
        "[@a, doi:10.1001/x]", "[doi:10.1001/x]", "[@ a]", "[-@a]", "[@@a]", "[@a.]",
        "[@a b]", "[@a, p. 3 @b]", "[@a; b]", "[@a; b c]", "[PMID#1]", "[@a:b]", "[@a:]",
        "[@a,]", "[ @a ; @b ]", "[@a\n; @b]",
    ],
)  # fmt: skip
def test_a_bracketed_attempt_is_either_a_citation_or_malformed(text: str) -> None:
    """Never both, and never neither: nothing that starts like a citation passes unseen."""
    cited = any(citation.bracketed for citation in scan_citations(text))
    assert cited != bool(malformed(text)), text


# --- in the audit ----------------------------------------------------------------------------


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


# --- linear time -----------------------------------------------------------------------------

ADVERSARIAL = {
    "brackets": "[" * 10_000,
    "citation openings": "[@" * 5_000,
    "open groups": "[@a;" * 2_500,
    "comma-separated keys": "@a, " * 2_500,
    "an open group of keys": "[" + "@a, " * 2_500,
    "a closed group of keys": "[" + "@a; " * 2_500 + "]",
    "parentheses": "(" * 10_000,
    "parenthesised openings": "(@" * 5_000,
    "a parenthesised group": "(" + "@a; " * 2_500 + ")",
    "link target openings": "](" * 5_000,
    "at signs": "@" * 10_000,
    "keys run together": "@a" * 5_000,
    "dots after a key": "@a" + "." * 10_000,
    "stray closings": "@a, x]" * 1_600,
    "pmids": "pmid " * 2_000,
    "PMID digits": "[PMID " + "1" * 10_000 + "]",
    "a DOI": "[doi:10.1234/" + "x" * 10_000,
    "white space in a locator": "[@a, x" + " " * 10_000 + "y]",
    "white space after a key": "[@a" + " " * 10_000 + "x]",
    "lines of an open group": "[@a\n" * 2_500,
    "blank-looking lines": "\n \n" * 3_000,
    "locators": "[@a, p. 3 " * 1_000,
}


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_text_is_read_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    malformed(text)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("text", ["PMID   PMID 0021694556", "See PMID `code` pmid 0021694556"])
def test_a_pmid_word_never_swallows_the_next_pmid(text: str) -> None:
    """Each "PMID" is read from where it starts: the second one's leading zeros are reported."""
    second = text.lower().rindex("pmid")
    assert second in [found.offset for found in malformed(text)]


def test_a_cited_key_with_a_look_alike_letter_names_it_and_the_fix() -> None:
    (found,) = malformed("Lifts [@g\u0430rber2011].")
    assert found.message == (
        "malformed citation '[@g\u0430rber2011]': '@g\u0430rber2011' mixes scripts:"
        " '\u0430' (U+0430 CYRILLIC SMALL LETTER A) looks like 'a'"
    )
    assert found.suggestion == "write [@garber2011]"
