"""Hostile input for the site build: no script reaches a reader, whatever the pages hold.

A project whose front-matter fields, bodies, page meta and store are full of
script (links to ``javascript:`` and its disguises, ``attr_list`` event
handlers, raw tags, titles that close ``<script>``) is built with a real
``mkdocs build`` and without ``--strict`` (which would refuse some of it), once
with the plugin's worker process and once without. Then EVERY HTML file of
the site is parsed (``tests.support.html_safety``, independent of the code it
checks) and nothing that could run may be in it: no ``<script>`` but the
site's own, no ``on*`` attribute, no URL attribute with a scheme other than
http, https or mailto, no title or header text that Material's tooltips would
show as HTML. The search index is read too. Legitimate content beside the
hostile one must survive as it was.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from evidence_guides.findings import line_and_column
from tests.support.html_safety import Script, scan
from tests.support.pagefind import indexed_pages
from tests.support.site import REPO, Build, run_build

CONFIG = f"""\
site_name: Hostile Guides
site_url: https://guides.test/
docs_dir: content
theme:
  name: material
  custom_dir: {REPO / "theme"}
  font: false
  features: [content.tooltips, navigation.indexes, navigation.top]
plugins:
  - evidence:
      parallel: {{parallel}}
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.details
  - tables
  - toc:
      permalink: true
"""

BIB = r"""
@article{garber2011,
  author  = {Garber, C. E. and Blissmer, B.},
  title   = {Quantity and quality of exercise},
  journal = {Med Sci Sports Exerc},
  year    = {2011}, volume = {43}, number = {7}, pages = {1334--1359},
  doi     = {10.1249/MSS.0b013e318213fefb},
  pmid    = {21694556},
}

