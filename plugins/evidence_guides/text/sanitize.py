"""What reaches a reader: markup made from data is sanitised, and links are checked.

Front-matter text fields (a variation's steps, an FAQ answer, ``met.cite``...)
are data: whoever edits a guide's YAML, or a tool that writes it, must not be
able to put script in front of readers. Their Markdown is converted with raw
HTML escaped, but Markdown alone still makes live markup from data: a link to
``javascript:...``, an ``attr_list`` event handler (``{: onclick=... }``), a
``title`` that Material's tooltips show as HTML. So every field's HTML goes
through :func:`sanitize_html`, an allowlist sanitiser (nh3): only the tags and
attributes fields legitimately produce, only ``http``, ``https``, ``mailto``
and relative URLs.

A page's body is written by editors and keeps its HTML, but no link in it may
run script either: :func:`neutralise_links` drops every URL attribute whose
scheme is not allowed, and the audit reports each one (rule ``unsafe-link``)
at its place in the file.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import nh3
from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
"""The URL schemes a published link or image may have; a relative URL has none."""

ALLOWED_TAGS = frozenset(
    {
        # What Markdown and the site's extensions make of a field's text.
        *("p", "br", "em", "strong", "code", "pre", "blockquote", "hr"),
        *("ul", "ol", "li", "a", "img", "abbr"),
        *("table", "thead", "tbody", "tr", "th", "td"),
        # A citation: <sup class="citations"><a class="citation" ...>, with its
        # locator or a source that did not resolve in a <span>.
        *("sup", "span"),
    }
)
ALLOWED_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "img": frozenset({"src", "alt", "title"}),
    "ol": frozenset({"start"}),
    "span": frozenset({"title"}),
}
"""Per tag; no ``id`` (a field could clobber the page's own), no ``style``, no ``on*``."""
ALLOWED_CLASSES: Mapping[str, frozenset[str]] = {
    "a": frozenset({"citation"}),
    "sup": frozenset({"citations"}),
    "span": frozenset({"citation-locator", "citation-missing"}),
}
"""The classes the theme styles citations by (``guides.css``); any other class is dropped."""

# WHATWG URL parsing: leading and trailing C0 controls and spaces are stripped,
# and every tab and newline removed, before the scheme is read.
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE_RE = re.compile(r"[\t\n\r]")
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_BARE_LT_RE = re.compile("<(?!\u2060)")  # a "<" without the word joiner after it
# What a reader is never sent from data: C0 controls but tab, line feed and carriage
# return; DEL and the C1 controls; the line and paragraph separators; bidirectional
# embeddings, overrides and isolates. Zero-width characters and the bidirectional marks
# stay: emoji, Persian and Hindi are written with them, and tooltip_text adds a word
# joiner itself (the audit's hidden-character rule reports each one that hides).
_UNSHOWN_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
REPLACEMENT = "\ufffd"
"""What :func:`visible_text` shows instead, as an HTML parser shows a NUL."""

# Attributes whose value a browser follows or loads as a URL (``xlink:href`` too).
_URL_ATTRIBUTES = frozenset(
    {
        *("href", "src", "action", "formaction", "poster", "background", "cite", "data"),
        *("codebase", "classid", "longdesc", "lowsrc", "dynsrc", "usemap", "manifest"),
        *("icon", "profile", "archive", "ping", "srcset"),
    }
)
# A quick look for attribute values that could start with a scheme that is not
# allowed: after "=" and a quote, control characters or spaces, then a reference
# or a scheme (maybe with tabs or newlines in it) ending in ":" or a reference.
# It finds a superset of what the exact scan below finds, starting at "=",
# so a page whose links are all safe is read once, quickly.
_SUSPECT_VALUE_RE = re.compile(
    r"""=[\t\n\f\r ]*["']?([\x00-\x20]*(?:&|[A-Za-z][A-Za-z0-9+.\-\t\n\r]*[:&]))"""
)
_NAME_BEFORE_RE = re.compile(r"""([^\s"'>/=]*)[\t\n\f\r ]*\Z""")
# An "=" after an attribute holding several URLs (any may be unsafe), or after
# white space (its name is then looked for): found from the "=", which is fast.
_URL_LIST_RE = re.compile(
    r"=(?:(?<=(?i:srcset)=)|(?<=(?i:ping)=)|(?<=(?i:archive)=)|(?<=[\t\n\f\r ]=))"
)
_URL_LISTS = frozenset({"srcset", "ping", "archive"})
# A start tag's name, then its attributes (a "/" between them reads as white space).
# Every "<" is read as a tag, in a comment or a <script> too: how far those reach
# depends on where they are (in an <svg>, a <style> holds tags), and a link
# dropped from a comment costs nothing.
_TAG_RE = re.compile(r"<[A-Za-z][^\s/>]*")
_ATTRIBUTE_RE = re.compile(
    r"""[\s/]*(?P<name>[^\s/>][^\s/>=]*)(?:\s*=\s*(?P<value>"[^"]*"?|'[^']*'?|[^\s>]*))?"""
)


def url_scheme(url: str) -> str | None:
    """The scheme a browser reads in ``url``, in lower case; None for a relative URL.

    ``url`` is an attribute's value with its character references decoded.
    Browsers strip control characters and spaces around it and drop tabs and
    newlines inside it first, so "java&#9;script:" is a ``javascript:`` URL
    and "JaVaScRiPt:" is one too.
    """
    cleaned = _TAB_OR_NEWLINE_RE.sub("", url).strip(_C0_AND_SPACE)
    match = _SCHEME_RE.match(cleaned)
    return match.group(1).lower() if match else None


def is_safe_url(url: str) -> bool:
    """Whether ``url`` is relative (a path, a fragment) or has an allowed scheme."""
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


def tooltip_text(text: str) -> str:
    """``text`` that stays text when Material's tooltips set it as HTML.

    Material's tooltips (``content.tooltips``) show an element's ``title``,
    and the text of a title too long for the header or the navigation, by
    setting it as HTML: a title reading ``<img src=x onerror=...>`` would run.
    Each ``<`` is followed by a word joiner (U+2060), which no reader sees and
    after which ``<`` opens no tag.
    """
    return _BARE_LT_RE.sub("<\u2060", text) if "<" in text else text


def visible_text(text: str) -> str:
    """``text`` with each control, separator or bidirectional override replaced by U+FFFD.

    Data (a page's front-matter, the people file, the muscle vocabulary) is
    read through this wherever it is read, so that no page, feed or structured
    data carries an ESC that retitles a terminal, a right-to-left override that
    reorders what a reader sees, or a NUL that ends a value early in other
    tools, even in a build that is not strict (the audit reports each one where
    it is written). One character for one, so positions in the text still hold.
    """
    return _UNSHOWN_RE.sub(REPLACEMENT, text) if _UNSHOWN_RE.search(text) else text


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    return tooltip_text(value) if name == "title" else value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style"},  # dropped with their content, not shown as text
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
    url_schemes=set(SAFE_SCHEMES),
    link_rel=None,  # links keep the attributes they were written with
    attribute_filter=_filter_attribute,
    strip_comments=True,
)


