"""What a page links to inside the site, and the anchors it has: what ``broken-link`` compares.

A link is found where an editor wrote it: an inline link (``[x](plank.md#faq)``,
not an image), a reference definition (``[r]: plank.md``) and, in the body,
where HTML is kept, an ``<a href>``. Code and comments are never read. Only
links that may point into the site are kept: no scheme, no host, not an
absolute path (MkDocs reports those itself).

A page's anchors are the ids a reader's browser finds on it: its headings' ids
as the ``toc`` extension makes them (``attr_list``'s ``{#id}`` included), the
``id`` and ``name`` attributes of its HTML, and the ids of ``{: #id}``
attribute lists. Headings are converted by Python-Markdown itself, so an id
is the one the site gets, duplicates' ``_1`` suffixes included.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, urlsplit

from markdown import Markdown

from evidence_guides.text.citations import mask_code
from evidence_guides.text.segments import FIELD_SEPARATOR, JoinedFields

if TYPE_CHECKING:
    from evidence_guides.audit.prose import Prose

# The blanked target of an inline link, as mask_markdown leaves it: "](" blanks ")".
_MASKED_TARGET_RE = re.compile(r"\]\((\s*)\)")
_TITLE_RE = re.compile(r"""\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*\Z""")
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
# "[r]: url" and an optional title, and nothing else on its line, as Markdown reads a
# definition: "[^3]: Garber CE, et al. ..." is a paragraph (a footnote typed by hand).
_DEFINITION_RE = re.compile(
    r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*(?P<url><[^>\n]*>|\S+)"
    r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$""",
    re.MULTILINE,
)
_HREF_RE = re.compile(
    r"""<a\s[^>]*?\bhref\s*=\s*(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)'|(?P<u>[^\s"'>]+))""",
    re.IGNORECASE,
)
_ATX_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t][^\n]*)?$", re.MULTILINE)
_SETEXT_RE = re.compile(r"^ {0,3}\S[^\n]*\n {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
_TAG_RE = re.compile(r"<[A-Za-z][^<>]*>")
_ID_ATTR_RE = re.compile(
    r"""\s(?:id|name)\s*=\s*(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)'|(?P<u>[^\s"'>]+))""", re.IGNORECASE
)
_ATTR_LIST_ID_RE = re.compile(r"\{:?[^{}\n]*?#([A-Za-z][\w:.-]*)[^{}\n]*\}")
_HEADING_ID_RE = re.compile(r"<h[1-6][^>]*?\sid=\"([^\"]*)\"")


@dataclass(frozen=True)
class Link:
    """A link into the site, as written: where its address starts in the segment's text."""

    offset: int
    url: str  # Markdown escapes and character references decoded

    @functools.cached_property
    def parts(self) -> SplitResult:
        return urlsplit(self.url)


def internal_links(prose: Prose) -> list[Link]:
    """The links of one segment that may point into the site, in order, once each."""
    text = prose.segment.text
    found: dict[int, Link] = {}
    if "](" in prose.masked:
        found.update((link.offset, link) for link in _inline_links(text, prose.masked))
    body = not prose.segment.is_yaml  # a field's HTML is shown as text
    if "]:" in text or (body and ("<a" in text or "<A" in text)):
        code_free = _code_masked(prose)
        found.update((link.offset, link) for link in _definitions(code_free))
        if body:
            found.update((link.offset, link) for link in _html_links(code_free))
    return [found[offset] for offset in sorted(found) if _internal(found[offset])]


def page_anchors(body: str) -> frozenset[str]:
    """The ids a Markdown body gives its page: headings, HTML ids and names, ``{#id}``."""
    code_free = mask_code(body)
    ids: set[str] = set()
    headings = sorted(
        [match.span() for match in _ATX_RE.finditer(code_free)]
        + [match.span() for match in _SETEXT_RE.finditer(code_free)]
    )
    if headings:
        converted = _headings().reset().convert("\n\n".join(body[a:b] for a, b in headings))
        ids.update(html.unescape(match) for match in _HEADING_ID_RE.findall(converted))
    if "<" in code_free:
        for tag in _TAG_RE.finditer(code_free):
            for attribute in _ID_ATTR_RE.finditer(tag.group()):
                ids.add(html.unescape(_value(attribute)))
    if "{" in code_free:
        ids.update(_ATTR_LIST_ID_RE.findall(code_free))
    return frozenset(ids)


@functools.cache
def _headings() -> Markdown:
    """The converter of headings: ``toc`` gives ids as the site's pages get them."""
    return Markdown(extensions=["toc", "attr_list"])


def _internal(link: Link) -> bool:
    parts = link.parts
    return not (parts.scheme or parts.netloc or link.url.startswith(("/", "\\"))) and bool(
        parts.path or parts.fragment
    )


def _inline_links(text: str, masked: str) -> list[Link]:
    """``[x](url "title")``, found where the mask blanked the targets; images are left out."""
    links = []
    for blank in _MASKED_TARGET_RE.finditer(masked):
        if _is_image(masked, blank.start()):
            continue
        start = blank.start(1)
        target = text[start : blank.end(1)]
        offset = start + len(target) - len(target.lstrip())
        target = target.strip()
        if target.startswith("<"):
            offset += 1
            target = target[1:].split(">", 1)[0]
        elif title := _TITLE_RE.search(target):
            target = target[: title.start()]
        links.append(Link(offset, _decoded(target)))
    return links


def _is_image(masked: str, closing: int) -> bool:
    """Whether the ``]`` at ``closing`` ends an image's alt text (``![alt](src)``)."""
    depth = 0
    for at in range(closing, max(closing - 2000, -1), -1):
        char = masked[at]
        if char == "]":
            depth += 1
        elif char == "[":
            depth -= 1
            if depth == 0:
                return at > 0 and masked[at - 1] == "!"
        elif char == "\n" and at > 0 and masked[at - 1] == "\n":
            return False  # a link's text does not cross paragraphs
    return False


def _definitions(text: str) -> list[Link]:
    links = []
    for match in _DEFINITION_RE.finditer(text):
        url, offset = match.group("url"), match.start("url")
        if url.startswith("<"):
            url, offset = url[1:-1], offset + 1
        links.append(Link(offset, _decoded(url)))
    return links


def _html_links(text: str) -> list[Link]:
    links = []
    for match in _HREF_RE.finditer(text):
        group = next(name for name in ("d", "s", "u") if match.group(name) is not None)
        links.append(Link(match.start(group), html.unescape(match.group(group))))
    return links


def _value(match: re.Match[str]) -> str:
    return next(value for value in match.group("d", "s", "u") if value is not None)


def _decoded(written: str) -> str:
    """A Markdown address as a browser reads it: escapes and character references decoded."""
    return html.unescape(_ESCAPE_RE.sub(r"\1", written))


def _code_masked(prose: Prose) -> str:
    """The segment with code and comments blanked; joined fields each on their own."""
    segment = prose.segment
    if isinstance(segment, JoinedFields):
        return FIELD_SEPARATOR.join(mask_code(field.text) for field in segment.fields)
    return mask_code(segment.text)
