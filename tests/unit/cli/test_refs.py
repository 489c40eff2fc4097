"""``guides refs``: check the store, import by PMID, verify against PubMed (replayed locally)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from evidence_guides.store.parse import parse_bib
from tests.support.crossref_replay import CrossrefReplay
from tests.support.eutils_replay import EutilsReplay, search_answer
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
    assert run.err == (
        "guides: not a PMID, DOI or link: 'abc' (give a PMID (21694556), a DOI"
        " (10.1249/MSS.0b013e318213fefb), a pubmed.ncbi.nlm.nih.gov or doi.org link,"
        " or a PMC ID (PMC1234567))\n"
    )
    leading_zero = guides("refs", "add", "0123")
    assert leading_zero.err == (
        "guides: not a PMID: '0123' (a PMID is 1 to 9 digits, not starting with 0)\n"
    )


def test_add_needs_something_to_add(project: Path, guides: Callable[..., Run]) -> None:
    for argv in (["refs", "add"], ["refs", "add", "123", "--bibtex", "refs.bib"]):
        run = guides(*argv)
        assert run.code == 2 and run.err.startswith("guides: give what to import: ")


def test_add_with_pubmed_down_changes_nothing(
    project: Path, guides: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NCBI_EUTILS_URL", "http://127.0.0.1:9/")
    before = (project / STORE).read_bytes()
    run = guides("refs", "add", "22777332", "https://doi.org/10.1001/jama.2018.14854")
    assert run.code == 2 and run.err.startswith("guides: cannot reach PubMed at ")
    assert run.err.count("\n") == 1
    assert run.err.endswith(
        "; references/refs.bib not changed. Retry later with 'guides refs add 22777332"
        " https://doi.org/10.1001/jama.2018.14854', or save the work's BibTeX (from the"
        " publisher's page, 'Cite' or 'Export citation') in a file and run"
        " 'guides refs add --bibtex FILE'\n"
    )
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


# --- refs add by DOI, link and PMC ID; pasted BibTeX ------------------------------------------

PIERCY_DOI = "10.1001/jama.2018.14854"  # PMID 30418471 in the recorded PubMed fixtures
INVENTED_DOI = "10.5555/evidence-guides.0001"  # Crossref's fixture: an invented record


def test_add_by_doi_and_links(
    project: Path, pubmed: EutilsReplay, crossref: CrossrefReplay, guides: Callable[..., Run]
) -> None:
    before = (project / STORE).read_text()
    run = guides(
        "refs",
        "add",
        f"https://doi.org/{PIERCY_DOI}",
        "https://pubmed.ncbi.nlm.nih.gov/22777332/",
        f"doi:{INVENTED_DOI}",
        "10.1249/MSS.0b013e318213fefb",
    )
    assert (run.code, run.err) == (0, "")
    assert run.out == (
        "skipped DOI 10.1249/MSS.0b013e318213fefb: already in references/refs.bib as garber2011\n"
        "added piercy2018 (PMID 30418471) to references/refs.bib; cite it as [@piercy2018]\n"
        "added westcott2012 (PMID 22777332) to references/refs.bib; cite it as [@westcott2012]\n"
        f"added example2024 (DOI {INVENTED_DOI}) to references/refs.bib;"
        " cite it as [@example2024]\n"
    )
    after = (project / STORE).read_text()
    assert after.startswith(before)
    store = parse_bib(after, "refs.bib")
    assert store.findings == ()
    assert (store.entries["piercy2018"].pmid, store.entries["piercy2018"].doi) == (
        "30418471",
        PIERCY_DOI,
    )
    assert store.entries["example2024"].pmid is None
    assert [request.parameters for request in crossref.requests] == [
        {"mailto": "editor@example.org"}  # NCBI_EMAIL, as PubMed is told
    ]


def test_add_by_pmc_id(project: Path, pubmed: EutilsReplay, guides: Callable[..., Run]) -> None:
    # A stand-in answer: the recorded fixtures hold no PMC ID.
    pubmed.searches["PMC1234567[pmcid]"] = search_answer(["22777332"])
    run = guides("refs", "add", "https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/")
    assert run.code == 0, run.err
    assert run.out.startswith("added westcott2012 (PMID 22777332)")


def test_add_pasted_bibtex(project: Path, guides: Callable[..., Run]) -> None:
    (project / "cite.bib").write_text(
        "@Article{Example_2025, author = {Example, Ann-Marie}, title = {An invented record},"
        " journal = {J Invent Test Rec}, year = 2025, doi = {https://doi.org/10.5555/x.2},"
        " abstract = {left out}}\n"
    )
    run = guides("refs", "add", "--bibtex", "cite.bib")
    assert (run.code, run.err) == (0, "")
    assert run.out == (
        "added example2025 (DOI 10.5555/x.2) to references/refs.bib; cite it as [@example2025]\n"
    )
    entry = parse_bib((project / STORE).read_text(), "refs.bib").entries["example2025"]
    assert entry.doi == "10.5555/x.2" and "abstract" not in entry.fields


BAD_JSON = b'{"status": "ok", "message": {"DOI": "10.5555/evidence-guides.0001", "title": 7}}'


@pytest.mark.parametrize(
    ("argv", "setup", "says"),
    [
        (["10.5555/nowhere"], None, "Crossref has no record of DOI 10.5555/nowhere"),
        ([INVENTED_DOI], "crossref-503", "Crossref answered HTTP 503"),
        ([INVENTED_DOI], "crossref-json", "has a 'title' of the wrong type"),
        ([INVENTED_DOI], "crossref-down", "cannot reach Crossref at http://127.0.0.1:9/"),
        ([PIERCY_DOI], "two-found", "PubMed finds 2 records for DOI"),
        ([PIERCY_DOI], "pubmed-down", "cannot reach PubMed at http://127.0.0.1:9/"),
        (["22777332", "nonsense"], None, "not a PMID, DOI or link: 'nonsense'"),
        (["--bibtex", "cite.bib"], "bibtex-broken", "cite.bib:1: BibTeX syntax error"),
        (["--bibtex", "cite.bib"], "bibtex-latin1", "cite.bib:1:24: not valid UTF-8 (byte 0xfc)"),
        (["--bibtex", "missing.bib"], None, "missing.bib: file not found"),
        (["--bibtex", "cite.bib"], "bibtex-no-author", "would break the store's rules"),
    ],
)
def test_every_failure_leaves_the_store_byte_identical(
    project: Path,
    pubmed: EutilsReplay,
    crossref: CrossrefReplay,
    guides: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    setup: str | None,
    says: str,
) -> None:
    cite = project / "cite.bib"
    if setup == "crossref-503":
        crossref.status = 503
    elif setup == "crossref-json":
        crossref.bodies[INVENTED_DOI] = BAD_JSON
    elif setup == "crossref-down":
        monkeypatch.setenv("CROSSREF_URL", "http://127.0.0.1:9/")
    elif setup == "two-found":
        pubmed.searches[f'"{PIERCY_DOI}"[doi]'] = search_answer(["30418471", "22777332"])
    elif setup == "pubmed-down":
        monkeypatch.setenv("NCBI_EUTILS_URL", "http://127.0.0.1:9/")
    elif setup == "bibtex-broken":
        cite.write_text("@article{x, title = {T}\n")
    elif setup == "bibtex-latin1":
        cite.write_bytes("@article{x, author = {M\u00fcller, Jo}}".encode("latin-1"))
    elif setup == "bibtex-no-author":
        cite.write_text("@article{x, title = {T}, year = {2020}, doi = {10.5555/x.3}}\n")
    before = (project / STORE).read_bytes()
    run = guides("refs", "add", *argv)
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("guides: ") and run.err.count("\n") == 1, run.err
    assert says in run.err
    assert (project / STORE).read_bytes() == before
    assert sorted(path.name for path in (project / "references").iterdir()) == ["refs.bib"]


def test_offline_says_what_to_do_next(
    project: Path, pubmed: EutilsReplay, guides: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CROSSREF_URL", "http://127.0.0.1:9/")
    run = guides("refs", "add", INVENTED_DOI)
    assert run.err.endswith(
        f"references/refs.bib not changed. Retry later with 'guides refs add {INVENTED_DOI}',"
        " or save the work's BibTeX (from the publisher's page, 'Cite' or 'Export citation')"
        " in a file and run 'guides refs add --bibtex FILE'\n"
    )


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
