"""Attempts in square brackets: "[@key" left open, "[@a][@b]", and the quote of each."""

from __future__ import annotations

import pytest

from evidence_guides.text.citations import scan_citations
from tests.unit.audit.malformed.support import assert_slip, malformed


@pytest.mark.parametrize(
    ("text", "start", "problem", "suggestion"),
    [
        # A bracket missing.
        ("Lifts [@garber2011 and more.", "[@", "no closing ']'", "write [@garber2011]"),
        ("Lifts [@a\nover two lines.\n\nThen [@b].", "[@a", "no closing ']'", "write [@a]"),
        ("Lifts [@a [@b].", "[@a", "no closing ']'", "write [@a]"),
        ("Lifts [PMID 21694556, p. 4 and more.", "[P", "no closing ']'", "write [PMID 21694556]"),
        # Two groups side by side: Markdown reads a reference link.
        ("Lifts [@a][@b].", "[@a]", "two citations side by side", "write [@a; @b]"),
    ],
)  # fmt: skip
def test_each_slip_is_reported_where_it_starts_with_the_fix(
    text: str, start: str, problem: str, suggestion: str
) -> None:
    assert_slip(text, start, problem, suggestion)


def test_the_message_quotes_the_attempt_on_one_line() -> None:
    (found,) = malformed("Lifts [@a\n  p. 3].")
    assert found.message.startswith("malformed citation '[@a p. 3]': ")
    (long,) = malformed("Lifts [@a " + "word " * 30 + "].")
    assert len(long.message.split("'")[1]) == 60 and long.message.split("'")[1].endswith("…")


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
