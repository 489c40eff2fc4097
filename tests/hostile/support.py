"""What the hostile suites share: a project copied from the fixtures, run as a user runs it.

Each command runs as a subprocess with a timeout, so a hang fails its case
instead of the suite, and a signal shows as a negative exit code.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.support.site import MINIMAL_CONFIG, REPO

TIMEOUT = 60  # seconds for one command: far more than any case needs, far less than forever
GUIDE = "content/exercises/plank.md"
STORE = "references/refs.bib"
CONFIG = MINIMAL_CONFIG


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


@dataclass
class Project:
    root: Path

    def path(self, relative: str) -> Path:
        return self.root / relative

    def write(self, relative: str, text: str | bytes) -> Path:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    def replace(self, relative: str, make: str) -> Path:
        """Replace a file by a FIFO, a link to /dev/zero or a link to itself."""
        target = self.path(relative)
        target.unlink(missing_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        if make == "fifo":
            os.mkfifo(target)
        elif make == "zero":
            target.symlink_to("/dev/zero")
        else:
            target.symlink_to(target.name)  # a loop
        return target

    def run(self, *command: str) -> Run:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
        result = subprocess.run(
            [sys.executable, "-m", *command],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            errors="backslashreplace",
            timeout=TIMEOUT,
            check=False,
        )
        return Run(result.returncode, result.stdout, result.stderr)

    def build(self, *options: str) -> Run:
        return self.run("mkdocs", "build", "--strict", "--site-dir", "../site", *options)

    def guides(self, *argv: str) -> Run:
        return self.run("evidence_guides.cli", *argv)

    def inputs(self) -> dict[str, object]:
        """Every file as it is, without opening anything but regular files (not a FIFO)."""
        found: dict[str, object] = {}
        for path in sorted(self.root.rglob("*")):
            relative = path.relative_to(self.root).as_posix()
            if relative.startswith(".cache"):
                continue
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[relative] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                found[relative] = path.read_bytes()
            elif not stat.S_ISDIR(mode):
                found[relative] = ("special", stat.S_IFMT(mode))
        return found


def assert_no_crash(run: Run) -> None:
    assert "Traceback" not in run.output, run.output
    assert run.code >= 0, f"killed by signal {-run.code}"


def assert_refused(run: Run, says: str, *, code: int) -> None:
    """Exit ``code``, exactly one line saying ``says`` (naming the file), no traceback."""
    assert_no_crash(run)
    assert run.code == code, run.output
    lines = [line for line in run.output.splitlines() if says in line]
    assert len(lines) == 1, run.output


def assert_build_refused(run: Run, says: str, level: str = "ERROR  ") -> None:
    """A strict build fails, with the refusal once, then the strict summary."""
    assert_refused(run, f"{level} -  {says}", code=1)
    assert "ERROR   -  strict mode: 1 error (shown above)" in run.output, run.output
