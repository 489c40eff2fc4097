"""The whole search: several slips in one text, what stays silent, and linear time."""

from __future__ import annotations

import time

import pytest

from tests.unit.audit.malformed.support import malformed


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
