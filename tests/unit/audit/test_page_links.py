"""A page's links into the site, and its anchors as the site's Markdown gives them."""

from __future__ import annotations

import re

import pytest
from markdown import Markdown

from evidence_guides.audit.page_links import internal_links, page_anchors
from evidence_guides.audit.prose import read_prose
from evidence_guides.text.segments import body_segment


def _links(body: str) -> list[tuple[str, str]]:
    """Each link's address, and the text at its offset."""
    prose = read_prose(body_segment(body, body, 0))
    return [(link.url, body[link.offset : link.offset + 6]) for link in internal_links(prose)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[a](plank.md)", [("plank.md", "plank.")]),
        ('[a](plank.md "Plank")', [("plank.md", "plank.")]),
        ("[a](<my page.md>)", [("my page.md", "my pag")]),
        ("[a](plank\\_2.md#x)", [("plank_2.md#x", "plank\\")]),
        ("[a](plank.md?q=1&amp;r=2#faq)", [("plank.md?q=1&r=2#faq", "plank.")]),
        ("[a [nested] b](#x)", [("#x", "#x)")]),
        ("![img](plank.png) and [a](b.md)", [("b.md", "b.md)")]),
        ("[r]: ref.md\n", [("ref.md", "ref.md")]),
        ("[r]: ref.md 'Ref'\n[s]:\n  <s.md>", [("ref.md", "ref.md"), ("s.md", "s.md>")]),
        # A line that goes on after the address is a paragraph, not a definition.
        ("[^3]: Garber CE, Blissmer B. Quantity. 2011;43(7):1334.\n", []),
        ("<A HREF='x.md'>x</A>", [("x.md", "x.md'>")]),
        ("[web](https://x.org/a.md) [abs](/a.md) [mail](mailto:a@b.c) [empty]()", []),
        ("`[code](a.md)` <!-- [c](b.md) -->", []),
    ],
)
def test_links_into_the_site(body: str, expected: list[tuple[str, str]]) -> None:
    assert _links(body) == expected


BODY = """\
# Plank

## How to do it

## How to do it

Intro
=====

## Hold *still* {#hold}

## Breathe, `slowly` & [steadily](x.md)

<span id="tip">a tip</span> <a name="old-anchor"></a>

Paragraph.
{: #para }

```text
## Not a heading
```

    ## indented code, not a heading
"""


def test_anchors_are_the_ids_markdown_gives_the_page() -> None:
    # What MkDocs always adds (toc, tables, fenced_code), and the site's attr_list, md_in_html.
    html = Markdown(extensions=["toc", "attr_list", "md_in_html", "fenced_code", "tables"]).convert(
        BODY
    )
    converted = set(re.findall(r'\b(?:id|name)="([^"]*)"', html))
    assert page_anchors(BODY) == converted
    assert {"how-to-do-it_1", "hold", "breathe-slowly-steadily", "para"} <= converted
