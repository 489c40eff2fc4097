"""Hostile input for ``guides refs add`` and its neighbours: the network, the store, the cache.

Each case runs the real command in a subprocess with a timeout (a hang fails the
case, not the suite) against a replay server on 127.0.0.1 told to misbehave, and
checks what an editor would: the exit code, one line on stderr naming the file,
no traceback, and ``refs.bib`` byte for byte as it was, with nothing left beside it.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from evidence_guides.store.parse import parse_bib
from tests.support.eutils_replay import FIXTURES, EutilsReplay

REPO = Path(__file__).resolve().parents[2]
STORE = "references/refs.bib"
TIMEOUT = 30  # seconds for one command: far more than any case needs, far less than forever
WESTCOTT = (FIXTURES / "22777332.xml").read_text(encoding="utf-8")
GARBER_DOI = "10.1249/MSS.0b013e318213fefb"  # already in the project's store


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float


@dataclass
class Project:
    root: Path
    server: EutilsReplay
    env: dict[str, str]

    @property
    def bib(self) -> Path:
        return self.root / STORE

    def guides(self, *argv: str, code: str | None = None, **env: str) -> Run:
        """``guides ARGV`` (or the Python ``code`` with ARGV) as a separate process."""
        command = [sys.executable, "-c", code] if code else [sys.executable, "-m"]
        if not code:
            command.append("evidence_guides.cli")
        started = time.monotonic()
        result = subprocess.run(
            [*command, *argv],
            cwd=self.root,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        return Run(result.returncode, result.stdout, result.stderr, time.monotonic() - started)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    root = Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))
    with EutilsReplay() as server:
        env = {
            **os.environ,
            "NCBI_EUTILS_URL": server.base_url,
            "NCBI_EMAIL": "editor@example.org",
            "GUIDES_HTTP_DEADLINE": "10",
            "PYTHONPATH": str(REPO),
        }
        env.pop("NCBI_API_KEY", None)
        yield Project(root, server, env)


def assert_refused(run: Run, project: Project, before: bytes, *, says: str, names: str = STORE):
    """Exit 2, one line naming ``names``, no traceback, the store untouched and alone."""
    assert run.code == 2, run
    assert run.err.startswith("guides: ") and run.err.count("\n") == 1, run.err
    assert "Traceback" not in run.err
    assert names in run.err and says in run.err, run.err
    assert project.bib.read_bytes() == before
    assert sorted(path.name for path in project.bib.parent.iterdir()) == ["refs.bib"]


def record(old: str, new: str) -> str:
    """The 22777332 record with ``old`` replaced by ``new``."""
    assert old in WESTCOTT
    return WESTCOTT.replace(old, new)


def cache_records(project: Project, *pmids: str) -> None:
    """Put the fixtures of ``pmids`` in the project's PubMed cache, as a fetch would."""
    cache = project.root / ".cache" / "pubmed"
    cache.mkdir(parents=True)
    for pmid in pmids:
        article = (FIXTURES / f"{pmid}.xml").read_text(encoding="utf-8")
        (cache / f"{pmid}.xml").write_text(f"<PubmedArticleSet>{article}</PubmedArticleSet>")


def entries(project: Project) -> list[str]:
    store = parse_bib(project.bib.read_text(encoding="utf-8"), STORE)
    assert store.findings == ()
    return list(store.entries)


# --- what PubMed sends ------------------------------------------------------------------------

