"""``make bench-builds``: what the plugin adds to a build, on every corpus shape.

For each corpus shape of ``corpus.py`` (``standard``, ``dense``, ``brief``,
``review``) and each size (2,000 and 5,000 guides by default, 20,000
references), it builds the site with
``mkdocs build --strict`` (the store cached, as every build after the first)
and the same site with the plugin disabled (``enabled: false``: plain MkDocs and
Material, no citations, sections, listing pages, search index or audit), back
to back, ``--runs`` times:

- on all cores: wall time and CPU time (user + system of the build and of the
  processes it waited for: the plugin's worker, Pagefind), and their ratios;
- on one core (``taskset -c 0``), as a one-core CI runner builds: wall time and
  its ratio (the plugin then does its pages' work in MkDocs' process);
- with ``--indexing``, what the search index adds: the build against the same
  build with ``search: false``, back to back (as ``make bench-reader`` measures
  it, without the rest of that benchmark). Each of the two keeps a ``.cache/``
  of its own (``run.own_cache``), as a site built with one of them would: a
  page is kept with the options it was made with, so a shared cache would
  have each build make every page again. With ``--cache edited``, the
  ``search: false`` build (run first) edits a guide, and each build then finds
  that one guide changed since its own last build.

``--cache`` says what the plugin's build finds in ``.cache/`` (comma-separated,
each measured): ``kept`` (default) what the previous build of the same site
kept, as a build after a build; ``edited`` the same, after one guide's text
changed (a different guide each run; the plain build, which keeps nothing,
gets no edit of its own, so the plugin's build finds exactly one guide changed
since its last), as a build after an editor's change; ``added`` the same,
after a guide was added (a copy of another with its own title, a new one each
run), as a build of a change that adds a guide; ``next-day`` what the
previous build kept, a day later than that build (``GUIDES_TODAY`` a day on
for each build of the plugin: every stale review's finding is worked out
again), as the first build of a morning or CI restoring
yesterday's ``.cache/``; ``corrected`` what the previous build kept, after one
reference's title in ``refs.bib`` changed (another each run: the pages citing
it are made again, the store parsed again and every page audited again), as
after a correction imported from PubMed; and
``none`` only the parsed store, as a first build or one after a change to
``mkdocs.yml``, the theme or the plugin (the page cache and the kept search
index removed).

Each ratio is the median of the runs' ratios, each run taking both builds at
the same machine speed (see ``run.best_of_pair``); the times are the fastest
runs. It prints a Markdown table; nothing fails.

    .venv/bin/python benchmarks/build_cost.py [--guides 2000,5000] [--shapes standard,dense]
        [--reuse]  # build the corpora already generated (same FORMAT) instead
"""

from __future__ import annotations

import argparse
import datetime
import re
import shutil
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import FORMAT, SHAPES, Corpus, generate, write_config
from run import OUT, Pair, Run, best_of_pair, machine, measure, own_cache, tool

CACHES = ("kept", "edited", "added", "next-day", "corrected", "none")
ADDED = "added-guide-"  # the name of each guide --cache added adds


@dataclass(frozen=True, slots=True)
class Cost:
    shape: str
    guides: int
    cache: str  # what the plugin's build finds in .cache/: one of CACHES
    all_cores: Pair  # the plugin's build, then the plain one
    one_core: Pair | None
    indexing: Pair | None = None  # the plugin's build, then the same with search: false


