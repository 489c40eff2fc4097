"""What Material prints as it is (title, description...) reaches it as escaped text."""

from __future__ import annotations

from markupsafe import Markup

from evidence_guides.mkdocs_adapter.meta import escape_shown_meta


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
