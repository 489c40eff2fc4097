"""Front-matter values the theme acts on, made safe before it does.

Material writes a page's title into the header, the navigation and the search
index as HTML, and a description, an author or a revision date into the page,
unescaped: a quote or a "<" would end an attribute or open a tag. It loads the
template a page's ``template:`` names and the icon its ``icon:`` names, and
reads ``hide:`` as a list: a name the theme lacks, or ``hide: true``, ended the
build in a traceback. Its redirect template puts ``location:`` into a script.
This is about the theme, not about guides, so it lives with the adapter.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2.exceptions import TemplateNotFound
from jinja2.loaders import split_template_path
from markupsafe import Markup

from evidence_guides.text.sanitize import is_safe_url, text_value, tooltip_text, visible_text

SHOWN_META = (
    "title",
    "description",
    "author",
    "subtitle",
    "status",
    "revision_date",  # the source-file partial's dates, which git plugins would set
    "git_revision_date_localized",
    "git_creation_date_localized",
    "location",  # the redirect template's target
)
"""Front-matter values Material prints as they are: as HTML, or inside an attribute."""
_IN_TOOLTIPS = ("title", "subtitle")  # Material may set their text as a tooltip's HTML
_NOT_TEXT = {
    list: "a list",
    dict: "a mapping",
    bool: "true or false",
    type(None): "empty",
    int: "a number",
    float: "a number",
}


def theme_meta_refusals(meta: dict[str, Any], theme_dirs: Sequence[str]) -> list[str]:
    """Leave out each value the theme cannot use; say why, one line each ("front-matter ...").

    Run before :func:`escape_shown_meta`, which makes what is left text.
    """
    refusals = {
        "template": lambda value: template_refusal(value, theme_dirs),
        "icon": lambda value: _icon_refusal(value, theme_dirs),
        "hide": _hide_refusal,
        "location": _location_refusal,
    }
    said = []
    for key, refusal in refusals.items():
        if key in meta and (why := refusal(meta[key])) is not None:
            del meta[key]
            said.append(f"front-matter '{key}' {why}: left out")
    return said


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


def _icon_refusal(name: object, theme_dirs: Sequence[str]) -> str | None:
    """Material includes ``.icons/NAME.svg`` for a page in the navigation or the tabs."""
    if not isinstance(name, str):
        return f"is {_kind(name)}, not an icon's name"
    if template_refusal(f".icons/{name}.svg", theme_dirs) is None:
        return None
    return f"names {name!r}, which is no icon of the theme (e.g. 'material/dumbbell')"


def _hide_refusal(value: object) -> str | None:
    """Material asks whether "toc", "navigation"... is in the value: it must be a list."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return None
    listed = "a list of other values" if isinstance(value, list) else _kind(value)
    return f"is {listed}, not a list of what to hide (e.g. [navigation, toc])"


def _location_refusal(value: object) -> str | None:
    """The redirect template sends the reader there, from a script."""
    text = text_value(value)
    if text is None:
        return f"is {_kind(value)}, not an address"
    if is_safe_url(text):
        return None
    return f"is {text!r}, not an http, https or relative address"


def _kind(value: object) -> str:
    name = type(value).__name__
    return _NOT_TEXT.get(type(value), f"{'an' if name[0] in 'aeiou' else 'a'} {name} value")


def escape_shown_meta(
    meta: dict[str, Any], path: str, warn: Callable[[str], None] | None = None
) -> None:
    """Make each value Material prints as it is text, escaped; leave out what is not text.

    Each becomes text escaped once, as markupsafe's ``Markup`` (so a template's
    ``| e`` leaves it as it is), without a control character or a bidirectional
    override (:func:`visible_text`); a title's "<" stays text in Material's
    tooltips too. A value that is not text (a list, a mapping) is left out of the page,
    with a warning naming the file (through ``warn``): its Python form would be
    printed otherwise.
    """
    for key in SHOWN_META:
        if key not in meta:
            continue
        value = meta[key]
        text = text_value(value)
        if text is not None:
            text = visible_text(text)  # MkDocs read a page's meta itself: no control reaches it
            text = tooltip_text(text) if key in _IN_TOOLTIPS else text
            meta[key] = Markup(html.escape(text, quote=True))
            continue
        del meta[key]
        if warn is not None and value is not None:
            warn(f"{path}: front-matter '{key}' is {_kind(value)}, not text: left out of the page")
