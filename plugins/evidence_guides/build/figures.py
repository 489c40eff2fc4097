"""Figures as HTML: responsive, sized so nothing shifts, captioned with their credit.

A guide's lead image (front-matter ``image``) and the images of its body become
``<figure>`` elements: the image inside a ``<picture>`` that offers WebP copies
and copies in the image's own format at several widths (:mod:`.images`), with
``width`` and ``height`` set, lazy-loaded unless it is the lead image, and a
caption that ends with the credit and licence. A body image is a figure when it
stands alone in its paragraph; its Markdown title is the caption and its
attribute list gives ``credit`` and ``licence``
(:mod:`evidence_guides.text.markdown_images`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from markupsafe import escape

from evidence_guides.build.images import variant_name
from evidence_guides.files.images import MODERN, ImageError, ImageInfo, read_image_info
from evidence_guides.text.markdown_images import attributes

if TYPE_CHECKING:
    from evidence_guides.build.engine import Engine

SIZES = "(min-width: 76.25em) 38rem, 100vw"
"""How wide a figure shows: the article's column on a wide screen, the screen on a phone."""

_ALONE_RE = re.compile(r"<p>\s*(<img\b[^>]*+>)\s*</p>")
_IMG_RE = re.compile(r"<img\b[^>]*+>")
_OWN = ("credit", "licence", "title", "width", "height", "loading", "decoding")


@dataclass(frozen=True, slots=True)
class PlacedImage:
    """An image file as one page shows it: its URL from that page, and its size."""

    url: str
    info: ImageInfo


ImageResolver = Callable[[str], "PlacedImage | None"]
"""Finds the file behind an ``<img>``'s ``src`` on a page; None for one the site does not hold."""


def picture_html(image: PlacedImage, alt: str, *, lead: bool, extra: str = "") -> str:
    """The ``<img>`` (in a ``<picture>`` with WebP copies, for a raster image) of one figure."""
    info = image.info
    loading = 'fetchpriority="high"' if lead else 'loading="lazy"'
    sized = f'width="{info.width}" height="{info.height}" {loading} decoding="async"'
    src = escape(image.url)
    if not info.raster:
        return f'<img src="{src}" alt="{escape(alt)}" {sized}{extra}>'
    suffix = "." + image.url.rsplit(".", 1)[-1].lower()
    own = _srcset(image, suffix)
    modern = f'<source type="image/webp" srcset="{_srcset(image, MODERN)}" sizes="{SIZES}">'
    img = f'<img src="{src}" srcset="{own}" sizes="{SIZES}" alt="{escape(alt)}" {sized}{extra}>'
    return f"<picture>{modern}{img}</picture>"


def _srcset(image: PlacedImage, suffix: str) -> str:
    return ", ".join(
        f"{escape(variant_name(image.url, width, suffix))} {width}w" for width in image.info.widths
    )


def figure_html(
    image: PlacedImage,
    alt: str,
    *,
    caption: str | None,
    credit: str | None,
    licence: str | None,
    lead: bool = False,
) -> str:
    """A whole ``<figure>``: the picture, then the caption and its credit."""
    parts = [f'<span class="guide-figure__caption">{escape(caption)}</span>'] if caption else []
    if credit:
        said = f"{credit} ({licence})" if licence else credit
        parts.append(f'<span class="guide-figure__credit">{escape(said)}</span>')
    caption_html = f"<figcaption>{''.join(parts)}</figcaption>" if parts else ""
    kind = "guide-figure guide-figure--lead" if lead else "guide-figure"
    return f'<figure class="{kind}">{picture_html(image, alt, lead=lead)}{caption_html}</figure>'


def body_figures(html: str, resolve: ImageResolver) -> str:
    """A converted body's images: alone in a paragraph, a figure; elsewhere, sized and lazy."""
    if "<img" not in html:
        return html

    def figure(match: re.Match[str]) -> str:
        tag = attributes(match.group(1))
        image = resolve(unescape(tag.get("src", "")))
        if image is None:
            return match.group()
        return figure_html(
            image,
            unescape(tag.get("alt", "")),
            caption=_text(tag.get("title")),
            credit=_text(tag.get("credit")),
            licence=_text(tag.get("licence")),
        )

    def inline(match: re.Match[str]) -> str:
        tag = attributes(match.group())
        image = resolve(unescape(tag.get("src", "")))
        if image is None or "width=" in match.group():
            return match.group()
        kept = "".join(
            f' {name}="{escape(unescape(value))}"'
            for name, value in tag.items()
            if name not in (*_OWN, "src", "alt")
        )
        return picture_html(image, unescape(tag.get("alt", "")), lead=False, extra=kept)

    return _IMG_RE.sub(inline, _ALONE_RE.sub(figure, html))


def _text(value: str | None) -> str | None:
    text = unescape(value).strip() if value else ""
    return text or None


def image_uri(page_src_uri: str, file: str) -> str:
    """The docs_dir path of an image written relative to a page (``images/x.svg``)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_src_uri), unquote(file)))


def body_image_uri(page_url: str, src: str) -> str | None:
    """The docs_dir path of a converted body's ``<img src>``, relative to the page's URL.

    MkDocs copies every file of docs_dir to the same path in the site, so the
    site path an image's URL points at is its path in docs_dir. A remote or
    absolute address is not the site's file: None.
    """
    if not src or src.startswith(("/", "#")) or ":" in src.split("/", 1)[0]:
        return None
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    path = posixpath.normpath(posixpath.join(base, unquote(src.split("?")[0].split("#")[0])))
    return None if path.startswith("../") or path == ".." else path


class BodyFigures:
    """Places the images of each converted body, each image file's size read once a build."""

    def __init__(self, docs_dir: Path, engine: Engine) -> None:
        self._docs_dir = docs_dir
        self._engine = engine
        self._images: dict[str, ImageInfo | None] = {}  # an image's docs_dir path: its size

    def place(self, src_uri: str, html: str) -> str:
        """The converted body's images: sized, responsive, and a figure when alone."""
        if "<img" not in html:
            return html
        page_url = self._engine.url(src_uri)
        if page_url is None:
            return html
        return body_figures(html, lambda src: self._placed(page_url, src))

    def _placed(self, page_url: str, src: str) -> PlacedImage | None:
        target = body_image_uri(page_url, src)
        if target is None or self._engine.url(target) is None:
            return None  # not a file of the site (the audit's image-invalid says so)
        if target not in self._images:
            try:
                self._images[target] = read_image_info(self._docs_dir / target)
            except ImageError:
                self._images[target] = None
        info = self._images[target]
        return PlacedImage(src, info) if info is not None else None