def sanitize_html(html: str) -> Markup:
    """``html`` rendered from data, with only the allowlisted tags, attributes and URLs.

    What is not allowed is dropped, never escaped into view: a tag's text is
    kept (a ``<script>``'s is not), an attribute or a URL is removed. A
    ``title`` goes through :func:`tooltip_text`, and the whole through
    :func:`visible_text` (a character reference such as ``&#x202e;`` is a
    right-to-left override once the HTML is read).
    """
    return Markup(visible_text(_CLEANER.clean(html)))


@dataclass(frozen=True, slots=True)
class UnsafeUrl:
    """A URL attribute of a start tag whose value has a scheme that is not allowed."""

    start: int  # where the attribute's name starts
    end: int  # where its value ends
    value_start: int  # where its value starts (inside the quotes): where a finding points
    url: str  # the value, character references decoded
    scheme: str


def unsafe_url_attributes(html: str) -> list[UnsafeUrl]:
    """Every URL attribute of ``html``'s start tags whose scheme is not allowed, in order.

    Attributes are read as a browser reads them: quoted or not, after a "/",
    with character references decoded and case ignored.
    """
    found: list[UnsafeUrl] = []
    if not _may_hold_unsafe_url(html):
        return found
    position = 0
    while (tag := _TAG_RE.search(html, position)) is not None:
        position = tag.end()
        while (attribute := _ATTRIBUTE_RE.match(html, position)) is not None:
            position = attribute.end()
            unsafe = _unsafe_attribute(attribute)
            if unsafe is not None:
                found.append(unsafe)
    return found


def neutralise_links(html: str) -> str:
    """``html`` without the URL attributes whose scheme is not allowed.

    The element stays (a link's text, an image's alt text): only its address
    goes. A page whose links are all safe is returned as it is.
    """
    found = unsafe_url_attributes(html)
    if not found:
        return html
    pieces: list[str] = []
    position = 0
    for unsafe in found:
        pieces.append(html[position : unsafe.start])
        position = unsafe.end
    pieces.append(html[position:])
    return "".join(pieces)


def text_value(value: object) -> str | None:
    """A front-matter value as the text a page shows: a string, or a number or date as written.

    None for anything else (a list, a mapping, yes or no, nothing): a theme
    printing its Python form would put brackets and quotes, unescaped, into
    the page.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date):  # and a datetime
        return value.isoformat()
    return None


def _unsafe_attribute(attribute: re.Match[str]) -> UnsafeUrl | None:
    name, value = attribute.group("name").lower(), attribute.group("value")
    if value is None or not (name in _URL_ATTRIBUTES or name.endswith(":href")):
        return None
    value_start = attribute.start("value")
    if value[:1] in ("'", '"'):
        value_start += 1
        value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
    url = html_lib.unescape(value)
    scheme = _unsafe_scheme(name, url)
    if scheme is None:
        return None
    return UnsafeUrl(attribute.start("name"), attribute.end(), value_start, url, scheme)


def _unsafe_scheme(name: str, url: str) -> str | None:
    """The first scheme that is not allowed in an attribute's value (a list for some)."""
    if name == "srcset":  # "url descriptor, url descriptor"
        urls = [candidate.split()[0] for candidate in url.split(",") if candidate.split()]
    elif name in ("ping", "archive"):
        urls = url.replace(",", " ").split()
    else:
        urls = [url]
    for one in urls:
        scheme = url_scheme(one)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            return scheme
    return None


def _may_hold_unsafe_url(html: str) -> bool:
    """Whether a URL attribute in ``html`` may have a scheme that is not allowed."""
    for match in _SUSPECT_VALUE_RE.finditer(html):
        start = match.group(1).lower()
        if start[-1] == ":" and start[:-1] in SAFE_SCHEMES:
            continue
        name = _name_before(html, match.start())
        if not name or name in _URL_ATTRIBUTES or name.endswith(":href"):
            return True
    return any(
        _name_before(html, match.start()) in _URL_LISTS for match in _URL_LIST_RE.finditer(html)
    )


def _name_before(html: str, equals: int) -> str:
    """The attribute name before the "=" at ``equals``, in lower case ("" if none)."""
    name = _NAME_BEFORE_RE.search(html, max(0, equals - 64), equals)
    return name.group(1).lower() if name else ""
