"""Hostile input for the build and the CLI: pages, stores and titles that hung or crashed them.

Each case runs the real ``mkdocs build`` or ``guides`` command in a subprocess
with a timeout (a hang fails the case, not the suite) and checks what an editor
would: the exit code, one line naming the file (and the line), no traceback or
signal, and every input file as it was. The project is the CLI fixture, with a
theme so that MkDocs can build it.
"""

from __future__ import annotations

import pytest

from tests.hostile.support import (
    CONFIG,
    GUIDE,
    STORE,
    Project,
    assert_build_refused,
    assert_no_crash,
    assert_refused,
)
from tests.support.site import REPO

# --- pages ------------------------------------------------------------------------------------

PAGE = "content/exercises/hostile.md"


def deep_flow() -> str:
    return "---\ntitle: Deep\nd: " + "[" * 100_000 + "]" * 100_000 + "\n---\n\nBody.\n"


def quoted_flow() -> str:
    """Brackets in quotes, that a count of brackets would take for closing ones."""
    return "---\ntitle: Deep\nd: " + '["]", ' * 100_000 + "x" + "]" * 100_000 + "\n---\n\nBody.\n"


def alias_bomb() -> str:
    lines = ["---", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    return "\n".join([*lines, "title: *a9", "---", "", "Body."]) + "\n"


def deep_list() -> str:
    guide = (REPO / "tests/fixtures/cli/project" / GUIDE).read_text(encoding="utf-8")
    return guide + "\n" + "\n".join("    " * level + "- item" for level in range(500)) + "\n"


def link_openers() -> str:
    """One paragraph of '[': Python-Markdown looks for a link's end from each (5 minutes)."""
    guide = (REPO / "tests/fixtures/cli/project" / GUIDE).read_text(encoding="utf-8")
    return guide + "\nSee " + "[" * 50_000 + "\n"


def big_guide() -> str:
    guide = (REPO / "tests/fixtures/cli/project" / GUIDE).read_text(encoding="utf-8")
    return guide + ("Filler for a big guide, one paragraph at a time. " * 20 + "\n\n") * 21_000


PAGES = {
    "deep flow": (deep_flow, ":3:53: front-matter nests more than 50 levels deep"),
    "quoted flow": (quoted_flow, ":3:298: front-matter nests more than 50 levels deep"),
    "alias bomb": (alias_bomb, ":5:10: front-matter's aliases (*name) repeat more than 1,000"),
    "deep list": (deep_list, ":74:1: Markdown nests lists, quotes or indented blocks more than 50"),
    "20 MB": (big_guide, ": 19.7 MB, more than the 5 MB a page may have"),
    "link openers": (link_openers, ":24:1: Markdown holds 50,000 openers in one paragraph"),
}


@pytest.mark.parametrize("case", PAGES)
def test_a_hostile_page_is_left_out_of_the_build_naming_its_line(
    project: Project, case: str
) -> None:
    make, says = PAGES[case]
    project.write(PAGE, make())
    before = project.inputs()
    assert_build_refused(project.build(), PAGE + says)
    assert project.inputs() == before


@pytest.mark.parametrize("case", PAGES)
def test_a_hostile_page_stops_the_audit_in_one_line(project: Project, case: str) -> None:
    make, says = PAGES[case]
    project.write(PAGE, make())
    before = project.inputs()
    assert_refused(project.guides("audit"), f"guides: {PAGE}{says}", code=2)
    assert project.inputs() == before


def test_a_field_past_the_markdown_limits_is_a_finding_not_a_crash(project: Project) -> None:
    """A field is converted as the body is: the same limits, or a RecursionError or a hang."""
    deep = "\n".join("      " + "    " * level + "- item" for level in range(300))
    faq = f'faq:\n  - q: Deep?\n    a: |-\n{deep}\n  - q: Links?\n    a: "{"[a](" * 12_500}"\n'
    guide = project.path(GUIDE)
    guide.write_text(guide.read_text(encoding="utf-8").replace("faq:\n", faq), encoding="utf-8")
    before = project.inputs()
    says = (
        "frontmatter-invalid  faq[0].a: Markdown nests lists, quotes or indented blocks more"
        " than 50 levels deep",
        "frontmatter-invalid  faq[1].a: Markdown holds 12,500 openers in one paragraph",
    )
    audit = project.guides("audit")
    assert_no_crash(audit)
    assert audit.code == 1 and all(line in audit.out for line in says), audit.out
    build = project.build()
    assert_no_crash(build)
    assert build.code == 1 and "strict mode: 2 errors" in build.output, build.output
    run = project.run("mkdocs", "build", "--site-dir", "../site")
    assert_no_crash(run)
    assert run.code == 0 and (project.root.parent / "site/exercises/plank/index.html").is_file()
    assert project.inputs() == before


def test_a_page_that_is_not_a_guide_is_checked_too(project: Project) -> None:
    page = "content/notes.md"  # MkDocs reads its front-matter all the same (signal 11)
    project.write(page, deep_flow())
    says = f"{page}:3:53: front-matter nests more than 50 levels deep"
    assert_build_refused(project.build(), says)
    assert_refused(project.guides("audit"), f"guides: {says}", code=2)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        ("fifo", "a named pipe (FIFO), not a regular file"),
        ("loop", "a symbolic link that loops (or a chain of too many links)"),
    ],
)
def test_a_page_that_is_not_a_file_is_refused(project: Project, make: str, says: str) -> None:
    project.replace(PAGE, make)
    before = project.inputs()
    assert_build_refused(project.build(), f"{PAGE}: {says}")
    assert_refused(project.guides("audit"), f"guides: {PAGE}: {says}", code=2)
    assert project.inputs() == before


