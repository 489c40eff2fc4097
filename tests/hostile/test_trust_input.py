"""Hostile people, quotes and calls to action: what reaches a reader stays text.

The people file, a quote's speaker and the call to action are written by many
hands, like a guide's front-matter. Whatever they hold, a built page (built
without --strict, which refuses some of it) has no event handler, no script
URL and no script but the site's own, and the editorial report the same.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.guides import MINIMAL_BIB, guide_source
from tests.support.html_safety import scan
from tests.support.site import MINIMAL_CONFIG, Build, run_build

PAYLOAD = "<script>alert(1)</script>"
PEOPLE = """\
people:
  - id: quoter
    name: 'Jane "Q" Doe & co'
    credentials: "PhD' onmouseover='alert(1)"
    role: Physiologist
  - id: linker
    name: Link Er
    url: "javascript:alert(1)"
  - id: marked
    name: "<b onclick=alert(1)>Bold</b>"
"""
CTA = (
    "      call_to_action:\n"
    "        text: 'Tom & \"Jerry\" say hi'\n"
    '        link: "https://app.test/?a=1&b=2"\n'
    "        label: \"' onclick='alert(1)\"\n"
)
BODY = f"""\
Body text.

> [!quote] "><img src=x onerror=alert(1)>{PAYLOAD}, PhD
> Words.

> [!quote] quoter
> More words.

> [!quote] {PAYLOAD}
> Unattributed.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = tmp_path_factory.mktemp("hostile-trust")
    files = {
        "mkdocs.yml": MINIMAL_CONFIG.replace("  - evidence\n", "  - evidence:\n" + CTA),
        "references/refs.bib": MINIMAL_BIB,
        "content/index.md": "# Home\n",
        "content/people.yml": PEOPLE,
        "content/exercises/plank.md": guide_source(
            extra="author: marked\nreviewed_by: quoter\n", body=BODY
        ),
        "content/exercises/bridge.md": guide_source("Bridge", extra="reviewed_by: linker\n"),
    }
    for relative, text in files.items():
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return run_build(project, strict=False)


def test_the_people_file_refuses_markup_and_script_urls(built: Build) -> None:
    assert built.returncode == 0, built.output
    assert "content/people.yml:8:10: frontmatter-invalid: people[1].url:" in built.output
    assert "content/people.yml:10:11: frontmatter-invalid: people[2].name: is plain text" in (
        built.output
    )


def test_pages_hold_no_handler_script_url_or_foreign_script(built: Build) -> None:
    for page in sorted(built.site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert scan(html).problems == [], page
        assert PAYLOAD not in html and "onerror" not in html, page


def test_what_was_written_is_shown_as_text(built: Build) -> None:
    html = built.page("exercises/plank/index.html")
    assert "Reviewed by Jane &#34;Q&#34; Doe &amp; co, PhD&#39; onmouseover=&#39;alert(1)" in html
    assert "<figcaption>Jane \"Q\" Doe &amp; co, PhD' onmouseover='alert(1), Physiologist" in html
    assert '<figcaption>"&gt;alert(1), PhD</figcaption>' in html  # tags gone, text kept
    assert "Tom &amp; &#34;Jerry&#34; say hi" in html
    assert 'href="https://app.test/?a=1&amp;b=2"' in html
    assert "&#39; onclick=&#39;alert(1)</a>" in html


def test_the_editorial_report_holds_no_script_but_its_own(built: Build, tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "evidence_guides.cli", "report", "--output", str(output)],
        cwd=built.project, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = scan(output.read_text(encoding="utf-8"))
    assert report.problems == []
    assert [script.attributes for script in report.scripts] == [{}]  # the sorter, inline
