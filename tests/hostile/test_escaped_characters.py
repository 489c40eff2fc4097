"""Hidden characters written as YAML escapes: reported where written, never sent to a reader.

A double-quoted YAML value may write any character as an escape, so a file of
plain ASCII holds a right-to-left override, an ESC or a NUL once it is read.
Here a guide's front-matter (every kind of field), the home page's, the people
file and the muscle vocabulary write them so. ``guides audit`` names each escape
at its line, a strict build fails on them, and a build that is not strict
publishes no page, feed or index holding one of those characters.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.hostile.support import CONFIG, GUIDE, REPO, Project, Run, assert_no_crash

ESCAPED = {
    GUIDE: """\
---
title: "Plank \\u202e\\e]0;PWNED\\a x"
description: "\\u202eHold\\e]0;T\\a\\u0000 a straight\\L line\\x85 from head to heels."
level: beginner
last_reviewed: 2026-11-01
author: team
safety: "Stop\\u2066 if your back hurts."
muscles:
  - name: Rectus abdominis
    role: primary
    note: "Braces\\x9b2J the trunk."
variations:
  - name: "Knee\\P plank"
    level: beginner
    how: Knees down.
mistakes:
  - mistake: Hips sag.
    fix: "Squeeze the glutes\\u202d."
faq:
  - q: "How long\\u2067 should I hold it?"
    a: "Until form fails [@garber2011]\\e."
---

Keep the hips level and breathe steadily.
""",
    "content/index.md": '---\ntitle: "Home \\x9b31m\\u2028"\ndescription: "\\u2067Guides\\a"\n'
    "template: home.html\n---\n"
    "\n# Home\n",
    "content/people.yml": (
        'people:\n  - id: team\n    name: "Team \\u202e\\e]0;x\\a"\n    kind: organization\n'
    ),
    "muscles.yml": (
        'groups:\n  - group: "Core \\e[2J\\u2067"\n    muscles:\n      - name: Rectus abdominis\n'
        '        aliases: ["Abs\\u202e"]\n'
    ),
}
# C0 controls but tab, line feed and carriage return; DEL and C1; the line and paragraph
# separators; bidirectional embeddings, overrides and isolates.
UNSHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def escaped(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("escaped") / "p"
    shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", root)
    project = Project(root)
    project.write("mkdocs.yml", CONFIG)
    for relative, text in ESCAPED.items():
        assert text.isascii()  # nothing hidden in the file as written
        project.write(relative, text)
    return project


def _escape_lines() -> set[tuple[str, int]]:
    """Every line of the files above holding an escape: each must be reported."""
    return {
        (relative, number)
        for relative, text in ESCAPED.items()
        for number, line in enumerate(text.splitlines(), start=1)
        if "\\" in line
    }


def test_the_audit_names_each_escape_at_its_line_and_column(escaped: Project) -> None:
    run = escaped.guides("audit", "--format", "json")
    assert_no_crash(run)
    assert run.code == 1, run.output
    found = [f for f in json.loads(run.out)["findings"] if f["rule"] == "hidden-character"]
    assert {(f["path"], f["line"]) for f in found} == _escape_lines()
    for finding in found:
        line = ESCAPED[finding["path"]].splitlines()[finding["line"] - 1]
        assert line[finding["column"] - 1] == "\\", finding  # at the escape itself
        assert "written as the YAML escape" in finding["message"]


def test_a_strict_build_fails_naming_each_escape_once(escaped: Project) -> None:
    run = escaped.build()
    assert_no_crash(run)
    assert run.code == 1, run.output
    for relative, number in _escape_lines():
        lines = [x for x in run.output.splitlines() if f"{relative}:{number}:" in x]
        assert lines and all("hidden-character" in x for x in lines), (relative, number)
    title = [x for x in run.output.splitlines() if f"{GUIDE}:2:15: hidden-character" in x]
    assert len(title) == 1, run.output
    assert "ERROR   -  strict mode:" in run.output


def test_a_build_that_is_not_strict_sends_no_reader_such_a_character(escaped: Project) -> None:
    run: Run = escaped.run("mkdocs", "build", "--site-dir", "../site")
    assert_no_crash(run)
    assert run.code == 0, run.output
    site = escaped.root.parent / "site"
    published = [p for p in site.rglob("*") if p.suffix in (".html", ".xml", ".json")]
    assert len(published) > 5
    for file in published:
        text = file.read_text(encoding="utf-8")
        assert UNSHOWN.search(text) is None, (file, UNSHOWN.findall(text))
    guide = (site / "exercises" / "plank" / "index.html").read_text(encoding="utf-8")
    assert "<title>Plank \ufffd\ufffd]0;PWNED\ufffd x" in guide  # shown, its controls not
    assert "Team \ufffd\ufffd]0;x\ufffd" in guide  # the byline, from the people file
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Core \ufffd[2J\ufffd" in home  # the landing page's muscle-group filter
