"""What the build and the CLI print reaches a terminal or a CI log: no control gets there raw.

A terminal obeys what it is sent: ESC sets the window title, clears the screen
or recolours the log; a BEL rings. Each case writes one (as a percent-escape
MkDocs decodes, or as a YAML escape) where a hostile contributor could, runs
the command as a subprocess and reads its raw output.
"""

from __future__ import annotations

from tests.hostile.support import GUIDE, Project, assert_no_crash

RAW = ("\x1b", "\x07", "\u202e")


def test_mkdocs_own_warning_about_a_link_shows_its_controls_escaped(project: Project) -> None:
    """MkDocs decodes "%1b" in a link's target and printed the ESC as it was."""
    guide = project.path(GUIDE)
    guide.write_text(
        guide.read_text("utf-8") + "\nSee [the notes](notes%1b]0;owned%07.md).\n", "utf-8"
    )
    run = project.run("mkdocs", "build", "--site-dir", "../site")
    assert_no_crash(run)
    engine = [line for line in run.output.splitlines() if "contains a link" in line]
    assert engine and "notes\\x1b]0;owned\\x07.md" in engine[0], run.output
    assert not any(character in run.output for character in RAW)


def test_the_editorial_report_on_stdout_carries_no_control_from_a_title(
    project: Project,
) -> None:
    guide = project.path(GUIDE)
    text = guide.read_text("utf-8").replace("title: Plank", 'title: "Plank \\e]0;owned\\a"')
    guide.write_text(text, "utf-8")
    run = project.guides("report")
    assert_no_crash(run)
    assert "Plank \ufffd]0;owned\ufffd" in run.out  # read as data: each control shown as one
    assert not any(character in run.output for character in RAW)


def test_the_report_s_own_line_shows_its_file_name_s_controls_escaped(project: Project) -> None:
    run = project.guides("report", "--output", "report\x1b]0;owned\x07.html")
    assert_no_crash(run)
    assert "wrote report\\x1b]0;owned\\x07.html" in run.err
    assert not any(character in run.output for character in RAW)
