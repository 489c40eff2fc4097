"""Whether an SVG file the site publishes could run script when a reader opens it.

An SVG shown through ``<img>`` runs nothing, but the same file opened at its own
address (a social preview's image, "open image in new tab", an image search)
is a document of the site's origin, and its script runs there. Figures come
from outside the project (a credit and a licence say so), so an SVG is
published only when it holds none of what runs or loads a document: a
``<script>``, an ``on...`` handler, a ``javascript:``, ``vbscript:`` or non-image
``data:`` address, an element that embeds another document, a stylesheet
processing instruction, or a DTD whose entities could spell any of these.

The check is a deny list read over the whole file with its character
references decoded and white space dropped (``java&#x0A;script:`` is
``javascript:`` to a browser); a drawing made by an editor's tool holds none of it.
"""

from __future__ import annotations

import html
import re

_ACTIVE_ELEMENT = re.compile(
    r"<\s*(?:[a-z][\w.-]*:)?(script|foreignobject|iframe|embed|object|handler|listener)\b",
    re.IGNORECASE,
)
_DTD_OR_STYLESHEET = re.compile(r"<!entity|<!doctype[^>\[]*\[|<\?xml-stylesheet", re.IGNORECASE)
# XML needs an attribute's value quoted: an unquoted handler is a document no browser shows.
_HANDLER = re.compile(r"[\s\"'/](on[a-z]+)\s*=\s*[\"']", re.IGNORECASE)
# Read with white space dropped: script addresses anywhere (an <animate>'s list of values
# too), a data: address where an attribute or a CSS url() starts one.
_SCHEME = re.compile(
    r"(javascript|vbscript|livescript):|[=\"';(]data:(?!image/(?:png|jpe?g|gif|webp)[;,])"
)
_SPACE = re.compile(r"[\x00-\x20\x7f]+")


def svg_active_content(text: str) -> str | None:
    """What in SVG ``text`` could run or load a document, in a few words; None when nothing does."""
    if (element := _ACTIVE_ELEMENT.search(text)) is not None:
        return f"holds a <{element.group(1).lower()}> element"
    if _DTD_OR_STYLESHEET.search(text) is not None:
        return "holds a DTD's entities or a stylesheet instruction (<!ENTITY>, <?xml-stylesheet?>)"
    if (handler := _HANDLER.search(text)) is not None:
        return f"holds an event handler ({handler.group(1).lower()}=)"
    decoded = _SPACE.sub("", html.unescape(text)).lower()
    if (scheme := _SCHEME.search(decoded)) is not None:
        return f"holds a {scheme.group(1) or 'data'}: address"
    if _ACTIVE_ELEMENT.search(decoded) or _HANDLER.search(html.unescape(text)):
        return "holds script written with character references"
    return None
