"""The floor for an audit: read every page and the store, and parse each page's YAML with libyaml.

No audit of a project can do less than this, so ``make bench`` compares
``guides audit`` with it. Run as its own process, like the audit, so both
include the interpreter's start-up.

    python benchmarks/floor.py PROJECT
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

_FENCE = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def main(project: Path) -> int:
    pages = 0
    for page in sorted((project / "content").rglob("*.md")):
        text = page.read_bytes().decode("utf-8")
        match = _FENCE.match(text)
        if match is not None:
            yaml.load(match.group(1), Loader=yaml.CSafeLoader)
        pages += 1
    (project / "references" / "refs.bib").read_bytes().decode("utf-8")
    print(f"read {pages} pages and the store")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
