"""One page at a time as MkDocs' build renders it: what a full build kept, and drafts."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.structure.files import InclusionLevel

from evidence_guides.mkdocs_adapter.rendering import BuildState, PageRenderer
from tests.unit.mkdocs_adapter.test_plugin import plank, project


def renderer(tmp_path: Path) -> PageRenderer:
    config = project(tmp_path, {"exercises/plank.md": plank(extra="", cite="")})
    state = BuildState()
    config.plugins["state"] = state
    build(config)
    return PageRenderer(config, state)


def test_a_page_is_converted_and_written_again_as_the_build_did(tmp_path: Path) -> None:
    pages = renderer(tmp_path)
    output = tmp_path / "site" / "exercises" / "plank" / "index.html"
    first = output.read_text()
    output.unlink()
    pages.write(pages.convert(["exercises/plank.md", "exercises/gone.md"]))
    assert output.read_text() == first


def test_a_new_page_is_included_as_the_build_would_include_it(tmp_path: Path) -> None:
    pages = renderer(tmp_path)
    (tmp_path / "content" / "exercises" / "bridge.md").write_text("# Bridge\n")
    file = pages.add("exercises/bridge.md")
    assert pages.files.get_file_from_path("exercises/bridge.md") is file
    assert file.inclusion == InclusionLevel.INCLUDED
    pages.set_draft(file, True)
    assert file.inclusion == InclusionLevel.DRAFT
    pages.set_draft(file, False)
    assert file.inclusion == InclusionLevel.INCLUDED
