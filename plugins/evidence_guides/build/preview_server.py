"""The preview's web server: pages as they are now, live reload, and the watch on the files.

It knows nothing of the engine. It serves the files of a folder (the site as
built), and before serving one asks the site to bring it up to date
(:meth:`PreviewSite.prepare`: a page that shows what changed is rendered when
it is asked for, not before). Saved files are collected as the system reports
them (inotify on Linux, through watchdog) and handed over as one batch once
the saving has stopped for a moment (:meth:`PreviewSite.apply`); while it
runs, requests wait, so no half-made page is served. Work that can wait (the
audit of every page after the store changed) is done a step at a time
between saves (:meth:`PreviewSite.idle`).

Live reload: each HTML page gets a small script that asks the server, in a
long poll, whether the site changed since the page was served, and reloads the
page when it has, as ``mkdocs serve`` does.

Bound to a loopback address, it answers only requests whose Host header is a
loopback name with its port, live reload's too (:mod:`.preview_hosts`): a web
page that points a name of its own at 127.0.0.1 cannot read the drafts.
"""

from __future__ import annotations

import contextlib
import logging
import mimetypes
import posixpath
import re
import threading
import time
import traceback
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from evidence_guides.build.preview_hosts import answers_to, loopback_hosts, refusal_text

log = logging.getLogger("mkdocs.plugins.evidence_guides")

LIVERELOAD = "/_preview/livereload/"
SETTLE = 0.05  # seconds without a new event that end a save (editors write in steps)
SETTLE_AT_MOST = 0.5
POLL_SECONDS = 30  # a live-reload request is answered after this long if nothing changed
# What a save is; opening or reading a file (the build reads templates and pages) is not.
_SAVES = frozenset(("created", "modified", "moved", "deleted", "closed"))

_SCRIPT = """<script>
(function () {
  var epoch = %d;
  function poll() {
    var request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseInt(this.responseText, 10) > epoch) { location.reload(); }
      else { setTimeout(poll, this.status === 200 ? 0 : 3000); }
    };
    request.open("GET", "%s" + epoch);
    request.send();
  }
  window.addEventListener("load", poll);
})();
</script>"""


class PreviewSite(Protocol):
    """What the preview server asks of the site it serves."""

    root: Path  # the folder of built files

    def watched(self) -> list[Path]:
        """Files and folders whose changes the site wants to hear of."""
        ...

    def apply(self, changed: set[Path]) -> None:
        """Bring the site up to date with saved (added, removed) files."""
        ...

    def prepare(self, path: str) -> None:
        """Bring the file at ``path`` (relative to ``root``) up to date before it is served."""
        ...

    def idle(self) -> bool:
        """Do one step of work that could wait; whether there is more."""
        ...


