"""Reading a group's content: each slip inside brackets, and the corrected form."""

from __future__ import annotations

import pytest

from evidence_guides.audit.malformed.model import Reading
from evidence_guides.audit.malformed.reading import read_content
from tests.unit.audit.malformed.support import DOIS, KEYS, assert_slip, malformed


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
            "import it with 'guides refs add 10.1000/xyz123' and cite its key: [@key]",
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
    ],
)  # fmt: skip
def test_each_slip_is_reported_where_it_starts_with_the_fix(
    text: str, start: str, problem: str, suggestion: str
) -> None:
    assert_slip(text, start, problem, suggestion)


def test_a_cited_key_with_a_look_alike_letter_names_it_and_the_fix() -> None:
    (found,) = malformed("Lifts [@g\u0430rber2011].")
    assert found.message == (
        "malformed citation '[@g\u0430rber2011]': '@g\u0430rber2011' mixes scripts:"
        " '\u0430' (U+0430 CYRILLIC SMALL LETTER A) looks like 'a'"
    )
    assert found.suggestion == "write [@garber2011]"


def read(content: str) -> Reading | None:
    return read_content(content, KEYS, lambda doi: DOIS.get(doi))


def test_content_that_names_no_source_is_no_attempt() -> None:
    assert read("photo: jane") is None
    assert read("1") is None
    assert read(";") is None


def test_a_handle_is_no_evidence_but_a_key_a_pmid_or_a_doi_is() -> None:
    handle = read("@nhsuk")
    assert handle is not None and not handle.evidence and handle.problems == ()
    for evidence in ("@garber2011", "@smith2019", "PMID 21694556", "doi:10.1001/jama.2018.14854"):
        reading = read(evidence)
        assert reading is not None and reading.evidence, evidence


def test_the_reading_of_a_group_with_a_prefix_and_text_that_is_no_source() -> None:
    reading = read("see @a p. 3; and the review")
    assert reading is not None
    assert [problem.message for problem in reading.problems] == [
        "'see' before a source is not read inside brackets",
        "a locator needs a ',' after the source",
        "'and the review' is neither a key nor a PMID",
    ]
    assert reading.corrected() == "see [@a, p. 3]"
    assert reading.outside == ("and the review",)
