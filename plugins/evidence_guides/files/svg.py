"""Whether an SVG (or other XML) file the site publishes could run script when a reader opens it.

An SVG shown through ``<img>`` runs nothing, but the same file opened at its own
address (a social preview's image, "open image in new tab", an image search)
is a document of the site's origin, and its script runs there; an ``.xml`` or
``.xhtml`` file is one too. Figures come from outside the project (a credit and
a licence say so), so such a file is published only when it holds nothing that
runs or loads a document.

It is read as a browser reads it, by an XML parser (expat, whose limits stop
entity bombs), not by patterns over its text: a namespace prefix of any name
(``<_x:script>``), an entity that spells a handler, a comment inside a token
are what the browser sees after parsing, and so what is checked. Only UTF-8 is
read: a UTF-16 file, or one declaring another encoding (ISO-2022-JP drops its
escape sequences inside a word), would be a text the check did not see. Then
every element and attribute, whatever its namespace, is checked against what
can run script: script, frame and plug-in elements, ``on...`` handlers (and an
animation that sets one), ``javascript:`` addresses, ``data:`` addresses of
documents, and a stylesheet processing instruction (an XSLT transform).
``<foreignObject>`` is allowed (diagram tools write their labels in it); what it
holds is checked like the rest.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

_ACTIVE_ELEMENTS = frozenset(
    {"script", "iframe", "frame", "frameset", "embed", "object", "applet", "portal"}
    | {"handler", "listener", "base", "meta", "link"}
)
_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
_UTF8 = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
_STYLESHEET_RE = re.compile(r"<\?\s*xml-stylesheet", re.IGNORECASE)
_SPACE_RE = re.compile(r"[\x00-\x20\x7f]+")
_SCRIPT_SCHEME_RE = re.compile(r"(?:java|vb|live)script:")
# Data addresses of documents and scripts; images and fonts are what figures embed.
_DOCUMENT_DATA_RE = re.compile(
    r"data:(?:text/(?:html|xml|javascript|ecmascript)|application/(?:xhtml\+xml|xml"
    r"|javascript|ecmascript))"
)


def svg_active_content(data: bytes) -> str | None:
    """What in SVG or XML ``data`` could run script, in a few words; None when nothing could."""
    unread = _unread_encoding(data)
    if unread is not None:
        return unread
    if _STYLESHEET_RE.search(data.decode("utf-8")) is not None:
        return "holds a stylesheet instruction (<?xml-stylesheet?>), which can run a transform"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"is not well-formed XML ({error}), so no browser shows it as a figure"
    for element in root.iter():
        name = _local(element.tag)
        if name.lower() in _ACTIVE_ELEMENTS:
            return f"holds a <{name}> element"
        for attribute, value in element.attrib.items():
            problem = _attribute_problem(_local(attribute), value)
            if problem is not None:
                return problem
    return None


def _unread_encoding(data: bytes) -> str | None:
    """Why ``data`` is not text this check reads as a browser would (UTF-8); None when it is."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return "is not UTF-8 text (UTF-16?): save it as UTF-8"
    declared = _ENCODING_RE.match(data)
    if declared is not None and declared.group(1).decode("ascii", "replace").lower() not in _UTF8:
        shown = declared.group(1).decode("ascii", "replace")
        return f"declares the encoding {shown!r}: save it as UTF-8"
    if b"\x1b" in data:
        return "holds an escape character (ESC), which some encodings drop inside a word"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"is not UTF-8 text (byte {error.start}): save it as UTF-8"
    return None


def _attribute_problem(name: str, value: str) -> str | None:
    lowered = name.lower()
    if lowered.startswith("on"):
        return f"holds an event handler ({name}=)"
    squeezed = _SPACE_RE.sub("", value).lower()
    if lowered == "attributename" and squeezed.startswith("on"):
        return f"holds an animation that sets an event handler ({value.strip()})"
    if (scheme := _SCRIPT_SCHEME_RE.search(squeezed)) is not None:
        return f"holds a {scheme.group()} address"
    if _DOCUMENT_DATA_RE.search(squeezed) is not None:
        return "holds a data: address of a document or a script"
    return None


def _local(name: str) -> str:
    """An element's or attribute's name without its namespace: ``{uri}script`` is ``script``."""
    return name.rpartition("}")[2].rpartition(":")[2]
