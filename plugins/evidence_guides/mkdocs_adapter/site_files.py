"""Files the plugin adds to a MkDocs site (the policy page, image copies) or keeps out of it.

Both are made by the engine-free core (:mod:`evidence_guides.audit.policy`,
:mod:`evidence_guides.build.images`); this module only hands them to MkDocs:
the policy as a generated page among the site's files, the smaller and WebP
copies of every raster image beside it in the built site.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

from evidence_guides.audit.policy import policy_markdown
from evidence_guides.build.images import ImageError, is_raster, write_variants
from evidence_guides.files.source import resolved

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from evidence_guides.audit.model import AuditSettings


def policy_file(config: MkDocsConfig, settings: AuditSettings, name: str, files: Files) -> File:
    """The policy page ``name``, written from the audit's rules; ValueError if ``name`` exists."""
    if files.get_file_from_path(name) is not None:
        raise ValueError(f"{name}: policy_page names a page of docs_dir; remove one of them")
    contact = config.extra.get("contact") if isinstance(config.extra, dict) else None
    email = contact.get("email") if isinstance(contact, dict) else None
    text = policy_markdown(settings, site_name=config.site_name, contact=email)
    return File.generated(config, name, content=text)


def write_image_copies(files: Files, cache: Path) -> Iterator[str]:
    """Write the copies of every raster image the site publishes; a line per image that failed."""
    for file in files.media_files():
        if file.abs_src_path is None or not is_raster(file.src_uri):
            continue
        try:
            write_variants(Path(file.abs_src_path), Path(file.abs_dest_path), cache)
        except (ImageError, OSError) as error:
            yield f"{file.src_uri}: no smaller copies made: {error}"


def leave_out(files: Files, data_file: Path) -> None:
    """Keep a project data file (the people file) that sits in docs_dir out of the site."""
    target = resolved(data_file)
    for file in list(files):
        if file.abs_src_path is not None and resolved(Path(file.abs_src_path)) == target:
            files.remove(file)
