"""Citation scanning: what is a citation, and what is never touched."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from evidence_guides.text.citations import mask_markdown, names_a_source, scan_citations
from tests.support.scaling import assert_linear


def _found(text: str) -> list[str]:
    return [text[c.start : c.end] for c in scan_citations(text)]


def _sources(text: str) -> list[tuple[str, str, str | None]]:
    return [(s.kind, s.value, s.locator) for c in scan_citations(text) for s in c.sources]


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("Lifts [@garber2011].", [("key", "garber2011", None)]),
        ("[@a1; @b-2]", [("key", "a1", None), ("key", "b-2", None)]),
        ("[@smith2019, p. 12]", [("key", "smith2019", "p. 12")]),
        ("[@a, pp. 3-4; @b, fig. 2]", [("key", "a", "pp. 3-4"), ("key", "b", "fig. 2")]),
        ("[@Doe:2020/x.y]", [("key", "Doe:2020/x.y", None)]),
        ("[PMID 21694556]", [("pmid", "21694556", None)]),
        ("[PMID: 21694556]", [("pmid", "21694556", None)]),
        ("[@a; PMID 123]", [("key", "a", None), ("pmid", "123", None)]),
        ("see PMID 21694556 here", [("pmid", "21694556", None)]),
        ("see PMID: 21694556.", [("pmid", "21694556", None)]),
        ("see PMID:21694556.", [("pmid", "21694556", None)]),
        ("[@a;\n@b]", [("key", "a", None), ("key", "b", None)]),
        ("work\n[@a]: then prose", [("key", "a", None)]),
        ("[@a]: a colon after a citation", [("key", "a", None)]),
    ],
)
def test_citation_forms(text: str, sources: list[tuple[str, str, str | None]]) -> None:
    assert _sources(text) == sources


@pytest.mark.parametrize(
    "text",
    [
        "write to editor@example.org or @handle",
        "a decorator:\n\n    @property\n",
        "inline `[@key]` code",
        "double ``code with ` and [@key]`` span",
        "```\n[@fenced]\nPMID 123\n```\n",
        "~~~~python\n[@fenced]\n~~~~\n",
        "- item\n\n    ```\n    [@nested]\n    ```\n",
        "a [@handle](https://example.org/@handle) link",
        "[text](https://example.org/?q=[@key]&PMID=123)",
        "<https://example.org/PMID 1>",
        "[@ref]: https://example.org/definition",
        '[@ref]: https://example.org/definition "A title"',
        "<!-- [@hidden] PMID 123 -->",
        '<a href="https://example.org/[@key]" title="PMID 99">x</a>',
        "[@z][ref-link]",
        "[@a; not a key]",
        "[@a\n\n@b]",
        "the PMIDs 1 and 2",
        "xPMID 12",
        "[see @key]",
        "write to pmid 123 in lower case",
        "[the pmid field]",
    ],
)
def test_never_a_citation(text: str) -> None:
    assert scan_citations(text) == []


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        # "PMID" in any case inside brackets: nobody means anything else by it.
        ("[pmid 21694556]", [("pmid", "21694556", None)]),
        ("[Pmid: 21694556]", [("pmid", "21694556", None)]),
        ("[pMiD:21694556, p. 3]", [("pmid", "21694556", "p. 3")]),
        ("[@a; pmid 42]", [("key", "a", None), ("pmid", "42", None)]),
        # A space (or a tab) between "@" and the key.
        ("[@ garber2011]", [("key", "garber2011", None)]),
        ("[@\tgarber2011, p. 3]", [("key", "garber2011", "p. 3")]),
        ("[@a; @  b]", [("key", "a", None), ("key", "b", None)]),
        # PMID-sized and page-sized numbers after a comma stay apart.
        ("[PMID 1, 12]", [("pmid", "1", "12")]),
        ("[@a, 123456789]", [("key", "a", "123456789")]),
        ("[@a, see x@y.org]", [("key", "a", "see x@y.org")]),
        ("[@a, on the PMID]", [("key", "a", "on the PMID")]),
    ],
)
def test_unambiguous_slips_are_read_as_meant(
    text: str, sources: list[tuple[str, str, str | None]]
) -> None:
    assert _sources(text) == sources


def test_a_space_after_at_keeps_the_offset_at_at() -> None:
    text = "x [@ garber2011; pmid 7]"
    offsets = [s.offset for c in scan_citations(text) for s in c.sources]
    assert [text[offset : offset + 3] for offset in offsets] == ["@ g", "pmi"]


@pytest.mark.parametrize(
    "text",
    [
        # A locator that names a second source: the separator was typed as ",".
        "[@a, @b]",
        "[@a, p. 3, @b]",
        "[@a, -@b]",
        "[@a, PMID 123]",
        "[@a, pmid:123]",
        "[@a, doi:10.1001/jama.2018.14854]",
        "[PMID 21694556, 30418471]",
        "[PMID 21694556, 30418471, 30418472]",
        # What the audit reports as malformed-citation.
        "[@a p. 12]",
        "[@]",
        "[@a;]",
        "[-@a]",
        "[@@a]",
        "[PMID 0021694556]",
        "[PMID 1234567890]",
        "[PMID 0]",
        "[PMID 2169a556]",
        "[PMID]",
        "[doi:10.1001/jama.2018.14854]",
        "(@a)",
        "pmid 21694556",
        "Pmid: 21694556",
        "PMID 021694556",
        "PMID 1234567890",
    ],
)
def test_what_does_not_parse_is_no_citation(text: str) -> None:
    assert not any(c.bracketed for c in scan_citations(text)), text
    assert all(text[c.start : c.end].startswith("PMID") for c in scan_citations(text))


@pytest.mark.parametrize(
    ("locator", "after_pmid", "names"),
    [
        ("@b", False, True),
        ("p. 3 @b", False, True),
        ("p. 3 & @b", False, True),
        ("PMID 12", False, True),
        ("see pmid:12", False, True),
        ("https://doi.org/10.1001/x", False, True),
        ("30418471", True, True),
        ("30418471 30418472", True, True),
        ("30418471", False, False),
        ("p. 12", True, False),
        ("x@y.org", False, False),
        ("the PMID", False, False),
        ("PMIDs", False, False),
        ("doi", False, False),
    ],
)
def test_a_locator_names_a_source(locator: str, after_pmid: bool, names: bool) -> None:
    assert names_a_source(locator, after_pmid=after_pmid) is names


def test_unclosed_fence_protects_to_the_end() -> None:
    assert scan_citations("text [@a]\n```\n[@b]\nno end")[0].sources[0].value == "a"
    assert len(scan_citations("text [@a]\n```\n[@b]\nno end")) == 1


def test_blank_line_stops_inline_code() -> None:
    # A stray backtick must not hide the citations of the next paragraph.
    assert _found("a stray ` here\n\nthen [@a] and `code`") == ["[@a]"]


def test_offsets_point_at_each_source() -> None:
    text = "Intro [@a; @bb, p. 2] and PMID: 42."
    found = scan_citations(text)
    assert [text[s.offset : s.offset + 3] for c in found for s in c.sources] == [
        "@a;",
        "@bb",
        "PMI",
    ]
    assert [c.bracketed for c in found] == [True, False]


def test_citations_in_document_order() -> None:
    text = "PMID 1 then [@a] then [PMID 2] then PMID 3"
    assert _found(text) == ["PMID 1", "[@a]", "[PMID 2]", "PMID 3"]


def test_mask_keeps_length_and_lines() -> None:
    text = "a `code` b\n```\nx [@y]\n```\n<!-- c -->[l](u)"
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert [i for i, ch in enumerate(masked) if ch == "\n"] == [
        i for i, ch in enumerate(text) if ch == "\n"
    ]
    assert "[@y]" not in masked and "code" not in masked and "(u)" not in masked
    assert masked.startswith("a ") and "[l]" in masked


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("[a](u) [@k]", "[a]( ) [@k]"),
        ("[a](x (y) z) [@k]", "[a](       ) [@k]"),
        ("[a](x [b](y) z) [@k]", "[a](          ) [@k]"),
        ("[a](open\n\n[@k](", "[a](open\n\n[@k]("),
        ("(x [a](u)) [@k]", "(x [a]( )) [@k]"),
    ],
)
def test_link_targets_pair_their_parentheses(text: str, kept: str) -> None:
    assert mask_markdown(text) == kept


# Inputs that make a backtracking pattern, or a scan restarted at every
# opening, take quadratic time or worse; each builder makes one of about n characters.
ADVERSARIAL = {
    "brackets": lambda n: "[" * n,
    "citation openings": lambda n: "[@" * (n // 2),
    "comma-separated keys": lambda n: "[" + "@a, " * (n // 4),
    "parentheses": lambda n: "(" * n,
    "link target openings": lambda n: "](" * (n // 2),
    "backticks": lambda n: "``a`" * (n // 4),
    "tags": lambda n: "<a " * (n // 3),
    "comments": lambda n: "<!--" * (n // 4),
    "PMIDs": lambda n: "PMID " * (n // 5),
    "white space in a locator": lambda n: "[@a, x" + " " * n + "y]",
    "dots after a key": lambda n: "[@a" + "." * n + "]",
    "lines of a group": lambda n: "[@a\n" * (n // 4),
}


@pytest.mark.parametrize("adversarial", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_text_is_scanned_in_linear_time(adversarial: Callable[[int], str]) -> None:
    assert_linear(scan_citations, adversarial, 2_500)
