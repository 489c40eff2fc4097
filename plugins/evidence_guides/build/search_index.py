"""The site's search index: Pagefind run over the built site, engine-free.

Pagefind reads the written HTML and writes a static, chunked index beside it
(``pagefind/`` in the site), of which a reader's browser fetches only the few
kilobytes a query needs, instead of one index of the whole site on every page
view. What it indexes is decided by the theme's attributes, not here: only a
published guide's article carries ``data-pagefind-body`` (so the landing page,
listings, references page and drafts are never results), and its
``data-pagefind-filter`` and ``data-pagefind-meta`` attributes give the level,
muscles and equipment as filters and the level as a result's meta. Citation
numbers are left out by :data:`EXCLUDED` (they are written by the citations'
renderer, not by a template).

The indexer is the ``pagefind`` binary that the ``pagefind_bin`` wheel ships:
nothing is downloaded when it runs, and it needs no network.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

OUTPUT_SUBDIR = "pagefind"
"""Where the index goes in the site: the search script loads ``OUTPUT_SUBDIR/pagefind.js``."""

EXCLUDED = ("sup.citations", ".headerlink")
"""What Pagefind leaves out of a guide's text: citation numbers and heading permalinks (¶)."""

TIMEOUT_SECONDS = 600


class SearchIndexError(Exception):
    """The search index could not be written; the message is one line."""


@dataclass(frozen=True, slots=True)
class IndexedSite:
    """What an indexing run reports: the pages indexed, and its own words about it."""

    pages: int
    output: str


def pagefind_executable() -> Path:
    """The Pagefind binary inside the installed ``pagefind_bin`` wheel."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError(
            "search index: the pagefind binary is not installed (pip install 'pagefind[bin]')"
        ) from None
    try:
        return get_executable()
    except (FileNotFoundError, OSError) as error:
        raise SearchIndexError(f"search index: no pagefind binary: {error}") from None


def index_site(site_dir: Path, glob: str = "**/*.html") -> IndexedSite:
    """Index the built site in ``site_dir`` (only the files ``glob`` matches) in place.

    Raises :class:`SearchIndexError` with one line (Pagefind's last error line)
    when the binary is missing, fails or runs past :data:`TIMEOUT_SECONDS`.
    """
    command = [
        str(pagefind_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        OUTPUT_SUBDIR,
        "--glob",
        glob,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
        "--force-language",
        "en",
    ]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TIMEOUT_SECONDS,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise SearchIndexError(
            f"search index: pagefind took more than {TIMEOUT_SECONDS} s on {site_dir}"
        ) from None
    except OSError as error:
        raise SearchIndexError(f"search index: pagefind could not run: {error}") from None
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise SearchIndexError(
            f"search index: pagefind failed (exit {result.returncode}): {_last_line(output)}"
        )
    return IndexedSite(_pages_indexed(output), output)


def _last_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or ["no output"])[-1]


def _pages_indexed(output: str) -> int:
    """The number of pages Pagefind says it indexed ("Indexed 3 pages"), or 0."""
    for line in output.splitlines():
        words = line.strip().split()
        if len(words) >= 3 and words[0] == "Indexed" and words[2] in ("page", "pages"):
            return int(words[1]) if words[1].isdigit() else 0
    return 0
