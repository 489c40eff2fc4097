"""Images written in Markdown, with their caption and attribute list, never read from code."""

from __future__ import annotations

import pytest

from evidence_guides.text.markdown_images import attributes, find_images
from tests.support.scaling import assert_linear


def test_an_image_with_caption_credit_and_licence() -> None:
    text = 'Intro.\n\n![Legs up](images/a.svg "The top"){ credit="Drawn here" licence=MIT }\n'
    (image,) = find_images(text)
    assert (image.alt, image.src, image.title) == ("Legs up", "images/a.svg", "The top")
    assert image.attributes == {"credit": "Drawn here", "licence": "MIT"}
    assert image.credit == "Drawn here" and not image.is_remote
    assert text[image.offset :].startswith("![Legs up]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("![](a.png)", [("", "a.png", None, None)]),
        ("![x](<a b.png>)", [("x", "a b.png", None, None)]),
        ("![x](a.png 'cap')", [("x", "a.png", "cap", None)]),
        ("![x](https://e.org/a.png){ credit='' }", [("x", "https://e.org/a.png", None, None)]),
        ("`![x](a.png)` and\n```\n![y](b.png)\n```\n", []),
        ("<!-- ![x](a.png) -->", []),
        ("[not an image](a.png)", []),
        ("![a](1.png) ![b](2.png)", [("a", "1.png", None, None), ("b", "2.png", None, None)]),
    ],
)
def test_what_is_an_image(text: str, expected: list) -> None:
    found = [(i.alt, i.src, i.title, i.credit) for i in find_images(text)]
    assert found == expected


def test_attributes_of_a_tag_or_a_list() -> None:
    assert attributes("<img alt=\"A &amp; B\" src=x.png credit='me'>") == {
        "alt": "A &amp; B",
        "src": "x.png",
        "credit": "me",
    }
    assert attributes("{ .wide #fig credit=x }") == {"credit": "x"}


@pytest.mark.parametrize(
    "piece", ["![", "![a](", "![a](<", "![a](b ", '![a](b "', "![a](b){ c=", "![a]("]
)
def test_hostile_text_is_read_in_linear_time(piece: str) -> None:
    assert_linear(lambda text: list(find_images(text)), lambda n: piece * n, 2_500)
