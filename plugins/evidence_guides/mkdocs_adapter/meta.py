"""Front-matter values the theme acts on, made safe before it does.

Material writes a page's title into the header, the navigation and the search
index as HTML, and a description or author into an attribute, unescaped: a quote
or a "<" would end the attribute or open a tag. MkDocs renders a page with the
template its ``template:`` names, and ends the build in a traceback when the
theme has none of that name. This is about the theme, not about guides, so it
lives with the adapter.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2.exceptions import TemplateNotFound
from jinja2.loaders import split_template_path
from markupsafe import Markup

from evidence_guides.text.sanitize import text_value, tooltip_text

SHOWN_META = ("title", "description", "author", "subtitle", "status")
"""Front-matter values Material prints as they are: as HTML, or inside an attribute."""
_IN_TOOLTIPS = ("title", "subtitle")  # Material may set their text as a tooltip's HTML
_NOT_TEXT = {list: "a list", dict: "a mapping", bool: "true or false", type(None): "empty"}


def template_refusal(name: object, theme_dirs: Sequence[str]) -> str | None:
    """Why a page's ``template:`` cannot be rendered, or None when the theme has it.

    Found as the theme's loader finds it (Jinja's file loader: no ``..``, the
    first folder that has the file), so a name accepted here is one MkDocs loads.
    """
    if not isinstance(name, str):
        return f"is {_kind(name)}, not a template's name"
    try:
        pieces = split_template_path(name)
    except TemplateNotFound:
        return f"names {name!r}, which is outside the theme's folders"
    if any(Path(folder, *pieces).is_file() for folder in theme_dirs):
        return None
    return f"names {name!r}, which the theme does not have (theme/ holds the site's own)"


def _kind(value: object) -> str:
    return _NOT_TEXT.get(type(value), f"a {type(value).__name__} value")


def escape_shown_meta(
    meta: dict[str, Any], path: str, warn: Callable[[str], None] | None = None
) -> None:
    """Make each value Material prints as it is text, escaped; leave out what is not text.

    Each becomes text escaped once, as markupsafe's ``Markup`` (so a template's
    ``| e`` leaves it as it is); a title's "<" stays text in Material's tooltips
    too. A value that is not text (a list, a mapping) is left out of the page,
    with a warning naming the file (through ``warn``): its Python form would be
    printed otherwise.
    """
    for key in SHOWN_META:
        if key not in meta:
            continue
        value = meta[key]
        text = text_value(value)
        if text is not None:
            text = tooltip_text(text) if key in _IN_TOOLTIPS else text
            meta[key] = Markup(html.escape(text, quote=True))
            continue
        del meta[key]
        if warn is not None and value is not None:
            warn(f"{path}: front-matter '{key}' is {_kind(value)}, not text: left out of the page")
