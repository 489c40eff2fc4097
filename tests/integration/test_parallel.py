"""A worker process renders and audits pages when a core is free: the results are the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from evidence_guides import workers
from evidence_guides.build.source_pages import CITING_SHOWN
from evidence_guides.cli import main
from tests.integration.conftest import MINIMAL_BIB, MINIMAL_CONFIG, MINIMAL_GUIDE, ProjectFactory
from tests.support.pagefind import indexed_pages
from tests.support.site import run_build

GUIDES = workers.MINIMUM + 8


LANDING = "---\ntitle: Home\ntemplate: home.html\n---\n\n# Home\n"
REFERENCES = "---\ntitle: References\ntemplate: references.html\n---\n\n# References\n"
MEANS_META = "Note: a first line that reads like MultiMarkdown meta."
NOTE = "# A note\n\nA page that is not a guide cites a source too [@garber2011].\n"
# Guides are outside the nav, as in this repository's mkdocs.yml: the worker converts
# some of them with MkDocs' own render. Link checks log at "info" so the build passes
# and their lines are compared; at "warn" they must fail --strict either way.
OUTSIDE_NAV = (
    "not_in_nav: |\n  /exercises/*.md\nvalidation:\n  not_found: {level}\n  anchors: {level}\n"
)
LINKS = (
    "\n## Set-up\n\nSee [the next guide's set-up](guide-{next}.md#set-up), "
    "[a missing anchor](guide-{next}.md#nowhere) and [a missing page](missing-{number}.md).\n"
)


def many_guides(
    make_project: ProjectFactory, *, parallel: bool, note: bool = False, links: str = "info"
) -> Path:
    """Enough guides for the worker: some cite, relate, link, draft, and break something.

    With the landing and references pages, which list them all; with ``note``,
    a page that is not a guide cites a source. ``links`` is the level of MkDocs'
    checks of links to missing pages and anchors.
    """
    files: dict[str, str] = {
        "content/index.md": LANDING,
        "content/references.md": REFERENCES,
        # The store's own rules run in the worker: one entry breaks one.
        "references/refs.bib": MINIMAL_BIB
        + "\n@article{untitled, author = {Doe, J.}, year = {2020}}\n",
    }
    if note:
        files["content/note.md"] = NOTE
    for number in range(GUIDES):
        guide = MINIMAL_GUIDE.replace("title: Plank", f"title: Plank {number}")
        guide = guide.replace(
            "last_reviewed:", f"related: [guide-{(number + 1) % GUIDES}]\nlast_reviewed:"
        )
        if number % 7 == 3:
            guide = guide.replace("Body text.", "Body text (Smith, 2019), or [@garber2011, p. 2].")
        if number % 11 == 5:
            guide = guide.replace("level: beginner\n", "level: beginner\ndraft: true\n", 1)
        if number == 6:  # a body MkDocs would read as meta were it handed the body alone
            guide = guide.replace("\nBody text.", f"\n{MEANS_META}\n\nBody text.")
        guide += LINKS.format(next=(number + 1) % GUIDES, number=number) if number % 3 else ""
        files[f"content/exercises/guide-{number}.md"] = guide
    config = MINIMAL_CONFIG.replace(
        "  - evidence\n",
        f"  - evidence:\n      parallel: {str(parallel).lower()}\n"
        "      rules: {vague-reference: warning, frontmatter-invalid: warning,"
        " bib-invalid-entry: warning, unused-reference: warning, broken-link: warning}\n",
    )
    files["mkdocs.yml"] = config + OUTSIDE_NAV.format(level=links)
    project = make_project(files)
    (project / "content/exercises/plank.md").unlink()
    return project


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of the site but the search index, whose files Pagefind names differently
    from run to run (its filters come out in no fixed order): its pages are compared."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
        and path.suffix != ".gz"  # gzip records the time it was made
        and not path.relative_to(site).parts[0].startswith("pagefind")
    }


@pytest.mark.parametrize("note", [False, True])
def test_a_parallel_build_is_the_serial_build(
    make_project: ProjectFactory, tmp_path: Path, note: bool
) -> None:
    parallel = run_build(
        many_guides(make_project, parallel=True, note=note), site=tmp_path / "parallel"
    )
    project = many_guides(make_project, parallel=False, note=note)
    serial = run_build(project, site=tmp_path / "serial")
    assert parallel.returncode == serial.returncode == 0, parallel.output + serial.output

    def log(output: str) -> list[str]:
        skip = ("Documentation built", "Building documentation to directory")
        return [line for line in output.splitlines() if not line.split(" -  ")[-1].startswith(skip)]

    assert log(parallel.output) == log(serial.output)
    assert "guide-1.md' contains a link 'missing-1.md', but the target" in parallel.output
    assert "'exercises/guide-2.md' does not contain an anchor '#nowhere'" in parallel.output
    assert "vague-reference" in parallel.output
    assert "refs.bib:11:1: bib-invalid-entry: 'untitled' has no title" in parallel.output
    assert site_files(parallel.site) == site_files(serial.site)
    assert indexed_pages(parallel.site) == indexed_pages(serial.site)
    assert MEANS_META in (parallel.site / "exercises/guide-6/index.html").read_text("utf-8")
    everything = (parallel.site / "browse" / "index.html").read_text("utf-8")
    assert everything.count('class="guide-card"') == GUIDES - len(range(5, GUIDES, 11))
    assert 'href="../exercises/guide-0/"' in everything
    references = (parallel.site / "references/index.html").read_text("utf-8")
    citing = [f"Plank {n}" for n in range(GUIDES) if n % 11 != 5]  # published: all cite it
    citing = sorted(citing + (["A note"] if note else []), key=str.casefold)
    cited_in = BeautifulSoup(references, "html.parser").select_one(
        "#source-garber2011 .source-index__guides"
    )
    assert [a.get_text() for a in cited_in.select("a")] == citing[:CITING_SHOWN]
    assert cited_in.get_text().endswith(f" and {len(citing) - CITING_SHOWN} more guides.")
    assert ('href="../note/">A note</a>' in references) is note


@pytest.mark.parametrize("parallel", [True, False])
def test_broken_links_fail_a_strict_build_either_way(
    make_project: ProjectFactory, parallel: bool
) -> None:
    build = run_build(many_guides(make_project, parallel=parallel, links="warn"))
    assert build.returncode == 1
    # Some converted by the worker, some by MkDocs' process: alike.
    for number in (n for n in range(GUIDES) if n % 3 and n % 11 != 5):  # drafts: info
        assert (
            f"'exercises/guide-{number}.md' contains a link 'missing-{number}.md'" in build.output
        )
    assert "Aborted with" in build.output


def test_a_parallel_audit_is_the_serial_audit(
    make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = []
    for parallel in (True, False):
        project = many_guides(make_project, parallel=parallel)
        code = main(["audit", "--config", str(project / "mkdocs.yml"), "--format", "json"])
        reports.append((code, json.loads(capsys.readouterr().out)))
    assert reports[0] == reports[1]
    code, report = reports[0]
    assert code == 0 and report["summary"]["files"] == GUIDES + 2
    rules = {finding["rule"] for finding in report["findings"]}
    assert rules == {
        "vague-reference",
        "frontmatter-invalid",
        "duplicate-paragraph",
        "bib-invalid-entry",
        "unused-reference",
        "missing-safety",  # the minimal guide has no safety note
        "broken-link",  # the missing pages and anchors, and links to drafts
    }


@pytest.mark.parametrize("parallel", [True, False])
def test_a_store_that_cannot_be_read_is_one_line_either_way(
    make_project: ProjectFactory, capsys: pytest.CaptureFixture[str], parallel: bool
) -> None:
    project = many_guides(make_project, parallel=parallel)
    (project / "references/refs.bib").write_bytes(b"@article{a,\n  title = {Caf\xe9},\n}\n")
    code = main(["audit", "--config", str(project / "mkdocs.yml")])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.strip().splitlines() == [
        "guides: references/refs.bib:2:15: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]
    assert not (project / ".cache/bibstore").exists() or not any(
        (project / ".cache/bibstore").iterdir()
    )
