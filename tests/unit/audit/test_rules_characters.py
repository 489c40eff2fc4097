"""``hidden-character``: what a reader cannot see, in pages, the store and the data files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evidence_guides.audit.engine import PageInput, audit_page, audit_project, store_checks
from evidence_guides.audit.model import AuditSettings
from evidence_guides.audit.settings import load_settings
from evidence_guides.findings import Finding, Suggestion
from evidence_guides.store.parse import parse_bib
from evidence_guides.text.front_matter import split_front_matter

REPO = Path(__file__).resolve().parents[3]

SETTINGS = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))
EMPTY = parse_bib("", "refs.bib")


def hidden(text: str) -> list[Finding]:
    page = PageInput("p.md", text, text, 0, is_guide=False)
    found = audit_page(page, EMPTY, SETTINGS).findings
    return [finding for finding in found if finding.rule == "hidden-character"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lift\u202e slowly.", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Lift\u2066 slowly.", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("Lift\u200b slowly.", "U+200B ZERO WIDTH SPACE"),
        ("Lift\u200d slowly.", "U+200D ZERO WIDTH JOINER"),
        ("Lift\x00 slowly.", "U+0000 NULL"),
        ("Lift\x1b[31m slowly.", "U+001B ESCAPE"),
        ("Lift\ufeff slowly.", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("```\ncode\u202e\n```\n", "U+202E RIGHT-TO-LEFT OVERRIDE"),  # code misleads too
    ],
)
def test_hidden_characters_are_named_at_their_place(text: str, name: str) -> None:
    (finding,) = hidden(text)
    offset = next(i for i, c in enumerate(text) if f"U+{ord(c):04X}" in name)
    assert (finding.line, finding.column) == (
        text.count("\n", 0, offset) + 1,
        offset - text.rfind("\n", 0, offset),
    )
    assert finding.message == f"hidden character {name}"


@pytest.mark.parametrize(
    "text",
    [
        "A coder \U0001f469\u200d\U0001f4bb at the bench.",  # a joiner inside an emoji sequence
        "Fire heart \u2764\ufe0f\u200d\U0001f525.",
        "\ufeffA byte-order mark at the start.",
        "Persian \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 keeps its non-joiner.",
        "Tabs\tand\r\nline ends.",
    ],
)
def test_writing_is_not_hiding(text: str) -> None:
    assert hidden(text) == []


def test_hidden_characters_in_the_store_are_reported_at_the_field() -> None:
    store = parse_bib(
        "@article{k,\n  author = {Doe, J.},\n  title = {Safe\u202e},\n  year = {2020},\n"
        "  doi = {10.5555/1},\n}\n",
        "refs.bib",
    )
    (finding,) = [f for f in store_checks(store, SETTINGS) if f.rule == "hidden-character"]
    assert finding.format().startswith(
        "refs.bib:3:1: hidden-character: hidden character U+202E RIGHT-TO-LEFT OVERRIDE in 'k'"
        " (title)"
    )


# --- hidden characters written as YAML escapes -------------------------------------------------

ESCAPED_TITLE = 'title: "Crunch \\u202e\\e]0;PWNED\\a x"\n'


def _page(text: str, *, is_guide: bool = False) -> list[Finding]:
    source = split_front_matter(text)
    page = PageInput("p.md", text, source.body, source.body_offset, is_guide)
    found = audit_page(page, EMPTY, SETTINGS).findings
    return [finding for finding in found if finding.rule == "hidden-character"]


def test_escapes_in_a_pages_front_matter_are_reported_at_the_escape() -> None:
    text = f'---\n{ESCAPED_TITLE}description: "\\u202eHow\\x00 to"\n---\n\n# Body\n'
    assert [(f.line, f.column, f.message) for f in _page(text)] == [
        (
            2,
            16,
            "hidden character U+202E RIGHT-TO-LEFT OVERRIDE, written as the YAML escape '\\u202e'",
        ),
        (2, 22, "hidden character U+001B ESCAPE, written as the YAML escape '\\e'"),
        (2, 32, "hidden character U+0007 CONTROL CHARACTER, written as the YAML escape '\\a'"),
        (
            3,
            15,
            "hidden character U+202E RIGHT-TO-LEFT OVERRIDE, written as the YAML escape '\\u202e'",
        ),
        (3, 24, "hidden character U+0000 NULL, written as the YAML escape '\\x00'"),
    ]
    assert _page(text)[0].suggestion == Suggestion(
        "delete the escape: YAML reads it as that character, unseen"
    )


def test_escapes_in_a_guides_nested_fields_are_reported() -> None:
    meta = 'title: Plank\nfaq:\n  - q: "Why\\L?"\n    a: "Because \\u2066[@k]."\n'
    found = _page(f"---\n{meta}---\n\nBody.\n", is_guide=True)
    assert [(f.line, f.column) for f in found] == [(4, 12), (5, 17)]


def test_escapes_in_the_body_are_text_not_yaml() -> None:
    assert _page('---\ntitle: Home\n---\n\nWrite "\\e" in a regex.\n') == []


@pytest.mark.parametrize(
    ("text", "written", "name"),
    [
        ("Squeeze &#x202E;the bar.", "&#x202E;", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Squeeze &#8238;the bar.", "&#8238;", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Breathe&#27;[2J out.", "&#27;", "U+001B ESCAPE"),
        ("Brace&zwj;hard.", "&zwj;", "U+200D ZERO WIDTH JOINER"),
        ("Title: &#x2067;x", "&#x2067;", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ],
)
def test_character_references_to_hidden_characters_are_reported(
    text: str, written: str, name: str
) -> None:
    """Markdown passes a reference to the page as written: a browser reads the character."""
    (finding,) = hidden(text)
    assert (finding.line, finding.column) == (1, text.index(written) + 1)
    assert finding.message == f"hidden character {name}, written as '{written}'"


@pytest.mark.parametrize(
    "text",
    [
        "Sets &amp; reps, 5&nbsp;kg, &#169; the authors, &#x2014; a dash.",
        "A coder \U0001f469&zwj;\U0001f4bb at the bench.",  # a joiner inside an emoji
        "Write `&#x202e;` to see one.",  # code shows the reference as written
        "```html\n<p>&#x202e;</p>\n```\n",
        "&#x110000; and &#99999999; are no characters.",
    ],
)
def test_references_to_visible_characters_or_in_code_are_not(text: str) -> None:
    assert hidden(text) == []


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "      muscles: anatomy/muscles.yml\n")
    (root / "anatomy").mkdir()
    return root


def _project_findings(project: Path) -> list[str]:
    report = audit_project(load_settings(project / "mkdocs.yml"))
    return [f.format() for f in report.findings if f.rule == "hidden-character"]


def test_the_people_file_and_the_muscle_vocabulary_are_read_once_per_run(project: Path) -> None:
    (project / "content" / "people.yml").write_text(
        'people:\n  - id: team\n    name: "Team \\e]0;x\\a"\n    role: "Coach\u202e"\n'
    )
    (project / "anatomy" / "muscles.yml").write_text(
        'groups:\n  - group: "Core\\u2067"\n    muscles:\n      - name: Rectus abdominis\n'
        '        aliases: ["Abs\\x85"]\n'
    )
    found = _project_findings(project)
    assert [line.split(": hidden-character: ")[0] for line in found] == [
        "anatomy/muscles.yml:2:17",
        "anatomy/muscles.yml:5:23",
        "content/people.yml:3:17",
        "content/people.yml:3:23",
        "content/people.yml:4:17",
    ]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE (delete it:" in found[-1]  # written as itself


def test_data_files_without_hidden_characters_are_no_finding(project: Path) -> None:
    (project / "content" / "people.yml").write_text(
        'people:\n  - id: team\n    name: "Caf\\u00e9 team \\U0001f469\\u200d\\U0001f4bb"\n'
    )
    (project / "anatomy" / "muscles.yml").write_text(
        "groups:\n  - group: Core\n    muscles:\n      - name: Rectus abdominis\n"
    )
    assert _project_findings(project) == []