def build_pair(
    corpus: Corpus, runs: int, prefix: list[str], *, switch: str = "enabled", cache: str = "kept"
) -> Pair:
    """The plugin's build against the same with ``switch`` (``enabled``, ``search``) off,
    each build finding ``cache`` in ``.cache/``."""
    folder = corpus.folder
    command = [*prefix, tool("mkdocs"), "build", "--strict", "--site-dir", "site"]
    edits = iter(range(1_000_000))
    edit = 0  # the guide this run edits
    days = iter(range(1, 1_000_000))  # with cache next-day, a day on for each plugin build

    def build_with(on: bool) -> Run:
        nonlocal edit
        write_config(folder, enabled=on or switch != "enabled", search=on or switch != "search")
        env = {}
        if on or switch != "enabled":  # the plain build keeps nothing: no edit is for it
            # With search off, that build (run first, with a .cache/ of its own) makes
            # the change and the indexed build finds it: each finds one guide changed
            # since its last build.
            if not on or switch != "search":
                edit = next(edits)
                prepare_cache(corpus, cache, edit)
            elif cache == "none":
                prepare_cache(corpus, cache, edit)
            if cache == "next-day":
                day = datetime.date.today() + datetime.timedelta(days=next(days))
                env["GUIDES_TODAY"] = day.isoformat()
        kept = own_cache(folder, "search-off") if switch == "search" and not on else nullcontext()
        try:
            with kept:
                return measure(command, folder, env)
        finally:
            write_config(folder, enabled=True)

    if switch == "search":
        build_with(False)  # the search: false build's own cache, as its last build left it
    return best_of_pair(runs, lambda: build_with(True), lambda: build_with(False))


def prepare_cache(corpus: Corpus, cache: str, edit: int) -> None:
    """Leave in ``.cache/`` what a build finds there in case ``cache`` (see CACHES)."""
    if cache == "none":
        for kept in ("pages", "search"):
            shutil.rmtree(corpus.folder / ".cache" / kept, ignore_errors=True)
    elif cache == "edited":
        guides = sorted((corpus.folder / "content" / "exercises").glob("*.md"))
        guides = [guide for guide in guides if guide.name != "index.md"]
        guide = guides[(edit * 7919) % len(guides)]  # another guide each time
        text = guide.read_text(encoding="utf-8").rstrip("\n")
        mark = f"{edit}-{time.time_ns()}"  # never the same paragraph twice (--reuse keeps edits)
        guide.write_text(f"{text}\n\nEdited for the benchmark, edit {mark}.\n", encoding="utf-8")
    elif cache == "added":
        guides = sorted((corpus.folder / "content" / "exercises").glob("synthetic-*.md"))
        model = guides[(edit * 7919) % len(guides)]
        text = model.read_text(encoding="utf-8")
        title = re.compile(r"^title: .*$", re.MULTILINE)
        added = title.sub(f'title: "Added guide {edit}"', text, count=1)
        (model.parent / f"{ADDED}{edit}-{time.time_ns()}.md").write_text(added, encoding="utf-8")
    elif cache == "corrected":
        bib = corpus.folder / "references" / "refs.bib"
        number = (edit * 7919) % corpus.references  # another reference each time
        title = re.compile(rf"(title   = \{{Synthetic trial {number})( \(corrected [^)]*\))?:")
        mark = f"{edit}-{time.time_ns()}"
        text, found = title.subn(rf"\1 (corrected {mark}):", bib.read_text(encoding="utf-8"), 1)
        if not found:
            raise SystemExit(f"{bib}: no reference {number} to correct")
        bib.write_text(text, encoding="utf-8")


def cost(
    shape: str,
    guides: int,
    references: int,
    runs: int,
    one_core: bool,
    indexing: bool = False,
    caches: tuple[str, ...] = ("kept",),
    reuse: bool = False,
) -> list[Cost]:
    folder = OUT / f"cost-{shape}-{guides}"
    if reuse and kept_corpus(folder, guides, references, shape):
        corpus = Corpus(folder, guides, references)
        write_config(folder, enabled=True)  # this worktree's mkdocs.yml and theme
    else:
        corpus = generate(folder, guides=guides, references=references, shape=shape)
    for kept in (folder / ".cache", *folder.glob(".cache-*")):  # own_cache's, of earlier runs
        shutil.rmtree(kept, ignore_errors=True)
    for added in (folder / "content" / "exercises").glob(f"{ADDED}*.md"):  # --cache added's
        added.unlink()
    warm = measure([tool("mkdocs"), "build", "--strict", "--site-dir", "site"], folder)
    if warm.code != 0:
        raise SystemExit(f"{shape} corpus of {guides} guides does not build:\n{warm.output}")
    costs = []
    for cache in caches:
        everything = build_pair(corpus, runs, [], cache=cache)
        single = build_pair(corpus, runs, ["taskset", "-c", "0"], cache=cache) if one_core else None
        index = build_pair(corpus, runs, [], switch="search", cache=cache) if indexing else None
        costs.append(Cost(shape, guides, cache, everything, single, index))
    return costs  # edits are undone when the corpus is generated again (without --reuse)


