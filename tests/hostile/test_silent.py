"""Nothing silent: what a reader cannot see or a key that only looks right is always reported.

Each case edits the fixture project as an unlucky editor (or a pasted text)
would, runs ``guides audit`` as a subprocess, and checks the finding at its
file, line and column, the exit code, no traceback, and the files unchanged.
"""

from __future__ import annotations

import json

import pytest

from tests.hostile.support import GUIDE, STORE, Project, assert_no_crash, assert_refused

ENTRY = """
@article{extra2020,
  author = {Doe, Jane},
  title  = {An invented work for this test},
  year   = {2020},
  doi    = {10.5555/extra},
  {FIELD}
}
"""


def audited(project: Project) -> list[dict[str, object]]:
    """``guides audit``'s JSON findings; the run must end with findings, not a crash."""
    before = project.inputs()
    run = project.guides("audit", "--format", "json")
    assert_no_crash(run)
    assert run.code == 1, run.output
    assert project.inputs() == before  # the audit reads, never writes
    return list(json.loads(run.out)["findings"])


def append_to_body(project: Project, text: str) -> int:
    """Append ``text`` as the guide's last line; its line number."""
    guide = project.path(GUIDE).read_text(encoding="utf-8")
    project.write(GUIDE, guide + "\n" + text + "\n")
    return guide.count("\n") + 2


@pytest.mark.parametrize(
    ("text", "character"),
    [
        ("Brace the trunk.\x00 Then lift.", "U+0000 NULL"),
        ("Brace the trunk.\u202e Then lift.", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Brace the\u200b trunk.", "U+200B ZERO WIDTH SPACE"),
        ("Brace the trunk.\u2067 Then lift.", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ],
)
def test_a_hidden_character_in_a_body_is_reported_at_its_place(
    project: Project, text: str, character: str
) -> None:
    line = append_to_body(project, text)
    found = [f for f in audited(project) if f["rule"] == "hidden-character"]
    assert [(f["path"], f["line"], f["message"]) for f in found] == [
        (GUIDE, line, f"hidden character {character}")
    ]


def test_a_bidi_override_in_a_title_is_reported_at_the_title(project: Project) -> None:
    guide = project.path(GUIDE).read_text(encoding="utf-8")
    project.write(GUIDE, guide.replace("title: Plank", "title: Plank\u202e", 1))
    (found,) = [f for f in audited(project) if f["rule"] == "hidden-character"]
    assert (found["line"], found["column"]) == (2, 13)


def test_a_key_with_a_look_alike_letter_names_it(project: Project) -> None:
    line = append_to_body(project, "Hold it [@g\u0430rber2011].")
    (found,) = [f for f in audited(project) if f["rule"] == "malformed-citation"]
    assert found["line"] == line
    assert "CYRILLIC SMALL LETTER A" in str(found["message"])
    assert found["suggestion"]["text"] == "write [@garber2011]"  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Hold it [PMID 0021694556].", "leading zero"),
        ("Hold it, PMID 123456789012345678901.", "PMID"),
        ("Hold it [see @garber2011].", "write see [@garber2011]"),
    ],
)
def test_a_pmid_or_citation_that_does_not_parse_is_reported(
    project: Project, text: str, says: str
) -> None:
    line = append_to_body(project, text)
    found = [f for f in audited(project) if f["rule"] == "malformed-citation"]
    assert [f["line"] for f in found] == [line]
    assert says in str(found[0]["message"]) + str(found[0]["suggestion"])


@pytest.mark.parametrize(
    ("field", "rule", "says"),
    [
        ("pmid = {0},", "bib-invalid-entry", "is not a PubMed identifier"),
        ("pmid = {021694556},", "bib-invalid-entry", "has a leading zero"),
        ("pmid = {021694556},", "bib-duplicate", "21694556"),
        ("note = {Safe\u202e},", "hidden-character", "U+202E"),
    ],
)
def test_the_store_says_what_is_wrong_at_the_entry(
    project: Project, field: str, rule: str, says: str
) -> None:
    store = project.path(STORE).read_text(encoding="utf-8")
    project.write(STORE, store + ENTRY.replace("{FIELD}", field))
    found = [f for f in audited(project) if f["rule"] == rule and f["path"] == STORE]
    assert found and any(says in str(f["message"]) for f in found), found


def test_a_store_key_mixing_scripts_is_reported(project: Project) -> None:
    store = project.path(STORE).read_text(encoding="utf-8")
    project.write(
        STORE, store + ENTRY.replace("extra2020", "\u0435xtra2020").replace("{FIELD}", "")
    )
    found = [f for f in audited(project) if "mixes scripts" in str(f["message"])]
    assert [f["rule"] for f in found] == ["bib-invalid-entry"]


def test_a_key_written_twice_in_the_people_file_is_its_one_finding(project: Project) -> None:
    project.write(
        "content/people.yml",
        "people:\n  - id: team\n    name: Team\n    name: Again\n    kind: organization\n",
    )
    guide = project.path(GUIDE).read_text(encoding="utf-8")
    project.write(GUIDE, guide.replace("level: beginner\n", "level: beginner\nauthor: team\n", 1))
    run = project.guides("audit")
    assert_refused(run, "people[0]: duplicate key 'name' (first on line 3)", code=1)
    assert run.out.startswith("content/people.yml\n  4:5  error    frontmatter-invalid")
    assert GUIDE not in run.output  # no guide says its author is not defined


def test_a_key_written_twice_in_the_muscle_vocabulary_stops_at_it(project: Project) -> None:
    project.write(
        "muscles.yml",
        "groups:\n  - group: Core\n    group: Hips\n    muscles:\n      - name: Rectus abdominis\n",
    )
    says = "muscles.yml:3:5: duplicate key 'group' in a group (first on line 2)"
    assert_refused(project.guides("audit"), says, code=2)
    assert_refused(project.build(), f"ERROR   -  {says}", code=1)
