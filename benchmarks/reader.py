"""``make bench-reader``: what a reader on a phone gets from a library of thousands of guides.

Builds the synthetic corpus (``corpus.py``; 5,000 guides and 20,000 references
by default) with ``mkdocs build --strict``, serves the site on 127.0.0.1
gzipped as static hosts serve it (``tests/browser/server.py``), and reports,
per page kind (the landing page, a listing page, a guide):

- Lighthouse's mobile performance score (its default configuration: a
  throttled mid-range phone on a slow 4G connection), the page's DOM elements
  (Lighthouse's ``dom-size``) and the bytes it fetched, compressed as sent
  (``total-byte-weight``);
- from opening a guide to the first search results for a query: every byte
  fetched (the guide, its assets, then Pagefind's script, web worker,
  WebAssembly, index chunks and result fragments), counted by the server as
  sent;
- the build's wall time, and what indexing adds to it: the build against the
  same build with ``search: false`` (each with a ``.cache/`` of its own, as a
  site has), back to back, the median of ``--runs`` pairs' ratios.

Lighthouse's reports are kept in benchmarks/out/lighthouse/. It is a
measurement, not a test: nothing fails when a figure is over its budget.

    .venv/bin/python benchmarks/reader.py [--guides 5000] [--references 20000] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import ClassVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import FORMAT, generate, slug, write_config  # noqa: E402
from run import Pair, Run, best_of_pair, measure, own_cache, tool  # noqa: E402
from tests.browser import tools  # noqa: E402
from tests.browser.lighthouse import run_lighthouse  # noqa: E402
from tests.browser.server import StaticSiteHandler, serve  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
QUERY = "kneeling"
BUDGETS = {"performance": 95, "dom": 1500, "guide_kib": 250, "search_kib": 500, "index": 0.15}


@dataclass(frozen=True, slots=True)
class PageFigures:
    kind: str
    path: str
    performance: int
    dom_elements: int
    kib: float  # fetched, compressed as sent


@dataclass(frozen=True, slots=True)
class Figures:
    guides: int
    references: int
    build_seconds: float
    without_index_seconds: float
    index_share: float  # the median of the pairs' ratios, less one
    index_cpu_share: float  # the same of their CPU seconds
    pages: list[PageFigures]
    guide_kib: float  # the guide alone, as Chromium fetched it
    search_kib: float  # from opening the guide to the first results
    search_requests: int
    results: int


def corpus_folder(guides: int, references: int, reuse: bool) -> Path:
    folder = OUT / f"reader-{guides}"
    stamp = folder / "FORMAT"
    if (
        reuse
        and stamp.is_file()
        and stamp.read_text().split()[:3]
        == [
            str(FORMAT),
            str(guides),
            str(references),
        ]
    ):
        return folder
    return generate(folder, guides=guides, references=references).folder


def build(folder: Path) -> None:
    run = measure([tool("mkdocs"), "build", "--strict", "--site-dir", "site"], folder)
    if run.code != 0:
        raise SystemExit(f"mkdocs build failed (exit {run.code}):\n{run.output}")


def indexing_share(folder: Path, runs: int) -> Pair:
    """The build with its search index against the build without: back to back, ``runs`` times.

    The ``search: false`` build keeps a ``.cache/`` of its own (``run.own_cache``),
    warmed by a first build, as a site built without search would have it.
    """
    command = [tool("mkdocs"), "build", "--strict", "--site-dir", "site"]

    def build_with(search: bool) -> Run:
        write_config(folder, enabled=True, search=search)
        try:
            with own_cache(folder, "search-off") if not search else nullcontext():
                return measure(command, folder)
        finally:
            write_config(folder, enabled=True)

    build_with(False)  # the search: false build's cache, as its last build left it
    return best_of_pair(runs, lambda: build_with(True), lambda: build_with(False))


def lighthouse(kind: str, root: str, path: str, chromium: str) -> PageFigures:
    report = run_lighthouse(kind, root + path, chromium, reports=OUT / "lighthouse")
    audits = json.loads(report.json_path.read_text("utf-8"))["audits"]
    return PageFigures(
        kind,
        path,
        report.scores["performance"],
        int(audits["dom-size"]["numericValue"]),
        audits["total-byte-weight"]["numericValue"] / 1024,
    )


class CountingHandler(StaticSiteHandler):
    """The test server's handler, counting the body bytes it sends (as sent: gzipped)."""

    sent: ClassVar[list[tuple[str, int]]] = []

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            self.sent.append((self.path, int(value)))
        super().send_header(keyword, value)


