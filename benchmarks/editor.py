"""``make bench-editor``: the editor's loop on a synthetic library, timed as an editor lives it.

For each number of guides N (2,000 and 5,000 by default) and a store of M
references (20,000), it generates a corpus into benchmarks/out/editor-N (see
``corpus.py``), makes 20 of its guides cite one new store entry, starts the
preview as ``make serve`` does, and then, ``--saves`` times each:

- **guide**: saves a guide with a new sentence, and times how long until the
  preview serves the guide's page with that sentence in it;
- **store entry**: changes the title of the store entry the 20 guides cite,
  and times how long until one of them is served with the new title in its
  reference list;
- **title**: gives the guide a new title that sorts first, and times how long
  until the catalogue's first page of all guides A to Z (``browse/``) lists it:
  a page that shows what changed, rendered when asked for;
- counts the lines the preview printed for each of those rebuilds (from the
  save until its output has been quiet for a second).

It prints the medians (and the slowest) as a Markdown table. It is a
measurement, not a test: nothing fails when a figure is slow, but a preview
that does not serve an edit within ``--timeout`` seconds is reported.
``--server mkdocs`` measures MkDocs' own ``mkdocs serve`` instead (each of its
rebuilds builds the whole site), for comparison.

    .venv/bin/python benchmarks/editor.py [--guides 2000,5000] [--saves 5] [--server preview]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Corpus, generate
from run import machine

OUT = Path(__file__).resolve().parent / "out"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
SHARED_KEY = "editorbench2026"
CITING = 20  # guides that cite the shared entry
QUIET = 1.0  # seconds without output that end a rebuild's lines

SERVERS = {
    "preview": [sys.executable, "-m", "evidence_guides.mkdocs_adapter.preview"],
    "mkdocs": [str(BIN / "mkdocs"), "serve"],
    "mkdocs-dirty": [str(BIN / "mkdocs"), "serve", "--dirty"],
}


@dataclass(frozen=True, slots=True)
class Save:
    seconds: float  # from the save to the page served with the new text
    lines: int  # printed for the rebuild


@dataclass(frozen=True, slots=True)
class Row:
    guides: int
    startup: float
    guide: list[Save]
    entry: list[Save]
    title: list[Save]
    failures: list[str]


def prepare(guides: int, references: int) -> Corpus:
    """The corpus, and one new store entry cited by exactly ``CITING`` guides."""
    corpus = generate(OUT / f"editor-{guides}", guides=guides, references=references)
    bib = corpus.folder / "references" / "refs.bib"
    with bib.open("a", encoding="utf-8") as store:
        store.write("\n" + shared_entry(0))
    for number in citing_guides(guides):
        page = corpus.guide(number)
        text = page.read_text("utf-8")
        page.write_text(text + f"\nA source the editor benchmark shares [@{SHARED_KEY}].\n")
    return corpus


def shared_entry(revision: int) -> str:
    return (
        f"@article{{{SHARED_KEY},\n"
        "  author  = {Benchmark, Ari B. and Synthetic, Cael D.},\n"
        f"  title   = {{Synthetic shared source, revision {revision}}},\n"
        "  journal = {Synthetic Journal of Exercise Benchmarks},\n"
        "  year    = {2026}, volume = {1}, number = {1}, pages = {1--9},\n"
        "  doi     = {10.5555/synthetic.editorbench},\n"
        "  pmid    = {99999999},\n"
        "}\n"
    )


def citing_guides(guides: int) -> list[int]:
    return [index * guides // CITING for index in range(CITING)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float | None:
    """Seconds until ``url`` serves a page containing ``text``; None past ``timeout``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(0.02)
    return None


def lines_until_quiet(log: Path, since: int, timeout: float) -> int:
    """Lines the server printed after byte ``since``, once it has been quiet for QUIET s."""
    deadline = time.monotonic() + timeout
    size, changed = log.stat().st_size, time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = log.stat().st_size
        if now != size:
            size, changed = now, time.monotonic()
        elif time.monotonic() - changed >= QUIET:
            break
    with log.open("rb") as output:
        output.seek(since)
        return output.read().count(b"\n")


