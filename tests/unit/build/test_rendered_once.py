"""A reference's markup rendered once a build, the same HTML on every page that lists it."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path

import jinja2
import pytest

from evidence_guides.build import rendered_once
from evidence_guides.build.rendered_once import RenderedOnce
from evidence_guides.guide.sections import HEADINGS
from evidence_guides.store.formatting import format_reference
from evidence_guides.store.load import load_bib
from tests.support.bib import FIXTURES

THEME = Path(__file__).resolve().parents[3] / "theme"


class CountingRenderedOnce(RenderedOnce):
    """Counts how often the template's markup is actually rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.rendered = 0

    def __call__(self, name: str, value: Hashable, caller: Callable[[], str]) -> str:
        def counted() -> str:
            self.rendered += 1
            return caller()

        return super().__call__(name, value, counted)


def _theme(once: Callable[..., str]) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME), auto_reload=False)
    env.globals["rendered_once"] = once
    return env


def _pages(env: jinja2.Environment, pages: list[list[object]]) -> list[str]:
    template = env.get_template("partials/references.html")
    return [template.render(references=refs, headings=HEADINGS) for refs in pages]


@pytest.fixture(scope="module")
def references() -> list[object]:
    store = load_bib(FIXTURES / "refs.bib", "references/refs.bib")
    return [format_reference(entry) for entry in store.entries.values()]


def test_each_reference_is_rendered_once_and_shown_the_same_on_every_page(
    references: list[object],
) -> None:
    # Three pages listing overlapping references, in different orders.
    pages = [references, references[::-1], references[: len(references) // 2]]
    every_time = _pages(_theme(lambda name, value, caller: caller()), pages)
    once = CountingRenderedOnce()
    assert _pages(_theme(once), pages) == every_time
    assert once.rendered == len(references)
    assert all(f'id="ref-{ref.key}"' in every_time[0] for ref in references)  # type: ignore[attr-defined]


def test_the_kept_markup_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rendered_once, "MAX_KEPT", 2)
    once = CountingRenderedOnce()
    for value in ("a", "b", "c", "a"):
        assert once("name", value, lambda value=value: f"<{value}>") == f"<{value}>"
    assert once.rendered == 4  # "a" was let go when "c" came
