"""Images written in Markdown: ``![alt](file "caption"){ credit="..." licence="..." }``.

A figure in a guide's body is a standard Markdown image. Its title is the
caption, and an attribute list (the ``attr_list`` extension, which the site
enables) gives its ``credit`` and, optionally, its ``licence``. The audit reads
images here, where they are written, to report one without alt text, without a
credit or whose file is missing; the build reads the same attributes from the
converted HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from evidence_guides.text.citations import mask_code

# Bounded pieces, none of which can match what the next one starts with: linear time.
_IMAGE_RE = re.compile(
    r"!\[(?P<alt>[^\[\]\n]*+)\]"
    r"\((?P<src><[^<>\n]*+>|[^\s()<]++)"
    r"(?:[ \t]++(?P<title>\"[^\"\n]*+\"|'[^'\n]*+'))?[ \t]*+\)"
    r"(?P<attrs>\{[^{}\n]*+\})?"
)
_ATTRIBUTE_RE = re.compile(
    r"""(?P<name>[A-Za-z][\w-]*+)=(?:"(?P<q>[^"]*+)"|'(?P<s>[^']*+)'|(?P<p>[^\s}>]++))"""
)
REMOTE = ("http://", "https://", "//")
# What Python-Markdown formats inside an attribute list before attr_list reads it (emphasis,
# code, links, tags): the list is then left as text and its credit is lost.
# Each piece stops at the next character of its own kind: linear time on a line.
_FORMATTED_RE = re.compile(
    r"(?<!\\)(?:"
    r"\*[^\s*][^*]*+\*|(?<!\w)_[^\s_][^_]*+_(?!\w)"  # emphasis
    r"|`[^`]++`"  # code
    r"|\[[^\]]*+\][(\[]"  # a link
    r"|<(?:[A-Za-z][\w+.-]*+:|/?[A-Za-z][\w-]*+[\s/>])"  # an autolink, a tag
    r")"
)


@dataclass(frozen=True, slots=True)
class MarkdownImage:
    """One image as written: where it starts in the text, and what it says."""

    offset: int  # of its "!"
    alt: str
    src: str
    title: str | None  # the caption
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def is_remote(self) -> bool:
        return self.src.startswith(REMOTE)

    attributes_text: str = ""  # the attribute list as written, "{ ... }"

    @property
    def credit(self) -> str | None:
        value = self.attributes.get("credit", "").strip()
        return value or None

    @property
    def formatted_attribute(self) -> str | None:
        """The first text of the attribute list that Markdown formats first, or None."""
        match = _FORMATTED_RE.search(self.attributes_text)
        return match.group() if match else None


def attributes(text: str) -> dict[str, str]:
    """``key="value"`` pairs of an attribute list or an HTML tag (``.class``, ``#id`` skipped)."""
    found = {}
    for match in _ATTRIBUTE_RE.finditer(text):
        value = match.group("q") or match.group("s") or match.group("p") or ""
        found[match.group("name")] = value
    return found


def find_images(markdown: str) -> Iterator[MarkdownImage]:
    """Every inline image of ``markdown`` outside code and comments, in order."""
    if "![" not in markdown:
        return
    for match in _IMAGE_RE.finditer(mask_code(markdown)):
        src = match.group("src")
        title = match.group("title")
        yield MarkdownImage(
            offset=match.start(),
            alt=match.group("alt").strip(),
            src=src[1:-1] if src.startswith("<") else src,
            title=title[1:-1] if title else None,
            attributes=attributes(match.group("attrs") or ""),
            attributes_text=markdown[match.start("attrs") : match.end("attrs")],  # unmasked
        )
