"""``broken-link``: a link to a page, a file or an ``#anchor`` the site does not have.

A link is resolved as the site build resolves it: relative to the page's
source file, to a file of the docs folder (``[x](crunch.md#faq)``). What MkDocs
finds in a published page's body it finds without a line, and never in a draft
or a front-matter field; this rule reports every link of the body and of the
text fields where it is written, drafts included, with the fix:

- a file that does not exist (the file meant, when one is close);
- an address that is not a file (``../crunch/``): the page's file to link;
- an anchor the page does not have (the anchor meant, when one is close);
- from a published page, a guide that is a draft, which the site leaves out.

The anchors of another page are read from its file once per version of it (its
size and time), only for pages linked to with an anchor. Whether a linked
guide is a draft is known once every page is read (a corpus check), so no
file is read twice for it; a guide that was not audited is read.
"""

from __future__ import annotations

import difflib
import functools
import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from evidence_guides import rule_ids
from evidence_guides.audit.page_links import Link, internal_links, page_anchors
from evidence_guides.files.source import SourceError, read_source
from evidence_guides.findings import Finding
from evidence_guides.guide.frontmatter.model import parse_guide
from evidence_guides.guide.sections import HEADINGS
from evidence_guides.text.front_matter import may_set_draft, split_front_matter

if TYPE_CHECKING:
    from collections.abc import Sequence

    from evidence_guides.audit.context import CorpusContext, PageContext, SegmentContext
    from evidence_guides.audit.engine import PageAudit
    from evidence_guides.audit.sink import Sink
    from evidence_guides.files.source import ByteLimit

RULE = rule_ids.BROKEN_LINK
_SHOWN = 60  # characters of an address a message quotes
_LISTED = 6  # anchors a message lists when none is close to the one written
_REFERENCE = "ref-"  # a reference's anchor on a guide: ref-KEY
_GUIDE_SECTIONS = frozenset(HEADINGS)  # the ids of the sections around a guide's body
_DRAFT = "that guide is a draft, left out of the published site until it is published"

GuideLink = tuple[str, int, int, str]  # the guide's path in the docs folder, line, column, URL


def check(context: SegmentContext, sink: Sink) -> None:
    """Report each link of the segment to a file, page or anchor the site does not have."""
    if not sink.enabled(RULE):
        return
    links = internal_links(context.prose)
    if not links:
        return
    page = context.page
    source = _source_uri(page.path, str(page.settings.root), str(page.settings.docs_dir))
    if source is None:
        return
    own: frozenset[str] | None = None
    for link in links:
        parts = link.parts
        if parts.path:
            problem = _target_problem(link, source, context)
        else:  # "#anchor": a place on this page
            own = own if own is not None else page_anchors(page.body_text)
            problem = _anchor_problem(parts.fragment, own, "this page", page.parsed is not None)
        if problem is not None:
            message = f"broken link {_shown(link.url)!r}: {problem}"
            sink.add(RULE, context.prose.position(link.offset), message)


def check_corpus(context: CorpusContext) -> list[Finding]:
    """A published page's link to a guide that is a draft, which the site leaves out.

    Which guides are drafts is known once every page is read; a guide that was
    not audited (``guides audit PAGE``) is read for it.
    """
    severity = context.settings.severity(RULE)
    if severity == "off":
        return []
    settings = context.settings
    prefix = _docs_prefix(str(settings.root), str(settings.docs_dir)) or ""
    pages: Sequence[PageAudit] = context.pages  # type: ignore[assignment]
    drafts = {page.path: page.is_draft for page in pages}
    findings = []
    for page in pages:
        for target, line, column, url in page.guide_links:
            draft = drafts.get(prefix.removeprefix("./") + target)
            if draft is None:
                draft = _file_is_draft(Path(settings.docs_dir) / target, settings.limits.page)
            if draft and not page.suppresses(RULE, line):
                message = f"broken link {_shown(url)!r}: {_DRAFT}"
                findings.append(Finding(page.path, line, column, RULE, severity, message))
    return findings


def _file_is_draft(file: Path, limit: ByteLimit) -> bool:
    version = _version(file)
    return version is not None and _is_draft(str(file), *version, limit)


def _target_problem(link: Link, source: str, context: SegmentContext) -> str | None:
    """What is wrong with ``link`` (to ``path#fragment``) from the page ``source``, if anything."""
    page, path, fragment = context.page, link.parts.path, link.parts.fragment
    settings = page.settings
    folder = posixpath.dirname(source)
    target = posixpath.normpath(posixpath.join(folder, unquote(path)))
    docs = Path(settings.docs_dir)
    if target == ".." or target.startswith("../"):
        return f"it leads out of the docs folder {docs.name}/"
    file = docs / target
    page.files_read.add(target)
    if not file.is_file():
        return _missing(path, target, source, docs, page.files_read)
    if _is_guide(target, settings.guides_dir) and not _is_draft_page(page):
        # Whether it is a draft is known once every page is read: see check_corpus.
        page.guide_links.append((target, *context.prose.position(link.offset), link.url))
    if fragment and target.endswith(".md"):
        version = _version(file)
        anchors = _anchors(str(file), *version, settings.limits.page) if version else None
        if anchors is not None:  # a page that cannot be read is reported as such elsewhere
            guide = _is_guide(target, settings.guides_dir)
            return _anchor_problem(fragment, anchors, posixpath.basename(target), guide)
    return None


