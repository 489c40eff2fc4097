"""Figures in a real build: a raster image the test makes with Pillow gets its smaller and
WebP copies, a sized responsive <picture>, og:image and the JSON-LD image; an SVG is
served as it is; the shipped guides' drawings have alt text and a credit."""

from __future__ import annotations

import json
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from .conftest import MINIMAL_BIB, MINIMAL_CONFIG, MINIMAL_GUIDE, REPO, Build, run_build

LEAD = """\
image:
  file: images/plank.png
  alt: A plank seen from the side, body in one straight line.
  credit: Made by the test
  licence: https://creativecommons.org/licenses/by/4.0/
"""
BODY_FIGURE = (
    '\n![The end position](images/end.png "The end"){ credit="Made by the test" licence=MIT }\n'
)


def _png(width: int, height: int) -> bytes:
    """A PNG made here, with Pillow: a coloured field with a white zigzag to resize."""
    image = Image.new("RGB", (width, height), "#2e7d32")
    for x in range(width):
        image.putpixel((x, (x * 7) % height), (255, 255, 255))
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = tmp_path_factory.mktemp("figures")
    files = {
        "content/exercises/plank.md": MINIMAL_GUIDE.replace("muscles:", LEAD + "muscles:", 1)
        + BODY_FIGURE,
        "content/exercises/images/plank.png": _png(1300, 650),
        "content/exercises/images/end.png": _png(600, 300),
    }
    for relative, content in {
        "mkdocs.yml": MINIMAL_CONFIG,
        "references/refs.bib": MINIMAL_BIB,
        "content/index.md": "# Home\n",
        **files,
    }.items():
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build


def test_copies_of_each_raster_image_are_published(built: Build) -> None:
    images = built.site / "exercises" / "images"
    names = {path.name for path in images.iterdir()}
    expected = {f"plank-{w}w{s}" for w in (480, 800, 1200, 1300) for s in (".png", ".webp")}
    expected |= {f"end-{w}w{s}" for w in (480, 600) for s in (".png", ".webp")}
    assert expected | {"plank.png", "end.png"} == names
    with Image.open(images / "plank-480w.webp") as image:
        assert (image.format, image.size) == ("WEBP", (480, 240))


def test_the_lead_image_is_a_sized_responsive_picture_that_is_not_lazy(built: Build) -> None:
    page = BeautifulSoup(built.page("exercises/plank/index.html"), "html.parser")
    lead = page.select_one("article figure.guide-figure--lead")
    assert lead is not None
    source, img = lead.picture.source, lead.picture.img
    assert source["type"] == "image/webp"
    assert source["srcset"].split(", ")[0] == "../images/plank-480w.webp 480w"
    assert (img["width"], img["height"], img["src"]) == ("1300", "650", "../images/plank.png")
    assert img.get("loading") is None and img["fetchpriority"] == "high"
    assert "Made by the test" in lead.figcaption.get_text()
    # Before the body, after the safety note.
    html = str(page.select_one("article"))
    assert html.index("guide-safety") < html.index("guide-figure--lead") < html.index("Body text")
    # Every file the page offers exists.
    for offered in (source["srcset"] + ", " + img["srcset"]).split(", "):
        url = offered.split()[0]
        assert (built.site / "exercises" / "plank" / url).resolve().is_file(), url


def test_a_body_image_alone_in_its_paragraph_is_a_lazy_figure(built: Build) -> None:
    page = BeautifulSoup(built.page("exercises/plank/index.html"), "html.parser")
    figures = page.select("article figure.guide-figure:not(.guide-figure--lead)")
    assert len(figures) == 1
    img = figures[0].img
    assert (img["width"], img["height"], img["loading"]) == ("600", "300", "lazy")
    assert figures[0].figcaption.get_text("|") == "The end|Made by the test (MIT)"


def test_the_lead_image_is_shared_and_in_the_structured_data(built: Build) -> None:
    page = BeautifulSoup(built.page("exercises/plank/index.html"), "html.parser")
    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in page.select("meta[content]")
    }
    assert meta["og:image"] == "https://guides.test/exercises/images/plank.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1300", "650")
    assert meta["twitter:card"] == "summary_large_image"
    data = json.loads(page.select_one("script[type='application/ld+json']").string)
    image = data["@graph"][0]["image"]
    assert image["url"] == meta["og:image"] and image["creditText"] == "Made by the test"
    assert image["license"] == "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.parametrize("slug", ["leg-raise", "flutter-kick", "crunch"])
def test_the_shipped_guides_have_drawings_with_alt_text_and_credit(
    shipped_site: Build, slug: str
) -> None:
    page = BeautifulSoup(shipped_site.page(f"exercises/{slug}/index.html"), "html.parser")
    figures = page.select("article figure.guide-figure")
    assert len(figures) >= 2  # the start (lead) and the end position
    for figure in figures:
        assert len(figure.img["alt"]) > 40 and figure.img["src"].endswith(".svg")
        assert figure.img["width"] and figure.img["height"]
        assert "Line drawing made for this guide" in figure.figcaption.get_text()
    assert page.select_one("meta[property='og:image']") is not None
    for drawing in (REPO / "content" / "exercises" / "images").glob(f"{slug}-*.svg"):
        assert "<script" not in drawing.read_text() and "<image" not in drawing.read_text()