@article{hostile2020,
  author  = {Mallory, E.},
  title   = {<img src=x onerror=alert('bib-title')> and </script><script>alert(1)</script>},
  journal = {"><svg onload=alert('journal')>},
  year    = {2020},
  url     = {javascript:alert('bib-url')},
}
"""

# A guide the model accepts: every text field (Markdown) carries script, every
# plain field stays plain; the FAQ's last answer and the body are legitimate.
GUIDE = r"""---
title: Plank
description: 'Quotes " and & and '' stay text.'
level: beginner
last_reviewed: 2026-11-01
met: {value: 3, cite: "[met](javascript:alert('met')) [@garber2011]"}
muscles:
  - name: Rectus abdominis
    role: primary
    note: "[a](JaVaScRiPt:alert(1)), [b](&#106;avascript:alert(1)), [c](java&#9;script:alert(1))"
  - name: Transverse abdominis
    role: stabilizer
    note: "*A phrase*{: onmouseover=alert(1) } and [d](vbscript:msgbox(1)) [@hostile2020]."
  - name: Obliques
    role: secondary
    note: "[e](\tjavascript:alert(1)) [f](java\nscript:alert(1)) [g](\x01javascript:alert(1))"
variations:
  - name: Knee plank
    level: beginner
    how: >-
      ![img](data:image/svg+xml,<svg onload=alert(1)>)
      [h](data:text/html,<script>alert(1)</script>)
  - name: Side plank
    level: intermediate
    how: "[i](<javascript:alert(1)>) <javascript:alert(1)> [j](javascript\\:alert(1))"
mistakes:
  - mistake: "Text{: style=\"width: expression(alert(1))\" }"
    fix: |-
      [Squeeze][r] the glutes, [again][s].

      [r]: javascript:alert(2)
      [s]: <vbscript:msgbox(2)>
faq:
  - q: Does an image run?
    a: <img src=x onerror=alert(1)> <svg onload=alert(1)> <iframe src=javascript:alert(1)></iframe>
  - q: Does a form run?
    a: <form action=javascript:alert(1)><button formaction=javascript:alert(1)>Go</button></form>
  - q: Does a paragraph run?
    a: |-
      An answer [@garber2011].
      {: onclick="alert(1)" }
  - q: Does a tooltip run?
    a: |-
      [A title](https://example.org/ "<img src=x onerror=alert('title')>") and HTML.
      </script><script>alert('ld')</script><!--

      *[HTML]: <img src=x onerror=alert('abbr')>
  - q: What is legitimate?
    a: >-
      *Hold* it, see [the side plank](side.md#how) and
      [PubMed](https://pubmed.ncbi.nlm.nih.gov/21694556/) [@garber2011].
---

## How

Body links: [a](javascript:alert(1)), [b](JaVaScRiPt:alert(1)), [c](&#106;avascript:alert(1)),
![d](data:image/svg+xml,<svg onload=alert(1)>), [e][r], <javascript:alert(1)>.

[r]: vbscript:msgbox(1)

<p>Raw HTML: <a href=" &#x09;javascript:alert(1)">a</a> <a/href=javascript:alert(1)>b</a>
<img src="vbscript:x" alt="c"> <svg><a xlink:href="javascript:alert(1)"><text>d</text></a></svg>
<iframe src="javascript:alert(1)"></iframe></p>

<form action="javascript:alert(1)"><button formaction="data:text/html,x">Go</button></form>

A legitimate [link](side.md) and <https://example.org/> and `[code](javascript:alert(1))`.
"""

SIDE = """---
title: Side plank
description: The plank on one side.
level: intermediate
last_reviewed: 2026-11-01
muscles:
  - {name: Obliques, role: primary}
variations:
  - {name: Knee side plank, level: beginner, how: Knees down.}
mistakes:
  - {mistake: Hips sag., fix: Lift them.}
faq:
  - {q: How long?, a: Until form fails.}
---

## How

Lie on one side.
"""

# A guide the model refuses: a non-strict build (or mkdocs serve) still writes it.
REFUSED = """---
title: >-
  </script><script>alert('title')</script><img src=x onerror=alert(1)> a title
  too long for the header
description: '"><script>alert(1)</script>'
level: beginner
last_reviewed: 2026-11-01
author: '"><script>alert(1)</script>'
faq:
  - {q: "</script><script>alert('q')</script>", a: Yes.}
---

Body.
"""

# Pages that are not guides: their meta is not checked by the model.
META_LIST = """---
title: "</title></script><script>alert('page')</script>"
description: ['"><script>alert(1)</script>']
author: {name: '"><script>alert(1)</script>'}
subtitle: ['<img src=x onerror=alert(1)>']
status: '"><script>alert(1)</script>'
---

# Meta

Cites [@hostile2020].
"""

META_NUMBER = """---
description: 42
---

# A number

Text.
"""

FILLER = "# Filler {n}\n\nText.\n"  # enough pages for the plugin's worker


def _write(project: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _project(root: Path, *, parallel: bool, hostile: bool = True) -> Path:
    files = {
        "mkdocs.yml": CONFIG.format(parallel=str(parallel).lower()),
        "references/refs.bib": textwrap.dedent(BIB),
        "content/index.md": "---\ntemplate: home.html\n---\n\n# Home\n",
        "content/references.md": "---\ntemplate: references.html\n---\n\n# References\n",
        "content/exercises/index.md": "# Exercises\n",
        "content/exercises/side.md": SIDE,
    }
    if hostile:
        files |= {
            "content/exercises/plank.md": GUIDE,
            "content/exercises/refused.md": REFUSED,
            "content/meta-list.md": META_LIST,
            "content/meta-number.md": META_NUMBER,
        }
        files |= {f"content/filler/page-{n:02}.md": FILLER.format(n=n) for n in range(30)}
    _write(root, files)
    return root


@pytest.fixture(scope="module", params=[True, False], ids=["worker", "one-process"])
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("hostile")
    build = run_build(_project(root, parallel=request.param), strict=False)
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output
    return build


@pytest.fixture(scope="module")
def own_inline_scripts(tmp_path_factory: pytest.TempPathFactory) -> frozenset[str]:
    """The inline scripts of the same site without hostile pages: the site's own."""
    build = run_build(_project(tmp_path_factory.mktemp("clean"), parallel=False, hostile=False))
    assert build.returncode == 0, build.output
    return frozenset(
        _normalised(script.text)
        for page in _pages(build)
        for script in scan(page.read_text(encoding="utf-8")).scripts
        if not script.attributes
    )


def _pages(build: Build) -> Iterator[Path]:
    pages = sorted(build.site.rglob("*.html"))
    assert pages
    return iter(pages)


def _normalised(script: str) -> str:
    """An inline script of Material's with its page's path to the site root taken out."""
    return re.sub(r'new URL\("[./]*",location\)', 'new URL("",location)', script)


def _warnings(build: Build) -> list[str]:
    return [line for line in build.output.splitlines() if line.startswith("WARNING")]


def _position(text: str, needle: str) -> str:
    line, column = line_and_column(text, text.index(needle))
    return f"{line}:{column}"


# --- nothing runs ----------------------------------------------------------------------------


def test_no_page_holds_a_handler_a_script_url_or_a_tooltip_of_html(hostile: Build) -> None:
    pages = [page.relative_to(hostile.site).parts[0] for page in _pages(hostile)]
    assert len([part for part in pages if part != "browse"]) == 39  # 8 above, 30 fillers, 404
    assert "browse" in pages  # the listing pages, which show the guides' titles, are read too
    problems = {
        str(page.relative_to(hostile.site)): found
        for page in _pages(hostile)
        if (found := scan(page.read_text(encoding="utf-8")).problems)
    }
    assert problems == {}


def test_every_script_is_the_sites_own(hostile: Build, own_inline_scripts: frozenset[str]) -> None:
    for page in _pages(hostile):
        for script in scan(page.read_text(encoding="utf-8")).scripts:
            assert _is_own(script, page, hostile.site, own_inline_scripts), (page, script)


_LD_JSON = {"type": "application/ld+json"}
_CONFIG_JSON = {"id": "__config", "type": "application/json"}


def _is_own(script: Script, page: Path, site: Path, own: frozenset[str]) -> bool:
    attributes = script.attributes
    if "src" in attributes:
        target = (page.parent / (attributes["src"] or "")).resolve()
        if (attributes["src"] or "").startswith("/"):
            target = site / (attributes["src"] or "").lstrip("/")
        assets = (site / "assets" / "javascripts").resolve()
        return set(attributes) <= {"src", "defer"} and assets in target.parents and target.is_file()
    if attributes in (_LD_JSON, _CONFIG_JSON):
        json.loads(script.text)  # data, and it parses
        lowered = script.text.lower()
        return "</script" not in lowered and "<!--" not in lowered
    return not attributes and _normalised(script.text) in own


def test_structured_data_holds_the_hostile_text_as_data(hostile: Build) -> None:
    page = hostile.page("exercises/plank/index.html")
    (ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(ld)
    answers = [q["acceptedAnswer"]["text"] for q in data["@graph"][1]["mainEntity"]]
    assert "</script><script>alert('ld')</script><!--" in answers[3]
    cited = {work["name"] for work in data["@graph"][0]["citation"]}
    assert "<img src=x onerror=alert('bib-title')> and </script><script>alert(1)</script>" in cited


def test_the_search_index_holds_the_guides_text_as_text(hostile: Build) -> None:
    """Pagefind indexes the text a reader sees: hostile markup in a field is words, not tags.

    The site's search (theme/assets/javascripts/search.js) shows titles and levels
    as text and keeps only Pagefind's <mark> of an excerpt (tests/browser/test_search.py).
    """
    pages = indexed_pages(hostile.site)
    assert set(pages) == {"/exercises/plank/", "/exercises/side/"}  # guides only
    plank = pages["/exercises/plank/"]
    assert plank["meta"] == {"title": "Plank", "level": "Beginner"}
    assert "<img src=x onerror=alert(1)>" in plank["content"]  # as the page shows it: text
    for page in pages.values():
        values = [*page["meta"].values(), *(v for vs in page["filters"].values() for v in vs)]
        assert all("<" not in value for value in values), page["meta"]


# --- what the editor is told -----------------------------------------------------------------


def test_unsafe_links_are_reported_at_their_place(hostile: Build) -> None:
    warnings = "\n".join(_warnings(hostile))
    path = "content/exercises/plank.md"
    for needle in (
        "javascript:alert('met')",  # met.cite
        "JaVaScRiPt:alert(1)), [b]",  # a muscle's note
        "vbscript:msgbox(1)) [@hostile2020]",
        "javascript:alert(2)",  # a reference definition in a field
        "javascript:alert(1)), [b](JaVaScRiPt",  # the body
        "vbscript:msgbox(1)\n",  # a reference definition in the body
        ' &#x09;javascript:alert(1)"',  # raw HTML in the body
    ):
        assert f"{path}:{_position(GUIDE, needle)}: unsafe-link: " in warnings, needle
    assert "[code](javascript" not in warnings


def test_meta_that_is_not_text_is_left_out_with_a_warning(hostile: Build) -> None:
    warnings = _warnings(hostile)
    for key, kind in (("description", "a list"), ("author", "a mapping"), ("subtitle", "a list")):
        message = f"content/meta-list.md: front-matter '{key}' is {kind}, not text: left out"
        assert any(message in warning for warning in warnings), key
    page = BeautifulSoup(hostile.page("meta-list/index.html"), "html.parser")
    assert page.select_one('meta[name="description"]') is None  # no site_description either
    assert page.select_one('meta[name="author"]') is None
    number = BeautifulSoup(hostile.page("meta-number/index.html"), "html.parser")
    assert number.select_one('meta[name="description"]')["content"] == "42"


def test_a_refused_guide_is_reported_and_written_escaped(hostile: Build) -> None:
    refused = [w for w in _warnings(hostile) if "content/exercises/refused.md" in w]
    assert any("frontmatter-invalid" in warning for warning in refused)
    page = BeautifulSoup(hostile.page("exercises/refused/index.html"), "html.parser")
    title = "</script><script>alert('title')</script><img src=x onerror=alert(1)> a title"
    header = page.select_one('[data-md-component="header-topic"] .md-ellipsis')
    for shown in (page.title.get_text(), page.select_one("h1").get_text(), header.get_text()):
        assert shown.strip().replace("\u2060", "").startswith(title)
    assert page.select_one('meta[name="description"]')["content"] == '"><script>alert(1)</script>'


# --- what is legitimate survives -------------------------------------------------------------


def test_legitimate_content_beside_hostile_content_is_kept(hostile: Build) -> None:
    page = BeautifulSoup(hostile.page("exercises/plank/index.html"), "html.parser")
    answer = page.select(".faq__answer")[-1]
    assert answer.select_one("em").get_text() == "Hold"
    hrefs = [a["href"] for a in answer.select("a")]
    assert hrefs[:2] == ["../side/#how", "https://pubmed.ncbi.nlm.nih.gov/21694556/"]
    assert answer.select_one("sup.citations a.citation")["href"] == "#ref-garber2011"
    body = page.select_one(".md-content")
    assert body.select_one('a[href="../side/"]').get_text() == "link"
    assert body.select_one('a[href="https://example.org/"]') is not None
    assert "[code](javascript:alert(1))" in body.select_one("code").get_text()
    summary = page.select_one(".guide-summary__lede").get_text()
    assert summary == "Quotes \" and & and ' stay text."
    # The hostile source is listed as text, without its javascript: address.
    references = page.select_one("ol.references").get_text()
    assert "<img src=x onerror=alert('bib-title')>" in references
    assert page.select_one("ol.references a.references__url") is None
