"""Pagefind's service: it runs at the lowest priority, as the process the build talks to; a
binary that cannot run is a one-line error before anything starts."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from evidence_guides.build.pagefind_service import NICENESS, PagefindService, SearchIndexError
from evidence_guides.build.search_index import pagefind_executable


@pytest.mark.skipif(shutil.which("nice") is None, reason="no nice on this system")
def test_pagefind_runs_at_the_lowest_priority_and_still_answers() -> None:
    service = PagefindService(pagefind_executable())
    try:
        answer = service.wait(service.send({"type": "NewIndex", "config": {}}))
        assert answer.get("type") == "NewIndex"
        pid = service.process.pid
        assert os.getpriority(os.PRIO_PROCESS, pid) == NICENESS == 19
        if sys.platform.startswith("linux"):  # nice replaced itself: the pid is Pagefind's
            assert Path(f"/proc/{pid}/exe").resolve() == pagefind_executable().resolve()
    finally:
        service.stop(kill=True)
    assert service.process.returncode is not None


@pytest.mark.parametrize("kind", ["missing", "not executable", "a folder"])
def test_a_binary_that_cannot_run_is_a_one_line_error(tmp_path: Path, kind: str) -> None:
    binary = tmp_path / "pagefind"
    if kind == "not executable":
        binary.write_bytes(b"\x7fELF")
        binary.chmod(0o644)
    elif kind == "a folder":
        binary.mkdir()
    with pytest.raises(SearchIndexError) as raised:
        PagefindService(binary)
    assert str(raised.value) == (
        f"search index: pagefind could not run: {binary} is not an executable file"
    )


def test_without_nice_pagefind_runs_at_the_build_s_own_priority(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a system with no nice (Windows)
    service = PagefindService(pagefind_executable())
    try:
        answer = service.wait(service.send({"type": "NewIndex", "config": {}}))
        assert answer.get("type") == "NewIndex"
        assert os.getpriority(os.PRIO_PROCESS, service.process.pid) == os.getpriority(
            os.PRIO_PROCESS, 0
        )
    finally:
        service.stop(kill=True)
