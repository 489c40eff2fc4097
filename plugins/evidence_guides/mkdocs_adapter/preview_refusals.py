"""The preview's one line for what it cannot take in, and what it shows meanwhile.

A save the build would leave out (a page linked out of the docs folder, a
device, a link to a folder) is refused with the build's own line, before
MkDocs reads or copies anything. A page, template or mkdocs.yml that MkDocs or
the theme refuses is one line naming the page or the template, never MkDocs'
"Error building page 'x':" with nothing after the colon, nor an empty message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from evidence_guides.mkdocs_adapter.rendering import REFUSED, PageNotMade
from evidence_guides.mkdocs_adapter.site_files import display_path, saved_refusal
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

PREVIEW_REFUSED = (PageNotMade, *REFUSED)
"""What a save can hold that MkDocs or the theme refuses: the preview goes on, with one line."""


def refusal_line(error: Exception, root: Path) -> str:
    """The line for ``error`` (one of :data:`PREVIEW_REFUSED`), paths from ``root``."""
    page, shown = "", "the last pages it made"
    if isinstance(error, PageNotMade):
        page, error = error.page, error.reason
    if isinstance(error, jinja2.TemplateSyntaxError):  # it names the template, not the page
        message = f"{error.filename or error.name}:{error.lineno}: {error.message}"
    else:
        message = str(error) or f"{type(error).__name__}, with no message"
        if page:
            message = f"{display_path(Path(page), root)}: {message}"
            shown = "the page as it was"
    return f"{escape_controls(message)}; the preview shows {shown}"


def saved_file_line(path: Path, docs_dir: Path, root: Path, files: Files) -> str | None:
    """Why the build would leave out ``path``, a file of ``docs_dir`` saved, and what the
    preview shows instead; None when it would not (or ``path`` is not in ``docs_dir``)."""
    docs = docs_dir.resolve()
    if not path.is_relative_to(docs):
        return None
    refusal = saved_refusal(path, docs_dir, root)
    if refusal is None:
        return None
    known = files.get_file_from_path(path.relative_to(docs).as_posix()) is not None
    return f"{refusal}; the preview {'shows it as it was' if known else 'leaves it out'}"
