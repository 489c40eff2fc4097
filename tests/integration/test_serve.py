"""``mkdocs serve`` as an editor uses it: drafts previewed, the store watched, findings printed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .conftest import MINIMAL_BIB, MINIMAL_GUIDE, ProjectFactory

DRAFT = MINIMAL_GUIDE.replace("title: Plank", "title: Side plank\ndraft: true")


@contextmanager
def serving(project: Path) -> Iterator[tuple[str, list[str]]]:
    """Run ``mkdocs serve`` on a free loopback port; yields its URL and its output so far."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = project / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        lines: list[str] = []
        try:
            yield f"http://127.0.0.1:{port}/", lines
        finally:
            server.terminate()
            server.wait(timeout=30)
            lines[:] = log.read_text().splitlines()


def _get(url: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def test_serve_previews_a_draft_marked_as_such(make_project: ProjectFactory) -> None:
    project = make_project({"content/exercises/side-plank.md": DRAFT})
    with serving(project) as (url, output):
        page = _get(url + "exercises/side-plank/")
    assert "mkdocs-draft-marker" in page
    assert "guide-muscles" in page  # the draft renders like any guide
    assert not [line for line in output if "Traceback" in line]


def test_editing_the_store_rerenders_and_prints_findings(make_project: ProjectFactory) -> None:
    guide = MINIMAL_GUIDE + "\nA claim [@lee2012].\n"
    project = make_project({"content/exercises/plank.md": guide})
    page_url = "exercises/plank/"
    with serving(project) as (url, _):
        assert "citation-missing" in _get(url + page_url)
        log = project / "serve.log"
        _wait_for(lambda: "unresolved citation 'lee2012'" in log.read_text())
        entry = (
            "@misc{lee2012, author = {Lee, A.}, title = {A synthetic test entry},"
            " year = {2012}, url = {https://example.org/lee2012}}\n"
        )
        (project / "references" / "refs.bib").write_text(MINIMAL_BIB + entry)
        _wait_for(lambda: "citation-missing" not in _get(url + page_url))
        assert 'href="#ref-lee2012"' in _get(url + page_url)
