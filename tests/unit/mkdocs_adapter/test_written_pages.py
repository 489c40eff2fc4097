"""What a kept page's digest reads of a template's context: every part of plain data, or
nothing (the page is then always rendered)."""

from __future__ import annotations

import dataclasses
import datetime
import enum
from collections.abc import Callable

import pytest
from markupsafe import Markup

from evidence_guides.mkdocs_adapter.written_pages import NotData, _Rendering, _watched, data


@dataclasses.dataclass(frozen=True)
class Image:
    src: str
    credit: str | None = None


class Level(enum.Enum):
    BEGINNER = "beginner"


def test_every_part_of_plain_data_is_read() -> None:
    value = {
        "last_reviewed": datetime.date(2026, 1, 2),
        "image": Image("a.jpg", "Ana"),
        "levels": [Level.BEGINNER],
        "indexed": True,
        "sizes": (1, 2.5, None),
    }
    changed = [
        {**value, "last_reviewed": datetime.date(2026, 1, 3)},
        {**value, "image": Image("a.jpg", "Bo")},
        {**value, "indexed": False},
        {**value, "sizes": (1, 2.5)},
        {**value, "extra": ""},
    ]
    assert all(data(other) != data(value) for other in changed)
    assert data(dict(reversed(value.items()))) == data(value)  # a mapping's order is not data


def test_markup_and_text_differ_and_a_list_is_not_a_tuple() -> None:
    assert data(Markup("<b>x</b>")) != data("<b>x</b>")
    assert data([1]) != data((1,))
    assert data({"b", "a"}) == data({"a", "b"})  # a set in any order


@pytest.mark.parametrize("value", [object(), [1, object()], {"key": lambda: 1}, Image])
def test_an_object_is_not_data(value: object) -> None:
    with pytest.raises(NotData):
        data(value)


@pytest.mark.parametrize(
    "read",
    [
        lambda pages: list(pages),
        lambda pages: len(pages),
        lambda pages: "a" in pages,
        lambda pages: pages[0],
        lambda pages: pages.index("a"),
        lambda pages: str(pages),
        lambda pages: bool(pages),
        lambda pages: pages.copy(),
    ],
)
def test_a_watched_list_notes_every_way_it_is_read(read: Callable[[list[str]], object]) -> None:
    rendering = _Rendering("digest")
    pages = _watched("pages", ["a", "b"], rendering)
    assert rendering.read == set()
    read(pages)
    assert rendering.read == {"pages"}
