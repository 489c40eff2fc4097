"""File names the web can carry: UTF-8, and no markup in a page's."""

from __future__ import annotations

import os

import pytest

from evidence_guides.files.names import name_refusal


@pytest.mark.parametrize("name", ["exercises/farmer's-walk.md", "exercises/q-and-a.md", "ü/ß.md"])
def test_ordinary_names_are_published(name: str) -> None:
    assert name_refusal(name, page=True) is None


def test_a_name_that_is_not_utf8_is_refused_shown_escaped() -> None:
    name = os.fsdecode(b"exercises/plank\xff.png")
    assert name_refusal(name, page=False) == (
        "exercises/plank\\xff.png: the file name is not UTF-8 text: rename the file"
    )


@pytest.mark.parametrize("markup", ["<", ">", '"', "&"])  # "&#x3c;" is a "<" to a browser
def test_markup_in_a_pages_name_is_refused_and_in_an_images_not(markup: str) -> None:
    refusal = name_refusal(f"exercises/a{markup}b.md", page=True)
    assert refusal is not None and f"may not hold {markup!r}" in refusal
    assert name_refusal(f"exercises/a{markup}b.png", page=False) is None
