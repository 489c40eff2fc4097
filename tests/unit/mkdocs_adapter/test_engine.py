"""MkDocs as the site build sees it: the engine's key for the page cache."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from evidence_guides.mkdocs_adapter.engine import MkDocsEngine


def signature(root: Path, config_text: str) -> str | None:
    (root / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    config = load_config(str(root / "mkdocs.yml"))
    return MkDocsEngine(config, get_files(config)).signature()


def test_the_key_follows_the_configuration_templates_and_files(tmp_path: Path) -> None:
    docs, theme = tmp_path / "docs", tmp_path / "theme" / "partials"
    docs.mkdir()
    theme.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n")
    (docs / "photo.png").write_bytes(b"\x89PNG one")
    template = theme / "references.html"
    template.write_text("<ol></ol>\n")
    config = (
        "site_name: T\nsite_url: https://t.test/\ntheme:\n  name: mkdocs\n  custom_dir: theme\n"
    )
    first = signature(tmp_path, config)
    assert signature(tmp_path, config) == first  # the same in another reading (sets sorted)
    changed = [signature(tmp_path, config.replace("t.test", "u.test"))]
    changed.append(signature(tmp_path, config + "markdown_extensions: [abbr]\n"))
    template.write_text("<ol class='references'></ol>\n")
    changed.append(signature(tmp_path, config))
    (docs / "photo.png").write_bytes(b"\x89PNG a larger image")
    changed.append(signature(tmp_path, config))
    (docs / "notes.pdf").write_bytes(b"%PDF")
    changed.append(signature(tmp_path, config))
    assert len({first, *changed}) == 6
    before = changed[-1]
    # A page added is not in it: the pages that looked for it note that (the page cache).
    (docs / "plank.md").write_text("# Plank\n")
    assert signature(tmp_path, config) == before


def test_a_function_in_the_configuration_does_not_change_the_key_between_builds(
    tmp_path: Path,
) -> None:
    (tmp_path / "docs").mkdir()
    config = (
        "site_name: T\nmarkdown_extensions:\n  - toc:\n"
        "      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n"
    )
    first = signature(tmp_path, config)
    assert first is not None and "0x" not in first
    assert signature(tmp_path, config) == first
