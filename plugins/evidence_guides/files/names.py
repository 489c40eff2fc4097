"""File names the site can publish: UTF-8, and, for a page, no markup.

A URL is UTF-8: a name holding bytes that are not (Python keeps them as lone
surrogates) cannot be made into one, and MkDocs fails with a traceback the
moment it tries. And a page with no title and no heading gets its title from
its file name, which MkDocs and Material print as HTML: a page named
``<img src=x onerror=...>.md`` would run script in a build that is not strict
or in the preview, and ``&#x3c;img ...&#x3e;.md`` the same once Material
copies the title into a tooltip. Both are refused, naming the file, before anything uses the name.
"""

from __future__ import annotations

import os
import re

_MARKUP = re.compile(r'[<>"&]')  # '&' too: '&#x3c;' is a '<' to a browser


def shown_name(path: str) -> str:
    """``path`` printable: bytes that are not UTF-8 shown as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def name_refusal(path: str, *, page: bool) -> str | None:
    """Why the file ``path`` may not be published under its name, in one line; None when it may."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return f"{shown_name(path)}: the file name is not UTF-8 text: rename the file"
    if page and (markup := _MARKUP.search(path)) is not None:
        return (
            f"{path}: a page's file name may not hold {markup.group()!r}, which a page without"
            " a title shows as markup: rename the file"
        )
    return None
