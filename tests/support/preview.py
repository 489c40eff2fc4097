"""``make serve``'s preview, run as an editor runs it: a subprocess on a free loopback port."""

from __future__ import annotations

import http.client
import importlib.util
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from tests.support.site import REPO

PREVIEW = [sys.executable, "-m", "evidence_guides.mkdocs_adapter.preview"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}

_BANNER = re.compile(r'<section class="evidence-preview".*?</section>\s*', re.DOTALL)
_BANNER_STYLE = re.compile(r"<style>\s*\.evidence-preview.*?</style>\s*", re.DOTALL)
_LIVERELOAD = re.compile(r"<script>\s*\(function \(\) \{\s*var epoch = .*?</script>", re.DOTALL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Preview:
    """A running preview: its URL and the lines it has printed so far."""

    url: str
    log: Path
    process: subprocess.Popen[bytes]
    marks: list[int] = field(default_factory=list)

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8", errors="replace").splitlines()

    def mark(self) -> None:
        """Remember where the output is now: :meth:`lines_since_mark` counts from here."""
        self.marks.append(len(self.lines()))

    def lines_since_mark(self) -> list[str]:
        return self.lines()[self.marks[-1] :]


@contextmanager
def previewing(project: Path, port: int | None = None) -> Iterator[Preview]:
    """Run the preview in ``project`` until the block ends; its first build done."""
    port = port or free_port()
    log = project / "preview.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*PREVIEW, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENV,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        preview = Preview(f"http://127.0.0.1:{port}/", log, process)
        try:
            wait_until(lambda: "Serving on" in log.read_text() or process.poll() is not None, 300)
            assert process.poll() is None, log.read_text()
            yield preview
        finally:
            process.terminate()
            process.wait(timeout=30)


def get_as(port: int, path: str, host: str, timeout: float = 30) -> tuple[int, str]:
    """GET ``path`` from 127.0.0.1:``port`` with the Host header ``host``, as a page of another
    site would (DNS rebinding); the status and the body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def fetch(url: str, timeout: float = 30) -> str:
    """The page at ``url``; fails if the server does not answer within ``timeout``."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def wait_until(condition: Callable[[], object], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def served_with(url: str, text: str, timeout: float = 60) -> str:
    """The page at ``url`` once it holds ``text``."""
    pages: list[str] = []

    def holds() -> bool:
        try:
            pages.append(fetch(url))
        except (urllib.error.URLError, ConnectionError):
            return False
        return text in pages[-1]

    wait_until(holds, timeout)
    return pages[-1]


def without_preview(html: str) -> str:
    """A page less what only the preview adds (the banner, its style, the live-reload
    script), its runs of white space made one space: the templates' lines around
    the banner leave blank lines where it is not."""
    html = _LIVERELOAD.sub("", _BANNER_STYLE.sub("", _BANNER.sub("", html)))
    return re.sub(r"\s+", " ", html)


def corpus_module() -> ModuleType:
    """``benchmarks/corpus.py``, which writes synthetic libraries of any size."""
    spec = importlib.util.spec_from_file_location("corpus", REPO / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("corpus", module)
    spec.loader.exec_module(module)
    return module
