"""The site build in-process, driven by a second engine: what each phase gives a page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from evidence_guides import workers
from evidence_guides.audit.model import AuditSettings
from evidence_guides.build.pages import PageState, Phase
from evidence_guides.build.site_build import PageRefused, SiteBuild, _worker_keys
from evidence_guides.files.limits import Limits
from evidence_guides.files.source import SourceDecodeError
from evidence_guides.guide.sections import FAQ, GUIDE_SECTIONS, REFERENCES, RELATED
from evidence_guides.store.parse import parse_bib
from tests.support.engine import DirectoryEngine
from tests.support.guides import guide_source
from tests.support.site import REPO

BIB = """\
@article{garber2011, author = {Garber, Carol Ewing and Blissmer, Bryan}, year = {2011},
  title = {Quantity and quality of exercise}, journal = {Med Sci Sports Exerc},
  pmid = {21694556}}
@article{unused2020, author = {Nobody, Ann}, year = {2020}, title = {Never cited},
  journal = {J}}
"""


def guide(title: str, *, cite: str = "[@garber2011]", extra: str = "") -> str:
    body = f"Keep the hips level and breathe steadily {cite}."
    return guide_source(title, answer=f"Until form fails {cite}.", extra=extra, body=body)


class Project:
    """A docs folder on disk and a site build over it, as an engine would drive it."""

    def __init__(
        self,
        root: Path,
        pages: dict[str, str],
        *,
        parallel: bool = False,
        limits: Limits | None = None,
    ) -> None:
        self.docs = root / "content"
        for src_uri, text in pages.items():
            (self.docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
            (self.docs / src_uri).write_text(text, encoding="utf-8")
        (self.docs / "exercises").mkdir(exist_ok=True)
        self.settings = AuditSettings(
            root=root,
            docs_dir=self.docs,
            bib=root / "refs.bib",
            parallel=parallel,
            limits=limits or Limits(),
        )
        self.engine = DirectoryEngine(pages)
        self.site = SiteBuild(self.settings, parse_bib(BIB, "refs.bib"), self.engine)
        self.pages = pages

    def read_all(self) -> None:
        for src_uri in self.pages:
            self.site.add_page(src_uri, self.docs / src_uri, f"content/{src_uri}")

    def build(self) -> dict[str, str]:
        """Every page through every phase, as the engine calls them; the HTML of each."""
        self.read_all()
        self.site.start(src for src, state in self.site.pages.items() if not state.is_draft)
        html = {}
        for src_uri, state in self.site.pages.items():
            if state.is_draft:
                continue
            source = self.site.source(src_uri)
            assert source is not None
            read = self.engine.read_source(source, None)
            body = source[read.body_start :] if read else source
            rendered = self.site.body(src_uri, body)
            assert rendered is not None
            around = self.site.around(src_uri)
            html[src_uri] = "\n".join((around.before, rendered.body.restore(body), around.after))
        return html


def test_a_guide_gets_its_sections_references_and_structured_data(tmp_path: Path) -> None:
    project = Project(tmp_path, {"exercises/plank.md": guide("Plank"), "index.md": "# Home\n"})
    html = project.build()["exercises/plank.md"]
    soup = BeautifulSoup(html, "html.parser")
    headings = [(h2["id"], h2.get_text()) for h2 in soup.find_all("h2")]
    assert headings == [(h.id, h.title) for h in (*GUIDE_SECTIONS, REFERENCES)]
    assert soup.find(id="ref-garber2011") is not None
    rendered = project.site.rendered("exercises/plank.md")
    assert rendered is not None
    assert rendered.contents == (*GUIDE_SECTIONS, REFERENCES)
    assert rendered.reference_keys == ("garber2011",)
    data = json.loads(project.site.around("exercises/plank.md").jsonld or "{}")
    page = next(node for node in data["@graph"] if node["@type"] == "MedicalWebPage")
    assert page["url"] == "https://guides.test/exercises/plank/"


def test_related_guides_link_relative_to_the_page_and_skip_drafts(tmp_path: Path) -> None:
    pages = {
        "exercises/plank.md": guide("Plank", extra="related: [crunch, bridge]\n"),
        "exercises/crunch.md": guide("Crunch"),
        "exercises/bridge.md": guide("Bridge", extra="draft: true\n"),
    }
    project = Project(tmp_path, pages)
    html = project.build()["exercises/plank.md"]
    related = BeautifulSoup(html, "html.parser").find(id=RELATED.id).find_next("ul")
    assert [(a["href"], a.get_text()) for a in related.find_all("a")] == [("../crunch/", "Crunch")]


def test_listings_hold_published_guides_and_every_cited_source(tmp_path: Path) -> None:
    pages = {
        "exercises/plank.md": guide("Plank"),
        "exercises/bridge.md": guide("Bridge", extra="draft: true\n"),
        "sources.md": "---\ntemplate: references.html\n---\n\n# Sources\n",
    }
    project = Project(tmp_path, pages)
    project.build()
    listings = project.site.listings()
    landing = BeautifulSoup(listings.landing, "html.parser")
    assert [a.get_text(strip=True) for a in landing.select(".guide-card a")] == ["Plank"] * 2
    (everything,) = [page for page in listings.pages if page.src_uri == "browse/index.md"]
    cards = BeautifulSoup(everything.html, "html.parser").select(".guide-card a")
    assert [a.get_text(strip=True) for a in cards] == ["Plank"]
    index = listings.source_index
    assert "Quantity and quality of exercise" in index and "Never cited" not in index
    assert [page.src_uri for page in listings.source_pages] == ["sources.md"]  # one page
    assert listings.source_pages[0].html == index
    assert project.site.listings() is listings  # made once per build


def test_a_draft_is_marked_and_its_findings_never_block(tmp_path: Path) -> None:
    pages = {
        "exercises/plank.md": guide("Plank", cite="[@nosuch2019]"),
        "exercises/bridge.md": guide("Bridge", cite="[@nosuch2019]", extra="draft: true\n"),
    }
    project = Project(tmp_path, pages)
    project.build()
    assert project.site.pages["exercises/bridge.md"].is_draft
    unresolved = [
        (finding.path, finding.line, draft)
        for finding, draft in project.site.findings()
        if finding.rule == "unresolved-citation"
    ]
    assert ("content/exercises/plank.md", 21, False) in unresolved
    assert ("content/exercises/bridge.md", 22, True) in unresolved  # one line more: draft


@pytest.mark.parametrize("slip", ["title: Bridge: the basics", "title: Bridge\n\tlevel: x"])
def test_a_draft_whose_yaml_does_not_parse_stays_a_draft(tmp_path: Path, slip: str) -> None:
    """Read past the slip, or conservatively: a broken draft is never published."""
    draft = guide("Bridge", extra="draft: true\n").replace("title: Bridge", slip)
    project = Project(
        tmp_path, {"exercises/plank.md": guide("Plank"), "exercises/bridge.md": draft}
    )
    html = project.build()
    assert project.site.pages["exercises/bridge.md"].is_draft
    assert "exercises/bridge.md" not in html
    syntax = [
        (finding.line, draft)
        for finding, draft in project.site.findings()
        if finding.message.startswith("front-matter is not valid YAML")
    ]
    assert syntax and all(draft for _, draft in syntax)


def test_findings_come_page_by_page_then_for_the_whole_corpus(tmp_path: Path) -> None:
    project = Project(tmp_path, {"exercises/plank.md": guide("Plank")})
    project.build()
    rules = [finding.rule for finding, _ in project.site.findings()]
    assert rules[-1] == "unused-reference"  # the store entry no page cites, after the pages'


def test_a_page_past_the_limits_is_refused_with_its_line(tmp_path: Path) -> None:
    deep = "---\ntitle: Deep\n---\n\n" + "".join("  " * i + "- x\n" for i in range(8))
    project = Project(tmp_path, {"exercises/deep.md": deep}, limits=Limits(markdown_depth=3))
    with pytest.raises(PageRefused, match=r"^content/exercises/deep\.md:\d+:\d+: "):
        project.read_all()
    assert "exercises/deep.md" not in project.site.pages


def test_text_that_is_not_utf8_stops_with_its_line_and_column(tmp_path: Path) -> None:
    project = Project(tmp_path, {"index.md": "# Home\n"})
    (project.docs / "index.md").write_bytes(b"# Home\n\nCaf\xe9\n")
    with pytest.raises(SourceDecodeError, match=r"content/index\.md:3:4"):
        project.read_all()


def test_a_body_another_plugin_changed_is_rendered_again(tmp_path: Path) -> None:
    project = Project(tmp_path, {"exercises/plank.md": guide("Plank")})
    project.build()
    changed = project.site.body("exercises/plank.md", "Changed by a plugin [@garber2011].\n")
    assert changed is not None
    assert changed.body.text.startswith("Changed by a plugin")


def test_a_faq_answer_citation_is_numbered_like_the_body(tmp_path: Path) -> None:
    project = Project(tmp_path, {"exercises/plank.md": guide("Plank")})
    html = project.build()["exercises/plank.md"]
    faq = BeautifulSoup(html, "html.parser").find(id=FAQ.id).find_parent("section")
    assert re.search(r">\s*1\s*<", str(faq))


def worker_and_alone(root: Path) -> bool:
    """Build the same pages in this process and with the worker; whether the worker ran."""
    pages = {f"exercises/g{n:02}.md": guide(f"Guide {n}") for n in range(workers.MINIMUM + 4)}
    pages["exercises/g03.md"] = guide("Guide 3", cite="[@nosuch2019]")
    alone = Project(root / "alone", pages, parallel=False)
    ahead = Project(root / "ahead", pages, parallel=True)
    assert alone.build() == ahead.build()
    ran = ahead.site._ahead is not None
    first = [(f.path, f.rule, f.line, d) for f, d in alone.site.findings()]
    second = [(f.path, f.rule, f.line, d) for f, d in ahead.site.findings()]
    assert first == second and first
    return ran


@pytest.mark.skipif(not workers.available(), reason="needs fork and a second core")
def test_the_worker_gives_what_this_process_would(tmp_path: Path) -> None:
    # In a process of its own: only a single-threaded process forks the worker, and the
    # suite's browser and server fixtures keep threads alive in this one.
    script = (
        "import sys; from pathlib import Path; "
        "from tests.unit.build.test_site_build import worker_and_alone; "
        "assert worker_and_alone(Path(sys.argv[1])), 'the worker did not run'"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_worker_sends_every_html_before_any_audit_unless_audits_come_first() -> None:
    pages = {f"exercises/g{n}.md": guide(f"Guide {n}") for n in range(3)}
    states = {src_uri: PageState(src_uri, text, True, False) for src_uri, text in pages.items()}
    built = list(pages)[:2]  # the third is not built (a draft)
    keys = _worker_keys(states, built, audits_first=False)
    phases = [phase for phase, _ in keys]
    assert phases[:3] == [Phase.RENDER, Phase.RENDER, Phase.LISTINGS]
    assert phases[3:5] == [Phase.HTML, Phase.HTML]  # what the engine waits for, first
    assert phases[5:] == [Phase.STORE, Phase.AUDIT, Phase.AUDIT, Phase.AUDIT]
    first = _worker_keys(states, built, audits_first=True)
    assert [phase for phase, _ in first][3:] == [Phase.STORE, *[Phase.AUDIT] * 3, *[Phase.HTML] * 2]
    assert sorted(map(str, keys)) == sorted(map(str, first))  # the same work, in another order
    states["exercises/g0.md"].cached = True  # its rendering and HTML were kept: not made again
    kept = [(phase, src) for phase, src in _worker_keys(states, built, audits_first=False)]
    assert (Phase.RENDER, "exercises/g0.md") not in kept
    assert (Phase.HTML, "exercises/g0.md") not in kept
    assert (Phase.AUDIT, "exercises/g0.md") in kept  # its audit was not kept
