"""``guides refs``: check the store, import by PMID, verify against PubMed (replayed locally)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.eutils_replay import EutilsReplay
from tests.support.site import REPO
from tests.unit.cli.conftest import Run

STORE = Path("references/refs.bib")


def _set_rule(project: Path, rule: str, severity: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      bib: references/refs.bib\n",
            f"      bib: references/refs.bib\n      rules:\n        {rule}: {severity}\n",
        )
    )


# --- refs check ------------------------------------------------------------------------------


def test_check_a_clean_store(project: Path, guides: Callable[..., Run]) -> None:
    run = guides("refs", "check")
    assert (run.code, run.err) == (0, "")


def test_check_another_store(project: Path, guides: Callable[..., Run]) -> None:
    other = shutil.copy(REPO / "tests" / "fixtures" / "cli" / "duplicate-pmid.bib", "other.bib")
    run = guides("refs", "check", "--bib", str(other), "--format", "json")
    assert run.code == 1
    assert {finding["rule"] for finding in json.loads(run.out)["findings"]} == {"bib-duplicate"}


# --- refs add --------------------------------------------------------------------------------


def test_add_appends_and_says_how_to_cite(
    project: Path, pubmed: EutilsReplay, guides: Callable[..., Run]
) -> None:
    run = guides("refs", "add", "PMID:22777332", "21694556")
    assert (run.code, run.err) == (0, "")
    assert run.out == (
        "skipped PMID 21694556: already in references/refs.bib as garber2011\n"
        "added westcott2012 (PMID 22777332) to references/refs.bib; cite it as [@westcott2012]\n"
    )
    assert "@article{westcott2012," in (project / STORE).read_text()


def test_add_refuses_what_is_not_a_pmid(project: Path, guides: Callable[..., Run]) -> None:
    run = guides("refs", "add", "abc")
    assert run.code == 2
    assert run.err == ("guides: not a PMID: 'abc' (a PMID is 1 to 9 digits, not starting with 0)\n")


def test_add_with_pubmed_down_changes_nothing(
    project: Path, guides: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NCBI_EUTILS_URL", "http://127.0.0.1:9/")
    before = (project / STORE).read_bytes()
    run = guides("refs", "add", "22777332")
    assert run.code == 2 and run.err.startswith("guides: cannot reach PubMed at ")
    assert run.err.endswith("; references/refs.bib not changed\n")
    assert (project / STORE).read_bytes() == before


def test_add_with_a_bad_deadline_is_one_line(
    project: Path, pubmed: EutilsReplay, guides: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUIDES_HTTP_DEADLINE", "soon")
    run = guides("refs", "add", "22777332")
    assert run.code == 2
    assert run.err == (
        "guides: GUIDES_HTTP_DEADLINE must be a positive number of seconds, not 'soon';"
        " references/refs.bib not changed\n"
    )
    assert pubmed.requests == []


# --- refs verify -----------------------------------------------------------------------------


PUBTYPE_NOTICES = (
    "guides: references/refs.bib:1: garber2011: PubMed's publication types are"
    " 'Journal Article; Practice Guideline' (none yet)\n"
    "guides: run 'guides refs verify --write' to store them in references/refs.bib\n"
)


def _verify(guides: Callable[..., Run], *argv: str) -> tuple[int, list[dict]]:
    run = guides("refs", "verify", "--format", "json", *argv)
    assert run.err == PUBTYPE_NOTICES  # the fixture store has no pubtype yet
    return run.code, json.loads(run.out)["findings"]


def test_verify_reports_drift_at_its_severity(
    project: Path, pubmed: EutilsReplay, guides: Callable[..., Run]
) -> None:
    code, findings = _verify(guides)
    assert code == 1
    assert [(f["rule"], f["severity"], f["path"]) for f in findings] == [
        ("reference-drift", "error", "references/refs.bib")
    ]


def test_verify_takes_the_projects_severity(
    project: Path, pubmed: EutilsReplay, guides: Callable[..., Run]
) -> None:
    _set_rule(project, "reference-drift", "warning")
    code, findings = _verify(guides)
    assert code == 0
    assert [(f["rule"], f["severity"]) for f in findings] == [("reference-drift", "warning")]


def test_verify_leaves_out_a_rule_turned_off(
    project: Path, pubmed: EutilsReplay, guides: Callable[..., Run]
) -> None:
    _set_rule(project, "reference-drift", "off")
    assert _verify(guides) == (0, [])
    assert len(pubmed.requests) == 1  # PubMed is still asked: retractions are checked too


def test_verify_with_pubmed_down_is_one_line(
    project: Path, guides: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NCBI_EUTILS_URL", "http://127.0.0.1:9/")
    run = guides("refs", "verify", "--max-age", "0")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("guides: cannot reach PubMed at http://127.0.0.1:9/")
    assert run.err.count("\n") == 1


def test_verify_a_store_that_is_not_there(project: Path, guides: Callable[..., Run]) -> None:
    run = guides("refs", "verify", "--bib", "missing.bib")
    assert run.code == 2
    assert run.err.startswith("guides: missing.bib") and run.err.count("\n") == 1


def test_verify_reports_publication_types_and_writes_nothing(
    project: Path, pubmed: EutilsReplay, guides: Callable[..., Run]
) -> None:
    before = (project / STORE).read_bytes()
    _verify(guides)
    assert (project / STORE).read_bytes() == before


def test_verify_write_stores_publication_types_alone(
    project: Path, pubmed: EutilsReplay, guides: Callable[..., Run]
) -> None:
    before = (project / STORE).read_text()
    run = guides("refs", "verify", "--write", "--format", "json")
    assert run.code == 1  # the fixture's title drift is still reported
    assert run.err.endswith(
        "guides: wrote the publication types of 1 entry to references/refs.bib\n"
    )
    after = (project / STORE).read_text()
    assert after == before.replace(
        "  pmid    = {21694556},\n",
        "  pmid    = {21694556},\n  pubtype = {Journal Article; Practice Guideline},\n",
    )
    again = guides("refs", "verify", "--write", "--format", "json")
    assert again.err == ""  # nothing left to store
    assert (project / STORE).read_text() == after


def test_verify_write_with_pubmed_down_changes_nothing(
    project: Path, guides: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NCBI_EUTILS_URL", "http://127.0.0.1:9/")
    before = (project / STORE).read_bytes()
    run = guides("refs", "verify", "--write", "--max-age", "0")
    assert run.code == 2 and run.err.startswith("guides: cannot reach PubMed")
    assert (project / STORE).read_bytes() == before