def bench(corpus: Corpus, server: str, saves: int, timeout: float) -> Row:
    folder = corpus.folder
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = folder / "preview.log"
    guide_number = corpus.guides // 2 + 1
    guide_page = corpus.guide(guide_number)
    guide_url = base + f"exercises/{guide_page.stem}/"
    citing_url = base + f"exercises/{corpus.guide(citing_guides(corpus.guides)[10]).stem}/"
    bib = folder / "references" / "refs.bib"
    failures: list[str] = []
    with log.open("wb") as output:
        command = [*SERVERS[server], "--dev-addr", f"127.0.0.1:{port}"]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=folder, env=ENV, stdout=output, stderr=output)
        try:
            if wait_for(guide_url, "synthetic drill", timeout * 10) is None:
                raise SystemExit(f"the preview did not start:\n{log.read_text()[-3000:]}")
            startup = time.perf_counter() - start
            lines_until_quiet(log, 0, timeout)
            original_guide, original_bib = guide_page.read_text("utf-8"), bib.read_text("utf-8")
            guide_saves, entry_saves, title_saves = [], [], []
            for revision in range(1, saves + 1):
                marker = f"Editor benchmark sentence {revision} of this run."
                since = log.stat().st_size
                guide_page.write_text(original_guide + f"\n{marker}\n", "utf-8")
                guide_saves.append(measure(guide_url, marker, log, since, timeout, failures))
                title = f"Synthetic shared source, revision {revision}"
                since = log.stat().st_size
                bib.write_text(original_bib.replace(shared_entry(0), shared_entry(revision)))
                entry_saves.append(measure(citing_url, title, log, since, timeout, failures))
                since = log.stat().st_size
                renamed = f"Aaa renamed drill {revision} of this run"  # first, A to Z
                guide_page.write_text(
                    re.sub(r'(?m)^title: ".*"$', f'title: "{renamed}"', original_guide), "utf-8"
                )
                catalogue = base + "browse/"
                title_saves.append(measure(catalogue, renamed, log, since, timeout, failures))
            guide_page.write_text(original_guide, "utf-8")
            bib.write_text(original_bib, "utf-8")
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    return Row(corpus.guides, startup, guide_saves, entry_saves, title_saves, failures)


def measure(
    url: str, text: str, log: Path, since: int, timeout: float, failures: list[str]
) -> Save:
    seconds = wait_for(url, text, timeout)
    if seconds is None:
        failures.append(f"{url} did not show {text!r} within {timeout:.0f} s")
        seconds = timeout
    return Save(seconds, lines_until_quiet(log, since, timeout))


def summary(saves: list[Save]) -> str:
    times = [save.seconds for save in saves]
    return f"{statistics.median(times):.2f} (slowest {max(times):.2f})"


def table(rows: list[Row], server: str, references: int, saves: int) -> str:
    lines = [
        f"`{server}`, synthetic corpus, {references:,} references; {saves} saves of each kind;"
        " seconds from the save to the page served with the new text: median (slowest).",
        "",
        "| guides | start-up | guide saved | store entry (cited by 20) saved "
        "| lines per rebuild, median (most) | new title in the A-to-Z listing |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        counts = [save.lines for save in row.guide + row.entry + row.title]
        lines.append(
            f"| {row.guides:,} | {row.startup:.1f} | {summary(row.guide)} | {summary(row.entry)} "
            f"| {statistics.median(counts):.0f} ({max(counts)}) | {summary(row.title)} |"
        )
    for row in rows:
        lines.extend(f"\n{row.guides:,} guides: {failure}" for failure in row.failures)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the editor's loop on synthetic corpora.")
    parser.add_argument("--guides", default="2000,5000", help="comma-separated sizes")
    parser.add_argument("--references", type=int, default=20_000)
    parser.add_argument("--saves", type=int, default=5, help="saves of each kind (default 5)")
    parser.add_argument("--server", choices=sorted(SERVERS), default="preview")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for an edit")
    arguments = parser.parse_args(argv)
    rows = []
    for size in (int(size) for size in arguments.guides.split(",")):
        print(f"corpus of {size:,} guides ...", file=sys.stderr, flush=True)
        corpus = prepare(size, arguments.references)
        rows.append(bench(corpus, arguments.server, max(arguments.saves, 1), arguments.timeout))
    print(f"Machine: {machine()}\n")
    print(table(rows, arguments.server, arguments.references, max(arguments.saves, 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
