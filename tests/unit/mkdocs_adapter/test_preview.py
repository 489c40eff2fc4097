"""The preview in-process: a real MkDocs build, then what each kind of save re-renders."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from evidence_guides.mkdocs_adapter import plugin as plugin_module
from evidence_guides.mkdocs_adapter.preview import MkDocsPreview, main
from evidence_guides.mkdocs_adapter.preview_pages import FINDINGS_FILE
from tests.support.guides import guide_source
from tests.support.site import REPO
from tests.unit.mkdocs_adapter.test_plugin import BIB, project


def guide(title: str = "Plank", *, extra: str = "", cite: str = "") -> str:
    return guide_source(
        title, answer="Until form fails.", extra=extra, body=f"Keep the hips level {cite}."
    )


CRUNCH = guide("Crunch", extra="related: [plank]\n", cite="[@garber2011, p. 2]")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, MkDocsPreview]]:
    pages = {
        "exercises/plank.md": guide(extra="", cite="[@garber2011]"),
        "exercises/crunch.md": CRUNCH,
        "references.md": "---\ntemplate: references.html\n---\n\n# References\n",
    }
    project(tmp_path, pages)
    (tmp_path / "content" / "index.md").write_text("---\ntemplate: home.html\n---\n\n# Home\n")
    site = MkDocsPreview(str(tmp_path / "mkdocs.yml"), "http://127.0.0.1:8000/")
    yield tmp_path, site
    site.close()


def built(site: MkDocsPreview, path: str) -> str:
    return (site.root / path).read_text(encoding="utf-8")


def save(root: Path, src_uri: str, text: str) -> Path:
    path = root / "content" / src_uri
    path.write_text(text, encoding="utf-8")
    return path


def test_the_first_build_serves_every_page_with_its_banner_and_the_findings_page(
    preview,
) -> None:
    _, site = preview
    assert 'class="evidence-preview"' in built(site, "exercises/plank/index.html")
    assert "Every finding of the site" in built(site, FINDINGS_FILE)


def test_a_saved_guide_is_rendered_at_once_and_nothing_else(preview) -> None:
    root, site = preview
    crunch = site.root / "exercises/crunch/index.html"
    before = crunch.stat().st_mtime_ns
    path = save(root, "exercises/plank.md", guide(extra="", cite="[@garber2011]. More"))
    site.apply({path})
    assert "More" in built(site, "exercises/plank/index.html")
    assert crunch.stat().st_mtime_ns == before


def test_a_new_title_renders_the_pages_showing_it_when_they_are_asked_for(preview) -> None:
    root, site = preview
    text = guide("Front plank", extra="", cite="")
    site.apply({save(root, "exercises/plank.md", text)})
    assert "Front plank" not in built(site, "index.html")  # not yet asked for
    site.prepare("index.html")
    site.prepare("exercises/crunch/index.html")
    assert "Front plank" in built(site, "index.html")
    assert "Front plank" in built(site, "exercises/crunch/index.html")


def test_a_new_guide_is_added_and_a_deleted_one_removed(preview) -> None:
    root, site = preview
    draft = guide("Side plank", extra="draft: true\n", cite="")
    site.apply({save(root, "exercises/side-plank.md", draft)})
    assert "mkdocs-draft-marker" in built(site, "exercises/side-plank/index.html")
    (root / "content" / "exercises" / "crunch.md").unlink()
    site.apply({root / "content" / "exercises" / "crunch.md"})
    assert not (site.root / "exercises" / "crunch" / "index.html").exists()


def test_a_page_new_in_the_navigation_builds_the_preview_again(preview) -> None:
    root, site = preview
    site.apply({save(root, "about.md", "# About us\n")})
    assert "About us" in built(site, "exercises/plank/index.html")  # in every page's navigation
    (root / "content" / "about.md").unlink()
    site.apply({root / "content" / "about.md"})
    assert "About us" not in built(site, "exercises/plank/index.html")


def test_a_draft_published_loses_its_marker(preview) -> None:
    root, site = preview
    text = guide(extra="draft: true\n", cite="")
    site.apply({save(root, "exercises/plank.md", text)})
    assert "mkdocs-draft-marker" in built(site, "exercises/plank/index.html")
    site.apply({save(root, "exercises/plank.md", guide(extra="", cite=""))})
    assert "mkdocs-draft-marker" not in built(site, "exercises/plank/index.html")


def test_a_store_entry_edited_renders_the_pages_citing_it(preview) -> None:
    root, site = preview
    bib = root / "references" / "refs.bib"
    bib.write_text(BIB.replace("Quantity and quality of exercise", "A retitled study"))
    site.apply({bib})
    for page in ("exercises/plank/index.html", "exercises/crunch/index.html"):
        assert "A retitled study" not in built(site, page)  # audited now, rendered when asked for
        site.prepare(page)
        assert "A retitled study" in built(site, page)
    site.prepare("references/index.html")
    assert "A retitled study" in built(site, "references/index.html")


SYNTHETIC = "".join(  # invented entries, sorted after Garber
    f"@misc{{src{n:03d}, author = {{Synth, Ann}}, title = {{Synthetic study {n:03d}}},"
    f" year = {{2020}}, url = {{https://example.test/{n:03d}}}}}\n"
    for n in range(120)
)


def _citing(count: int) -> str:
    """A guide citing Garber and the first ``count`` synthetic entries, one per sentence."""
    claims = " ".join(f"Claim {n} [@src{n:03d}]." for n in range(count))
    return guide(extra="", cite=f"[@garber2011]. {claims}")


def test_the_references_pages_follow_the_store_and_gain_a_page_with_the_citations(
    tmp_path: Path,
) -> None:
    references = "---\ntemplate: references.html\n---\n\n# References\n"
    project(tmp_path, {"exercises/plank.md": _citing(55), "references.md": references})
    bib = tmp_path / "references" / "refs.bib"
    bib.write_text(BIB + SYNTHETIC)
    site = MkDocsPreview(str(tmp_path / "mkdocs.yml"), "http://127.0.0.1:8000/")
    try:  # Garber and 55 entries: 50 on the references page, 6 on its second page
        assert "Page 1 of 2" in built(site, "references/index.html")
        assert "Synthetic study 052" in built(site, "references/2/index.html")
        bib.write_text(BIB + SYNTHETIC.replace("study 052", "study 052, retitled"))
        site.apply({bib})
        site.prepare("references/2/index.html")
        assert "Synthetic study 052, retitled" in built(site, "references/2/index.html")
        site.prepare("browse/index.html")  # a listing page of the catalogue, in its template
        assert 'class="guide-card' in built(site, "browse/index.html")
        site.apply({save(tmp_path, "exercises/plank.md", _citing(105))})
        assert not (site.root / "references" / "3" / "index.html").exists()
        site.prepare("references/index.html")  # a page more: the preview is built again
        assert "Page 1 of 3" in built(site, "references/index.html")
        assert "Synthetic study 104" in built(site, "references/3/index.html")
    finally:
        site.close()


def test_a_template_saved_renders_every_page_again_when_asked_for(tmp_path: Path) -> None:
    project(tmp_path, {"exercises/plank.md": guide(extra="", cite="")})
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text().replace(str(REPO / "theme"), "theme"))
    site = MkDocsPreview(str(config), "http://127.0.0.1:8000/")
    try:
        assert Path(site.config.theme.custom_dir) == tmp_path / "theme"
        assert tmp_path / "theme" in site.watched()
        partial = tmp_path / "theme" / "partials" / "disclaimer.html"
        partial.write_text("<aside>A new disclaimer</aside>\n")
        site.apply({partial})
        site.prepare("exercises/plank/index.html")
        assert "A new disclaimer" in built(site, "exercises/plank/index.html")
        stylesheet = tmp_path / "theme" / "assets" / "stylesheets" / "guides.css"
        stylesheet.write_text("/* changed */")
        site.apply({stylesheet})
        assert built(site, "assets/stylesheets/guides.css") == "/* changed */"
    finally:
        site.close()


def test_a_page_that_cannot_be_read_leaves_the_last_one_served(
    preview, caplog: pytest.LogCaptureFixture
) -> None:
    root, site = preview
    page = root / "content" / "exercises" / "plank.md"
    before = built(site, "exercises/plank/index.html")
    page.write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    with caplog.at_level(logging.WARNING):
        site.apply({page})
    assert "content/exercises/plank.md:2:" in caplog.text and "as it was" in caplog.text
    assert built(site, "exercises/plank/index.html") == before


def test_an_asset_saved_is_copied(preview) -> None:
    root, site = preview
    image = root / "content" / "exercises" / "plank.svg"
    image.write_text("<svg/>")
    site.apply({image})
    assert built(site, "exercises/plank.svg") == "<svg/>"


def test_a_broken_template_is_one_line_until_it_is_mended(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project(tmp_path, {"exercises/plank.md": guide(extra="", cite="")})
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text().replace(str(REPO / "theme"), "theme"))
    site = MkDocsPreview(str(config), "http://127.0.0.1:8000/")
    try:
        before = built(site, "exercises/plank/index.html")
        partial = tmp_path / "theme" / "partials" / "disclaimer.html"
        partial.write_text("<aside>{% if %}</aside>\n")
        site.apply({partial})
        with caplog.at_level(logging.ERROR):
            site.prepare("exercises/plank/index.html")
            site.prepare("exercises/plank/index.html")
        ours = [r.message for r in caplog.records if "the preview shows the last" in r.message]
        assert len(ours) == 1 and "disclaimer.html:1:" in ours[0]
        assert built(site, "exercises/plank/index.html") == before
        partial.write_text("<aside>Mended</aside>\n")
        site.apply({partial})
        site.prepare("exercises/plank/index.html")
        assert "Mended" in built(site, "exercises/plank/index.html")
    finally:
        site.close()


def test_a_broken_mkdocs_yml_is_one_line_and_the_next_save_builds_again(
    preview, caplog: pytest.LogCaptureFixture
) -> None:
    root, site = preview
    config = root / "mkdocs.yml"
    good = config.read_text()
    config.write_text(good + "theme: [\n")
    with caplog.at_level(logging.ERROR):
        site.apply({config})
    assert [r for r in caplog.records if "the preview shows the last" in r.message]
    config.write_text(good.replace("Test Guides", "Mended Guides"))
    site.apply({root / "content" / "exercises" / "plank.md"})  # any save: a whole build
    assert "Mended Guides" in built(site, "exercises/plank/index.html")


def test_mkdocs_yml_saved_builds_everything_again(preview) -> None:
    root, site = preview
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("Test Guides", "Renamed Guides"))
    site.apply({config})
    assert "Renamed Guides" in built(site, "exercises/plank/index.html")


def test_the_command_refuses_an_address_it_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--dev-addr", "nowhere"])
    assert exited.value.code == 2
    assert "give HOST:PORT" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here: one line, exit 2
    assert main(["--dev-addr", "127.0.0.1:0"]) == 2


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_page_saved_as_a_link_out_of_the_docs_folder_is_one_line(
    preview, caplog: pytest.LogCaptureFixture
) -> None:
    root, site = preview
    page = root / "content" / "exercises" / "plank.md"
    before = built(site, "exercises/plank/index.html")
    page.unlink()
    page.symlink_to("/dev/zero")  # read, it would fill the memory
    with caplog.at_level(logging.INFO):
        site.apply({page})
    assert _errors(caplog) == [
        "content/exercises/plank.md: a link to /dev/zero, outside the docs folder: copy the"
        " file in instead; the preview shows it as it was"
    ]
    assert built(site, "exercises/plank/index.html") == before
    site.apply({save(root, "exercises/crunch.md", CRUNCH + "\nSaved after.\n")})
    assert "Saved after." in built(site, "exercises/crunch/index.html")


def test_a_file_saved_as_a_link_out_of_the_docs_folder_is_not_copied(
    preview, caplog: pytest.LogCaptureFixture
) -> None:
    root, site = preview
    image = root / "content" / "exercises" / "plank.svg"
    image.symlink_to("/dev/zero")  # copied, it would fill the disk
    with caplog.at_level(logging.ERROR):
        site.apply({image})
    assert _errors(caplog) == [  # as the build says it
        "content/exercises/plank.svg: a device, not a regular file; the preview leaves it out"
    ]
    assert not (site.root / "exercises" / "plank.svg").exists()


def test_a_link_to_a_folder_is_one_line_and_the_preview_goes_on(
    preview, caplog: pytest.LogCaptureFixture
) -> None:
    root, site = preview
    loop = root / "content" / "exercises" / "loop"
    loop.symlink_to("..", target_is_directory=True)
    with caplog.at_level(logging.ERROR):
        site.apply({loop})
    [line] = _errors(caplog)
    assert line.startswith("content/exercises/loop: a link to a folder in the docs folder")
    assert line.endswith("put the folder's files there; the preview leaves it out")
    site.apply({save(root, "exercises/plank.md", guide(extra="", cite="[@garber2011]. More"))})
    assert "More" in built(site, "exercises/plank/index.html")


def test_a_folder_moved_in_is_taken_in_by_its_files(
    preview, caplog: pytest.LogCaptureFixture
) -> None:
    root, site = preview
    folder = root / "content" / "figures"
    folder.mkdir()
    (folder / "plank.svg").write_text("<svg/>")
    with caplog.at_level(logging.ERROR):
        site.apply({folder, folder / "plank.svg"})  # as the watch reports a folder moved in
    assert not _errors(caplog)
    assert built(site, "figures/plank.svg") == "<svg/>"


def test_a_page_mkdocs_cannot_make_is_one_line_naming_it_even_without_a_reason(
    preview, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, site = preview
    before = built(site, "exercises/plank/index.html")

    def fails(*args: object) -> None:
        raise PluginError("")  # MkDocs logs "Error building page 'exercises/plank.md':"

    monkeypatch.setattr(plugin_module, "banner_for", fails)
    with caplog.at_level(logging.INFO):
        site.apply({save(root, "exercises/plank.md", guide(extra="", cite="More"))})
    assert _errors(caplog) == [
        "content/exercises/plank.md: PluginError, with no message; the preview shows the page"
        " as it was"
    ]
    assert built(site, "exercises/plank/index.html") == before