def kept_corpus(folder: Path, guides: int, references: int, shape: str) -> bool:
    """Whether ``folder`` holds the corpus asked for, of this FORMAT (``--reuse``)."""
    stamp = folder / "FORMAT"
    if not stamp.is_file():
        return False
    words = stamp.read_text("utf-8").split()
    return words[:3] == [str(FORMAT), str(guides), str(references)] and words[-1:] == [shape]


def table(costs: list[Cost], references: int, runs: int) -> str:
    lines = [
        f"Synthetic corpora, {references:,} references; `mkdocs build --strict`, warm cache;"
        f" seconds: the fastest of {runs} runs; ratios (plugin / `enabled: false`): the"
        f" median of {runs} back-to-back pairs.",
        "",
        "| shape | guides | cache | build | CPU s | without plugin | CPU s | wall ratio "
        "| CPU ratio | one core: build | without plugin | one-core ratio |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for item in costs:
        pair, single = item.all_cores, item.one_core
        one = (
            f"{single.first.seconds:.1f} | {single.second.seconds:.1f} | {single.ratio:.2f}"
            if single
            else "- | - | -"
        )
        lines.append(
            f"| {item.shape} | {item.guides:,} | {item.cache} | {pair.first.seconds:.1f}"
            f" | {pair.first.cpu:.1f}"
            f" | {pair.second.seconds:.1f} | {pair.second.cpu:.1f} | {pair.ratio:.2f}"
            f" | {pair.cpu_ratio:.2f} | {one} |"
        )
    indexed = [item for item in costs if item.indexing is not None]
    if indexed:
        lines += [
            "",
            "| shape | guides | cache | build | `search: false` | indexing adds (wall) | (CPU) |",
            "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
        ]
        for item in indexed:
            pair = item.indexing
            assert pair is not None
            lines.append(
                f"| {item.shape} | {item.guides:,} | {item.cache} | {pair.first.seconds:.1f}"
                f" | {pair.second.seconds:.1f} | {pair.ratio - 1:+.1%}"
                f" | {pair.cpu_ratio - 1:+.1%} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guides", default="2000,5000", help="comma-separated sizes")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    parser.add_argument("--references", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-one-core", action="store_true", help="skip the taskset runs")
    parser.add_argument(
        "--indexing", action="store_true", help="also the build against search: false"
    )
    parser.add_argument(
        "--cache", default="kept", help=f"what the build finds in .cache/: {', '.join(CACHES)}"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="build the corpora already in benchmarks/out when their FORMAT matches",
    )
    arguments = parser.parse_args(argv)
    caches = tuple(arguments.cache.split(","))
    if not set(caches) <= set(CACHES):
        parser.error(f"--cache: one or more of {', '.join(CACHES)}")
    runs = max(arguments.runs, 1)
    one_core = not arguments.no_one_core and shutil.which("taskset") is not None
    costs = []
    for shape in arguments.shapes.split(","):
        for guides in (int(size) for size in arguments.guides.split(",")):
            print(f"{shape} corpus of {guides:,} guides ...", file=sys.stderr, flush=True)
            costs += cost(
                shape,
                guides,
                arguments.references,
                runs,
                one_core,
                arguments.indexing,
                caches,
                arguments.reuse,
            )
    print(f"Machine: {machine()}\n")
    print(table(costs, arguments.references, runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
