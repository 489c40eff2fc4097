"""The text a reader sees in an HTML fragment: an FAQ answer's JSON-LD text."""

from __future__ import annotations

import markdown
import pytest

from evidence_guides.guide.numbering import PageCitations
from evidence_guides.store.entry import BibStore
from evidence_guides.store.parse import parse_bib
from evidence_guides.text.html_text import html_to_text

CITATION = '<sup class="citations">[<a class="citation" href="#ref-a" title="A. T.">1</a>]</sup>'


@pytest.fixture(scope="module")
def store() -> BibStore:
    entries = "\n".join(
        f"@article{{{key}, author = {{Author, A.}}, title = {{Title {key}}},"
        f" journal = {{J}}, year = {{2020}}, pmid = {{{pmid}}}}}"
        for key, pmid in [("a", 101), ("b", 102), ("c", 103), ("d", 104)]
    )
    return parse_bib(entries, "refs.bib")


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        ("plain", "plain"),
        ("<p>Hold <strong>30 s</strong>, then <em>rest</em>.</p>", "Hold 30 s, then rest."),
        ('<p>See <a href="../plank/" title="Plank">the plank</a>.</p>', "See the plank."),
        ("<p>un<b>bold</b>ed <code>x</code>y</p>", "unbolded xy"),  # inline tags join words
        ("<p><abbr title='Metabolic equivalent'>MET</abbr> 3.5</p>", "MET 3.5"),
        ('<p>an <img src="x.png" alt="image"> here</p>', "an here"),
    ],
)
def test_tags_are_dropped_and_their_text_kept(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>AT&amp;T</p>", "AT&T"),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<script>alert(1)</script>"),
        ("<p>&quot;core&quot; &#39;abs&#39;</p>", "\"core\" 'abs'"),
        ("<p>it&#8217;s 5&#x2013;10 cm&hellip;</p>", "it\u2019s 5\u201310 cm\u2026"),
        ("<p>&amp;amp; is shown as typed</p>", "&amp; is shown as typed"),
        ("<p>AT&T and &unknown; stay</p>", "AT&T and &unknown; stay"),
        ("<p>a < b and c > d</p>", "a < b and c > d"),
    ],
)
def test_entities_are_decoded_once(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>  a\n\n  b\t\tc  </p>", "a b c"),
        ("\n<p>\none\n</p>\n", "one"),
        ("<p>a&nbsp;&nbsp;b</p>", "a b"),
        ("<p> &nbsp; </p>", ""),
        ("<p>a\u2028b\u2029c</p>", "a b c"),
        ("<p></p><p>  </p>", ""),
    ],
)
def test_white_space_is_collapsed_and_trimmed(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>one</p><p>two</p>", "one two"),
        ("<p>one</p>\n<p>two</p>", "one two"),
        ("<p>a<p>b", "a b"),  # unclosed paragraphs
        ("<div>a</div><div>b</div>", "a b"),
        ("<h2>Title</h2><p>text</p>", "Title text"),
        ("<blockquote><p>quoted</p></blockquote>\n<p>after</p>", "quoted after"),
        ("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>", "A B 1 2"),
        ('<details class="note"><summary>Why</summary><p>Because.</p></details>', "Why Because."),
    ],
)
def test_blocks_are_separated_by_a_space(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<ol><li>first</li><li>second</li></ol>", "first second"),  # no list numbers
        ("<ul><li>a<li>b</ul>", "a b"),
        ("<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>", "a b c d"),
        ("<ul><li><p>a</p><ol><li>b<ul><li>c</li></ul></li></ol></li></ul><p>e</p>", "a b c e"),
        ("<ul>\n<li>a</li>\n</ul>\n<p>b</p>", "a b"),
    ],
)
def test_nested_lists_read_item_by_item(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize("br", ["<br>", "<br/>", "<br />", "<BR>", "<hr>", "<wbr>"])
def test_a_line_break_separates_words(br: str) -> None:
    assert html_to_text(f"<p>one{br}two</p>") == "one two"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (f"<p>Planks help{CITATION}.</p>", "Planks help."),
        (f"<p>a{CITATION} b {CITATION}c</p>", "a b c"),
        ('<p>a<sup class="citations">1<br>2<img src=x></sup> b</p>', "a b"),
        ('<p>a<sup class="x citations y"><a>1</a></sup> b</p>', "a b"),
        ('<p>a<span class="citations"><b><i>1</i></b>,<a>2</a></span> b</p>', "a b"),
        ("<p>10 m<sup>2</sup> of floor</p>", "10 m2 of floor"),  # other superscripts stay
        ('<p>a<sup class="citation-missing">nope?</sup></p>', "anope?"),
    ],
)
def test_citation_numbers_are_left_out(html: str, text: str) -> None:
    """The numbers mean nothing outside the page (the module's docstring)."""
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Planks help [@a].", "Planks help."),
        ("Both [@a; @b] and [PMID 103, p. 4] agree.", "Both and agree."),
        ("First [@a], [@b] then [@c] and [@d].", "First, then and."),
        ("A group [@d; @c; @b; @a].", "A group."),
    ],
)
def test_the_sites_citations_leave_no_numbers(store: BibStore, source: str, text: str) -> None:
    rendered = PageCitations(store).render(source, deferred=True)
    html = rendered.restore(markdown.markdown(rendered.text))
    assert '<sup class="citations">' in html
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>a<!-- hidden --> b</p>", "a b"),
        ("<p>a<!--\ue0000\ue001--></p>", "a"),  # a citation held as a comment
        ("<![CDATA[x]]><p>y</p>", "y"),
    ],
)
def test_comments_are_not_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_markdown_answers_read_as_shown() -> None:
    answer = (
        "Usually, **if** it does not hurt.\n\n"
        "- Stop at *sharp* pain.\n"
        "    - Or at numbness.\n"
        "- See a clinician, e.g. a [physio](https://example.org/).\n\n"
        "| Hold | Rest |\n|---|---|\n| 20 s | 40 s |\n"
    )
    html = markdown.markdown(answer, extensions=["tables"])
    assert html_to_text(html) == (
        "Usually, if it does not hurt. Stop at sharp pain. Or at numbness."
        " See a clinician, e.g. a physio. Hold Rest 20 s 40 s"
    )


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ('<p>a</p><script>var x = "<b>shown?</b>";</script><p>b</p>', "a b"),
        ("<p>a</p>\n<SCRIPT>alert(1)</SCRIPT>b", "a b"),
        ('<script type="application/ld+json">{"name": "x"}</script>', ""),
        ("<p>a</p><style>p { color: red }</style><p>b</p>", "a b"),
        ("<p>a<script>unclosed", "a"),
        ("<template><p>inert</p></template><p>b</p>", "b"),
    ],
)
def test_script_and_style_are_not_text(html: str, text: str) -> None:
    """Code, style sheets and inert templates are never shown to a reader."""
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>one</p>two", "one two"),
        ("<blockquote><p>quoted</p></blockquote>after", "quoted after"),
        ("<ul><li>item</li></ul>after", "item after"),
        ("<table><tr><td>cell</td></tr></table>after", "cell after"),
        ("<dl><dt>Term</dt><dd>Definition</dd></dl>", "Term Definition"),
        ("<h5>Five</h5><h6>Six</h6>", "Five Six"),
        ("<p>a</p><pre><code>x\n  y</code></pre>", "a x y"),
        ("<details><summary>Why</summary>Because.</details>", "Why Because."),
        ("<figure><img src=x><figcaption>Caption</figcaption></figure>text", "Caption text"),
        ("<p>a</p><SCRIPT>alert(1)</SCRIPT>b", "a b"),
    ],
)
def test_a_blocks_end_separates_words_too(html: str, text: str) -> None:
    """A reader sees each block on its own line, whether or not white space follows it."""
    assert html_to_text(html) == text
