"""LinkChecker over the served site: every internal link and #anchor resolves.

``make linkcheck`` runs this module on ``site/``; ``make linkcheck-external``
adds ``--external`` and also follows the links to other sites (PubMed, DOI,
guidelines), which needs the internet, so CI never does it. Exit codes are
LinkChecker's: 0 when every link is good, 1 for a broken link or anchor.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tests.browser.server import serve
from tests.support.site import REPO

CONFIG = Path(__file__).with_name("linkcheckerrc")


def linkchecker(
    url: str, *, external: bool = False, published_at: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Check ``url`` and every page it leads to on the same host; with ``external``,
    links to other hosts too, except those to ``published_at``: the site's own
    address (canonical links), which is not what is checked here."""
    command = [sys.executable, "-m", "linkcheck", "--config", str(CONFIG), "--no-status"]
    if external:
        command.append("--check-extern")
        if published_at:
            command += ["--ignore-url", "^" + re.escape(published_at)]
    return subprocess.run([*command, url], capture_output=True, text=True, timeout=900, check=False)


def site_url(site: Path) -> str | None:
    """The address the site is published at: its landing page's canonical URL."""
    found = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text())
    return found.group(1) if found else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="linkcheck", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=REPO / "site")
    parser.add_argument("--external", action="store_true", help="check links to other sites too")
    options = parser.parse_args(argv)
    if not (options.site / "index.html").is_file():
        print(f"{options.site} has no built site: run 'make site' first", file=sys.stderr)
        return 2
    with serve(options.site) as url:
        result = linkchecker(url, external=options.external, published_at=site_url(options.site))
    print(result.stdout, end="")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
