"""What the CLI's unit tests share: a copy of the fixture project, ``guides`` run in-process."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from evidence_guides.cli import main
from tests.support.crossref_replay import CrossrefReplay
from tests.support.eutils_replay import EutilsReplay
from tests.support.site import REPO


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture project, copied; the current folder, as where an editor runs guides."""
    root = Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def pubmed(monkeypatch: pytest.MonkeyPatch) -> Iterator[EutilsReplay]:
    """PubMed, replayed on 127.0.0.1."""
    with EutilsReplay() as server:
        monkeypatch.setenv("NCBI_EUTILS_URL", server.base_url)
        monkeypatch.setenv("NCBI_EMAIL", "editor@example.org")
        monkeypatch.delenv("NCBI_API_KEY", raising=False)
        monkeypatch.delenv("GUIDES_HTTP_DEADLINE", raising=False)
        yield server


@pytest.fixture
def crossref(monkeypatch: pytest.MonkeyPatch) -> Iterator[CrossrefReplay]:
    """Crossref's REST API, replayed on 127.0.0.1."""
    with CrossrefReplay() as server:
        monkeypatch.setenv("CROSSREF_URL", server.base_url)
        monkeypatch.delenv("CROSSREF_MAILTO", raising=False)
        yield server


@pytest.fixture
def guides(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``guides ARGV`` in this process: its exit code, stdout and stderr."""

    def run(*argv: str) -> Run:
        code = main(list(argv))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