DOI = ">10.1249/JSR.0b013e31825dabb8</ELocationID>"


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        # A DOI that ends its field and starts an entry taking over Garber's PMID.
        (DOI, ">10.1/x}}@article{evil, pmid={21694556}, title={x</ELocationID>", "not a DOI"),
        ("<Volume>11</Volume>", "<Volume>11}, pmid={21694556}, note={</Volume>", "has volume"),
        ("<Volume>11</Volume>", "<Volume>12{</Volume>", "has volume '12{'"),
        ("<MedlinePgn>209-16</MedlinePgn>", "<MedlinePgn>209}@misc{x,</MedlinePgn>", "has pages"),
        ("<PublicationType>Review", "<PublicationType>Review}, pmid={1", "publication type"),
        (">22777332</PMID>", ">../../../x</PMID>", "not a PMID"),
        ("Resistance training", "Resistance\u202etraining", "control character U+202E"),
        ("<ArticleTitle>Resistance training is medicine: effects of strength training on"
         " health.</ArticleTitle>", "", "has no title"),
        ('<AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>Westcott</LastName>'
         "<Initials>WL</Initials></Author></AuthorList>", "", "has no author"),
        ("<PubDate><Year>2012</Year></PubDate>", "<PubDate/>", "has no year"),
        (DOI, f">{GARBER_DOI}</ELocationID>", f"duplicate DOI {GARBER_DOI}"),
    ],
)  # fmt: skip
def test_a_record_that_cannot_be_trusted_writes_nothing(
    project: Project, old: str, new: str, says: str
) -> None:
    project.server.records["22777332"] = record(old, new)
    before = project.bib.read_bytes()
    run = project.guides("refs", "add", "22777332")
    assert_refused(run, project, before, says=says)
    # Nothing outside the project (".cache/pubmed/../../../x.xml"), nothing but PMIDs inside.
    assert [path.name for path in project.root.parent.iterdir()] == ["p"]
    cache = project.root / ".cache" / "pubmed"
    assert {path.name for path in cache.glob("*")} <= {"22777332.xml"}


def test_balanced_hostile_text_is_escaped_into_its_field(project: Project) -> None:
    title = "Balanced {x} @article{evil, pmid = {21694556}} 50% &amp; #1 ~a_b C:\\"
    project.server.records["22777332"] = record(
        "Resistance training is medicine: effects of strength training on health.", title
    )
    run = project.guides("refs", "add", "22777332")
    assert run.code == 0, run.err
    assert entries(project) == ["garber2011", "westcott2012"]
    store = parse_bib(project.bib.read_text(encoding="utf-8"), STORE)
    assert store.by_pmid("21694556").key == "garber2011"
    assert store.entries["westcott2012"].title == title.replace("&amp;", "&")


# --- how the server sends it ------------------------------------------------------------------


def test_a_server_dripping_bytes_meets_the_deadline(project: Project) -> None:
    project.server.drip = 0.2
    before = project.bib.read_bytes()
    run = project.guides("refs", "add", "22777332", GUIDES_HTTP_DEADLINE="2")
    assert_refused(run, project, before, says="did not answer within 2 s")
    # The deadline's own check, not a speed test: read in full, the answer (over 1,200 bytes,
    # one every 0.2 s) takes over four minutes; the deadline stops it at 2 s, and the rest is
    # the interpreter starting. 20 s leaves a loaded machine room and fails a deadline not held.
    assert run.seconds < 20


def test_a_long_retry_after_is_not_waited_out(project: Project) -> None:
    project.server.statuses.append(503)
    project.server.retry_after = "3600"
    before = project.bib.read_bytes()
    run = project.guides("refs", "add", "22777332", GUIDES_HTTP_DEADLINE="2")
    assert_refused(run, project, before, says="asked to wait 3600 s")
    # Not waited out: obeying it would take 30 s (max_retry_wait caps it) or more, refusing
    # at once the interpreter's start-up alone. 20 s leaves a loaded machine room, fails a
    # wait, and comes before the 30 s timeout that ends a hang.
    assert run.seconds < 20


def test_a_short_retry_after_is_announced_then_obeyed(project: Project) -> None:
    project.server.statuses.append(503)
    project.server.retry_after = "1"
    run = project.guides("refs", "add", "22777332")
    assert run.code == 0, run.err
    assert run.err == (
        "guides: PubMed answered HTTP 503 Service Unavailable; asking again in 1 s, retry 1 of 4\n"
    )
    assert len(project.server.requests) == 2 and "westcott2012" in entries(project)


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n<x/>\r\n0\r\n\r\n",
         "IncompleteRead"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n<x/>\r\n0\r\n\r\n",
         "ValueError"),
        (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: v\r\n" % n for n in range(150)) + b"\r\n",
         "got more than 100 headers"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n<PubmedArticleSet>",
         "IncompleteRead(18 bytes read, 4982 more expected)"),
        (b"\x00\x1b[2J not HTTP\r\n\r\n", "BadStatusLine"),
    ],
)  # fmt: skip
def test_a_broken_http_answer_is_one_line(project: Project, answer: bytes, says: str) -> None:
    project.server.raw.append(answer)
    before = project.bib.read_bytes()
    run = project.guides("refs", "add", "22777332")
    assert_refused(run, project, before, says=says)
    assert "broken HTTP answer" in run.err and "\x1b" not in run.err


