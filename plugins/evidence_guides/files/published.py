"""Whether a file of the docs folder may be published as it is.

MkDocs copies every file of the docs folder that is not a page into the site,
byte for byte, without looking at it. Git keeps symbolic links, so one change
can add a link to ``/dev/zero`` (the copy fills the disk), to a FIFO (the copy
never ends) or to ``/etc/passwd`` (the build machine's file is published).
And an SVG (or XML) file is a document that runs its own script when opened
at its address. So a file is published only when it is a regular file inside
the docs folder, and, for an SVG or XML file, holds no script
(:mod:`evidence_guides.files.svg`); a compressed SVG, which cannot be read, is not.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from evidence_guides.files.images import MAX_BYTES
from evidence_guides.files.source import (
    SourceError,
    check_regular_file,
    read_source_bytes,
    resolved,
)
from evidence_guides.files.svg import svg_active_content

# What a browser opens as a document of the site that can run script: each is read (files/svg.py).
_DOCUMENTS = frozenset({".svg", ".xml", ".xhtml", ".xht"})
_COMPRESSED = frozenset({".svgz"})  # served with Content-Encoding: gzip, it runs as an SVG


def link_out_refusal(file: Path, docs_dir: Path, path: str) -> str | None:
    """Why ``file`` may not be published if it is a link out of the docs folder; or None.

    A page too: a page linked to ``/proc/self/environ`` would publish the
    build's environment (a CI job's secrets), one linked to ``/etc/os-release``
    the machine's name. Only a file that is itself a link is resolved (5,000
    pages took 270 ms to resolve all): a link to a folder is refused before
    any file is read (:func:`folder_link_refusal`).
    """
    if not os.path.islink(file):
        return None
    target = resolved(file)
    if target.is_relative_to(resolved(docs_dir)):
        return None
    return f"{path}: a link to {target}, outside the docs folder: copy the file in instead"


def folder_link_refusal(docs_dir: Path, shown: Callable[[Path], str]) -> str | None:
    """Why the docs folder cannot be walked, naming its first link to a folder; or None."""
    link = folder_link(docs_dir)
    return None if link is None else linked_folder_refusal(shown(link))


def linked_folder_refusal(path: str) -> str:
    """Why the link to a folder at ``path`` (as editors see it) is refused, in one line."""
    return (
        f"{path}: a link to a folder in the docs folder, which MkDocs follows (two that"
        " point at their own folder make the build endless): put the folder's files there"
    )


def is_linked_folder(path: Path) -> bool:
    """Whether ``path`` is a link to a folder, as :func:`folder_link` finds one."""
    return os.path.islink(path) and os.path.isdir(path)


def folder_link(docs_dir: Path) -> Path | None:
    """The first link to a folder inside ``docs_dir``, walked without following links; or None.

    MkDocs walks the docs folder following links before any plugin runs: two
    links to their own folder ("a -> .", "b -> .") made it walk 2^40 paths, and
    one copied every file of the folder forty times over.
    """
    folders = [docs_dir]
    while folders:
        try:
            entries = sorted(os.scandir(folders.pop()), key=lambda entry: entry.name)
        except OSError:
            continue  # MkDocs says what is wrong with it
        for entry in entries:
            if entry.is_symlink():
                if os.path.isdir(entry.path):  # follows it (False for a loop): a folder's?
                    return Path(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
    return None


def publish_refusal(file: Path, docs_dir: Path, path: str) -> str | None:
    """Why ``file`` (``path`` as editors see it) must not be published, in one line; or None."""
    try:
        check_regular_file(file, path)
    except SourceError as error:
        return str(error)
    if (outside := link_out_refusal(file, docs_dir, path)) is not None:
        return outside
    suffix = file.suffix.lower()
    if suffix in _COMPRESSED:
        return f"{path}: a compressed SVG, which the build cannot check: publish it uncompressed"
    if suffix not in _DOCUMENTS:
        return None
    try:
        if file.stat().st_size > MAX_BYTES:
            return f"{path}: more than {MAX_BYTES >> 20} MB, more than a figure needs"
        data = read_source_bytes(file, path)
    except (OSError, SourceError) as error:
        return str(error) if isinstance(error, SourceError) else f"{path}: {error.strerror}"
    problem = svg_active_content(data)
    if problem is None:
        return None
    kind = suffix[1:].upper()
    return f"{path}: an {kind} file that {problem}; only what cannot run script is published"
