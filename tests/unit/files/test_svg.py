"""SVG files that would run script for a reader who opens them, and drawings that would not."""

from __future__ import annotations

import pytest

from evidence_guides.files.svg import svg_active_content

DRAWING = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"'
    ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' viewBox="0 0 400 300"><title>Knee over toes</title>'
    "<style>.line { stroke: #333; }</style>"
    '<a href="https://example.org/method"><text x="10" y="20">Data: one = 3 sets</text></a>'
    '<image href="data:image/png;base64,iVBORw0KGgo=" width="10" height="10"/>'
    '<path class="line" d="M10 10 L390 290"/></svg>\n'
)


def test_a_drawing_from_an_editors_tool_is_published() -> None:
    assert svg_active_content(DRAWING) is None


@pytest.mark.parametrize(
    ("svg", "says"),
    [
        ('<svg onload="go()"/>', "holds an event handler (onload=)"),
        ("<svg><rect ONCLICK = 'go()'/></svg>", "holds an event handler (onclick=)"),
        ("<svg><script>go()</script></svg>", "holds a <script> element"),
        ("<svg><svg:script/></svg>", "holds a <script> element"),
        ("<svg><foreignObject><p/></foreignObject></svg>", "holds a <foreignobject> element"),
        ('<svg><a href="javascript:go()">x</a></svg>', "holds a javascript: address"),
        ('<svg><a href=" java&#x09;script:go()">x</a></svg>', "holds a javascript: address"),
        ('<svg><set attributeName="href" to="0;javascript:go()"/></svg>', "javascript: address"),
        ('<svg><use href="data:image/svg+xml;base64,PHN2Zz4="/></svg>', "holds a data: address"),
        ("<svg><style>a{fill:url(data:text/html,x)}</style></svg>", "holds a data: address"),
        ('<!DOCTYPE svg [<!ENTITY s "x">]><svg>&s;</svg>', "a DTD's entities"),
        ('<?xml-stylesheet href="x.xsl"?><svg/>', "a stylesheet instruction"),
        ("<svg>&#60;script&#62;go()&#60;/script&#62;</svg>", "written with character references"),
    ],
)
def test_what_runs_or_loads_a_document_is_named(svg: str, says: str) -> None:
    found = svg_active_content(svg)
    assert found is not None and says in found
