"""The call to action: the publisher's own invitation, kept apart from the medicine.

A publisher may end each guide with an invitation (an app, a newsletter). It
is configured once, in mkdocs.yml (``call_to_action: {text, link, label}``
under the plugin), shown after the guide's content, and never put inside the
guide's sections, its FAQ or its structured data, so nothing a reader or a
search engine takes for the guide's evidence is advertising. Not configured,
there is none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evidence_guides.text.sanitize import url_scheme

FIELDS = ("text", "link", "label")
_MARKUP = re.compile(r"[<>]")
_WEB_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True, slots=True)
class CallToAction:
    """What the block says, where its link goes, and the link's words."""

    text: str  # one sentence: "Track your workouts in our app."
    link: str  # an http(s) address, or a path of the site
    label: str  # the link's words: "Get the app"


class CallToActionError(ValueError):
    """The option is not a valid call to action; the message names the field."""


def read_call_to_action(value: Any) -> CallToAction | None:
    """The configured call to action; None when the option is absent or empty.

    Raises :class:`CallToActionError` for anything else than the three plain-text
    fields, a link that is not http, https or a path, or text with markup.
    """
    if value is None or value == {}:
        return None
    if not isinstance(value, Mapping):
        raise CallToActionError("must be a mapping of text, link and label")
    unknown = [str(name) for name in value if name not in FIELDS]
    if unknown:
        raise CallToActionError(f"unknown key {unknown[0]!r} (expected text, link and label)")
    fields: dict[str, str] = {}
    for name in FIELDS:
        text = value.get(name)
        if not isinstance(text, str) or not text.strip():
            raise CallToActionError(f"{name} must be a non-empty string")
        if name != "link" and _MARKUP.search(text):
            raise CallToActionError(f"{name} is plain text: '<' and '>' are not allowed")
        fields[name] = " ".join(text.split())
    link = fields["link"]
    scheme = url_scheme(link)
    if (scheme is not None and scheme not in _WEB_SCHEMES) or any(c in link for c in "<>\"' "):
        raise CallToActionError(f"link {link!r} must be an http or https address, or a path")
    if scheme is None and link.replace("\\", "/").startswith("//"):  # a browser reads a host
        raise CallToActionError(f"link {link!r} names another site: write it with https:")
    return CallToAction(**fields)