def test_a_redirect_to_another_site_is_named_not_followed(project: Project) -> None:
    """The line named PubMed's address as unreachable when the other site refused."""
    elsewhere = "http://198.51.100.7/efetch.fcgi?id=22777332"
    project.server.raw.append(
        f"HTTP/1.1 301 Moved\r\nLocation: {elsewhere}\r\nContent-Length: 0\r\n\r\n".encode()
    )
    before = project.bib.read_bytes()
    run = project.guides("refs", "add", "22777332")
    assert_refused(run, project, before, says=f"sent the request to another site ({elsewhere})")
    assert len(project.server.requests) == 1


def test_a_bad_deadline_setting_is_one_line(project: Project) -> None:
    before = project.bib.read_bytes()
    run = project.guides("refs", "add", "22777332", GUIDES_HTTP_DEADLINE="soon")
    assert_refused(run, project, before, says="GUIDES_HTTP_DEADLINE must be a positive number")


# --- the store ---------------------------------------------------------------------------------


# Runs guides with every fsync taking a second: two imports then overlap from the
# compare to the rename, the window in which an unlocked store loses an entry.
SLOW_SYNC = """\
import os, sys, time
from evidence_guides.files import atomic
sync = atomic.os.fsync
atomic.os.fsync = lambda descriptor: (time.sleep(1), sync(descriptor))
from evidence_guides.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_two_imports_at_once_lose_nothing(project: Project) -> None:
    cache_records(project, "22777332", "21681120")  # so that the one slow write is the store's
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", SLOW_SYNC, "refs", "add", pmid],
            cwd=project.root,
            env=project.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for pmid in ("22777332", "21681120")
    ]
    results = [(run.wait(TIMEOUT), *run.communicate()) for run in runs]
    expected = ["westcott2012", "ainsworth2011"]
    succeeded = [key for key, (code, _, _) in zip(expected, results, strict=True) if code == 0]
    for code, _, err in results:
        assert "Traceback" not in err
        assert code == 0 or (code == 2 and err.endswith("\n") and STORE in err), err
        # At most: that it waits for the other import, and why it stopped; a line each.
        assert err.count("\n") <= 2 and all(
            line.startswith("guides: ") for line in err.splitlines()
        )
    assert succeeded  # serialised or refused, never both refused
    assert sorted(key for key in entries(project) if key != "garber2011") == sorted(succeeded)
    assert sorted(path.name for path in project.bib.parent.iterdir()) == ["refs.bib"]


def test_a_read_only_store_is_refused_not_replaced(project: Project) -> None:
    project.bib.chmod(0o444)
    before = project.bib.read_bytes()
    run = project.guides("refs", "add", "22777332")
    assert_refused(run, project, before, says="the file is read-only")
    assert stat.S_IMODE(project.bib.stat().st_mode) == 0o444
    assert project.server.requests == []  # refused before PubMed was asked


def _chattr(flag: str, path: Path) -> bool:
    """``chattr FLAG PATH``; False where the tool, the privilege or the file system lacks it."""
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True, check=False)
    return done.returncode == 0


def test_an_immutable_store_is_refused(project: Project) -> None:
    if not _chattr("+i", project.bib):
        pytest.skip("chattr +i needs root and a file system that supports it")
    try:
        before = project.bib.read_bytes()
        run = project.guides("refs", "add", "22777332")
        assert_refused(run, project, before, says="read-only")
    finally:
        _chattr("-i", project.bib)


def test_a_store_in_a_read_only_folder_is_refused(project: Project) -> None:
    folder = project.bib.parent
    if os.geteuid() != 0:
        folder.chmod(0o555)
    elif not _chattr("+i", folder):  # root writes to a 0555 folder: make it immutable instead
        pytest.skip("root ignores folder permissions, and chattr +i is not available")
    try:
        before = project.bib.read_bytes()
        run = project.guides("refs", "add", "22777332")
        assert_refused(run, project, before, says="cannot lock it for writing")
    finally:
        _chattr("-i", folder)
        folder.chmod(0o755)


# Writes the store with an fsync that takes 20 s, and says when it is inside it. Ctrl-C
# raises KeyboardInterrupt, as at a terminal, even when this test runs in a background job
# (whose SIGINT the shell ignores, and Python then leaves ignored).
SLOW_WRITE = """\
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
from evidence_guides.files import atomic
def slow_fsync(descriptor):
    print("writing", file=sys.stderr, flush=True)
    time.sleep(20)
