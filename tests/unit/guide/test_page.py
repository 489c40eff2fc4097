"""Rendering a page: the body's citations, and the shortcut for plain front-matter fields."""

from __future__ import annotations

import random

import markdown
import pytest

from evidence_guides.guide.frontmatter.model import parse_guide
from evidence_guides.guide.page import plain_paragraph, render_page
from evidence_guides.store.entry import BibStore
from evidence_guides.store.parse import parse_bib
from tests.support.html_safety import scan

# The site's extensions (mkdocs.yml) and the common ones the plugin lets skip the converter.
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "tables"]
EXTENSIONS += ["toc", "footnotes", "def_list", "fenced_code", "pymdownx.superfences"]
EXTENSIONS += ["pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.betterem", "pymdownx.mark"]
EXTENSIONS += ["pymdownx.tilde", "pymdownx.caret", "pymdownx.keys", "pymdownx.critic", "nl2br"]
EXTENSIONS += ["pymdownx.inlinehilite", "pymdownx.highlight", "sane_lists", "pymdownx.snippets"]


@pytest.fixture(scope="module")
def converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


@pytest.fixture
def store() -> BibStore:
    entries = "\n".join(
        f"@article{{{key}, author = {{Author, A.}}, title = {{Title {key}}},"
        f" journal = {{J}}, year = {{2020}}, pmid = {{{pmid}}}}}"
        for key, pmid in [("a", 101), ("b", 102), ("c", 103)]
    )
    return parse_bib(entries, "refs.bib")


# --- plain fields ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lifts the legs by flexing the hip.",
        "5-10 cm (2-4 inches) above the floor; rest only between sets.",
        'The "lower abs" are one muscle: the rectus abdominis.',
        "Müller's variation, with 50% of the load?",
    ],
)
def test_a_plain_sentence_is_a_paragraph(converter: markdown.Markdown, text: str) -> None:
    assert plain_paragraph(text) == f"<p>{text}</p>" == converter.reset().convert(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "- a list item",
        "1. a numbered step",
        "2) another",
        "    indented code",
        " leading space",
        "trailing space ",
        "!!! note",
        "??? note",
        "/// details",
        ": definition",
        "Two\nlines",
        "*emphasis*",
        "`code`",
        "[link](url)",
        "a <b>tag</b>",
        "AT&T",
        "a | table",
        "~~gone~~",
        "==marked==",
        "++ctrl++",
        "^^insert^^",
        "# heading",
        "{: .class }",
        "back\\slash",
        "tab\there",
    ],
)
def test_text_with_markdown_is_left_to_the_converter(text: str) -> None:
    assert plain_paragraph(text) is None


def test_the_shortcut_agrees_with_the_converter(converter: markdown.Markdown) -> None:
    """Whenever the shortcut answers, it answers what the converter does."""
    alphabet = [*"aAz09 .,;:'\"?!()-/%@é—\ue000\ue001", "  ", "--", "...", "1.", "2)", "(c)"]
    alphabet += ["http://x.y", "->", "1/2", "+-", "-->", "!!!", "???", "///", ":smile:"]
    alphabet += ["a@b.com", "\u00a0", "\x02", "\u2028"]
    rng = random.Random(6)
    answered = 0
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        html = plain_paragraph(text)
        if html is not None:
            answered += 1
            assert html == converter.reset().convert(text), repr(text)
    assert answered > 2_000


# --- the body's citations --------------------------------------------------------------------


def test_body_citations_are_placeholders_until_restored(store: BibStore) -> None:
    rendered = render_page(body="Text [@a] and [PMID 102].\n", store=store, render_markdown=str)
    assert "<sup" not in rendered.markdown
    html = rendered.restore(f"<p>{rendered.markdown}</p>")
    assert html.count('<sup class="citations">') == 2
    assert [reference.key for reference in rendered.references] == ["a", "b"]


@pytest.mark.parametrize(
    "line",
    [
        "# Heading [@a]",
        "## Heading [@a]",
        "  ### Heading [@a]",
        "#Heading [@a]",
        "    indented code [@a]",
        "\tindented code [@a]",
    ],
)
def test_citations_in_headings_and_indented_lines_stay_html(store: BibStore, line: str) -> None:
    """A converter reads a heading's text for its id and the table of contents."""
    rendered = render_page(body=f"Intro [@b].\n\n{line}\n", store=store, render_markdown=str)
    heading = rendered.markdown.splitlines()[2]
    assert '<sup class="citations">' in heading
    assert "<sup" not in rendered.markdown.splitlines()[0]


@pytest.mark.parametrize("underline", ["===", "---", "  ----"])
def test_a_setext_heading_keeps_its_citation_html(store: BibStore, underline: str) -> None:
    rendered = render_page(body=f"Heading [@a]\n{underline}\n", store=store, render_markdown=str)
    assert rendered.markdown.startswith('Heading<sup class="citations">')


def test_a_body_holding_the_placeholder_characters_is_rendered_inline(store: BibStore) -> None:
    body = "Typed \ue0000\ue001 by hand, then a citation [@a].\n"
    rendered = render_page(body=body, store=store, render_markdown=str)
    assert '<sup class="citations">' in rendered.markdown
    restored = rendered.restore(rendered.markdown)  # the typed marks stay; titles go in
    assert restored.replace(' title="Author A. Title a. J. 2020."', "") == rendered.markdown
    assert rendered.body.hold(rendered.markdown) == rendered.markdown