def search_bytes(root: str, path: str, chromium: str) -> tuple[float, float, int, int]:
    """KiB sent (gzipped) for the guide, and until the first search results; requests, results.

    Counted by the server, so the requests of Pagefind's web worker count too.
    """
    from playwright.sync_api import sync_playwright

    sent = CountingHandler.sent
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=tools.CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 390, "height": 800})
        sent.clear()
        page.goto(root + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        guide = sum(size for _, size in sent)
        page.locator("[data-guide-search]:not([hidden])").wait_for(state="attached")
        page.keyboard.press("/")
        page.keyboard.type(QUERY, delay=30)
        page.locator(".guide-search__results a").first.wait_for()
        page.wait_for_load_state("networkidle")
        results = page.locator(".guide-search__results a").count()
        total, requests = sum(size for _, size in sent), len(sent)
        browser.close()
    return guide / 1024, total / 1024, requests, results


def measure_reader(guides: int, references: int, reuse: bool, runs: int) -> Figures:
    folder = corpus_folder(guides, references, reuse)
    print(f"building {guides:,} guides ...", file=sys.stderr, flush=True)
    build(folder)  # the store's cache, as every build after the first has it
    pair = indexing_share(folder, runs)  # the indexed build runs last: its site is measured
    site = folder / "site"
    chromium = tools.chromium_path()
    problem = tools.missing_chromium() or tools.missing_lighthouse()
    if problem or chromium is None:
        raise SystemExit(problem)
    middle = max(guides // 100, 1)  # a listing page in the middle of A to Z
    kinds = {
        "landing": "",
        "listing": f"browse/{middle}/" if middle > 1 else "browse/",
        "guide": f"exercises/{slug(guides // 2)}/",
    }
    with serve(site, CountingHandler) as root:
        pages = [lighthouse(kind, root, path, chromium) for kind, path in kinds.items()]
        guide_kib, search_kib, requests, results = search_bytes(root, kinds["guide"], chromium)
    return Figures(
        guides,
        references,
        pair.first.seconds,
        pair.second.seconds,
        pair.ratio - 1,
        pair.cpu_ratio - 1,
        pages,
        guide_kib,
        search_kib,
        requests,
        results,
    )


def table(figures: Figures) -> str:
    lines = [
        f"Synthetic corpus of {figures.guides:,} guides and {figures.references:,} references,"
        " served gzipped on 127.0.0.1; Lighthouse mobile (default throttling).",
        "",
        "| page | path | Lighthouse performance | DOM elements | KiB fetched (gzipped) |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for page in figures.pages:
        lines.append(
            f"| {page.kind} | `/{page.path}` | {page.performance} | {page.dom_elements:,}"
            f" | {page.kib:.0f} |"
        )
    lines += [
        "",
        "| measure | figure | budget |",
        "| --- | ---: | ---: |",
        f"| a guide, as Chromium fetched it | {figures.guide_kib:.0f} KiB"
        f" | {BUDGETS['guide_kib']} KB |",
        f"| opening a guide, then searching '{QUERY}' until the first results"
        f" ({figures.search_requests} requests, {figures.results} results shown)"
        f" | {figures.search_kib:.0f} KiB | {BUDGETS['search_kib']} KB |",
        f"| build (`mkdocs build --strict`, warm cache) | {figures.build_seconds:.1f} s | |",
        f"| the same with `search: false` | {figures.without_index_seconds:.1f} s | |",
        f"| what indexing adds to the build's wall time (median of the pairs)"
        f" | {figures.index_share:+.1%} | {BUDGETS['index']:.0%} |",
        f"| what indexing adds to the build's CPU time (median of the pairs)"
        f" | {figures.index_cpu_share:+.1%} | |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=int, default=5_000)
    parser.add_argument("--references", type=int, default=20_000)
    parser.add_argument("--reuse", action="store_true", help="keep a corpus already generated")
    parser.add_argument("--runs", type=int, default=3, help="builds with and without the index")
    arguments = parser.parse_args(argv)
    runs = max(arguments.runs, 1)
    figures = measure_reader(arguments.guides, arguments.references, arguments.reuse, runs)
    (OUT / f"reader-{figures.guides}.json").write_text(json.dumps(asdict(figures), indent=2))
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
