"""Drafts: previewed by ``mkdocs serve``, absent from everything ``mkdocs build`` publishes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from .conftest import MINIMAL_GUIDE, ProjectFactory, run_build

DRAFT = MINIMAL_GUIDE.replace("title: Plank", "title: Side plank\ndraft: true")


def test_draft_is_absent_from_the_published_site(make_project: ProjectFactory) -> None:
    project = make_project({"content/exercises/side-plank.md": DRAFT})
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert not (build.site / "exercises" / "side-plank").exists()
    assert (build.site / "exercises" / "plank" / "index.html").exists()
    search = json.loads((build.site / "search" / "search_index.json").read_text())
    assert not [doc for doc in search["docs"] if "side-plank" in doc["location"]]
    assert any("plank/" in doc["location"] for doc in search["docs"])
    sitemap = (build.site / "sitemap.xml").read_text()
    assert "side-plank" not in sitemap and "exercises/plank/" in sitemap
    for page in build.site.rglob("*.html"):
        assert "side-plank" not in page.read_text(), page


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_previews_a_draft_marked_as_such(make_project: ProjectFactory) -> None:
    project = make_project({"content/exercises/side-plank.md": DRAFT})
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-livereload"]
    server = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = _get(f"http://127.0.0.1:{port}/exercises/side-plank/", time.monotonic() + 60)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "mkdocs-draft-marker" in page
    assert "guide-muscles" in page  # the draft renders like any guide
    assert "Traceback" not in output