def _missing(path: str, target: str, source: str, docs: Path, files_read: set[str]) -> str:
    """A link to no file: the page's file to link instead, or the file meant; what it looked
    for is added to ``files_read``."""
    folder = posixpath.dirname(source) or "."
    if not posixpath.splitext(target)[1]:  # "../crunch/", "crunch": a URL, not a file
        # Written relative to the page's URL (exercises/plank/), as a browser reads it.
        url = source[: -len("index.md")] if source.endswith("index.md") else source[:-3] + "/"
        from_url = posixpath.normpath(posixpath.join(url, unquote(path)))
        for base in dict.fromkeys((target, from_url)):
            for candidate in (f"{base}.md", f"{base}/index.md"):
                files_read.add(candidate)
                if (docs / candidate).is_file():
                    meant = posixpath.relpath(candidate, folder)
                    return f"not a file of the site; link to the page's file, {meant!r}"
    files_read.add(f"{posixpath.dirname(target)}/")
    try:
        names = sorted(os.listdir(docs / posixpath.dirname(target)))
    except OSError:  # no such folder, or not one
        names = []
    close = difflib.get_close_matches(posixpath.basename(target), names, n=1, cutoff=0.75)
    meant = ""
    if close:
        candidate = posixpath.join(posixpath.dirname(target), close[0])
        meant = f"; did you mean {posixpath.relpath(candidate, folder)!r}?"
    return f"{docs.name}/{target} does not exist{meant}"


def _anchor_problem(anchor: str, anchors: frozenset[str], where: str, guide: bool) -> str | None:
    """An anchor the page lacks: the one meant when close, or the page's anchors.

    A guide also has its sections' headings and its references (``ref-KEY``),
    which the site build adds around its body.
    """
    anchor = unquote(anchor)
    known = anchors | _GUIDE_SECTIONS if guide else anchors
    if anchor in known or (guide and anchor.startswith(_REFERENCE)):
        return None
    close = difflib.get_close_matches(anchor, sorted(known), n=1, cutoff=0.6)
    if close:
        return f"{where} has no anchor '#{anchor}'; did you mean '#{close[0]}'?"
    listed = [f"#{name}" for name in sorted(known)[:_LISTED]]
    more = ", ..." if len(known) > _LISTED else ""
    have = f" (it has {', '.join(listed)}{more})" if listed else ""
    return f"{where} has no anchor '#{anchor}'{have}"


def _is_draft_page(page: PageContext) -> bool:
    return page.parsed is not None and page.parsed.meta.get("draft") is True


def _is_guide(target: str, guides_dir: str) -> bool:
    folder, name = posixpath.split(target)
    return folder == guides_dir and name.endswith(".md") and name != "index.md"


def _version(file: Path) -> tuple[int, int] | None:
    """A file's size and modification time: a changed file is read again."""
    try:
        stat = file.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


@functools.lru_cache(maxsize=4096)
def _is_draft(file: str, size: int, mtime: int, limit: int) -> bool:
    text = _read(file, limit)
    return text is not None and may_set_draft(text) and _draft_meta(text, file)


def _draft_meta(text: str, file: str) -> bool:
    return parse_guide(text, file).meta.get("draft") is True


@functools.lru_cache(maxsize=1024)
def _anchors(file: str, size: int, mtime: int, limit: int) -> frozenset[str] | None:
    text = _read(file, limit)
    return None if text is None else page_anchors(split_front_matter(text).body)


def _read(file: str, limit: int) -> str | None:
    try:
        return read_source(Path(file), file, limit)
    except (SourceError, ValueError):  # not UTF-8 (a SourceDecodeError), or past the limits
        return None


@functools.lru_cache(maxsize=16)
def _docs_prefix(root: str, docs_dir: str) -> str | None:
    """The docs folder relative to the project root, as page paths start: ``content/``."""
    relative = os.path.relpath(docs_dir, root)
    return None if relative.startswith("..") else relative.replace(os.sep, "/").rstrip("/") + "/"


def _source_uri(path: str, root: str, docs_dir: str) -> str | None:
    """The page's path in the docs folder (``exercises/plank.md``), as links resolve from it."""
    prefix = _docs_prefix(root, docs_dir)
    if prefix is None:
        return None
    if prefix == "./":
        return path
    return path[len(prefix) :] if path.startswith(prefix) else None


def _shown(url: str) -> str:
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in url)
    return shown if len(shown) <= _SHOWN else f"{shown[: _SHOWN - 3]}..."