class PreviewServer:
    """Serves a :class:`PreviewSite` on ``host:port`` until stopped."""

    def __init__(self, host: str, port: int) -> None:
        self.site: PreviewSite | None = None
        self.lock = threading.RLock()  # held while the site changes or renders a page
        self.epoch = _now()
        self._epoch_changed = threading.Condition()
        self._saved: set[Path] = set()
        self._woken = threading.Condition()
        self._stopped = threading.Event()
        self.ready = threading.Event()  # set once it serves and watches
        self._http = ThreadingHTTPServer((host, port), _handler_for(self))
        self._http.daemon_threads = True
        self.url = f"http://{host}:{self._http.server_address[1]}/"  # the port: 0 picks one
        self.hosts = loopback_hosts(host, self._http.server_address[1])  # None: any

    def serve(self, site: PreviewSite) -> None:
        """Serve ``site`` and watch its files until :meth:`stop` (or Ctrl-C)."""
        self.site = site
        observer = Observer()
        for path in self.site.watched():
            _watch(observer, path, self._saw)
        observer.start()
        serving = threading.Thread(target=self._http.serve_forever, daemon=True)
        serving.start()
        log.info(f"Serving on {self.url}")
        self.ready.set()
        try:
            self._loop()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            observer.stop()
            self._http.shutdown()
            self._http.server_close()

    def close(self) -> None:
        """Give the port back without having served (the site could not be built)."""
        self._http.server_close()

    def stop(self) -> None:
        self._stopped.set()
        with self._woken:
            self._woken.notify_all()

    # --- the watch ---------------------------------------------------------------------------

    def _saw(self, paths: list[Path]) -> None:
        with self._woken:
            self._saved.update(paths)
            self._woken.notify_all()

    def _loop(self) -> None:
        more_idle = True
        while not self._stopped.is_set():
            with self._woken:
                if not self._saved:
                    self._woken.wait(timeout=0.01 if more_idle else 1.0)
            if self._saved:
                self._rebuild(self._settled())
                more_idle = True
            elif more_idle:
                with self.lock:
                    more_idle = self._safely(self.site.idle, False)

    def _settled(self) -> set[Path]:
        """The files saved, once no more have come for a moment (or at most half a second)."""
        deadline = time.monotonic() + SETTLE_AT_MOST
        with self._woken:
            count = -1
            while count != len(self._saved) and time.monotonic() < deadline:
                count = len(self._saved)
                self._woken.wait(timeout=SETTLE)
            saved, self._saved = self._saved, set()
        return saved

    def _rebuild(self, saved: set[Path]) -> None:
        with self.lock:
            self._safely(lambda: self.site.apply(saved), None)
            with self._epoch_changed:
                self.epoch = max(_now(), self.epoch + 1)
                self._epoch_changed.notify_all()

    def _safely(self, work: Callable[[], object], failed: object) -> object:
        """Run ``work``; a failure is printed, and the preview goes on serving what it has."""
        try:
            return work()
        except Exception:
            log.error("the preview could not take this change in:\n" + traceback.format_exc())
            return failed

    # --- serving -----------------------------------------------------------------------------

    def wait_for_change(self, since: int) -> int:
        """The epoch once it is past ``since``, or after :data:`POLL_SECONDS`."""
        with self._epoch_changed:
            self._epoch_changed.wait_for(lambda: self.epoch > since, timeout=POLL_SECONDS)
            return self.epoch

    def content(self, url_path: str) -> tuple[Path | None, bytes | str]:
        """The file for ``url_path``, brought up to date, and its bytes; or where to redirect.

        (None, b"") when there is no such file; (None, "/path/") for a redirect.
        """
        relative = posixpath.normpath("/" + url_path).lstrip("/")
        if url_path.endswith("/") and relative:
            relative += "/index.html"
        elif not relative:
            relative = "index.html"
        target = self.site.root / relative
        with self.lock:  # read while no rebuild writes it
            self._safely(lambda: self.site.prepare(relative), None)
            if target.is_dir():  # from the normalised path: never to another host ("//x")
                return None, "/" + relative + "/"
            if not target.is_file():
                return None, b""
            return target, target.read_bytes()


def _handler_for(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if server.hosts is not None and not answers_to(self.headers["Host"], server.hosts):
                refusal = refusal_text(server.hosts).encode()
                self._send(HTTPStatus.MISDIRECTED_REQUEST, refusal, "text/plain")
                return
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            if match := re.fullmatch(re.escape(LIVERELOAD) + r"(\d+)", path):
                epoch = server.wait_for_change(int(match.group(1)))
                self._send(HTTPStatus.OK, str(epoch).encode(), "text/plain")
                return
            file, body = server.content(path)
            if isinstance(body, str):
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", urllib.parse.quote(body))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = HTTPStatus.OK
            if file is None:
                status = HTTPStatus.NOT_FOUND
                file, body = server.content("/404.html")
                if file is None or isinstance(body, str):
                    self._send(status, b"404 Not Found", "text/plain")
                    return
            kind = _content_type(file)
            if kind == "text/html":
                body = _with_livereload(body, server.epoch)
            self._send(status, body, kind)

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header(
                "Content-Type", kind + ("; charset=utf-8" if kind[:5] == "text/" else "")
            )
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return  # the preview's terminal is for findings, not requests

    return Handler


def _with_livereload(body: bytes, epoch: int) -> bytes:
    script = (_SCRIPT % (epoch, LIVERELOAD)).encode()
    end = body.rfind(b"</body>")
    return body + script if end < 0 else body[:end] + script + body[end:]


def _content_type(file: Path) -> str:
    if file.suffix in (".js", ".mjs"):
        return "application/javascript"
    kind, _ = mimetypes.guess_type(file.name)
    return kind or "application/octet-stream"


def _watch(observer: Observer, path: Path, saw: Callable[[list[Path]], None]) -> None:
    """Watch a folder (and what is in it), or one file (through its folder)."""
    folder = path if path.is_dir() else path.parent
    only = None if path.is_dir() else path

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type not in _SAVES:
                return
            if event.is_directory and event.event_type not in ("moved", "deleted"):
                return
            paths = [Path(str(event.src_path))]
            if getattr(event, "dest_path", ""):
                paths.append(Path(str(event.dest_path)))
            paths = [p for p in paths if only is None or p == only]
            if paths:
                saw(paths)

    observer.schedule(Handler(), str(folder), recursive=only is None)


def _now() -> int:
    return round(time.monotonic() * 1000)