atomic.os.fsync = slow_fsync
from evidence_guides.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_during_the_write_leaves_no_temporary_file(
    project: Project, sent: signal.Signals, code: int
) -> None:
    # A store of a few megabytes: the temporary copy is big enough to notice if left.
    project.bib.write_bytes(project.bib.read_bytes() + b"% " + b"x" * 3_000_000 + b"\n")
    before = project.bib.read_bytes()
    cache_records(project, "22777332")  # so that the one write is the store's
    run = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, "refs", "add", "22777332"],
        cwd=project.root,
        env=project.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert run.stderr is not None and run.stderr.readline() == "writing\n"
        assert any(path.name.endswith(".tmp") for path in project.bib.parent.iterdir())
        run.send_signal(sent)
        assert run.wait(TIMEOUT) == code
        assert "Traceback" not in run.stderr.read()
    finally:
        run.kill()
        run.communicate()
    assert project.bib.read_bytes() == before
    assert sorted(path.name for path in project.bib.parent.iterdir()) == ["refs.bib"]


@pytest.mark.parametrize("kind", ["device", "fifo", "link", "folder", "read-only file"])
def test_audit_output_is_only_ever_a_new_or_regular_file(
    project: Project, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "report"
    if kind == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a copy of /dev/null
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "link":
        (tmp_path / "elsewhere.txt").write_text("kept")
        target.symlink_to(tmp_path / "elsewhere.txt")
    elif kind == "folder":
        target.mkdir()
    else:
        target.write_text("kept")
        target.chmod(0o444)
    before = os.lstat(target)
    run = project.guides("audit", "-o", str(target))
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err.startswith(f"guides: {target}: ") and run.err.count("\n") == 1, run.err
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (
        before.st_mode,
        before.st_ino,
        before.st_rdev,
    )


def test_audit_output_to_a_new_file_still_works(project: Project, tmp_path: Path) -> None:
    run = project.guides("audit", "-o", str(tmp_path / "report.txt"))
    assert run.code in (0, 1), run.err
    assert (tmp_path / "report.txt").is_file()


# --- the cache ---------------------------------------------------------------------------------


def _spoil(cache: Path, how: str) -> None:
    if how == "cache folder is a file":
        cache.parent.mkdir(parents=True)
        cache.write_text("not a folder")
        return
    cache.mkdir(parents=True)
    entry = cache / "22777332.xml"
    if how == "record is a folder":
        entry.mkdir()
    elif how == "record links to /dev/zero":
        entry.symlink_to("/dev/zero")
    elif how == "record is a fifo":
        os.mkfifo(entry)
    elif how == "record is not UTF-8":
        entry.write_bytes(b"<PubmedArticleSet>\xff\xfe</PubmedArticleSet>")
    elif how == "record of the wrong type":
        entry.write_text("<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>")
    elif how == "record for another PMID":
        entry.write_text(f"<PubmedArticleSet>{(FIXTURES / '21694556.xml').read_text()}"
                         "</PubmedArticleSet>")  # fmt: skip


@pytest.mark.parametrize(
    ("how", "warns"),
    [
        ("cache folder is a file", True),
        ("record is a folder", True),
        ("record links to /dev/zero", False),
        ("record is a fifo", False),
        ("record is not UTF-8", False),
        ("record of the wrong type", False),
        ("record for another PMID", False),
    ],
)
def test_a_bad_cache_is_ignored_and_refetched(project: Project, how: str, warns: bool) -> None:
    cache = project.root / ".cache" / "pubmed"
    _spoil(cache, how)
    run = project.guides("refs", "add", "22777332")
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    if warns:
        assert run.err.startswith("guides: warning: cannot write the PubMed cache (")
        assert str(cache) in run.err and run.err.count("\n") == 1
    else:
        assert run.err == ""
        assert (cache / "22777332.xml").is_file() and not (cache / "22777332.xml").is_symlink()
    assert len(project.server.requests) == 1
    assert "westcott2012" in entries(project)
