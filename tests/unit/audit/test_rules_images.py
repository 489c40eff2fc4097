"""``image-invalid``: an image without alt text or credit, or whose file is missing, at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evidence_guides.audit.engine import audit_project
from evidence_guides.audit.settings import load_settings

REPO = Path(__file__).resolve().parents[3]
GOOD = '![A plank from the side](images/plank.svg "Hold it"){ credit="Drawn here" licence=MIT }'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))
    images = project / "content" / "exercises" / "images"
    images.mkdir()
    (images / "plank.svg").write_text('<svg width="10" height="10"></svg>')
    return project


def _plank(project: Path) -> Path:
    return project / "content" / "exercises" / "plank.md"


def _findings(project: Path) -> list[tuple[int, str]]:
    report = audit_project(load_settings(project / "mkdocs.yml"))
    return [(f.line, f.message) for f in report.findings if f.rule == "image-invalid"]


def _add_to_body(project: Path, markdown: str) -> int:
    """Append ``markdown`` to the guide; the line it is on."""
    text = _plank(project).read_text() + "\n" + markdown + "\n"
    _plank(project).write_text(text)
    return text.count("\n") - markdown.count("\n")


def test_an_image_with_alt_credit_and_file_passes(project: Path) -> None:
    _add_to_body(project, GOOD)
    assert _findings(project) == []


@pytest.mark.parametrize(
    ("markdown", "problems"),
    [
        (GOOD.replace("A plank from the side", ""), ["no alt text"]),
        (GOOD.split("{")[0], ["no credit"]),
        (GOOD.replace("plank.svg", "gone.svg"), ["not found"]),
        ("![](images/gone.png)", ["no alt text", "no credit", "not found"]),
        ('![Remote](https://example.org/a.png){ credit="Them" }', []),
        ("```\n![](images/gone.png)\n```", []),
    ],
)
def test_each_problem_is_reported_at_the_image(
    project: Path, markdown: str, problems: list[str]
) -> None:
    line = _add_to_body(project, markdown)
    found = _findings(project)
    assert [next(p for p in problems if p in message) for _, message in found] == problems
    assert {found_line for found_line, _ in found} <= {line}


def test_the_lead_images_file_must_exist(project: Path) -> None:
    text = _plank(project).read_text()
    lead = "image: {file: images/lead.svg, alt: A plank, credit: Drawn here}\n"
    _plank(project).write_text(text.replace("\nmuscles:", "\n" + lead + "muscles:", 1))
    line = _plank(project).read_text().splitlines().index(lead.strip()) + 1
    assert _findings(project) == [(line, "image.file: no file 'images/lead.svg' beside the guide")]
    lead_file = project / "content" / "exercises" / "images" / "lead.svg"
    lead_file.write_text("<svg/>")  # a file, but no size: the build could not show it
    says = "image.file 'images/lead.svg': the <svg> element has no width and height or viewBox"
    assert _findings(project) == [(line, says)]
    lead_file.write_text('<svg viewBox="0 0 4 3"/>')
    assert _findings(project) == []


def test_the_lead_images_alt_and_credit_are_required_fields(project: Path) -> None:
    text = _plank(project).read_text()
    lead = "image: {file: images/plank.svg}\n"
    _plank(project).write_text(text.replace("\nmuscles:", "\n" + lead + "muscles:", 1))
    report = audit_project(load_settings(project / "mkdocs.yml"))
    messages = [f.message for f in report.findings if f.rule == "frontmatter-invalid"]
    assert messages == [
        "image.alt: required field is missing; add it: a string",
        "image.credit: required field is missing; add it: a string",
    ]


@pytest.mark.parametrize(
    ("attributes", "formatted"),
    [
        ('{ credit="Sketch by *Ola*" }', "'*Ola*'"),
        ('{ credit="_Studio Nord_" licence=MIT }', "'_Studio Nord_'"),
        ('{ credit="from `figs.py`" }', "'`figs.py`'"),
        ('{ credit="after [Ruiz](https://example.org)" }', "'[Ruiz]('"),
        ('{ credit="see <https://example.org>" }', "'<https:'"),
        ('{ credit="Ana <b>Ruiz</b>" }', "'<b>'"),
    ],
)
def test_a_credit_markdown_would_format_is_reported_as_lost(
    project: Path, attributes: str, formatted: str
) -> None:
    """Python-Markdown formats the list's text before attr_list reads it: the credit is lost."""
    line = _add_to_body(project, f'![A plank from the side](images/plank.svg "Hold"){attributes}')
    assert _findings(project) == [
        (
            line,
            f"image 'images/plank.svg': its attribute list holds {formatted}, which Markdown"
            " formats before the list is read, so the page loses the credit: write the credit"
            " and licence as plain text",
        )
    ]


@pytest.mark.parametrize(
    "credit", ["Smith & Jones", "a_b studio", "5* hotel photo", "x \\\\* y", "[CC] BY", "a < b"]
)
def test_a_credit_markdown_leaves_alone_passes(project: Path, credit: str) -> None:
    image = f'![A plank from the side](images/plank.svg "Hold"){{ credit="{credit}" }}'
    _add_to_body(project, image)
    assert _findings(project) == []
