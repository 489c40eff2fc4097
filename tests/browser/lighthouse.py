"""Lighthouse (mobile) on the landing page, a listing page and the leg raise guide (with its
figures).

``make lighthouse`` runs this module on ``site/``: it prints the four scores of
each page and keeps the reports (JSON and HTML) in ``test-artifacts/lighthouse/``.
It exits 1 when accessibility, best practices or SEO is below 100, or when a
page requested anything outside 127.0.0.1. Performance is a timing that varies
with the machine's load, so it is reported against its target, never enforced.

Lighthouse drives Debian's Chromium (``CHROME_PATH``); the browser resolves no
host name at all, so neither the page nor Lighthouse can reach the internet.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.browser import tools
from tests.browser.server import serve
from tests.support.site import REPO

PAGES = {"home": "", "listing": "browse/", "leg-raise": "exercises/leg-raise/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
REQUIRED = {"accessibility": 100, "best-practices": 100, "seo": 100}
PERFORMANCE_TARGET = 95
REPORTS = tools.ARTIFACTS / "lighthouse"

CHROME_FLAGS = [
    "--headless=new",
    *tools.CHROMIUM_FLAGS,
    # Only the loopback server is reachable: every host name fails to resolve.
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"',
]


@dataclass(frozen=True)
class Report:
    """One Lighthouse run: its scores (0-100) and what the page requested."""

    name: str
    url: str
    scores: Mapping[str, int]
    failed_audits: Mapping[str, Sequence[str]]
    requested: Sequence[str]
    json_path: Path
    layout_shift: float = 0.0  # cumulative layout shift: 0 when nothing moves as it loads

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requested if not _is_local(url)]

    def failures(self) -> list[str]:
        """Why this report falls short of the thresholds, one line each."""
        failures = [
            f"{self.name}: {category} {self.scores[category]} < {minimum}"
            f" (failed: {', '.join(self.failed_audits[category])})"
            for category, minimum in REQUIRED.items()
            if self.scores[category] < minimum
        ]
        failures += [f"{self.name}: requested {url}" for url in self.foreign_requests()]
        return failures


def _is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1:", "data:", "blob:"))


def run_lighthouse(name: str, url: str, chromium: str, *, reports: Path = REPORTS) -> Report:
    """Run Lighthouse's default (mobile) configuration on ``url`` once."""
    reports.mkdir(parents=True, exist_ok=True)
    node = tools.node_path()
    assert node is not None, tools.missing_lighthouse()
    command = [
        node,
        str(tools.LIGHTHOUSE_CLI),
        url,
        "--quiet",
        "--no-enable-error-reporting",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output=html",
        f"--output-path={reports / name}",
        *(f"--chrome-flags={flag}" for flag in CHROME_FLAGS),
    ]
    env = {**os.environ, "CHROME_PATH": chromium}
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    json_path = reports / f"{name}.report.json"
    if result.returncode != 0 or not json_path.is_file():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stdout}{result.stderr}")
    return read_report(name, json_path)


def read_report(name: str, json_path: Path) -> Report:
    data: dict[str, Any] = json.loads(json_path.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise RuntimeError(f"{json_path}: {data['runtimeError']}")
    scores = {
        category: round((data["categories"][category]["score"] or 0) * 100)
        for category in CATEGORIES
    }
    failed = {
        category: [
            ref["id"]
            for ref in data["categories"][category]["auditRefs"]
            if ref["weight"] > 0 and (data["audits"][ref["id"]]["score"] or 0) < 1
        ]
        for category in CATEGORIES
    }
    items = data["audits"]["network-requests"]["details"]["items"]
    requested = [item["url"] for item in items]
    shift = float(data["audits"]["cumulative-layout-shift"].get("numericValue") or 0.0)
    return Report(name, data["finalDisplayedUrl"], scores, failed, requested, json_path, shift)


def format_table(reports: Sequence[Report]) -> str:
    width = max(len(report.name) for report in reports)
    lines = [f"{'page':<{width}}  " + "  ".join(f"{c:>14}" for c in CATEGORIES) + "     CLS"]
    for report in reports:
        cells = "  ".join(f"{report.scores[c]:>14}" for c in CATEGORIES)
        lines.append(f"{report.name:<{width}}  {cells}  {report.layout_shift:>6.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run Lighthouse on the built ``site/`` and print every score."""
    site = Path(argv[0]) if argv else REPO / "site"
    problem = tools.missing_chromium() or tools.missing_lighthouse()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if not (site / "index.html").is_file():
        print(f"{site} has no built site: run 'make site' first", file=sys.stderr)
        return 2
    chromium = tools.chromium_path()
    assert chromium is not None
    with serve(site) as root:
        reports = [run_lighthouse(name, root + path, chromium) for name, path in PAGES.items()]
    print(format_table(reports))
    print(f"reports: {REPORTS.relative_to(REPO)}/")
    for report in reports:
        if report.scores["performance"] < PERFORMANCE_TARGET:
            print(
                f"note: {report.name}: performance {report.scores['performance']}"
                f" is below its target of {PERFORMANCE_TARGET} (timings vary with load)"
            )
    failures = [failure for report in reports for failure in report.failures()]
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
