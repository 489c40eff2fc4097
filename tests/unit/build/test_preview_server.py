"""The preview's server on 127.0.0.1: files brought up to date, live reload, the watch."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_guides.build.preview_server import LIVERELOAD, PreviewServer
from tests.support.preview import get_as


class Site:
    """A site of a few files; records what the server asks of it."""

    def __init__(self, root: Path, sources: Path) -> None:
        self.root = root
        self.sources = sources
        self.applied: list[set[Path]] = []
        self.prepared: list[str] = []
        self.idle_steps = 0
        self.fail = False

    def watched(self) -> list[Path]:
        return [self.sources]

    def apply(self, changed: set[Path]) -> None:
        if self.fail:
            raise RuntimeError("a bug in the site")
        self.applied.append(changed)
        (self.root / "index.html").write_text("<html><body>saved</body></html>")

    def prepare(self, path: str) -> None:
        self.prepared.append(path)

    def idle(self) -> bool:
        self.idle_steps += 1
        return self.idle_steps < 3


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[Site, PreviewServer]]:
    root, sources = tmp_path / "site", tmp_path / "docs"
    (root / "page").mkdir(parents=True)
    sources.mkdir()
    (root / "index.html").write_text("<html><body>first</body></html>")
    (root / "page" / "index.html").write_text("<html><body>page</body></html>")
    (root / "404.html").write_text("<html><body>not here</body></html>")
    (root / "app.js").write_text("let a = 1;")
    site = Site(root, sources)
    server = PreviewServer("127.0.0.1", 0)
    thread = threading.Thread(target=server.serve, args=(site,), daemon=True)
    thread.start()
    assert server.ready.wait(timeout=10)
    yield site, server
    server.stop()
    thread.join(timeout=10)


def get(url: str) -> tuple[int, str, dict[str, str]]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=40) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def wait_until(condition, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_page_is_brought_up_to_date_then_served_with_live_reload(serving) -> None:
    site, server = serving
    status, body, headers = get(server.url + "page/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body.startswith("<html><body>page<script>") and LIVERELOAD in body
    assert body.endswith("</script></body></html>")
    assert site.prepared == ["page/index.html"]
    assert get(server.url + "app.js")[1] == "let a = 1;"  # only HTML gets the script


def test_a_folder_without_its_slash_redirects_and_a_missing_file_is_the_404_page(serving) -> None:
    _, server = serving
    status, _, headers = get(server.url + "page")
    assert (status, headers["Location"]) == (302, "/page/")
    status, _, headers = get(server.url + "%2Fpage")  # "//page/" would lead to the host "page"
    assert (status, headers["Location"]) == (302, "/page/")
    status, body, _ = get(server.url + "nothing/here/")
    assert status == 404 and "not here" in body
    status, body, _ = get(server.url + "../../../etc/passwd")
    assert status == 404 and "root:" not in body


def test_a_save_is_applied_and_live_reload_answers_with_the_new_epoch(serving) -> None:
    site, server = serving
    epoch = server.epoch
    answer: list[str] = []
    poll = threading.Thread(
        target=lambda: answer.append(get(f"{server.url}{LIVERELOAD[1:]}{epoch}")[1])
    )
    poll.start()
    time.sleep(0.2)
    saved = site.sources / "guide.md"
    saved.write_text("# Guide\n")
    wait_until(lambda: site.applied)
    assert saved in site.applied[0]
    poll.join(timeout=10)
    assert int(answer[0]) > epoch
    assert "saved" in get(server.url)[1]


def test_work_that_can_wait_is_done_between_saves(serving) -> None:
    site, _ = serving
    wait_until(lambda: site.idle_steps >= 3)
    time.sleep(0.2)
    assert site.idle_steps == 3  # no more once the site says it is done


def test_a_failing_rebuild_is_printed_and_the_preview_goes_on(
    serving, caplog: pytest.LogCaptureFixture
) -> None:
    site, server = serving
    site.fail = True
    (site.sources / "guide.md").write_text("# Guide\n")
    wait_until(lambda: "could not take this change in" in caplog.text)
    assert "RuntimeError: a bug in the site" in caplog.text
    assert get(server.url)[0] == 200


def test_a_request_for_another_host_name_is_refused_live_reload_too(serving) -> None:
    site, server = serving
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    for path in ("/page/", "/app.js", f"{LIVERELOAD}0", "/nothing/"):
        status, body = get_as(port, path, f"rebound.example:{port}", timeout=40)
        assert status == 421 and body.startswith("421 Misdirected Request"), path
        assert "page" not in body and "let a" not in body
    assert site.prepared == []  # refused before the site is asked anything
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
        assert get_as(port, "/page/", host, timeout=40)[0] == 200
        assert get_as(port, f"{LIVERELOAD}0", host, timeout=40)[0] == 200
