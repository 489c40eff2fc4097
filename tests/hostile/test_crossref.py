"""Hostile answers from Crossref to ``guides refs add DOI``, as an editor meets them.

Each case runs the real command in a subprocess with a timeout against the
replay servers on 127.0.0.1 (PubMed does not index the DOI, so Crossref is
asked), with Crossref's answer replaced by what a broken or malicious server
might send. The editor sees one line and exit 2, never a traceback, and
``refs.bib`` stays byte for byte as it was; or, for markup in a title, an
entry whose text holds no tag.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from evidence_guides.store.parse import parse_bib
from tests.support.crossref_replay import FIXTURES, CrossrefReplay
from tests.support.eutils_replay import EutilsReplay

REPO = Path(__file__).resolve().parents[2]
STORE = "references/refs.bib"
TIMEOUT = 30
DOI = "10.5555/evidence-guides.0001"  # Crossref's fixture: an invented record
ANSWER = json.loads((FIXTURES / "10.5555_evidence-guides.0001.json").read_text())


@dataclass
class Project:
    root: Path
    crossref: CrossrefReplay
    env: dict[str, str]

    @property
    def bib(self) -> Path:
        return self.root / STORE

    def add(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "evidence_guides.cli", "refs", "add", *argv],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    root = Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))
    with EutilsReplay() as pubmed, CrossrefReplay() as crossref:
        env = {
            **os.environ,
            "NCBI_EUTILS_URL": pubmed.base_url,
            "CROSSREF_URL": crossref.base_url,
            "NCBI_EMAIL": "editor@example.org",
            "GUIDES_HTTP_DEADLINE": "10",
            "PYTHONPATH": str(REPO),
        }
        yield Project(root, crossref, env)


def _answer(**changes: object) -> bytes:
    return json.dumps({**ANSWER, "message": {**ANSWER["message"], **changes}}).encode()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"{" + b" " * (3 * 1024 * 1024) + b"}", "Crossref sent more than 2 MB; not read"),
        (b'{"a":' * 200_000 + b"1" + b"}" * 200_000, "nested too deeply to read"),
        (b"\x00\xff not json at all", "is not JSON"),
        (_answer(title={"en": "Plank"}), "has a 'title' of the wrong type"),
        (_answer(author=[["Example", "Ann"]]), "has a 'author' of the wrong type"),
        (_answer(issued={"date-parts": [[True]]}), "has a 'issued' of the wrong type"),
        (_answer(page=["10", "19"]), "has a 'page' of the wrong type"),
        (_answer(DOI="10.5555/evidence-guides.9999"), "is the record of another DOI"),
        (_answer(volume="1}, pmid={21694556"), "has volume"),
        (_answer(title=["A {balanced} }{ title"]), "unpaired braces"),
        (_answer(title=["&amp;lt;img src=x onerror=alert(1)&amp;gt;"]), "markup that does not"),
    ],
)
def test_a_hostile_answer_is_one_line_and_writes_nothing(
    project: Project, body: bytes, says: str
) -> None:
    project.crossref.bodies[DOI] = body
    before = project.bib.read_bytes()
    run = project.add(DOI)
    assert run.returncode == 2, run
    assert run.stderr.startswith("guides: ") and run.stderr.count("\n") == 1, run.stderr
    assert says in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert run.stderr.endswith(("refs.bib not changed\n", "nothing written\n")), run.stderr
    assert project.bib.read_bytes() == before
    assert sorted(path.name for path in project.bib.parent.iterdir()) == ["refs.bib"]


def test_markup_in_a_title_never_reaches_the_store(project: Project) -> None:
    title = '<script>alert(1)</script><i onmouseover="x()">Invented</i> <b>record</b>'
    project.crossref.bodies[DOI] = _answer(title=[title])
    run = project.add(DOI)
    assert run.returncode == 0, run.stderr
    text = project.bib.read_text()
    assert "<" not in text and "alert" not in text
    entry = parse_bib(text, STORE).entries["example2024"]
    assert entry.fields["title"] == "Invented record"
