"""The deadline of one HTTP request, enforced however slowly its bytes arrive.

Nothing a server does may hang ``guides``, and a socket timeout alone cannot
promise that (see :class:`Watchdog`). urllib makes its connections itself, so
:func:`opener` builds an opener whose HTTP and HTTPS connections hand their
sockets to the request's watchdog as they connect. It speaks HTTP and HTTPS
only: a redirect or a base URL to file:, ftp: or data: is an error, never a
read of something else. It follows a redirect on the same host only (and from
http to https, never back): an answer that sends the request to another site
is :class:`RedirectRefused`, named, not followed.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import socket
import ssl
import threading
import urllib.request
from typing import Any
from urllib.parse import urlsplit


class RedirectRefused(ValueError):
    """A server sent the request to another host (or from https down to http)."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


class Watchdog:
    """Shuts a request's sockets when its time is up, however slowly bytes arrive.

    A socket timeout bounds one read; a server that sends a byte every few seconds
    never trips it. Shutting the socket from a timer thread ends a read that is
    blocked, and every read after it, so the request fails within its budget.
    """

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if self.fired:
                _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def opener(watchdog: Watchdog) -> urllib.request.OpenerDirector:
    """HTTP and HTTPS only, through the watchdog; proxies and redirects as urllib does them.

    No file:, ftp: or data: handler: a redirect or a base URL elsewhere is an error.
    """
    director = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        _WatchedHTTPHandler(watchdog),
        _WatchedHTTPSHandler(watchdog),
        urllib.request.HTTPDefaultErrorHandler(),
        _SameHostRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        director.add_handler(handler)
    return director


class _SameHostRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow a redirect on the request's own host; refuse one to any other."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        before, after = urlsplit(req.full_url), urlsplit(newurl)
        downgrade = before.scheme == "https" and after.scheme != "https"
        if (after.hostname or "").lower() != (before.hostname or "").lower() or downgrade:
            fp.close()  # urllib closes the answer only when it follows it
            raise RedirectRefused(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _shut(sock: socket.socket) -> None:
    """Shut ``sock`` if it is still open (it may have closed, or never connected)."""
    with contextlib.suppress(OSError):
        # socket.socket's own method: an SSLSocket's would drop its TLS state under a reader.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _WatchedHTTPConnection(http.client.HTTPConnection):
    """An HTTPConnection whose socket the watchdog can shut."""

    watchdog: Watchdog | None = None  # set by _connection, as urllib makes the object

    def connect(self) -> None:
        super().connect()
        if self.watchdog is not None:
            self.watchdog.watch(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection, _WatchedHTTPConnection):
    """The TLS connection: its plain socket is watched during the handshake (by
    :class:`_WatchedHTTPConnection`, next in the method order), the TLS socket after."""

    def connect(self) -> None:
        super().connect()
        if self.watchdog is not None:
            self.watchdog.watch(self.sock)


def _connection(
    kind: type[_WatchedHTTPConnection], watchdog: Watchdog, *args: Any, **kwargs: Any
) -> http.client.HTTPConnection:
    """``kind(*args, **kwargs)`` watched by ``watchdog``: urllib makes connections itself."""
    connection = kind(*args, **kwargs)
    connection.watchdog = watchdog
    return connection


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watchdog: Watchdog) -> None:
        super().__init__()
        self._watchdog = watchdog

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        kind = functools.partial(_connection, _WatchedHTTPConnection, self._watchdog)
        return self.do_open(kind, req)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: Watchdog) -> None:
        super().__init__()
        self._watchdog = watchdog

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        kind = functools.partial(_connection, _WatchedHTTPSConnection, self._watchdog)
        return self.do_open(kind, req, context=_tls_context())


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The system's trusted certificates, loaded once (loading them takes a while)."""
    return ssl.create_default_context()
