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
import shutil
import stat
from pathlib import Path, PurePosixPath

from PIL import Image

from evidence_guides.files.images import MAX_BYTES, MODERN, RASTER, ImageError, read_image_info


def variant_name(src: str, width: int, suffix: str) -> str:
    """``images/x.png`` at 480 pixels in WebP: ``images/x-480w.webp``."""
    path = PurePosixPath(src)
    return str(path.with_name(f"{path.stem}-{width}w{suffix}"))


def write_variants(file: Path, site_file: Path, cache: Path) -> list[Path]:
    """Write the copies of raster image ``file`` beside ``site_file``; the paths written.

    Each copy is made once per content: the cache keeps it under the hash of
    the original's bytes, and later builds copy it from there.
    """
    status = file.stat()
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_BYTES:
        raise ImageError(file.name, f"not a regular file of at most {MAX_BYTES >> 20} MB")
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
