"""SVG files that would run script for a reader who opens them, and drawings that would not."""

from __future__ import annotations

import pytest

from evidence_guides.files.svg import svg_active_content

SVG = 'xmlns="http://www.w3.org/2000/svg"'
XHTML = 'xmlns:h="http://www.w3.org/1999/xhtml"'
# What drawing tools write: a DTD with entities (Illustrator), labels in a foreignObject
# (diagrams.net), fonts and images as data: addresses, "data:" and "on" in captions.
DRAWINGS = [
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/'
    'svg11.dtd" [<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">]>\n'
    f'<svg {SVG} xmlns:x="&ns_ai;" viewBox="0 0 400 300"><title>Knee over toes</title>'
    "<style>@font-face { src: url(data:font/woff2;base64,d09GMgABAAAA) }</style>"
    '<text x="10" y="20">Torque (data: Okafor 2020); one = 3 sets; onset at 40%</text>'
    '<image href="data:image/svg+xml;base64,PHN2Zz4=" width="10" height="10"/>'
    '<a href="https://example.org/method"><path d="M10 10 L390 290"/></a></svg>\n',
    f'<svg {SVG} {XHTML}><switch><foreignObject width="90" height="20">'
    "<h:div>Brace, then lift</h:div></foreignObject><text>Brace</text></switch></svg>",
]


@pytest.mark.parametrize("drawing", DRAWINGS)
def test_a_drawing_from_an_editors_tool_is_published(drawing: str) -> None:
    assert svg_active_content(drawing.encode()) is None


@pytest.mark.parametrize(
    ("svg", "says"),
    [
        (f'<svg {SVG} onload="go()"/>', "holds an event handler (onload=)"),
        (f"<svg {SVG}><rect ONCLICK = 'go()'/></svg>", "holds an event handler (ONCLICK=)"),
        (f"<svg {SVG}><script>go()</script></svg>", "holds a <script> element"),
        # any prefix: XML names may start with "_" or a letter beyond ASCII
        (f'<svg {SVG}><_x:script xmlns:_x="http://www.w3.org/2000/svg"/></svg>', "<script>"),
        (
            f'<svg {SVG}><\u00e9:script xmlns:\u00e9="http://www.w3.org/2000/svg"/></svg>',
            "<script>",
        ),
        (f"<svg {SVG} {XHTML}><foreignObject><h:iframe/></foreignObject></svg>", "<iframe>"),
        (f'<svg {SVG}><a href=" java&#x09;script:go()">x</a></svg>', "javascript: address"),
        (f'<svg {SVG}><set attributeName="href" to="0;javascript:go()"/></svg>', "javascript:"),
        (f'<svg {SVG}><set attributeName="onclick" to="go()"/></svg>', "sets an event handler"),
        (f'<svg {SVG}><use href="data:text/html;base64,PHA+"/></svg>', "data: address of a"),
        # an entity that spells a handler is the handler, once parsed
        (f'<!DOCTYPE svg [<!ENTITY h "go()">]><svg {SVG} onload="&h;"/>', "event handler"),
        (f'<?xml-stylesheet href="x.xsl"?><svg {SVG}/>', "a stylesheet instruction"),
        (f"<svg {SVG}><p>unclosed</svg>", "is not well-formed XML"),
    ],
)
def test_what_runs_or_loads_a_document_is_named(svg: str, says: str) -> None:
    found = svg_active_content(svg.encode())
    assert found is not None and says in found


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (f'<svg {SVG} onload="go()"/>'.encode("utf-16"), "is not UTF-8 text"),
        (
            b'<?xml version="1.0" encoding="ISO-2022-JP"?>'
            + f"<svg {SVG}><sc\x1b(Bript/></svg>".encode(),
            "declares the encoding 'ISO-2022-JP'",
        ),
        (f"<svg {SVG}><sc\x1b(Bript/></svg>".encode(), "holds an escape character"),
        (f"<svg {SVG}><text>\xff</text></svg>".encode("latin-1"), "is not UTF-8 text"),
    ],
)
def test_only_utf8_is_read_as_the_browser_reads_it(data: bytes, says: str) -> None:
    found = svg_active_content(data)
    assert found is not None and says in found


def test_an_entity_bomb_is_refused_by_the_parser_s_limits() -> None:
    entities = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 10))
    bomb = f'<!DOCTYPE svg [<!ENTITY e0 "lol">{entities}]><svg {SVG}>&e9;</svg>'
    found = svg_active_content(bomb.encode())
    assert found is not None and "is not well-formed XML" in found
