"""Text of mkdocs.yml that the theme prints into every page, made text.

Material prints ``site_name``, ``site_description``, ``site_author`` and the
navigation's titles as they are, into the page and into attributes
(``aria-label="{{ config.site_name }}"``): a site name holding
``<img src=x onerror=...>`` ran script on every page, one holding ``"`` broke out
of an attribute. Each becomes text escaped once, as markupsafe's ``Markup`` (a
template's ``| e`` then leaves it as it is), without a control character or a
bidirectional override (:func:`~evidence_guides.text.sanitize.visible_text`),
as a page's front-matter title is (:mod:`.meta`). What the plugin writes
outside HTML (structured data, the policy page's Markdown) reads the text back
with :func:`config_text`.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from evidence_guides.text.sanitize import visible_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

SHOWN_OPTIONS = ("site_name", "site_description", "site_author")


def escape_shown_config(config: MkDocsConfig) -> None:
    """Make the options Material prints, and every navigation title, escaped text."""
    for option in SHOWN_OPTIONS:
        value = config.get(option)
        if isinstance(value, str):
            config[option] = shown_text(value)
    if config.get("nav") is not None:
        config["nav"] = _titles_escaped(config["nav"])


def shown_text(text: str) -> Markup:
    """``text`` as escaped text, once: a ``Markup`` is taken as it is."""
    if isinstance(text, Markup):
        return text
    return Markup(html.escape(visible_text(text), quote=True))


def config_text(value: str) -> str:
    """An option's text as written (less unshown characters), for what is not HTML."""
    return value.unescape() if isinstance(value, Markup) else value


def _titles_escaped(nav: Any) -> Any:
    """The nav with each title (a mapping's key) escaped; addresses and files as they are."""
    if isinstance(nav, list):
        return [_titles_escaped(item) for item in nav]
    if isinstance(nav, dict):
        return {
            shown_text(title) if isinstance(title, str) else title: _titles_escaped(value)
            for title, value in nav.items()
        }
    return nav
