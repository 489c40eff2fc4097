"""Figures' image files: their size, and the smaller copies a phone downloads instead.

A reader on a phone should not download a 2,000-pixel photograph to see it 390
pixels wide, and nothing on the page should move when an image arrives. So every
figure gets its intrinsic ``width`` and ``height``, and a raster image (PNG,
JPEG, WebP) gets copies at the widths of :data:`WIDTHS` below its own, in its
own format and in WebP, made with Pillow at build time and named
``NAME-480w.webp`` beside the original. An SVG scales by itself: it is served
as it is, its size read from its ``width``/``height`` or ``viewBox``.

The page's markup and the files are made apart (the markup while pages render,
perhaps in the build's worker; the files once the site is written); both take
the widths from :func:`variant_widths`, so every width a page offers exists.
Made copies are kept in the project's cache, keyed by the original's bytes.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

WIDTHS: tuple[int, ...] = (480, 800, 1200, 1600)
"""The widths copies are made at, below an image's own width."""

RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
MODERN = ".webp"
_MAX_PIXELS = 40_000_000  # a figure larger than this is refused (a decompression bomb)
_MAX_BYTES = 64 << 20  # nor is a file larger than this, or one that is not a regular file
_SVG_ROOT_RE = re.compile(r"<svg\b[^>]*+>", re.IGNORECASE)
_LENGTH_RE = re.compile(r"""\b(width|height|viewBox)\s*=\s*["']([^"']*)["']""")
_NUMBER_RE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*$")


class ImageError(Exception):
    """An image file that cannot be read: one line naming it."""


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


def variant_name(src: str, width: int, suffix: str) -> str:
    """``images/x.png`` at 480 pixels in WebP: ``images/x-480w.webp``."""
    path = PurePosixPath(src)
    return str(path.with_name(f"{path.stem}-{width}w{suffix}"))


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
        raise ImageError(f"{file.name}: not a readable image ({error})") from None
    if width * height > _MAX_PIXELS:
        raise ImageError(f"{file.name}: {width}x{height} pixels, more than a figure needs")
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
        raise ImageError(f"{file.name}: {error.strerror or error}") from None
    root = _SVG_ROOT_RE.search(head)
    if root is None:
        raise ImageError(f"{file.name}: no <svg> element")
    values = {name: value for name, value in _LENGTH_RE.findall(root.group())}
    width, height = _number(values.get("width")), _number(values.get("height"))
    box = values.get("viewBox", "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        try:
            box_width, box_height = float(box[2]), float(box[3])
        except ValueError:
            box_width = box_height = 0
        if box_width > 0 and box_height > 0:
            width = width or round(box_width)
            height = height or round(box_height)
    if not width or not height:
        raise ImageError(f"{file.name}: the <svg> element has no width and height or viewBox")
    return ImageInfo(width, height, raster=False)


def _number(value: str | None) -> int | None:
    match = _NUMBER_RE.match(value or "")
    return round(float(match.group(1))) if match else None


def write_variants(file: Path, site_file: Path, cache: Path) -> list[Path]:
    """Write the copies of raster image ``file`` beside ``site_file``; the paths written.

    Each copy is made once per content: the cache keeps it under the hash of
    the original's bytes, and later builds copy it from there.
    """
    status = file.stat()
    if not stat.S_ISREG(status.st_mode) or status.st_size > _MAX_BYTES:
        raise ImageError(f"{file.name}: not a regular file of at most {_MAX_BYTES >> 20} MB")
    data = file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:32]
    info = read_image_info(file)
    suffix = file.suffix.lower()
    written = []
    for width in info.widths:
        for target_suffix in dict.fromkeys((suffix, MODERN)):
            name = variant_name(site_file.name, width, target_suffix)
            target = site_file.with_name(name)
            cached = cache / f"{digest}-{width}{target_suffix}"
            if not cached.is_file():
                cache.mkdir(parents=True, exist_ok=True)
                _resize(file, width, RASTER[target_suffix], cached)
            shutil.copyfile(cached, target)
            written.append(target)
    return written


def _resize(file: Path, width: int, image_format: str, target: Path) -> None:
    """One copy of ``file``, ``width`` pixels wide, written atomically to ``target``."""
    with Image.open(file) as image:
        image.load()
        height = max(1, round(image.height * width / image.width))
        copy = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        if image_format == "JPEG" and copy.mode not in ("RGB", "L"):
            copy = copy.convert("RGB")
        partial = target.with_name(target.name + ".partial")
        options = {"quality": 80, "method": 6} if image_format == "WEBP" else {"optimize": True}
        copy.save(partial, image_format, **options)
        partial.replace(target)
