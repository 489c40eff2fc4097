"""The site's pages: those a build wrote, and the guides content/ publishes."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.support.site import REPO

GUIDES_DIR = REPO / "content" / "exercises"


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as a path from its root ("" is the landing page)."""
    return [
        html.relative_to(site).as_posix().removesuffix("index.html")
        for html in sorted(site.rglob("*.html"))
    ]


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def published_guides() -> dict[str, dict]:
    """Slug to front-matter of every guide in content/ that is not a draft."""
    guides = {}
    for path in sorted(GUIDES_DIR.glob("*.md")):
        meta = front_matter(path)
        if path.name != "index.md" and not meta.get("draft"):
            guides[path.stem] = meta
    return guides
