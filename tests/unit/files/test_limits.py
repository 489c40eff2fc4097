"""The limits on pages: exact where YAML is counted, on the safe side for Markdown, and fast."""

from __future__ import annotations

from collections.abc import Callable

import markdown
import pytest
import yaml

from evidence_guides.files.limits import Limits, markdown_refusal, page_refusal, yaml_refusal
from tests.support.scaling import assert_linear

LIMITS = Limits()
DEPTH = LIMITS.yaml_depth


def nested_mapping(levels: int, step: int = 1) -> str:
    """YAML whose deepest mapping is ``levels`` deep, indented ``step`` more per level."""
    return "".join(" " * (step * level) + f"k{level}:\n" for level in range(levels - 1)) + (
        " " * (step * (levels - 1)) + "last: 1\n"
    )


def yaml_depth(text: str) -> int:
    """The depth PyYAML's composer reaches (the thing that recurses)."""
    deepest = depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


@pytest.mark.parametrize(
    "make",
    [
        lambda n: nested_mapping(n),
        lambda n: nested_mapping(n, 2),
        lambda n: "a:\n" + "- " * (n - 1) + "x\n",  # compact sequences on one line
        lambda n: "a: " + "[" * (n - 1) + "]" * (n - 1) + "\n",  # flow
        lambda n: (
            "".join("  " * i + ("- b:\n" if i else "a:\n") for i in range(n // 2))
            + "  " * (n // 2)
            + "- x\n"
        ),  # indentless sequences: two levels per step
    ],
)
def test_yaml_depth_is_exact_at_the_limit(make) -> None:
    for levels in range(DEPTH - 2, DEPTH + 3):
        text = make(levels)
        refused = yaml_refusal(text, LIMITS) is not None
        assert refused == (yaml_depth(text) > DEPTH), (levels, yaml_depth(text))


def test_deep_yaml_is_refused_where_it_passes_the_limit() -> None:
    text = "title: x\nd:\n" + "- " * 100_000 + "x\n"
    offset, message = yaml_refusal(text, LIMITS, "front-matter")
    assert message == (
        "front-matter nests more than 50 levels deep"
        " (set plugins.evidence.limits.yaml_depth to raise the limit)"
    )
    assert text[:offset].count("\n") == 2  # on the line that opens the 51st level


DEEP_FLOW = {
    "balanced": lambda n: "d: " + "[" * n + "]" * n + "\n",
    "quoted brackets": lambda n: "d: " + '["]", ' * n + "x" + "]" * n + "\n",  # they hide nothing
    "never closed": lambda n: "d: " + "[" * n + "\n",
}


@pytest.mark.parametrize("deep_flow", DEEP_FLOW.values(), ids=DEEP_FLOW.keys())
def test_deep_flow_is_refused_at_the_level_past_the_limit_in_linear_time(
    deep_flow: Callable[[int], str],
) -> None:
    text = deep_flow(100_000)
    offset, message = yaml_refusal(text, LIMITS)
    assert text[offset] == "[" and text[: offset + 1].count("[") == DEPTH  # the root is one
    assert message.startswith("YAML nests more than 50 levels deep")
    assert_linear(lambda text: yaml_refusal(text, LIMITS), deep_flow, 25_000)


def billion_laughs(levels: int = 9) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\ntitle: *a{levels}\n"


def test_aliases_are_counted_as_expanded() -> None:
    offset, message = yaml_refusal(billion_laughs(), LIMITS)
    assert "aliases (*name) repeat more than 1,000 nodes" in message
    assert "yaml_alias_nodes" in message
    # a1 repeats 9 x 10 nodes, a2 9 x 91 (909 in all), and a3's first alias 820 more
    assert billion_laughs()[:offset].count("\n") == 3


def test_a_few_aliases_are_fine() -> None:
    text = "base: &base {a: 1, b: 2}\none: *base\ntwo: *base\n"
    assert yaml_refusal(text, LIMITS) is None
    assert yaml_refusal(text, Limits(yaml_alias_nodes=5)) is not None  # 2 x 3 nodes


@pytest.mark.parametrize(
    "text",
    [
        "a: |\n" + "".join(" " * (2 + i) + "code\n" for i in range(200)),  # deep, but text
        "a: 'Q&A, *emphasis* and [brackets]'\n",
        "nav:\n  - Home: index.md\n  - Guides:\n      - guides/a.md\n",
        "a: [unclosed\n",  # not YAML: whoever reads it stops there too
    ],
)
def test_yaml_within_the_limits(text: str) -> None:
    assert yaml_refusal(text, LIMITS) is None


def list_page(levels: int, indent: str = "    ") -> str:
    return "# Deep\n\n" + "\n".join(indent * i + "- item" for i in range(levels)) + "\n"


@pytest.mark.parametrize(
    "make",
    [
        list_page,
        lambda n: "".join("- " if i % 2 else "> " for i in range(n)) + "x\n",
        lambda n: "\n".join("    " * i + "!!! note" for i in range(n)) + "\n" + "    " * n + "x\n",
        lambda n: '<div markdown="1">\n\n' * n + "x\n\n" + "</div>\n\n" * n,
    ],
)  # fmt: skip
def test_markdown_at_the_limit_converts_and_past_it_is_refused(make) -> None:
    limit = LIMITS.markdown_depth
    assert markdown_refusal(make(limit), 0, LIMITS) is None
    converter = markdown.Markdown(extensions=["admonition", "md_in_html", "attr_list", "toc"])
    converter.convert(make(limit))  # no RecursionError
    found = markdown_refusal(make(limit + 1), 0, LIMITS)
    assert found is not None
    assert found[1] == (
        "Markdown nests lists, quotes or indented blocks more than 50 levels deep"
        " (set plugins.evidence.limits.markdown_depth to raise the limit)"
    )


def test_plain_html_and_closed_markdown_elements_do_not_add_up() -> None:
    html = "<div>\n" * 200 + "</div>\n" * 200
    balanced = '<div markdown="1">\n<div>x</div>\n</div>\n' * 100
    code = "```\n" + "\n".join(" " * (4 * i) + "x" for i in range(50)) + "\n```\n"
    for text in (html, balanced, code):
        assert markdown_refusal(text, 0, LIMITS) is None


def test_a_fence_hides_nothing() -> None:
    """Without fenced_code (this site's case), a fence is no fence: what follows is Markdown."""
    assert markdown_refusal("```\n" + list_page(60) + "```\n", 0, LIMITS) is not None


def test_markdown_elements_are_bounded_in_all() -> None:
    """Closing tags Markdown does not see (in a comment, in code) cannot hide the nesting."""
    hidden = '<div markdown="1">\n\n<!--\n</div>\n-->\n\n' * 101
    _, message = markdown_refusal(hidden, 0, LIMITS)
    assert message.startswith("Markdown has more than 100 HTML elements with a markdown attribute")


def test_a_page_names_the_line_in_the_file() -> None:
    page = "---\ntitle: x\nd: " + "[" * 60 + "]" * 60 + "\n---\n\nBody.\n"
    assert page_refusal(page, LIMITS)[:2] == (3, 53)
    page = "---\ntitle: x\n---\n\n" + list_page(60)  # the list starts on line 7
    assert page_refusal(page, LIMITS)[:2] == (57, 1)


def test_a_body_starting_with_a_yaml_block_is_markdown() -> None:
    page = "---\ntitle: x\n---\n---\nd: " + "[" * 60 + "]" * 60 + "\n---\n"
    assert page_refusal(page, LIMITS) is None  # MkDocs reads only the first block as YAML


# Each builder makes a page of about ``size`` characters: judged at 50,000 and 200,000.
HOSTILE_PAGES = {
    "open flow lists": lambda size: "---\n" + "a: [\n" * (size // 5) + "---\n",
    "compact sequences": lambda size: "---\n" + "- " * (size // 2) + "\n---\n",
    "anchors and aliases": lambda size: "---\n" + "&a *a " * (size // 6) + "\n---\n",
    "block quotes": lambda size: "> " * (size // 2),
    "indented list items": lambda size: "\n".join(" " * 49 + "- x" for _ in range(size // 52)),
    "markdown elements": lambda size: "<div markdown>\n" * (size // 15),
    "link openers": lambda size: "[" * size,
    "link openers on lines": lambda size: "[a\n" * (size // 3),
    "tag openers in items": lambda size: "- <a\n" * (size // 5),
}


@pytest.mark.parametrize("hostile_page", HOSTILE_PAGES.values(), ids=HOSTILE_PAGES.keys())
def test_hostile_pages_are_judged_in_linear_time(hostile_page: Callable[[int], str]) -> None:
    assert_linear(lambda page: page_refusal(page, LIMITS), hostile_page, 50_000)


def guide(paragraphs: int) -> str:
    return (
        "---\ntitle: Plank\nmuscles:\n  - {name: Rectus abdominis, role: stabilizer}\n"
        "faq:\n  - q: How long?\n    a: Until form fails [@garber2011].\n---\n\n"
        + "A paragraph [@garber2011].\n\n- a list\n    - nested\n\n"
        * paragraphs
    )


def test_a_guide_within_the_limits_is_judged_in_linear_time() -> None:
    """What a guide costs in absolute terms is a figure for benchmarks/ (the build's overhead)."""
    assert page_refusal(guide(30), LIMITS) is None
    assert_linear(lambda page: page_refusal(page, LIMITS), guide, 30)


# --- link and tag openers ---------------------------------------------------------------------

OPENERS = LIMITS.markdown_openers


def test_one_paragraph_may_hold_the_limits_openers_and_no_more() -> None:
    assert markdown_refusal("See " + "[" * OPENERS, 0, LIMITS) is None
    offset, message = markdown_refusal("Intro.\n\nSee " + "<b" * (OPENERS + 1), 0, LIMITS)
    assert offset == len("Intro.\n\n")
    assert message.startswith(f"Markdown holds {OPENERS + 1:,} openers in one paragraph")
    assert message.endswith("(set plugins.evidence.limits.markdown_openers to raise the limit)")


def test_a_paragraph_is_counted_across_its_lines_and_a_list_item_by_item() -> None:
    """Python-Markdown converts a paragraph's lines as one text, and each list item apart."""
    lines = "\n".join("[x](y) " * 10 for _ in range(OPENERS // 10 + 1))
    assert markdown_refusal(lines, 0, LIMITS) is not None
    items = "\n".join("- [Guide](guide.md)" for _ in range(10 * OPENERS))
    assert markdown_refusal(items, 0, LIMITS) is None


def test_many_paragraphs_count_by_the_square_of_each() -> None:
    """A page of ordinary paragraphs is far within; thousands of crowded ones are not."""
    ordinary = "A claim [@smith2019] and another [@lee2020; @kim2021].\n\n" * 20_000
    assert markdown_refusal(ordinary, 0, LIMITS) is None
    crowded = ("[" * 100 + "\n\n") * ((OPENERS // 100) ** 2 + 1)
    assert markdown_refusal(crowded, 0, LIMITS) is not None


def test_escaped_brackets_a_lone_less_than_and_closing_tags_are_not_openers() -> None:
    text = "Rest < 90 s; write \\[ for a bracket.</b> " * OPENERS
    assert markdown_refusal(text, 0, LIMITS) is None


@pytest.mark.parametrize(
    "crowded",
    [
        "``x`" * OPENERS,  # code spans: each run of backticks is looked for to the end
        "*_" * OPENERS,  # emphasis
        "??? note\n    Hold it.\n" * (OPENERS + 1),  # details blocks, over the page
        "!!! tip\n    Breathe.\n\n" * (OPENERS + 1),  # admonitions, over the page
    ],
)
def test_code_spans_emphasis_and_blocks_are_openers_too(crowded: str) -> None:
    assert markdown_refusal(crowded, 0, LIMITS) is not None


def test_a_closed_fence_and_a_list_s_wrapped_items_are_not_one_paragraph() -> None:
    fence = "```json\n[" + ",".join("[1, 2]" for _ in range(OPENERS)) + "]\n```\n"
    assert markdown_refusal(fence, 0, LIMITS) is None
    wrapped = "\n".join(f"- [Guide {n}](g{n}.md)\n  how it differs" for n in range(OPENERS))
    assert markdown_refusal(wrapped, 0, LIMITS) is None


def test_a_fence_that_does_not_close_before_a_blank_line_is_no_code() -> None:
    """A converter without the fenced-code extension reads it as a paragraph."""
    unclosed = "```\n" + "[" * (OPENERS + 1) + "\n\n```\n"
    assert markdown_refusal(unclosed, 0, LIMITS) is not None
    span_first = "```x``` " + "[" * (OPENERS + 1) + "\n```\n"  # a code span, then brackets
    assert markdown_refusal(span_first, 0, LIMITS) is not None

    # Fences with no closing line: each is looked for once, not at every line after it.
    def fences(size: int) -> str:
        return "```x\n" * (size // 5)

    assert_linear(lambda text: markdown_refusal(text, 0, LIMITS), fences, 50_000)
