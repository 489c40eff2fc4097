"""The whole search: several slips in one text, what stays silent, and linear time."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.scaling import assert_linear
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
        "Version 10.1 of the [10.1 release], [^note] and [x] and [ ] and [0, 1].",
        "Lifts (@jane; see below) and (@jane and co).",
    ],
)
def test_never_malformed(text: str) -> None:
    assert malformed(text) == []


# --- linear time -----------------------------------------------------------------------------

# Each builder makes a text of about n characters on which a backtracking pattern, or a
# search restarted at every opening, would take quadratic time or worse.
ADVERSARIAL = {
    "brackets": lambda n: "[" * n,
    "citation openings": lambda n: "[@" * (n // 2),
    "open groups": lambda n: "[@a;" * (n // 4),
    "comma-separated keys": lambda n: "@a, " * (n // 4),
    "an open group of keys": lambda n: "[" + "@a, " * (n // 4),
    "a closed group of keys": lambda n: "[" + "@a; " * (n // 4) + "]",
    "parentheses": lambda n: "(" * n,
    "parenthesised openings": lambda n: "(@" * (n // 2),
    "a parenthesised group": lambda n: "(" + "@a; " * (n // 4) + ")",
    "link target openings": lambda n: "](" * (n // 2),
    "at signs": lambda n: "@" * n,
    "keys run together": lambda n: "@a" * (n // 2),
    "dots after a key": lambda n: "@a" + "." * n,
    "stray closings": lambda n: "@a, x]" * (n // 6),
    "pmids": lambda n: "pmid " * (n // 5),
    "PMID digits": lambda n: "[PMID " + "1" * n + "]",
    "a DOI": lambda n: "[doi:10.1234/" + "x" * n,
    "DOIs in open parentheses": lambda n: "(doi:10.1234/x " * (n // 15),
    "DOIs in parentheses": lambda n: "(doi:10.1234/x) " * (n // 16),
    "one parenthesis of DOIs": lambda n: "(" + "doi:10.1234/x; " * (n // 15) + ")",
    "DOIs in a dated parenthesis": lambda n: "(2020, " + "doi:10.1234/x; " * (n // 15) + ")",
    "DOIs after mentions": lambda n: "(2020) doi:10.1234/x " * (n // 21),
    "PubMed addresses": lambda n: "(pubmed.ncbi.nlm.nih.gov/1 " * (n // 27),
    "PMC IDs in a dated parenthesis": lambda n: "(2020, " + "PMC1234; " * (n // 9) + ")",
    "PubMed IDs": lambda n: "PubMed ID " * (n // 10),
    "numbered citations": lambda n: "[1]" * (n // 3),
    "superscripts": lambda n: "strength\u00b9 " * (n // 10),
    "a superscript run": lambda n: "word" + "\u00b9," * (n // 2),
    "a long numbered list": lambda n: "[" + "1, " * (n // 3) + "]",
    "white space in a locator": lambda n: "[@a, x" + " " * n + "y]",
    "white space after a key": lambda n: "[@a" + " " * n + "x]",
    "lines of an open group": lambda n: "[@a\n" * (n // 4),
    "blank-looking lines": lambda n: "\n \n" * (n // 3),
    "locators": lambda n: "[@a, p. 3 " * (n // 10),
}


@pytest.mark.parametrize("adversarial", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_text_is_read_in_linear_time(adversarial: Callable[[int], str]) -> None:
    assert_linear(malformed, adversarial, 2_500)
