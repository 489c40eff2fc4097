"""The editor's commands end to end: ``guides new``, ``guides refs add`` and ``guides refs verify``.

PubMed is replayed by a local server on 127.0.0.1 (``NCBI_EUTILS_URL``); the
replay counts requests, so the cache and idempotence are checked, not assumed.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from evidence_guides.cli import main
from evidence_guides.guide.frontmatter.model import parse_guide
from evidence_guides.store.parse import parse_bib
from tests.support.eutils_replay import EutilsReplay

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    source = REPO / "tests" / "fixtures" / "cli" / "project"
    root = Path(shutil.copytree(source, tmp_path / "project"))
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def pubmed(monkeypatch: pytest.MonkeyPatch) -> Iterator[EutilsReplay]:
    with EutilsReplay() as server:
        monkeypatch.setenv("NCBI_EUTILS_URL", server.base_url)
        monkeypatch.setenv("NCBI_EMAIL", "editor@example.org")
        monkeypatch.delenv("NCBI_API_KEY", raising=False)
        yield server


@pytest.fixture
def guides(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*argv: str) -> Run:
        code = main(list(argv))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def test_new_writes_a_draft_skeleton(project: Path, guides: Callable[..., Run]) -> None:
    run = guides("new", "Flutter kick")
    assert run.code == 0, run.err
    path = project / "content" / "exercises" / "flutter-kick.md"
    assert "created content/exercises/flutter-kick.md" in run.out
    parsed = parse_guide(path.read_text(), "flutter-kick.md")
    assert parsed.findings == () and parsed.guide.draft is True


def test_new_refuses_to_overwrite(project: Path, guides: Callable[..., Run]) -> None:
    path = project / "content" / "exercises" / "plank.md"
    before = path.read_bytes()
    run = guides("new", "Plank")
    assert run.code == 2
    assert run.err.startswith("guides: ") and "already exists" in run.err
    assert path.read_bytes() == before


def test_refs_add_appends_and_is_idempotent(
    project: Path, pubmed: EutilsReplay, guides: Callable[..., Run]
) -> None:
    bib = project / "references" / "refs.bib"
    before = bib.read_bytes()
    run = guides("refs", "add", "21681120", "PMID:22777332", "21694556")
    assert run.code == 0, run.err
    assert "added ainsworth2011 (PMID 21681120)" in run.out
    assert "added westcott2012 (PMID 22777332)" in run.out
    assert "skipped PMID 21694556: already in references/refs.bib as garber2011" in run.out
    assert bib.read_bytes().startswith(before)
    store = parse_bib(bib.read_text(), "refs.bib")
    assert store.by_pmid("22777332") is not None and store.findings == ()
    after = bib.read_bytes()

    again = guides("refs", "add", "21681120")
    assert again.code == 0
    assert "skipped PMID 21681120: already in references/refs.bib as ainsworth2011" in again.out
    assert bib.read_bytes() == after
    assert len(pubmed.requests) == 1
    assert pubmed.requests[0].parameters["tool"] == "evidence-guides"
    assert pubmed.requests[0].parameters["email"] == "editor@example.org"


@pytest.mark.parametrize(
    ("setup", "pmids", "message"),
    [
        ("none", ["99999999"], "PubMed has no record for PMID 99999999"),
        ("malformed", ["21681120"], "malformed XML"),
        ("refused", ["21681120"], "PubMed answered HTTP 400"),
        ("down", ["21681120"], "cannot reach PubMed"),
        ("none", ["12ab"], "not a PMID, DOI or link: '12ab'"),
    ],
)
def test_refs_add_failures_change_nothing(
    project: Path,
    pubmed: EutilsReplay,
    guides: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
    setup: str,
    pmids: list[str],
    message: str,
) -> None:
    bib = project / "references" / "refs.bib"
    before = bib.read_bytes()
    if setup == "malformed":
        pubmed.malformed = True
    elif setup == "refused":
        pubmed.statuses.append(400)
    elif setup == "down":
        monkeypatch.setenv("NCBI_EUTILS_URL", "http://127.0.0.1:9/")
    run = guides("refs", "add", *pmids)
    assert run.code == 2
    assert run.err.startswith("guides: ") and message in run.err
    assert run.err.count("\n") == 1 and "Traceback" not in run.err
    assert bib.read_bytes() == before
    assert sorted(p.name for p in bib.parent.iterdir()) == ["refs.bib"]


def test_refs_verify_reports_drift_and_caches(
    project: Path, pubmed: EutilsReplay, guides: Callable[..., Run]
) -> None:
    # The fixture's garber2011 was typed by hand, with a shortened title.
    run = guides("refs", "verify", "--format", "json")
    assert run.code == 1
    report = json.loads(run.out)
    (finding,) = report["findings"]
    assert finding["rule"] == "reference-drift"
    assert finding["message"] == "garber2011: title differs from PubMed"
    assert finding["path"] == "references/refs.bib"
    assert finding["suggestion"]["text"].startswith("PubMed's title: American College")
    assert len(pubmed.requests) == 1

    again = guides("refs", "verify")
    assert again.code == 1 and "reference-drift" in again.out
    assert len(pubmed.requests) == 1  # the second run is answered from the cache

    expired = guides("refs", "verify", "--max-age", "0")
    assert expired.code == 1
    assert len(pubmed.requests) == 2


def test_refs_verify_when_pubmed_is_down(
    project: Path, guides: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NCBI_EUTILS_URL", "http://127.0.0.1:9/")
    run = guides("refs", "verify", "--max-age", "0")
    assert run.code == 2
    assert run.err.startswith("guides: cannot reach PubMed") and run.err.count("\n") == 1


def test_refs_add_marks_a_record_pubmed_calls_retracted(
    project: Path, guides: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fixtures = Path(shutil.copytree(REPO / "tests" / "fixtures" / "pubmed", tmp_path / "pubmed"))
    record = fixtures / "22777332.xml"  # a test double: this paper is not retracted
    record.write_text(
        record.read_text().replace(
            "</MedlineCitation>",
            '<CommentsCorrectionsList><CommentsCorrections RefType="RetractionIn">'
            "<RefSource>Retraction notice</RefSource></CommentsCorrections>"
            "</CommentsCorrectionsList></MedlineCitation>",
        )
    )
    with EutilsReplay(fixtures) as server:
        monkeypatch.setenv("NCBI_EUTILS_URL", server.base_url)
        run = guides("refs", "add", "22777332")
    assert run.code == 0, run.err
    store = parse_bib((project / "references" / "refs.bib").read_text(), "refs.bib")
    assert store.entries["westcott2012"].fields["retracted"] == "true"
    audit = guides("audit", "--format", "json")
    assert audit.code == 0  # nothing cites it yet: retracted-source is about citations
