"""``unsafe-link``: a link or image whose address runs script or leaves the web.

Only ``http``, ``https``, ``mailto`` and relative addresses (a path, a
fragment) are published. Anything else (``javascript:``, ``vbscript:``,
``data:``...) is reported where it is written, read as a browser would read it
once the page is built: "JaVaScRiPt:", "&#106;avascript:" and "java&#9;script:"
are all ``javascript:``. The site never publishes such a link live (the body's
lose their address, the front-matter's are sanitised); this tells the editor.

What counts as a link: an inline link or image (``[x](url)``, ``![x](url)``),
a reference definition (``[r]: url``) and, in the body, where HTML is kept, an
autolink (``<scheme:...>``) and a URL attribute of an HTML tag (``href``,
``src``, ``action``...). Code and comments are never read. In a front-matter
field HTML is shown as text, so only its Markdown links count.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.text.citations import mask_code
from evidence_guides.text.sanitize import SAFE_SCHEMES, unsafe_url_attributes, url_scheme
from evidence_guides.text.segments import FIELD_SEPARATOR, JoinedFields

if TYPE_CHECKING:
    from evidence_guides.audit.context import SegmentContext
    from evidence_guides.audit.prose import Prose
    from evidence_guides.audit.sink import Sink


# A link's title after its address: "url "title"", "url 'title'", "url (title)".
_TITLE_RE = re.compile(r"""\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*\Z""")
# Markdown's backslash escapes: "javascript\:x" means "javascript:x".
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
# An inline link's target as mask_markdown leaves it: "(" and ")" around blanks.
_MASKED_TARGET_RE = re.compile(r"\]\((\s*)\)")
# "[label]: url" at a line's start, the address possibly on the next line.
_DEFINITION_RE = re.compile(r"[ ]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*(?P<url><[^>\n]*>|\S+)")
_AUTOLINK_RE = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_SHOWN = 60  # characters of an address a message quotes


@dataclass(frozen=True, slots=True)
class UnsafeLink:
    offset: int  # where the address starts in the segment's text
    url: str  # as a browser reads it: escapes and references decoded
    scheme: str


def check(context: SegmentContext, sink: Sink) -> None:
    check_unsafe_links(context.prose, sink)


def check_unsafe_links(prose: Prose, sink: Sink) -> None:
    """Report each link or image in ``prose`` whose scheme is not allowed."""
    if not sink.enabled(rule_ids.UNSAFE_LINK):
        return
    for link in unsafe_links(prose):
        message = (
            f"unsafe link '{_shown(link.url)}': '{link.scheme}:' addresses are not published"
            " (link with http, https, mailto or a relative address)"
        )
        sink.add(rule_ids.UNSAFE_LINK, prose.position(link.offset), message)


def unsafe_links(prose: Prose) -> list[UnsafeLink]:
    """The links of one segment whose scheme is not allowed, in order, once each.

    Inline links are read where the prose's mask blanked their targets. The
    rest is looked for in the text, and read again with code and comments
    masked when something is found (rarely: masking costs a page's reading).
    """
    text = prose.segment.text
    found = {link.offset: link for link in _inline_links(text, prose.masked)}
    body = not prose.segment.is_yaml  # a field's HTML is shown as text
    if _others(text, body=body):
        code_free = _code_masked(prose)
        found.update((link.offset, link) for link in _others(code_free, body=body))
    return [found[offset] for offset in sorted(found)]


def _others(text: str, *, body: bool) -> list[UnsafeLink]:
    """Reference definitions; in the body also autolinks and HTML tags' URL attributes."""
    links = list(_definitions(text))
    if body and "<" in text:
        links.extend(_autolinks(text))
        links.extend(
            UnsafeLink(attribute.value_start, attribute.url, attribute.scheme)
            for attribute in unsafe_url_attributes(text)
        )
    return links


def _inline_links(text: str, masked: str) -> Iterator[UnsafeLink]:
    """``[x](url "title")`` and ``![x](url)``, found where the mask blanked their targets."""
    if "](" not in masked:
        return
    for blank in _MASKED_TARGET_RE.finditer(masked):
        start = blank.start(1)
        target = text[start : blank.end(1)]
        offset = start + len(target) - len(target.lstrip())
        target = target.strip()
        if target.startswith("<"):
            offset += 1
            target = target[1:].split(">", 1)[0]
        elif title := _TITLE_RE.search(target):
            target = target[: title.start()]
        link = _unsafe(target, offset)
        if link is not None:
            yield link


def _definitions(text: str) -> Iterator[UnsafeLink]:
    """``[r]: url``: each line holding "]:" is read from its start."""
    lines = {text.rfind("\n", 0, at) + 1 for at in _all(text, "]:")}
    for line in sorted(lines):
        match = _DEFINITION_RE.match(text, line)
        if match is None:
            continue
        url, offset = match.group("url"), match.start("url")
        if url.startswith("<"):
            url, offset = url[1:-1], offset + 1
        link = _unsafe(url, offset)
        if link is not None:
            yield link


def _autolinks(text: str) -> Iterator[UnsafeLink]:
    for match in _AUTOLINK_RE.finditer(text):
        link = _unsafe(match.group("url"), match.start("url"))
        if link is not None:
            yield link


def _all(text: str, needle: str) -> Iterator[int]:
    """Every offset of ``needle`` in ``text``."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _unsafe(written: str, offset: int) -> UnsafeLink | None:
    """The link at ``offset`` when ``written`` (Markdown) names a scheme that is not allowed."""
    url = html.unescape(_ESCAPE_RE.sub(r"\1", written))
    scheme = url_scheme(url)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    return UnsafeLink(offset, url, scheme)


def _code_masked(prose: Prose) -> str:
    """The segment with code and comments blanked; joined fields each on their own."""
    segment = prose.segment
    if isinstance(segment, JoinedFields):
        return FIELD_SEPARATOR.join(mask_code(field.text) for field in segment.fields)
    return mask_code(segment.text)


def _shown(url: str) -> str:
    """The address for a one-line message: control characters escaped, long ones cut."""
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in url)
    return shown if len(shown) <= _SHOWN else f"{shown[: _SHOWN - 3]}..."
