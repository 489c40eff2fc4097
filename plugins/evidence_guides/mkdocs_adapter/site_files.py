"""Files the plugin reads, adds to a MkDocs site (the policy page, image copies) or keeps out.

Every page is read once, by the site build, before MkDocs or libyaml reads it
(:func:`read_pages`); a page refused is left out of the site.

The policy page and the image copies are made by the engine-free core
(:mod:`evidence_guides.audit.policy`, :mod:`evidence_guides.build.images`); this
module only hands them to MkDocs: the policy as a generated page among the
site's files, the smaller and WebP copies of every raster image beside it in
the built site.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import is_markdown_file

from evidence_guides.audit.policy import policy_markdown
from evidence_guides.build.images import write_variants
from evidence_guides.build.site_build import PageRefused, SiteBuild
from evidence_guides.build.source_pages import first_references_page
from evidence_guides.files.images import ImageError, is_raster
from evidence_guides.files.names import name_refusal
from evidence_guides.files.published import (
    is_linked_folder,
    link_out_refusal,
    linked_folder_refusal,
    publish_refusal,
)
from evidence_guides.files.source import SourceDecodeError, SourceError, resolved
from evidence_guides.mkdocs_adapter.shown_config import config_text, contact_email
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from evidence_guides.mkdocs_adapter.log import BuildLog


def add_policy_page(config: MkDocsConfig, site: SiteBuild, name: str, files: Files) -> None:
    """Add the policy page ``name`` (none if empty), written from the audit's rules; it links
    the site's references page, if it has one."""
    if not name:
        return
    if files.get_file_from_path(name) is not None:
        raise PluginError(f"{name}: policy_page names a page of docs_dir; remove one of them")
    shown = first_references_page(
        (src_uri, state.source_text)
        for src_uri, state in site.pages.items()
        if not (state.is_guide or state.is_draft) and files.get_file_from_path(src_uri) is not None
    )
    link = posixpath.relpath(shown.src_uri, posixpath.dirname(name) or ".") if shown else None
    text = policy_markdown(
        site.settings,
        site_name=config_text(config.site_name),
        contact=contact_email(config),
        references_link=link,
    )
    files.append(File.generated(config, name, content=text))


def write_image_copies(files: Files, cache: Path) -> Iterator[str]:
    """Write the copies of every raster image the site publishes; a line per image that failed."""
    for file in files.media_files():
        if file.abs_src_path is None or not is_raster(file.src_uri):
            continue
        try:
            write_variants(Path(file.abs_src_path), Path(file.abs_dest_path), cache)
        except (ImageError, OSError) as error:
            yield f"{file.src_uri}: no smaller copies made: {error}"


def leave_out_unpublished(
    files: Files, config: MkDocsConfig, root: Path, log: BuildLog, data_file: Path
) -> None:
    """Leave out the project's data file (the people file) and what must not be published.

    A file of the docs folder that is no page is left out, with an error, for
    a name that is not UTF-8, a device, a FIFO, a link out of the docs folder
    or an SVG with script (:mod:`evidence_guides.files.published`): MkDocs would
    copy each into the site without looking. Pages are read, and refused, apart.
    """
    docs_dir = Path(config.docs_dir)
    docs = display_path(docs_dir, root)
    data = resolved(data_file)
    for file in [f for f in files if f.abs_src_path and not f.is_documentation_page()]:
        source = Path(file.abs_src_path)
        if resolved(source) == data:
            files.remove(file)
            continue
        if file.src_dir != config.docs_dir:
            continue  # the theme's own
        path = f"{docs}/{file.src_uri}"
        refusal = file_refusal(source, docs_dir, path)
        if refusal is not None:
            log.error(f"{escape_controls(refusal)}; the file is left out")
            files.remove(file)


def read_pages(
    site: SiteBuild, files: Files, config: MkDocsConfig, root: Path, log: BuildLog
) -> list[File]:
    """Read every page into ``site``, drafts marked; the pages refused, to leave out.

    Text that is not UTF-8 stops the build (PluginError); a page refused is
    logged as an error.
    """
    docs = display_path(Path(config.docs_dir), root)  # resolved once, not per page
    refused: list[File] = []
    for file in files.documentation_pages():
        if file.abs_src_path is None:
            continue
        if file.src_dir == config.docs_dir:
            path = f"{docs}/{file.src_uri}"
        else:  # a page another plugin adds from elsewhere
            path = display_path(Path(file.abs_src_path), root)
        refusal = page_refusal(Path(file.abs_src_path), Path(config.docs_dir), path)
        if refusal is not None:
            log.error(f"{escape_controls(refusal)}; the page is left out")
            refused.append(file)
            continue
        try:
            page = site.add_page(file.src_uri, Path(file.abs_src_path), path)
        except SourceDecodeError as error:  # text that is not UTF-8 stops the build
            raise PluginError(escape_controls(str(error))) from None
        except (SourceError, PageRefused) as error:
            log.error(f"{error}; the page is left out")
            refused.append(file)
            continue
        if page.is_draft:
            file.inclusion = InclusionLevel.DRAFT
    return refused


def page_refusal(source: Path, docs_dir: Path, path: str) -> str | None:
    """Why the page at ``source`` (``path`` as editors see it) is left out before it is
    read, in one line; or None. Reading it may refuse it too (``SiteBuild.add_page``)."""
    return name_refusal(path, page=True) or link_out_refusal(source, docs_dir, path)


def file_refusal(source: Path, docs_dir: Path, path: str) -> str | None:
    """Why the file of docs_dir at ``source`` that is no page is left out, in one line; or None.

    MkDocs copies it into the site without looking at it.
    """
    return name_refusal(path, page=False) or publish_refusal(source, docs_dir, path)


def saved_refusal(source: Path, docs_dir: Path, root: Path) -> str | None:
    """Why the build would leave out ``source``, a file of ``docs_dir`` saved (or a link to a
    folder put there) while the site is served, before reading it; or None, also when it is gone.

    MkDocs follows a link to a folder (``ln -s .. loop`` makes it walk forever),
    and copies a file that is no page without looking at it.
    """
    if not os.path.lexists(source):
        return None
    path = display_path(source, root)
    if is_linked_folder(source):
        return linked_folder_refusal(path)
    if is_markdown_file(source.name):
        return page_refusal(source, docs_dir, path)
    return None if source.is_dir() else file_refusal(source, docs_dir, path)


def write_first(files: Files, first: Collection[str]) -> None:
    """Have MkDocs write the pages at the source URIs ``first`` before every other file.

    MkDocs writes pages in the order of ``files``; the others keep theirs. What
    a reader gets does not depend on it (the theme's sitemap is sorted by URL).
    """
    if first:
        for file in [file for file in files if file.src_uri not in first]:
            files.remove(file)
            files.append(file)


def display_path(file: Path, root: Path) -> str:
    """A path relative to mkdocs.yml's folder (``root``) when possible, as editors see it.

    A link inside the project keeps its own name (``references/refs.bib``,
    not the file it points at).
    """
    for candidate in (file, resolved(file)):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return file.as_posix()
