"""Where the browser suite's tools are: Debian's Chromium, Node.js and the npm
packages that ``make`` installs with ``npm ci`` (axe-core, Lighthouse).

Each ``missing_*`` function returns ``None`` when the tool is there, or the one
line that tells a developer how to get it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.support.site import REPO

ARTIFACTS = REPO / "test-artifacts"
NODE_MODULES = REPO / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"

CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine's network is closed: no background calls home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

_NPM_HINT = (
    "run 'make test' or 'npm ci' (needs Node.js 18.16+ and npm: 'apt-get install nodejs npm')"
)


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    return candidate if candidate and Path(candidate).exists() else None


def missing_chromium() -> str | None:
    if chromium_path():
        return None
    return "Chromium not found: install it with 'apt-get install chromium' (or set CHROMIUM_PATH)"


def node_path() -> str | None:
    return shutil.which("node")


def missing_axe() -> str | None:
    if AXE_SCRIPT.is_file():
        return None
    return f"axe-core not installed in node_modules/: {_NPM_HINT}"


def missing_lighthouse() -> str | None:
    if node_path() is None:
        return f"Node.js not found, needed by Lighthouse: {_NPM_HINT}"
    if not LIGHTHOUSE_CLI.is_file():
        return f"Lighthouse not installed in node_modules/: {_NPM_HINT}"
    return None
