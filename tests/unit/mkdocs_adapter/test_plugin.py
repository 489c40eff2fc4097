"""The MkDocs adapter's hooks, run in-process by MkDocs' own build (as mkdocs-autorefs tests)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from evidence_guides.guide.sections import GUIDE_SECTIONS, REFERENCES
from evidence_guides.mkdocs_adapter.plugin import EvidencePlugin
from tests.support.guides import guide_source
from tests.support.site import MINIMAL_CONFIG

BIB = """\
@article{garber2011, author = {Garber, Carol Ewing}, year = {2011},
  title = {Quantity and quality of exercise}, journal = {Med Sci Sports Exerc},
  pmid = {21694556}}
"""


def plank(*, extra: str = "", cite: str = "") -> str:
    return guide_source(
        answer="Until form fails.", extra=extra, body=f"Keep the hips level {cite}."
    )


def project(root: Path, pages: dict[str, str], *, plugin_options: str = "") -> MkDocsConfig:
    """A guides site on disk, and its config loaded by MkDocs as ``mkdocs build`` loads it."""
    (root / "references").mkdir(parents=True)
    (root / "references" / "refs.bib").write_text(BIB, encoding="utf-8")
    (root / "content" / "exercises").mkdir(parents=True)
    for src_uri, text in {"index.md": "# Home\n", **pages}.items():
        (root / "content" / src_uri).write_text(text, encoding="utf-8")
    config = MINIMAL_CONFIG.replace("  - evidence\n", f"  - evidence{plugin_options}\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))


def plugin_of(config: MkDocsConfig) -> EvidencePlugin:
    plugin = config.plugins["evidence"]
    assert isinstance(plugin, EvidencePlugin)
    return plugin


def test_a_guide_built_in_process_has_citations_sections_and_contents(tmp_path: Path) -> None:
    config = project(tmp_path, {"exercises/plank.md": plank(extra="", cite="[@garber2011]")})
    build(config)
    soup = BeautifulSoup((tmp_path / "site/exercises/plank/index.html").read_text(), "html.parser")
    citation = soup.select_one("article a[href='#ref-garber2011']")
    assert citation is not None and citation.get_text(strip=True) == "1"
    # Material shows the contents twice: in the sidebar, and in the drawer for phones.
    links = soup.select("nav.md-nav--secondary a.md-nav__link")
    contents = list(dict.fromkeys(a["href"] for a in links))
    assert contents == [f"#{heading.id}" for heading in (*GUIDE_SECTIONS, REFERENCES)]
    assert soup.select_one("script[type='application/ld+json']") is not None
    assert (tmp_path / "site/schema/guide.schema.json").is_file()


def test_an_unresolved_citation_fails_a_strict_build_after_logging_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = project(tmp_path, {"exercises/plank.md": plank(extra="", cite="[@nosuch]")})
    config.strict = True
    with caplog.at_level(logging.INFO), pytest.raises((Abort, PluginError)):
        build(config)
    assert any(
        record.getMessage().startswith("content/exercises/plank.md:21:")
        and "unresolved-citation" in record.getMessage()
        for record in caplog.records
    )


def test_a_bad_option_is_refused_when_the_config_loads(tmp_path: Path) -> None:
    config = project(tmp_path, {}, plugin_options=":\n      rules: {no-such-rule: off}")
    with pytest.raises(PluginError, match=r"mkdocs\.yml: unknown rule 'no-such-rule'"):
        plugin_of(config).on_config(config)


def test_on_files_marks_drafts_and_leaves_out_refused_pages(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pages = {
        "exercises/plank.md": plank(extra="draft: true\n", cite=""),
        "deep.md": "# Deep\n\n" + "> " * 60 + "x\n",
    }
    config = project(tmp_path, pages)
    plugin = plugin_of(config)
    plugin.on_config(config)
    plugin.on_pre_build(config=config)
    files = Files(
        [File(src, config.docs_dir, config.site_dir, False) for src in ("index.md", *pages)]
    )
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.evidence_guides"):
        kept = plugin.on_files(files, config=config)
    assert kept is not None
    assert kept.get_file_from_path("exercises/plank.md").inclusion is InclusionLevel.DRAFT
    assert kept.get_file_from_path("deep.md") is None
    assert [record.getMessage() for record in caplog.records] == [
        "content/deep.md:3:1: Markdown nests lists, quotes or indented blocks more than 50"
        " levels deep (set plugins.evidence.limits.markdown_depth to raise the limit);"
        " the page is left out"
    ]
    plugin.on_shutdown()


def test_disabled_the_plugin_leaves_citations_as_written(tmp_path: Path) -> None:
    config = project(
        tmp_path,
        {"exercises/plank.md": plank(extra="", cite="[@garber2011]")},
        plugin_options=":\n      enabled: false",
    )
    build(config)
    page = (tmp_path / "site/exercises/plank/index.html").read_text()
    assert "[@garber2011]" in page and "ref-garber2011" not in page
