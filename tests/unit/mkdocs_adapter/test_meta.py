"""Front-matter the theme acts on: what Material prints as it is (title, description...)
reaches it as escaped text; a ``template:`` the theme cannot load is named, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from evidence_guides.mkdocs_adapter.meta import escape_shown_meta, template_refusal


def test_text_is_escaped_once_and_other_values_are_left_out_with_a_warning() -> None:
    meta = {
        "title": 'Plank <script>alert("x")</script>',
        "description": 'A "quoted" line',
        "author": ["Ann", "Bob"],
        "level": "beginner",
    }
    warnings: list[str] = []
    escape_shown_meta(meta, "content/plank.md", warnings.append)
    assert isinstance(meta["title"], Markup) and "<script>" not in meta["title"]
    assert meta["description"] == "A &quot;quoted&quot; line"
    assert "author" not in meta and meta["level"] == "beginner"
    assert warnings == [
        "content/plank.md: front-matter 'author' is a list, not text: left out of the page"
    ]


def test_without_a_warn_callback_a_value_that_is_not_text_leaves_quietly() -> None:
    meta = {"subtitle": {"a": 1}}
    escape_shown_meta(meta, "content/plank.md")
    assert meta == {}


def test_a_value_of_another_kind_is_named_by_its_kind() -> None:
    meta = {"status": b"\x00binary", "subtitle": {1, 2}}
    warnings: list[str] = []
    escape_shown_meta(meta, "content/plank.md", warnings.append)
    assert sorted(warnings) == [
        "content/plank.md: front-matter 'status' is a bytes value, not text: left out of the page",
        "content/plank.md: front-matter 'subtitle' is a set value, not text: left out of the page",
    ]


def test_a_shown_value_never_carries_a_control_or_an_override() -> None:
    meta = {"title": "Crunch \u202e\x1b]0;PWNED\x07 x", "description": "\u2067How\x00 to\u2028"}
    escape_shown_meta(meta, "content/index.md")
    assert meta == {
        "title": "Crunch \ufffd\ufffd]0;PWNED\ufffd x",
        "description": "\ufffdHow\ufffd to\ufffd",
    }


@pytest.fixture
def theme_dirs(tmp_path: Path) -> list[str]:
    (tmp_path / "site-theme").mkdir()
    (tmp_path / "site-theme" / "landing.html").write_text("{{ page.content }}", encoding="utf-8")
    (tmp_path / "base-theme" / "partials").mkdir(parents=True)
    (tmp_path / "base-theme" / "partials" / "card.html").write_text("", encoding="utf-8")
    return [str(tmp_path / "site-theme"), str(tmp_path / "base-theme")]


@pytest.mark.parametrize("name", ["landing.html", "partials/card.html"])
def test_a_template_any_theme_folder_has_is_accepted(theme_dirs: list[str], name: str) -> None:
    assert template_refusal(name, theme_dirs) is None


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("nonexist.html", "names 'nonexist.html', which the theme does not have"),
        ("partials", "names 'partials', which the theme does not have"),  # a folder
        ("../site-theme/landing.html", "which is outside the theme's folders"),
        ("../../../etc/passwd", "which is outside the theme's folders"),
        (["landing.html"], "is a list, not a template's name"),
        (None, "is empty, not a template's name"),
        (3, "is a number, not a template's name"),
    ],
)
def test_a_template_the_theme_cannot_load_is_named_with_the_reason(
    theme_dirs: list[str], name: object, says: str
) -> None:
    refused = template_refusal(name, theme_dirs)
    assert refused is not None and says in refused
