"""Hostile files beside the pages: what MkDocs would copy into the site, and names it would print.

MkDocs copies every file of the docs folder that is not a page, byte for byte,
and makes a page's title of its file name when it has none. Each case here is
one that hung a build, filled the disk, published a file of the build machine,
put script on the site's origin or crashed with a traceback, run as editors and
CI run it: a subprocess with a timeout, checking the exit code, the one line
naming the file, and what reached the site.
"""

from __future__ import annotations

import os

import pytest

from tests.hostile.support import (
    GUIDE,
    Project,
    assert_build_refused,
    assert_no_crash,
    assert_refused,
)

IMAGES = "content/exercises/images"
FIGURE = '\n![A side view of the hold](images/side.svg){ credit="The authors" }\n'
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360"{attributes}>{inside}</svg>\n'


def _with_figure(project: Project) -> None:
    guide = project.path(GUIDE)
    guide.write_text(guide.read_text(encoding="utf-8") + FIGURE, encoding="utf-8")


def _site_files(project: Project) -> set[str]:
    site = project.root.parent / "site"
    return {path.relative_to(site).as_posix() for path in site.rglob("*")}


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("zero.png", "zero", "a device, not a regular file"),
        ("pipe.svg", "fifo", "a named pipe (FIFO), not a regular file"),
        ("notes.txt", "outside", "outside the docs folder: copy the file in instead"),
        ("badge.svg", "handler", "an SVG file that holds an event handler (onload=)"),
        ("chart.svg", "script", "an SVG file that holds a <script> element"),
        ("chart.xml", "script", "an XML file that holds a <script> element"),
        ("chart.svgz", "script", "a compressed SVG, which the build cannot check"),
    ],
)
def test_a_file_that_must_not_be_published_is_left_out(
    project: Project, name: str, make: str, says: str
) -> None:
    path = f"{IMAGES}/{name}"
    if make in ("zero", "fifo"):
        project.replace(path, make)
    elif make == "outside":
        secret = project.root.parent / "secret.txt"
        secret.write_text("the build machine's own file\n", encoding="utf-8")
        project.path(IMAGES).mkdir(parents=True, exist_ok=True)
        os.symlink(secret, project.path(path))
    else:
        attributes = ' onload="alert(document.domain)"' if make == "handler" else ""
        inside = "<script>alert(document.domain)</script>" if make == "script" else ""
        project.write(path, SVG.format(attributes=attributes, inside=inside))
    before = project.inputs()
    assert_build_refused(project.build(), f"{path}: ")
    run = project.run("mkdocs", "build", "--site-dir", "../site")  # not strict: the rest is built
    assert_refused(run, f"ERROR   -  {path}: ", code=0)
    assert says in run.output
    assert f"exercises/images/{name}" not in _site_files(project)
    assert "exercises/plank/index.html" in _site_files(project)
    assert project.inputs() == before


def test_a_figure_with_script_is_an_audit_error_at_its_line(project: Project) -> None:
    _with_figure(project)
    project.write(f"{IMAGES}/side.svg", SVG.format(attributes="", inside="<script>x()</script>"))
    audit = project.guides("audit")
    says = (
        "error    image-invalid  image file 'images/side.svg': an SVG file that holds a <script>"
        " element; only what cannot run script is published"
    )
    assert_refused(audit, says, code=1)
    assert f"{GUIDE}" in audit.out and "  24:1  " in audit.out


def test_a_figure_sized_past_any_screen_is_a_finding_not_a_traceback(project: Project) -> None:
    _with_figure(project)
    project.write(
        f"{IMAGES}/side.svg", SVG.replace("640 360", "1e400 360").format(attributes="", inside="")
    )
    says = "image file 'images/side.svg': its <svg> element is wider or taller than any screen"
    assert_refused(project.guides("audit"), says, code=1)
    build = project.build()
    assert_no_crash(build)
    assert build.code == 1 and f"{GUIDE}:24:1: image-invalid: {says}" in build.output
    run = project.run("mkdocs", "build", "--site-dir", "../site")
    assert_no_crash(run)
    assert run.code == 0 and "exercises/plank/index.html" in _site_files(project)


@pytest.mark.parametrize(
    ("name", "says"),
    [
        (b"content/exercises/x\xff.md", "content/exercises/x\\xff.md: the file name is not UTF-8"),
        (
            b"content/exercises/<img src=x onerror=alert(1)>.md",
            "content/exercises/<img src=x onerror=alert(1)>.md: a page's file name may not hold",
        ),
        (  # Material copies a long title's text into a tooltip as HTML
            b"content/exercises/a&#x3c;img src=x onerror=alert(1)&#x3e;.md",
            "content/exercises/a&#x3c;img src=x onerror=alert(1)&#x3e;.md: a page's file name",
        ),
    ],
)
def test_a_page_name_the_web_cannot_carry_is_refused(
    project: Project, name: bytes, says: str
) -> None:
    text = project.path(GUIDE).read_text(encoding="utf-8").replace("title: Plank\n", "")
    with open(os.path.join(os.fsencode(project.root), name), "w", encoding="utf-8") as page:
        page.write(text)  # no title: MkDocs would make one of the file name
    for command in (("audit",), ("audit", "--format", "sarif"), ("report", "--output", "r.html")):
        assert_refused(project.guides(*command), f"guides: {says}", code=2)
    assert_build_refused(project.build(), says)
    run = project.run("mkdocs", "build", "--site-dir", "../site")
    assert_refused(run, f"ERROR   -  {says}", code=0)
    site = project.root.parent / "site"
    pages = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
    assert pages and not any("onerror" in page for page in pages)


def test_a_page_linked_out_of_the_docs_folder_is_not_published(project: Project) -> None:
    """A page linked to /proc/self/environ would publish a CI job's secrets."""
    secret = project.root.parent / "machine.md"
    secret.write_text("TOKEN=the build machine's own secret\n", encoding="utf-8")
    page = "content/notes/host.md"
    project.path("content/notes").mkdir(parents=True)
    os.symlink(secret, project.path(page))
    says = f"{page}: a link to {secret.resolve()}, outside the docs folder"
    assert_refused(project.guides("audit"), f"guides: {says}", code=2)
    assert_build_refused(project.build(), says)
    run = project.run("mkdocs", "build", "--site-dir", "../site")
    assert_refused(run, f"ERROR   -  {says}", code=0)
    site = project.root.parent / "site"
    assert not any("own secret" in path.read_text() for path in site.rglob("*.html"))


def test_a_link_to_a_folder_stops_the_build_before_mkdocs_walks_it(project: Project) -> None:
    """Two links to their own folder made MkDocs walk 2^40 paths."""
    project.write(f"{IMAGES}/notes.txt", "a note\n")
    for name in ("a", "b"):
        os.symlink(".", project.path(f"{IMAGES}/{name}"))
    says = f"{IMAGES}/a: a link to a folder in the docs folder, which MkDocs follows"
    assert_refused(project.build(), says, code=1)
    assert_refused(project.guides("audit"), f"guides: {says}", code=2)
