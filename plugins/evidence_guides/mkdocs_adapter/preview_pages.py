"""The preview's banner on each page and its page of every finding, as MkDocs serves them.

Only when the site is served (``mkdocs serve``, or ``make serve``'s preview):
the plugin learns so from ``on_startup(command="serve")``. A build never
calls these, so neither the banner nor the page can reach the published site.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

from evidence_guides.build.banner import FINDINGS_PAGE, finding_groups, page_banner
from evidence_guides.files.atomic import write_atomically

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.build.banner import PreviewBanner
    from evidence_guides.build.engine import Engine
    from evidence_guides.build.live import LiveSite

FINDINGS_FILE = posixpath.join(FINDINGS_PAGE, "index.html")
"""The page of every finding, in the served site's folder."""


def banner_for(live: LiveSite, src_uri: str, page_url: str) -> PreviewBanner | None:
    """The banner of the page at ``page_url`` (``evidence_preview`` in templates)."""
    state = live.site.pages.get(src_uri)
    if state is None:
        return None
    errors, warnings = live.counts()
    link = get_relative_url(FINDINGS_PAGE, page_url or ".")
    return page_banner(state.path, live.page_findings(src_uri), link, (errors, warnings))


def write_findings_page(live: LiveSite, engine: Engine, site_dir: str) -> None:
    """Write the page of every finding into the served site's folder."""
    groups = finding_groups(live.findings(), live.site.store.path)
    errors, warnings = live.counts()
    html = engine.render_partial(
        "preview-findings",
        groups=groups,
        errors=errors,
        warnings=warnings,
        site_name=engine.site_name,
        home="../" * FINDINGS_PAGE.count("/"),
    )
    target = Path(site_dir) / FINDINGS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, html)


def watched_files(root: Path, bib: str, muscles: str, settings: AuditSettings | None) -> list[Path]:
    """The project's files outside docs_dir that the served site shows: the store, the
    people file (bylines and quotes name people), the muscle vocabulary (a muscle renamed
    there re-checks every guide). Editing one re-renders the pages and prints the findings."""
    watched = [root / bib]
    if settings is not None and settings.people_file.is_file():
        watched.append(settings.people_file)
    if (root / muscles).is_file():
        watched.append(root / muscles)
    return watched
