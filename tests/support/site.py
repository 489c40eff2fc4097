"""Building a site with MkDocs in a subprocess, as ``make site`` does."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The smallest mkdocs.yml of a guides site: this repository's theme and the plugin (whose
# search replaces Material's search plugin).
MINIMAL_CONFIG = f"""\
site_name: Test Guides
site_url: https://guides.test/
docs_dir: content
theme:
  name: material
  custom_dir: {REPO / "theme"}
  font: false
plugins:
  - evidence
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc
"""


@dataclass(frozen=True)
class Build:
    """The outcome of one ``mkdocs build``."""

    project: Path
    site: Path
    returncode: int
    output: str

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def run_build(project: Path, *, strict: bool = True, site: Path | None = None) -> Build:
    """Build ``project`` with MkDocs in a subprocess, as ``make site`` does."""
    site = site or project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    result = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


def add_hook(project: Path, source: str) -> None:
    """Give the project a MkDocs hook (``hook.py``, listed in ``mkdocs.yml``) of ``source``."""
    (project / "hook.py").write_text(source, "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "hooks:\n  - hook.py\n", "utf-8")
