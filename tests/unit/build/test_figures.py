"""Figures' markup: sized, lazy below the top, responsive for raster images, captioned."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from evidence_guides.build.figures import (
    PlacedImage,
    body_figures,
    body_image_uri,
    figure_html,
    image_uri,
    picture_html,
)
from evidence_guides.files.images import ImageInfo

SVG = PlacedImage("../images/a.svg", ImageInfo(640, 360, raster=False))
PNG = PlacedImage("../images/b.png", ImageInfo(1000, 500, raster=True))


def test_an_svg_is_one_sized_img() -> None:
    img = BeautifulSoup(picture_html(SVG, 'A "b" <c>', lead=False), "html.parser").img
    assert img.attrs == {
        "src": "../images/a.svg",
        "alt": 'A "b" <c>',
        "width": "640",
        "height": "360",
        "loading": "lazy",
        "decoding": "async",
    }


def test_a_raster_image_offers_webp_and_its_own_format_at_each_width() -> None:
    html = BeautifulSoup(picture_html(PNG, "B", lead=True), "html.parser")
    source, img = html.picture.source, html.picture.img
    assert source["type"] == "image/webp"
    assert source["srcset"] == (
        "../images/b-480w.webp 480w, ../images/b-800w.webp 800w, ../images/b-1000w.webp 1000w"
    )
    assert img["srcset"] == (
        "../images/b-480w.png 480w, ../images/b-800w.png 800w, ../images/b-1000w.png 1000w"
    )
    assert img["src"] == "../images/b.png" and img["sizes"] == source["sizes"]
    assert (img["width"], img["height"], img["fetchpriority"]) == ("1000", "500", "high")
    assert "loading" not in img.attrs  # the lead image is not lazy


def test_a_figure_has_its_caption_and_credit() -> None:
    html = figure_html(SVG, "A", caption="Top <b>", credit="Me & co", licence="MIT")
    figure = BeautifulSoup(html, "html.parser").figure
    assert figure["class"] == ["guide-figure"]
    assert [s.get_text() for s in figure.figcaption.select("span")] == ["Top <b>", "Me & co (MIT)"]
    assert "<b>" not in html


def test_an_image_alone_in_its_paragraph_becomes_a_figure() -> None:
    body = (
        '<p>Text <img alt="inline" src="../images/a.svg"></p>\n'
        '<p><img alt="A &amp; B" credit="Me" licence="MIT" src="../images/b.png" title="Cap" /></p>'
        '\n<p><img alt="x" src="https://example.org/x.png"></p>'
    )
    found = {"../images/a.svg": SVG, "../images/b.png": PNG}
    html = BeautifulSoup(body_figures(body, found.get), "html.parser")
    inline, figure_img, remote = html.select("img")
    assert inline.parent.name == "p" and inline["width"] == "640" and inline["loading"] == "lazy"
    assert figure_img.find_parent("figure") is not None
    assert figure_img["alt"] == "A & B" and "credit" not in figure_img.attrs
    assert html.figure.figcaption.get_text("|") == "Cap|Me (MIT)"
    assert remote.attrs == {"alt": "x", "src": "https://example.org/x.png"}


@pytest.mark.parametrize(
    ("page", "src", "expected"),
    [
        ("exercises/leg-raise/", "../images/a.svg", "exercises/images/a.svg"),
        ("", "images/a%20b.png", "images/a b.png"),
        ("exercises/x.html", "images/a.png?v=1", "exercises/images/a.png"),
        ("", "https://example.org/a.png", None),
        ("", "/images/a.png", None),
        ("", "../../a.png", None),
    ],
)
def test_where_a_body_image_is_in_docs_dir(page: str, src: str, expected: str | None) -> None:
    assert body_image_uri(page, src) == expected


def test_where_a_lead_image_is_in_docs_dir() -> None:
    assert image_uri("exercises/leg-raise.md", "images/a.svg") == "exercises/images/a.svg"
    assert image_uri("exercises/leg-raise.md", "../shared/a.svg") == "shared/a.svg"
