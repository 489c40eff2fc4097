"""A web page reading the preview: DNS rebinding against ``make serve`` on 127.0.0.1.

A page on any site can point a name of its own at 127.0.0.1 and have the
browser ask ``http://rebound.example:PORT/``; what the preview answers is then
that page's to read (drafts, findings). The preview, run as an editor runs it,
refuses every request whose Host header is not a loopback name of its port.
"""

from __future__ import annotations

from tests.hostile.support import Project
from tests.support.guides import guide_source
from tests.support.preview import free_port, get_as, previewing

DRAFT = guide_source("Unpublished plank", extra="draft: true\n")
PATHS = ("/exercises/secret/", "/_preview/findings/", "/_preview/livereload/0")


def test_the_preview_answers_only_to_a_loopback_name_of_its_port(project: Project) -> None:
    project.write("content/exercises/secret.md", DRAFT)
    port = free_port()
    with previewing(project.root, port):
        assert "Unpublished plank" in get_as(port, PATHS[0], f"127.0.0.1:{port}")[1]
        for host in (f"rebound.example:{port}", "rebound.example", f"127.0.0.1:{port + 1}"):
            for path in PATHS:
                status, body = get_as(port, path, host)
                assert status == 421, (host, path)
                assert body.startswith("421 Misdirected Request") and "Unpublished" not in body
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
            for path in PATHS:
                assert get_as(port, path, host)[0] == 200, (host, path)
