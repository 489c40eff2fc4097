"""The Host names a preview on a loopback address answers to: no web page can read it.

A web page can point a name of its own at 127.0.0.1 (DNS rebinding) and have
the reader's browser ask ``http://rebound.example:8000/``: the browser counts
the answer as that site's, and the page's script reads it (the drafts, every
finding). The request still names that site in its Host header, which is how
it is told apart. So a preview bound to a loopback address answers only to a
loopback name with its port (``127.0.0.1:8000``, ``localhost:8000``,
``[::1]:8000``), and refuses any other with 421 Misdirected Request. Bound to
another address (to be seen from a phone), it is meant to be reached by other
names, and answers to any: whoever reaches that address reads the preview.
"""

from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
"""The names a browser on the same machine reaches a loopback server by."""


def loopback_hosts(bound: str, port: int) -> frozenset[str] | None:
    """The Host headers a server bound to ``bound`` on ``port`` answers to, lower case;
    None, meaning any, when ``bound`` is not a loopback address."""
    if not is_loopback(bound):
        return None
    names = {*LOOPBACK_NAMES, _host_name(bound.lower())}
    hosts = {f"{name}:{port}" for name in names}
    if port == 80:  # a browser leaves the default port out
        hosts |= names
    return frozenset(hosts)


def answers_to(host: str | None, hosts: frozenset[str] | None) -> bool:
    """Whether a request with the Host header ``host`` (None: none) is answered."""
    return hosts is None or (host is not None and host.strip().lower() in hosts)


def refusal_text(hosts: frozenset[str]) -> str:
    """The short body of a refused request: what the preview answers to."""
    return f"421 Misdirected Request: this preview answers to {', '.join(sorted(hosts))} only\n"


def is_loopback(address: str) -> bool:
    """Whether ``address`` (an IP address or ``localhost``) is this machine's loopback."""
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(address: str) -> str:
    """``address`` as a Host header names it: an IPv6 address in brackets."""
    return f"[{address}]" if ":" in address and not address.startswith("[") else address
