"""What a built site's Pagefind index holds, read as a reader's browser would get it.

Pagefind writes each indexed page as a fragment (``pagefind/fragment/*.pf_fragment``):
gzip around a signature and the page's JSON (its URL, text, meta and filters).
Reading them tells which pages search can find and what it shows of each,
without a browser.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

_SIGNATURE = b"pagefind_dcd"


def indexed_pages(site: Path) -> dict[str, dict[str, Any]]:
    """URL to fragment (``content``, ``meta``, ``filters``) of every page the index holds."""
    pages = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(_SIGNATURE), fragment
        page = json.loads(data[len(_SIGNATURE) :])
        pages[page["url"]] = page
    return pages
