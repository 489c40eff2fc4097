"""``image-invalid``: a figure a reader cannot rely on: no alt text, no credit, no file.

An image is part of a guide's evidence for readers who see it and a gap for
those who do not: every image needs alt text that says what it shows, a
credit saying who made it, and a file the site publishes. The lead image's
``alt`` and ``credit`` are required fields of the front-matter (the model
reports them missing); its file, and every body image written in Markdown
(``![alt](file "caption"){ credit="..." }``), are checked here, each at its
line. A remote image (``https://...``) is not looked for on disk.
"""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from evidence_guides import rule_ids
from evidence_guides.files.images import ImageError, read_image_info
from evidence_guides.files.published import publish_refusal
from evidence_guides.findings import line_and_column
from evidence_guides.text.markdown_images import find_images

if TYPE_CHECKING:
    from pathlib import Path

    from evidence_guides.audit.context import PageContext
    from evidence_guides.audit.sink import Sink

IMAGE_INVALID = rule_ids.IMAGE_INVALID


def check_page(context: PageContext, sink: Sink) -> None:
    """The lead image's file, and every body image's alt text, credit and file."""
    parsed = context.parsed
    image = parsed.guide.image if parsed is not None and parsed.guide is not None else None
    body = context.body_text
    if not sink.enabled(IMAGE_INVALID) or (image is None and "![" not in body):
        return
    page_dir = _page_dir(context)
    docs_dir = context.settings.docs_dir
    if parsed and image and page_dir is not None:
        problem = _file_problem(docs_dir, page_dir, image.file, "image.file")
        if problem is not None:
            position = parsed.position(context.source_text, "image.file") or (1, 1)
            missing = f"image.file: no file {image.file!r} beside the guide"
            sink.add(IMAGE_INVALID, position, problem or missing)
    for found in find_images(body):
        position = line_and_column(context.source_text, context.body_offset + found.offset)
        shown = found.src if len(found.src) <= 60 else found.src[:57] + "..."
        if not found.alt:
            message = f"image {shown!r} has no alt text: say what it shows, in the brackets"
            sink.add(IMAGE_INVALID, position, message)
        if (formatted := found.formatted_attribute) is not None:
            message = (
                f"image {shown!r}: its attribute list holds {formatted!r}, which Markdown"
                " formats before the list is read, so the page loses the credit: write the"
                " credit and licence as plain text"
            )
            sink.add(IMAGE_INVALID, position, message)
        elif found.credit is None:
            message = (
                f'image {shown!r} has no credit: add {{ credit="who made it" }}'
                ' after it (and licence="...")'
            )
            sink.add(IMAGE_INVALID, position, message)
        if page_dir is None or found.is_remote or ":" in found.src.split("/")[0]:
            continue
        problem = _file_problem(docs_dir, page_dir, found.src, "image file")
        if problem is not None:
            sink.add(IMAGE_INVALID, position, problem or f"image file {shown!r} not found")


def _page_dir(context: PageContext) -> str | None:
    """The page's folder inside docs_dir, from its path as editors see it."""
    docs = context.settings.docs_dir
    try:
        relative = (context.settings.root / context.path).resolve().relative_to(docs.resolve())
    except (ValueError, OSError):
        return None
    return PurePosixPath(relative.as_posix()).parent.as_posix()


def _file_problem(docs_dir: Path, page_dir: str, src: str, label: str) -> str | None:
    """What is wrong with an image's file, ``label`` first: "" when there is none; None if fine.

    A file the site would not publish (see :mod:`evidence_guides.files.published`),
    or whose size cannot be read (the build could not size it), is named here,
    so that CI's audit stops what the build would leave out.
    """
    path = unquote(src.split("#", 1)[0].split("?", 1)[0])
    if path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/"))
    else:
        target = posixpath.normpath(posixpath.join(page_dir, path))
    if target.startswith("../") or target == "..":
        return ""
    file = docs_dir / target
    if not file.is_file():
        return ""
    refusal = publish_refusal(file, docs_dir, f"{label} {src!r}")
    if refusal is not None:
        return refusal
    try:
        read_image_info(file)
    except ImageError as error:
        return f"{label} {src!r}: {error.reason}"
    return None
