"""The Host names a preview on a loopback address answers to (DNS rebinding kept out)."""

from __future__ import annotations

import pytest

from evidence_guides.build.preview_hosts import answers_to, is_loopback, loopback_hosts


@pytest.mark.parametrize(
    ("host", "answered"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8000", True),
        ("LocalHost:8000", True),
        ("[::1]:8000", True),
        ("rebound.example:8000", False),
        ("127.0.0.1.rebound.example:8000", False),
        ("localhost.:8000", False),
        ("127.0.0.1:8001", False),  # another port: another server
        ("127.0.0.1", False),  # the port left out means 80
        ("", False),
        (None, False),  # no Host header
    ],
)
def test_a_loopback_preview_answers_only_to_loopback_names_with_its_port(
    host: str | None, answered: bool
) -> None:
    assert answers_to(host, loopback_hosts("127.0.0.1", 8000)) is answered


def test_the_address_bound_is_answered_to_and_port_80_may_be_left_out() -> None:
    hosts = loopback_hosts("127.0.0.2", 80)
    assert answers_to("127.0.0.2:80", hosts) and answers_to("127.0.0.2", hosts)
    assert answers_to("localhost", hosts) and not answers_to("rebound.example", hosts)


@pytest.mark.parametrize("bound", ["0.0.0.0", "192.168.1.20", "preview.lan"])
def test_a_preview_bound_to_another_address_answers_to_any_name(bound: str) -> None:
    assert loopback_hosts(bound, 8000) is None
    assert answers_to("rebound.example:8000", None)


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("example.org", False),
    ],
)
def test_what_a_loopback_address_is(address: str, loopback: bool) -> None:
    assert is_loopback(address) is loopback
