"""Image files: sizes of raster images and SVGs, and the copies made of raster images,
tested on images each test makes with Pillow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from evidence_guides.build.images import variant_name, write_variants
from evidence_guides.files.images import (
    ImageError,
    ImageInfo,
    is_raster,
    read_image_info,
    variant_widths,
)


def _png(path: Path, width: int, height: int, mode: str = "RGB") -> Path:
    image = Image.new(mode, (width, height), "#336699")
    for x in range(0, width, 7):  # something to resize, not one flat colour
        image.putpixel((x, x * height // width), (255, 255, 255) if mode == "RGB" else 255)
    image.save(path)
    return path


@pytest.mark.parametrize(
    ("width", "widths"),
    [(300, (300,)), (480, (480,)), (1000, (480, 800, 1000)), (4000, (480, 800, 1200, 1600, 4000))],
)
def test_copies_are_offered_below_the_images_own_width(width: int, widths: tuple) -> None:
    assert variant_widths(width) == widths


def test_names_and_kinds() -> None:
    assert variant_name("images/a.b.png", 480, ".webp") == "images/a.b-480w.webp"
    assert [is_raster(n) for n in ("a.PNG", "a.jpeg", "a.webp", "a.svg")] == [1, 1, 1, 0]


def test_a_raster_images_size(tmp_path: Path) -> None:
    info = read_image_info(_png(tmp_path / "a.png", 1000, 500))
    assert info == ImageInfo(1000, 500, raster=True)
    assert info.widths == (480, 800, 1000)


@pytest.mark.parametrize(
    ("root", "size"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">', (640, 360)),
        ('<svg viewBox="0 0 320 180" xmlns="http://www.w3.org/2000/svg">', (320, 180)),
        ("<svg width='100px' viewBox='0,0,50,20'>", (100, 20)),
    ],
)
def test_an_svgs_size(tmp_path: Path, root: str, size: tuple) -> None:
    file = tmp_path / "a.svg"
    file.write_text(f'<?xml version="1.0"?>\n{root}<path d="M0 0"/></svg>')
    info = read_image_info(file)
    assert ((info.width, info.height), info.raster, info.widths) == (size, False, ())


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.svg", "<svg><path/></svg>"),
        ("a.svg", "not svg"),
        ("a.png", "not a png"),
        ("a.svg", '<svg viewBox="0 0 1e400 360"></svg>'),  # a float past any integer
        ("a.svg", f'<svg width="{"9" * 400}" height="300"></svg>'),
        ("a.svg", '<svg width="90000" height="90000"></svg>'),  # past the raster limit too
    ],
)
def test_an_unreadable_image_is_one_line(tmp_path: Path, name: str, content: str) -> None:
    file = tmp_path / name
    file.write_text(content)
    with pytest.raises(ImageError, match=rf"^{name}: "):
        read_image_info(file)


def test_copies_are_made_at_each_width_in_both_formats_and_cached(tmp_path: Path) -> None:
    source = _png(tmp_path / "fig.png", 1000, 600)
    site = tmp_path / "site"
    site.mkdir()
    cache = tmp_path / "cache"
    written = write_variants(source, site / "fig.png", cache)
    names = sorted(path.name for path in written)
    assert names == sorted(f"fig-{w}w{s}" for w in (480, 800, 1000) for s in (".png", ".webp"))
    for path in written:
        with Image.open(path) as image:
            width = int(path.stem.rsplit("-", 1)[1][:-1])
            assert image.size == (width, round(600 * width / 1000))
            assert image.format == ("WEBP" if path.suffix == ".webp" else "PNG")
    # A second build copies from the cache: nothing is made again.
    made = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    (site / "fig-480w.webp").unlink()
    write_variants(source, site / "fig.png", cache)
    assert (site / "fig-480w.webp").is_file()
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == made


def test_a_jpeg_with_transparency_is_flattened(tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    Image.new("RGB", (900, 300), "#884422").save(source)
    written = write_variants(source, tmp_path / "out.jpg", tmp_path / "cache")
    assert sorted(p.name for p in written) == [
        "out-480w.jpg", "out-480w.webp", "out-800w.jpg", "out-800w.webp",
        "out-900w.jpg", "out-900w.webp",
    ]  # fmt: skip


def test_only_a_regular_file_is_copied(tmp_path: Path) -> None:
    link = tmp_path / "zero.png"
    link.symlink_to("/dev/zero")
    with pytest.raises(ImageError, match=r"^zero\.png: not a regular file"):
        write_variants(link, tmp_path / "out.png", tmp_path / "cache")