def test_restoring_leaves_marks_that_are_not_ours(store: BibStore) -> None:
    rendered = render_page(body="One [@a].\n", store=store, render_markdown=str)
    html = rendered.restore(f"<p>{rendered.markdown} \ue0007\ue001</p>")
    assert html.endswith(" \ue0007\ue001</p>")


# --- a guide's sections ----------------------------------------------------------------------

GUIDE = """\
---
title: Plank
description: Hold a straight line.
level: beginner
last_reviewed: 2026-11-01
muscles:
  - name: Transversus abdominis
    role: stabilizer
    note: Braces the trunk [@c].
  - name: Rectus abdominis
    role: primary
    note: Resists extension [@a].
variations:
  - name: Knee plank
    level: beginner
    how: Knees down [@b].
mistakes:
  - mistake: Hips sag.
    fix: Squeeze the glutes [@c].
faq:
  - q: How long?
    a: Until form fails [@a; @b].
---

Body [@b].
"""


def test_sections_number_their_sources_in_display_order_whenever_they_render(
    store: BibStore,
) -> None:
    """Body first, then muscles by role (primary first), variations, mistakes, the FAQ."""
    rendered = render_page(
        body="Body [@b].\n",
        store=store,
        render_markdown=lambda text: f"<p>{text}</p>",
        parsed=parse_guide(GUIDE, "content/exercises/plank.md"),
    )
    # Numbered before anything but the body is rendered: the list is whole already.
    assert [reference.key for reference in rendered.references] == ["b", "a", "c"]
    sections = rendered.sections
    assert sections is not None and rendered.sections is sections  # rendered once
    primary, stabilizer = sections.muscles
    assert (primary.name, stabilizer.name) == ("Rectus abdominis", "Transversus abdominis")
    assert ">2</a>" in str(primary.note) and ">3</a>" in str(stabilizer.note)
    assert ">1</a>" in str(sections.variations[0].how)
    assert ">3</a>" in str(sections.mistakes[0].fix)
    assert ">1</a>" in str(sections.faq[0].answer) and ">2</a>" in str(sections.faq[0].answer)


def test_the_safety_note_is_numbered_before_the_body(store: BibStore) -> None:
    """The note stands between the summary and the body, so its sources come first."""
    guide = GUIDE.replace("muscles:", "safety: Stop if the back hurts [@c].\nmuscles:", 1)
    rendered = render_page(
        body="Body [@b].\n",
        store=store,
        render_markdown=lambda text: f"<p>{text}</p>",
        parsed=parse_guide(guide, "content/exercises/plank.md"),
    )
    assert [reference.key for reference in rendered.references] == ["c", "b", "a"]
    sections = rendered.sections
    assert sections is not None and sections.safety is not None
    assert str(sections.safety).startswith("<p>Stop if the back hurts")
    assert ">1</a>" in str(sections.safety)


def test_a_guide_without_a_safety_note_has_none(store: BibStore) -> None:
    parsed = parse_guide(GUIDE, "content/exercises/plank.md")
    rendered = render_page(body="Body.\n", store=store, render_markdown=str, parsed=parsed)
    assert rendered.sections is not None and rendered.sections.safety is None


def test_a_page_that_is_not_a_guide_has_no_sections(store: BibStore) -> None:
    rendered = render_page(body="Text [@a].\n", store=store, render_markdown=str)
    assert (rendered.guide, rendered.sections, rendered.related) == (None, None, ())


HOSTILE_GUIDE = """\
---
title: Plank
description: Hold a straight line.
level: beginner
last_reviewed: 2026-11-01
met: {value: 3, cite: "[x](JaVaScRiPt:alert(1)) [@a]"}
muscles:
  - name: Transversus abdominis
    role: stabilizer
    note: "Braces [the trunk](javascript:alert(1)) [@c]."
variations:
  - name: Knee plank
    level: beginner
    how: "*Knees*{: onmouseover=alert(1) } down [@b]."
mistakes:
  - mistake: Hips sag.
    fix: |-
      [Squeeze][r] the glutes [@c].

      [r]: vbscript:x
faq:
  - q: How long?
    a: |-
      Until form fails [@a; @b].
      {: onclick=alert(1) }
---
"""


def test_every_section_is_sanitised_after_its_citations_go_in(
    store: BibStore, converter: markdown.Markdown
) -> None:
    """A field's links, attributes and citations all pass one allowlist, in every section."""
    rendered = render_page(
        body="Body.\n",
        store=store,
        render_markdown=lambda text: converter.reset().convert(text),
        parsed=parse_guide(HOSTILE_GUIDE, "content/exercises/plank.md"),
    )
    sections = rendered.sections
    assert sections is not None
    fields = [str(sections.met), str(sections.muscles[0].note)]
    fields += [str(sections.variations[0].how), str(sections.mistakes[0].fix)]
    fields.append(str(sections.faq[0].answer))
    for html in fields:
        assert scan(html).problems == [], html
        assert '<sup class="citations"><a class="citation" href="#ref-' in html
        assert "script" not in html.lower() and " on" not in html
    assert sections.faq[0].answer.startswith("<p>Until form fails<sup")
