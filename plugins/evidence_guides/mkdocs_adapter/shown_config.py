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

Every value of ``extra`` and ``repo_name`` are made text the same way (Material
prints the social links' addresses, the language selector's names, the
analytics property inside a script; this theme the publisher and the contact),
the keys of ``extra`` left as they are. A link there (a value at ``link``,
``url``, ``homepage`` or ``href``) with a scheme a reader's browser would run
(``javascript:``) is an error. So are such a scheme, a quote, ``<``, ``>``, a
space or a control character in ``site_url``, ``repo_url``, ``edit_uri`` or
``edit_uri_template``, which Material prints into ``href`` (MkDocs takes
``javascript://%0aalert(1)`` as a URL, and joins them into each page's
canonical and edit links), and a contact address that is not one: the policy page writes it into
Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from evidence_guides.terminal import escape_controls
from evidence_guides.text.sanitize import SAFE_SCHEMES, url_scheme, visible_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

SHOWN_OPTIONS = ("site_name", "site_description", "site_author", "repo_name")
ADDRESS_OPTIONS = ("site_url", "repo_url", "edit_uri", "edit_uri_template")
"""Options Material prints into ``href`` as they are (``page.canonical_url`` and
``page.edit_url`` are joined from them)."""
LINK_KEYS = frozenset({"link", "url", "homepage", "href"})
"""Keys of ``extra`` whose value the theme makes a link of (``<a href="...">``)."""

_NOT_IN_ADDRESS_RE = re.compile(r"[\s\"'<>`\\\x00-\x1f\x7f]")
_EMAIL_RE = re.compile(r"[^\s@<>()\[\]\\,;:\"'`]+@[^\s@<>()\[\]\\,;:\"'`]+")


def escape_shown_config(config: MkDocsConfig) -> None:
    """Make the options Material prints, every navigation title and every value of ``extra``
    escaped text; a link a reader's browser would run is a one-line error."""
    for option in SHOWN_OPTIONS:
        value = config.get(option)
        if isinstance(value, str):
            config[option] = shown_text(value)
    if config.get("nav") is not None:
        config["nav"] = _titles_escaped(config["nav"])
    for option in ADDRESS_OPTIONS:
        if isinstance(config.get(option), str):
            _check_address(option, config[option])
    extra = config.get("extra")
    if isinstance(extra, MutableMapping):
        for key in list(extra):
            extra[key] = _extra_escaped(extra[key], f"extra.{key}", key)
    contact_email(config)  # checked now, before any page is made


def contact_email(config: MkDocsConfig) -> str | None:
    """``extra.contact.email`` as written, if set; one that is not an address is an error."""
    extra = config.get("extra")
    contact = extra.get("contact") if isinstance(extra, MutableMapping) else None
    email = contact.get("email") if isinstance(contact, MutableMapping) else None
    if email is None or email == "":
        return None
    text = config_text(email) if isinstance(email, str) else ""
    if not _EMAIL_RE.fullmatch(text):
        raise PluginError(
            escape_controls(
                f"mkdocs.yml: extra.contact.email: {text or email!r} is not an email address:"
                " give one such as editors@example.org"
            )
        )
    return text


def shown_text(text: str) -> Markup:
    """``text`` as escaped text, once: a ``Markup`` is taken as it is."""
    if isinstance(text, Markup):
        return text
    return Markup(html.escape(visible_text(text), quote=True))


def config_text(value: str) -> str:
    """An option's text as written (less unshown characters), for what is not HTML."""
    return value.unescape() if isinstance(value, Markup) else value


def _extra_escaped(value: Any, where: str, key: object) -> Any:
    """``value`` (of ``extra``, at ``where``) with every text escaped, its links checked."""
    if isinstance(value, str):
        if key in LINK_KEYS:
            _check_link(where, value)
        return shown_text(value)
    if isinstance(value, list):
        return [_extra_escaped(item, f"{where}[{n}]", key) for n, item in enumerate(value)]
    if isinstance(value, MutableMapping):
        for name in list(value):
            value[name] = _extra_escaped(value[name], f"{where}.{name}", name)
    return value


def _check_link(where: str, url: str) -> None:
    """A one-line error if ``url`` has a scheme a reader's browser would run, not follow."""
    scheme = url_scheme(html.unescape(url) if isinstance(url, Markup) else url)
    if scheme is not None and scheme not in SAFE_SCHEMES:
        raise PluginError(
            escape_controls(
                f"mkdocs.yml: {where}: a {scheme}: link is not one a reader can follow safely:"
                " give an http(s) or mailto address, or a path of the site"
            )
        )


def _check_address(where: str, url: str) -> None:
    """A one-line error if ``url``, printed into an attribute as it is, could leave it or run."""
    _check_link(where, url)
    if (found := _NOT_IN_ADDRESS_RE.search(url)) is not None:
        raise PluginError(
            escape_controls(
                f"mkdocs.yml: {where}: {found.group()!r} cannot be in an address the theme"
                f" prints into a link: percent-encode it (%{ord(found.group()):02X})"
            )
        )


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
