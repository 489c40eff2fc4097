"""``make bench``: build and audit synthetic corpora of growing size, and print a table.

For each number of guides N (500, 2,000 and 5,000 by default) and a store of M
references (20,000), it generates a corpus into benchmarks/out/ (see
``corpus.py``) and measures, each as its own process, as an editor runs them:

- ``mkdocs build --strict``: wall time and peak memory (resident set), with
  the store cached in ``.cache/`` as every build after the first has it, and
  the first build, which parses the store;
- the same build with the plugin disabled (``enabled: false``), and the ratio;
- ``guides audit`` of the whole corpus, cold (no ``.cache/``) and warm;
- ``guides audit --changed`` after one guide changed (warm cache), as a
  pre-commit hook runs it;
- the floor: reading every page and the store, and parsing each page's YAML
  with libyaml (``floor.py``).

Each command runs three times (``--runs``) and the fastest run counts. What is
compared (the build with and without the plugin, the cold audit and the floor)
runs back to back, three times: each time gives a ratio, measured while both
ran at the same machine speed, and the median of the three is the comparison.
It prints the results as Markdown tables. It is a measurement, not a test:
nothing fails when a figure is slow, but a command that fails is reported.

    .venv/bin/python benchmarks/run.py [--guides 500,2000,5000] [--references 20000]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Corpus, generate, write_config

OUT = Path(__file__).resolve().parent / "out"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_mib: float
    code: int
    output: str
    cpu: float = 0.0  # user + system seconds of the command and the processes it waited for


@dataclass(frozen=True, slots=True)
class Row:
    guides: int
    build: Run  # the store cached, as editors and a cached CI build it
    first_build: Run  # no .cache/: the store is parsed
    plain_build: Run
    overhead: float  # the plugin's build over the plain one, run by run (best_of_pair)
    audit_cold: Run
    audit_warm: Run
    changed: Run
    floor: Run
    cold_to_floor: float  # the cold audit over the floor, run by run
    site_mib: float
    search_mib: float
    landing_kib: float


def measure(command: list[str], cwd: Path, env: Mapping[str, str] | None = None) -> Run:
    """Run ``command`` to completion: wall time, CPU time, peak RSS, exit code, output tail.

    The CPU time is the command's and its children's that it waited for (the
    build's worker process, Pagefind): what the build costs on all cores.
    ``env`` adds to the environment (``GUIDES_TODAY``: a build on another day).
    """
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        environment = {**ENV, **(env or {})}
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=output, stderr=output)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        tail = output.read().decode("utf-8", "replace")[-2000:]
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss * 1024 / MIB, process.returncode, tail, cpu)


@contextlib.contextmanager
def own_cache(folder: Path, configuration: str) -> Iterator[None]:
    """Builds in ``folder`` find a ``.cache/`` of ``configuration``'s own (``.cache-NAME`` between).

    A site builds with one configuration and finds what its own last build
    kept. A benchmark switching an option between builds (``search``) would
    otherwise have each build find pages kept with the other's options, and
    make them all again, which is no build a site makes. The first use starts
    from a copy of ``.cache/`` (the parsed store); warm it with a build before
    measuring.
    """
    cache, own, aside = (folder / name for name in (".cache", f".cache-{configuration}", ".cache-"))
    if aside.exists():  # a benchmark stopped inside: .cache/ is the configuration's, .cache-/ main
        if cache.exists() and not own.exists():
            cache.rename(own)
        else:
            shutil.rmtree(cache, ignore_errors=True)
        aside.rename(cache)
    if not own.exists():
        if cache.exists():
            shutil.copytree(cache, own)
        else:
            own.mkdir()
    if cache.exists():
        cache.rename(aside)
    own.rename(cache)
    try:
        yield
    finally:
        cache.rename(own)
        if aside.exists():
            aside.rename(cache)


def tool(name: str) -> str:
    script = BIN / name
    return str(script) if script.exists() else name


def git(corpus: Path, *arguments: str) -> None:
    identity = ("-c", "user.name=bench", "-c", "user.email=bench@example.invalid")
    subprocess.run(["git", *identity, *arguments], cwd=corpus, check=True, capture_output=True)


def prepare(guides: int, references: int) -> Corpus:
    corpus = generate(OUT / f"corpus-{guides}", guides=guides, references=references)
    git(corpus.folder, "init", "-q")
    git(corpus.folder, "add", "-A")
    git(corpus.folder, "commit", "-q", "-m", "synthetic corpus")
    return corpus


def best(
    runs: int, command: list[str], cwd: Path, before: Callable[[], None] = lambda: None
) -> Run:
    """The fastest of ``runs`` runs: what the code costs, less what else the machine did."""
    results = []
    for _ in range(runs):
        before()
        results.append(measure(command, cwd))
    return _fastest(results)


def _fastest(results: list[Run]) -> Run:
    return min(results, key=lambda run: (run.code not in (0, 1), run.seconds))


@dataclass(frozen=True, slots=True)
class Pair:
    """Two measurements compared: the fastest run of each, and their ratio."""

    first: Run
    second: Run
    ratio: float  # first / second: the median of the runs' ratios, each run taking both
    cpu_ratio: float = 0.0  # the same of their CPU seconds


def best_of_pair(runs: int, first: Callable[[], Run], second: Callable[[], Run]) -> Pair:
    """Two measurements taken back to back, ``runs`` times, and how they compare.

    The machine's speed drifts over minutes, by a fifth and more; two commands
    measured seconds apart see the same machine, so each run's ratio is taken
    while both run at its speed, and the median of the runs' ratios is the
    comparison (a run hit by a passing slowdown does not decide it). ``first``
    runs last.
    """
    firsts: list[Run] = []
    seconds: list[Run] = []
    for _ in range(runs):
        seconds.append(second())
        firsts.append(first())
    ratios = [a.seconds / b.seconds for a, b in zip(firsts, seconds, strict=True)]
    cpu = [a.cpu / b.cpu if b.cpu else 0.0 for a, b in zip(firsts, seconds, strict=True)]
    return Pair(
        _fastest(firsts), _fastest(seconds), statistics.median(ratios), statistics.median(cpu)
    )


def bench(corpus: Corpus, runs: int) -> Row:
    folder = corpus.folder

    def no_cache() -> None:
        shutil.rmtree(folder / ".cache", ignore_errors=True)

    audit = [tool("guides"), "audit"]
    floor_script = Path(__file__).with_name("floor.py")
    floor_command = [sys.executable, str(floor_script), str(folder)]

    def cold_audit() -> Run:
        no_cache()
        return measure(audit, folder)

    audit_and_floor = best_of_pair(runs, cold_audit, lambda: measure(floor_command, folder))
    audit_warm = best(runs, audit, folder)

    guide = corpus.guide(0)
    original = guide.read_text("utf-8")
    edit = "\nIn the synthetic drill 00000, one more sentence, as an editor changes a guide.\n"
    guide.write_text(original + edit, "utf-8")
    changed = best(runs, [*audit, "--changed"], folder)
    guide.write_text(original, "utf-8")

    build_command = [tool("mkdocs"), "build", "--strict", "--site-dir", "site"]
    first_build = best(runs, build_command, folder, no_cache)  # parses the store, caches it

    def build_with(enabled: bool) -> Run:
        write_config(folder, enabled=enabled)
        try:
            return measure(build_command, folder)
        finally:
            write_config(folder, enabled=True)

    # The plugin's build runs last: the site measured below is its.
    builds = best_of_pair(runs, lambda: build_with(True), lambda: build_with(False))
    site = folder / "site"
    site_mib = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / MIB
    # Pagefind's index, in shards (pagefind/, pagefind-2/...): a reader fetches a few files.
    search = [f for shard in site.glob("pagefind*") for f in shard.rglob("*") if f.is_file()]
    search_mib = sum(f.stat().st_size for f in search) / MIB
    landing = site / "index.html"
    landing_kib = landing.stat().st_size / 1024 if landing.exists() else 0.0

    return Row(
        corpus.guides,
        builds.first,
        first_build,
        builds.second,
        builds.ratio - 1,
        audit_and_floor.first,
        audit_warm,
        changed,
        audit_and_floor.second,
        audit_and_floor.ratio,
        site_mib,
        search_mib,
        landing_kib,
    )


def seconds(run: Run) -> str:
    mark = "" if run.code in (0, 1) else f" (exit {run.code})"
    return f"{run.seconds:.2f}{mark}"


def table(rows: list[Row], references: int, runs: int) -> str:
    each = "one run each" if runs == 1 else f"the fastest of {runs} runs each"
    ratios = "" if runs == 1 else "; overhead and cold/floor: the median of the runs' ratios"
    lines = [
        f"Synthetic corpus, {references:,} references; wall time in seconds, {each}{ratios}.",
        "",
        "| guides | build | ms/guide | peak MiB | without plugin | overhead | build, no cache "
        "| audit cold | audit warm | floor | cold/floor | warm/floor | --changed (1 guide) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for row in rows:
        peak = max(row.build.peak_mib, row.first_build.peak_mib)
        lines.append(
            f"| {row.guides:,} | {seconds(row.build)} "
            f"| {1000 * row.build.seconds / row.guides:.1f} | {peak:.0f} "
            f"| {seconds(row.plain_build)} | {row.overhead:+.1%} | {seconds(row.first_build)} "
            f"| {seconds(row.audit_cold)} | {seconds(row.audit_warm)} | {seconds(row.floor)} "
            f"| {row.cold_to_floor:.1f}x "
            f"| {row.audit_warm.seconds / row.floor.seconds:.1f}x | {seconds(row.changed)} |"
        )
    lines += [
        "",
        "| guides | site MiB | search index MiB (all files) | landing page KiB "
        "| peak MiB without plugin |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row.guides:,} | {row.site_mib:.0f} | {row.search_mib:.1f} "
            f"| {row.landing_kib:.0f} | {row.plain_build.peak_mib:.0f} |"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        ratio = (last.build.seconds / last.guides) / (first.build.seconds / first.guides)
        lines += [
            "",
            f"Time per guide at {last.guides:,} guides is {ratio:.2f} times that at "
            f"{first.guides:,}.",
        ]
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and audit synthetic corpora.")
    parser.add_argument("--guides", default="500,2000,5000", help="comma-separated sizes")
    parser.add_argument("--references", type=int, default=20_000)
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each command; the fastest counts (default 3)"
    )
    arguments = parser.parse_args(argv)
    sizes = [int(size) for size in arguments.guides.split(",")]
    rows = []
    for size in sizes:
        print(f"corpus of {size:,} guides ...", file=sys.stderr, flush=True)
        row = bench(prepare(size, arguments.references), max(arguments.runs, 1))
        names = ("build", "first_build", "plain_build", "audit_cold", "audit_warm", "changed")
        for name in (*names, "floor"):
            run = getattr(row, name)
            if run.code not in (0, 1):
                print(f"{name} failed (exit {run.code}):\n{run.output}", file=sys.stderr)
        rows.append(row)
    print(f"Machine: {machine()}\n")
    print(table(rows, arguments.references, max(arguments.runs, 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