def test_without_strict_a_refused_page_is_left_out_and_the_rest_built(project: Project) -> None:
    project.replace(PAGE, "fifo")
    run = project.run("mkdocs", "build", "--site-dir", "../site")
    assert_refused(run, f"ERROR   -  {PAGE}: a named pipe (FIFO)", code=0)
    site = project.root.parent / "site" / "exercises"
    assert (site / "plank" / "index.html").is_file() and not (site / "hostile").exists()


# --- the store --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "says"),
    [
        ("fifo", "a named pipe (FIFO), not a regular file"),
        ("zero", "a device, not a regular file"),
        ("loop", "a symbolic link that loops (or a chain of too many links)"),
    ],
)
def test_a_store_that_is_not_a_file_is_one_line(project: Project, make: str, says: str) -> None:
    project.replace(STORE, make)
    before = project.inputs()
    assert_refused(project.guides("refs", "check"), f"guides: {STORE}: {says}", code=2)
    assert_refused(project.build(), f"ERROR   -  {STORE}: {says}", code=1)
    assert project.inputs() == before


def test_an_at_string_doubling_bomb_is_one_finding(project: Project) -> None:
    bomb = '@string{s0 = "xxxxxxxx"}\n'
    bomb += "".join(f"@string{{s{n} = s{n - 1} # s{n - 1}}}\n" for n in range(1, 40))
    bib = project.write(STORE, bomb + project.path(STORE).read_text(encoding="utf-8"))
    before = project.inputs()
    says = f"{STORE}:15:1: bib-invalid-entry: the value of @string 's14' is longer than 100,000"
    check = project.guides("refs", "check", "--format", "github")
    assert_refused(
        check, "line=15,col=1,title=bib-invalid-entry::the value of @string 's14'", code=1
    )
    assert_build_refused(project.build(), says, "WARNING")  # an error finding, as all are
    assert project.inputs() == before and bib.stat().st_size < 10_000


def test_a_hundred_thousand_block_starts_are_checked_in_seconds(project: Project) -> None:
    project.write(STORE, "@{" * 100_000 + "\n")
    before = project.inputs()
    run = project.guides("refs", "check")
    assert_no_crash(run)
    assert run.code == 1 and "100000 errors in 1 file" in run.out
    assert project.inputs() == before


# --- configuration and strict mode ------------------------------------------------------------


def test_a_guides_dir_that_names_no_folder_is_a_configuration_error(project: Project) -> None:
    config = CONFIG.replace("  - evidence\n", "  - evidence:\n      guides_dir: guides\n")
    project.write("mkdocs.yml", config)
    before = project.inputs()
    says = "plugins.evidence.guides_dir 'guides' names no folder of docs_dir content/"
    assert_refused(project.guides("audit"), f"guides: mkdocs.yml:10: {says}", code=2)
    assert_refused(project.build(), f"mkdocs.yml: {says}", code=1)
    assert project.inputs() == before


def test_a_quiet_strict_build_still_fails_on_a_vague_reference(project: Project) -> None:
    guide = project.path(GUIDE)
    guide.write_text(guide.read_text(encoding="utf-8") + "\nAs shown (Smith, 2019).\n")
    run = project.build("-q")
    says = (
        "ERROR   -  strict mode: 1 error, the first (not shown above):"
        f" {GUIDE}:24:11: vague-reference: vague reference '(Smith, 2019)' has no key or PMID"
    )
    assert_refused(run, says, code=1)


# --- what reaches the terminal ----------------------------------------------------------------


def test_escape_sequences_in_a_guide_are_shown_escaped(project: Project) -> None:
    guide = project.path(GUIDE)
    hostile = (
        "\nStudies show\x1b]0;pwned\x07 that planks work.\n\n"
        "<!-- audit: ignore[vague\x1b[2J\x1b[31m] a reason -->\nText.\n"
    )
    guide.write_text(guide.read_text(encoding="utf-8") + hostile, encoding="utf-8")
    audit = project.guides("audit")
    assert_no_crash(audit)
    assert audit.code == 1 and "\x1b" not in audit.output and "\x07" not in audit.output
    assert "unknown rule 'vague\\x1b[2J\\x1b[31m' in suppression" in audit.out
    assert "    Studies show\\x1b]0;pwned\\x07 that planks work." in audit.out
    build = project.build()
    assert build.code == 1 and "\x1b" not in build.output
    assert "unknown rule 'vague\\x1b[2J\\x1b[31m' in suppression" in build.output


@pytest.mark.parametrize(
    ("title", "says"),
    [
        ("a" * 5000, "guides: a title has at most 120 characters; this one has 5,000"),
        (
            "Side\x1b[31m plank",
            "guides: a title is plain text: 'Side\\x1b[31m plank' contains the control"
            " character U+001B",
        ),
        ("Side\u200bplank", "contains U+200B ZERO WIDTH SPACE that no reader sees"),
    ],
)
def test_guides_new_refuses_a_title_it_cannot_keep(project: Project, title: str, says: str) -> None:
    before = project.inputs()
    run = project.guides("new", title)
    assert_refused(run, says, code=2)
    assert "\x1b" not in run.output
    assert project.inputs() == before
