"""An image file's intrinsic size, read without trusting the file.

Every figure gets its ``width`` and ``height`` so that nothing on the page
moves when it arrives, and the audit names a figure whose size cannot be read
as the build would find it. A raster image (PNG, JPEG, WebP) is read by
Pillow's header reader, and refused past :data:`_MAX_PIXELS` (a decompression
bomb); an SVG's size comes from its ``width``/``height`` or ``viewBox``, read
with a regular expression, and a size past the same limit (``1e400``) is refused
too. The copies made for phones (:mod:`evidence_guides.build.images`) are at
the widths of :func:`variant_widths`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

WIDTHS: tuple[int, ...] = (480, 800, 1200, 1600)
"""The widths copies are made at, below an image's own width."""

RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
MODERN = ".webp"
_MAX_PIXELS = 40_000_000  # a figure larger than this is refused (a decompression bomb)
MAX_BYTES = 64 << 20  # nor is a file larger than this, or one that is not a regular file
_SVG_ROOT_RE = re.compile(r"<svg\b[^>]*+>", re.IGNORECASE)
_LENGTH_RE = re.compile(r"""\b(width|height|viewBox)\s*=\s*["']([^"']*)["']""")
_NUMBER_RE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*(?:px)?\s*$")


class ImageError(Exception):
    """An image file that cannot be read: one line naming it (``reason`` without the name)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """An image file's intrinsic size, and whether copies are made of it."""

    width: int
    height: int
    raster: bool

    @property
    def widths(self) -> tuple[int, ...]:
        """The widths of its copies, its own last; none for an SVG."""
        return variant_widths(self.width) if self.raster else ()


def variant_widths(width: int) -> tuple[int, ...]:
    """The widths a raster image is offered at: those of :data:`WIDTHS` below its own, then it."""
    return (*(w for w in WIDTHS if w < width), width)


def is_raster(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in RASTER


def read_image_info(file: Path) -> ImageInfo:
    """The size of an image file; :class:`ImageError` when it is not a readable image."""
    if file.suffix.lower() == ".svg":
        return _svg_info(file)
    try:
        with Image.open(file) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise ImageError(file.name, f"not a readable image ({error})") from None
    if width * height > _MAX_PIXELS:
        raise ImageError(file.name, f"{width}x{height} pixels, more than a figure needs")
    return ImageInfo(width, height, raster=True)


def _svg_info(file: Path) -> ImageInfo:
    """Width and height from the root element, as a browser sizes an SVG image.

    Read with a regular expression over the first 64 KB, never an XML parser:
    a figure is data, and XML entities are not for reading here.
    """
    try:
        with file.open("rb") as handle:
            head = handle.read(65536).decode("utf-8", "replace")
    except OSError as error:
        raise ImageError(file.name, str(error.strerror or error)) from None
    root = _SVG_ROOT_RE.search(head)
    if root is None:
        raise ImageError(file.name, "no <svg> element")
    values = {name: value for name, value in _LENGTH_RE.findall(root.group())}
    width, height = _number(values.get("width")), _number(values.get("height"))
    box = values.get("viewBox", "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        width = width or _number(box[2])
        height = height or _number(box[3])
    if not width or not height:
        raise ImageError(file.name, "the <svg> element has no width and height or viewBox")
    if width > _MAX_PIXELS or height > _MAX_PIXELS:
        raise ImageError(file.name, "its <svg> element is wider or taller than any screen")
    if width * height > _MAX_PIXELS:
        raise ImageError(file.name, f"{width}x{height} pixels, more than a figure needs")
    return ImageInfo(width, height, raster=False)


def _number(value: str | None) -> int | None:
    """A length in pixels, or None; past the pixel limit (``1e400``, 400 nines), just past it."""
    match = _NUMBER_RE.match(value or "")
    if match is None:
        return None
    number = float(match.group(1))
    return round(number) if number <= _MAX_PIXELS else _MAX_PIXELS + 1
