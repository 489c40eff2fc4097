"""Auditing a project: pages, guides, drafts, paths, the corpus rules, the shipped site."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from evidence_guides.audit.engine import (
    PageInput,
    audit_corpus,
    audit_page,
    audit_project,
    check_references,
)
from evidence_guides.audit.model import AuditInputError
from evidence_guides.audit.settings import load_settings
from evidence_guides.findings import line_and_column
from evidence_guides.store.load import load_bib

REPO = Path(__file__).resolve().parents[3]
PROJECT = Path(__file__).parents[2] / "fixtures" / "audit" / "project"
PLANK = "content/exercises/plank.md"
WALL_SIT = "content/exercises/wall-sit.md"


def at(path: str, needle: str, root: Path = PROJECT) -> str:
    """``path:line:col`` of the first ``needle`` in the fixture file."""
    text = (root / path).read_text(encoding="utf-8")
    line, column = line_and_column(text, text.index(needle))
    return f"{path}:{line}:{column}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture project that a test may change."""
    return Path(shutil.copytree(PROJECT, tmp_path / "project"))


def test_the_fixture_project_reports_every_problem_at_its_place() -> None:
    report = audit_project(load_settings(PROJECT / "mkdocs.yml"))
    expected = [
        # front-matter text fields
        f"{at(PLANK, '2012, PMID')}: citation-mismatch: year 2012 does not match garber2011 (2011)",
        f"{at(PLANK, 'ACSM (n.d.)')}: vague-reference: vague reference 'ACSM (n.d.)' has no key"
        " or PMID (did you mean [@garber2011] (PMID 21694556)?)",
        f"{at(PLANK, 'experts agree')}: unsupported-claim: 'experts agree' with no citation in the"
        " same sentence (cite the source ([@key] or PMID), or reword the claim)",
        f"{at(PLANK, '@smith2099')}: unresolved-citation: unresolved citation 'smith2099'"
        " (add it to references/refs.bib, e.g. 'guides refs add PMID')",
        # the body
        f"{at(PLANK, 'Compendium of')}: vague-reference: vague reference 'Compendium of Physical"
        " (n.d.)' has no key or PMID (did you mean [@ainsworth2011] (PMID 21681120)?)",
        f"{at(PLANK, 'Smith et al.')}: citation-mismatch: author 'Smith' does not match garber2011"
        " (first author Garber)",
        f"{at(PLANK, 'Studies show')}: unsupported-claim: 'Studies show' with no citation in the"
        " same sentence (cite the source ([@key] or PMID), or reword the claim)",
        f"{at(PLANK, 'â€™')}: mojibake: 'â€™' is UTF-8 text decoded with the wrong encoding"
        " (mojibake) (replace with: It\u2019s a simple exercise that needs no equipment at all.)",
        f"{at(PLANK, '@doe2010')}: retracted-source: cited source 'doe2010' is marked retracted"
        " in references/refs.bib",
        # "(Jones, 2019)" is suppressed; "(Lee, 2020)" is the paragraph after
        f"{at(PLANK, 'Lee, 2020')}: vague-reference: vague reference '(Lee, 2020)' has no key or"
        " PMID",
        f"{at(WALL_SIT, 'Brown, 2018')}: vague-reference: vague reference '(Brown, 2018)' has no"
        " key or PMID",
        f"{at(WALL_SIT, 'Plank holds')}: duplicate-paragraph: duplicate paragraph (also at"
        f" {at(PLANK, 'Plank holds').rsplit(':', 1)[0]})",
        f"{at('references/refs.bib', '@article{schoenfeld2015')}: unused-reference:"
        " 'schoenfeld2015' is not cited by any page",
    ]
    assert [finding.format() for finding in report.findings] == expected
    assert report.non_blocking_paths == {WALL_SIT}
    assert report.summary.files == 4
    assert report.summary.entries == 7
    assert report.summary.citations == 12
    assert (report.summary.errors, report.summary.warnings) == (9, 4)


def test_drafts_do_not_block_unless_included() -> None:
    settings = load_settings(PROJECT / "mkdocs.yml")
    draft_only = [PROJECT / "content" / "exercises" / "wall-sit.md"]
    report = audit_project(settings, draft_only)
    assert {finding.rule for finding in report.findings} == {"vague-reference"}
    assert report.non_blocking_paths == {WALL_SIT}
    assert not report.fails("warning")
    included = audit_project(load_settings(PROJECT / "mkdocs.yml", include_drafts=True), draft_only)
    assert included.non_blocking_paths == frozenset()
    assert included.fails("error")
    # Still drafts, for the formats that say so, though they now block.
    assert report.draft_paths == included.draft_paths == {WALL_SIT}


def test_an_invalid_draft_is_still_a_draft(project: Path) -> None:
    page = project / "content" / "exercises" / "wall-sit.md"
    page.write_text(page.read_text().replace("level: beginner", "level: expert"))
    report = audit_project(load_settings(project / "mkdocs.yml"), [page])
    assert "frontmatter-invalid" in {finding.rule for finding in report.findings}
    assert report.non_blocking_paths == {WALL_SIT}


def test_a_subset_of_paths_skips_unused_references() -> None:
    settings = load_settings(PROJECT / "mkdocs.yml")
    report = audit_project(settings, [PROJECT / "content" / "exercises"])
    assert "unused-reference" not in {finding.rule for finding in report.findings}
    assert report.summary.files == 3
    whole = audit_project(settings, [PROJECT / "content"])
    assert "unused-reference" in {finding.rule for finding in whole.findings}


def test_paths_are_relative_to_the_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT / "content")
    report = audit_project(load_settings(Path("../mkdocs.yml")), [Path("index.md")])
    assert report.summary.files == 1
    assert report.findings == ()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("content/missing.md", "content/missing.md: no such file or folder"),
        ("references", "references: not inside the docs folder content"),
        ("mkdocs.yml", "mkdocs.yml: not inside the docs folder content"),
    ],
)
def test_bad_paths(project: Path, monkeypatch: pytest.MonkeyPatch, path: str, message: str) -> None:
    monkeypatch.chdir(project)
    with pytest.raises(AuditInputError) as error:
        audit_project(load_settings(Path("mkdocs.yml")), [Path(path)])
    assert str(error.value) == message


def test_a_non_markdown_file_is_not_a_page(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "content" / "notes.txt").write_text("text")
    monkeypatch.chdir(project)
    with pytest.raises(AuditInputError, match=r"^content/notes\.txt: not a Markdown page$"):
        audit_project(load_settings(Path("mkdocs.yml")), [Path("content/notes.txt")])


def test_hidden_and_non_markdown_files_are_skipped(project: Path) -> None:
    (project / "content" / ".drafts").mkdir()
    (project / "content" / ".drafts" / "x.md").write_text("Smith (2019).")
    (project / "content" / "image.svg").write_text("<svg/>")
    report = audit_project(load_settings(project / "mkdocs.yml"))
    assert report.summary.files == 4


def test_a_page_that_is_not_utf8_is_one_finding(project: Path) -> None:
    page = project / "content" / "exercises" / "plank.md"
    page.write_bytes(b"---\ntitle: x\n---\n\nCaf\xe9 [@nokey] (Smith, 2019)\n")
    report = audit_project(load_settings(project / "mkdocs.yml"), [page])
    assert [finding.format() for finding in report.findings] == [
        f"{PLANK}:5:4: mojibake: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_an_unreadable_page_leaves_unused_references_unknown(project: Path) -> None:
    (project / "content" / "latin1.md").write_bytes(b"Caf\xe9\n")
    report = audit_project(load_settings(project / "mkdocs.yml"))
    assert "unused-reference" not in {finding.rule for finding in report.findings}


def test_a_missing_store_is_an_input_error(project: Path) -> None:
    (project / "references" / "refs.bib").unlink()
    with pytest.raises(AuditInputError, match=r"^references/refs\.bib: file not found$"):
        audit_project(load_settings(project / "mkdocs.yml"))


def test_a_missing_docs_folder_is_an_input_error(project: Path) -> None:
    shutil.rmtree(project / "content")
    with pytest.raises(AuditInputError, match=r"^content: docs folder not found$"):
        audit_project(load_settings(project / "mkdocs.yml"))


def test_frontmatter_findings_take_the_configured_severity(project: Path) -> None:
    config = project / "mkdocs.yml"
    page = project / "content" / "exercises" / "plank.md"
    page.write_text(page.read_text().replace("level: beginner\nlast", "level: expert\nlast"))
    (finding,) = [
        finding
        for finding in audit_project(load_settings(config), [page]).findings
        if finding.rule == "frontmatter-invalid"
    ]
    assert finding.format() == (
        f"{at(PLANK, 'expert', project)}: frontmatter-invalid: level: 'expert' is not one of"
        " beginner, intermediate, advanced"
    )
    rule = "        duplicate-paragraph: warning\n"
    config.write_text(
        config.read_text().replace(rule, rule + "        frontmatter-invalid: warning\n")
    )
    (relaxed,) = [
        finding
        for finding in audit_project(load_settings(config), [page]).findings
        if finding.rule == "frontmatter-invalid"
    ]
    assert relaxed.severity == "warning"


def test_index_pages_are_audited_but_not_parsed_as_guides(project: Path) -> None:
    index = project / "content" / "exercises" / "index.md"
    index.write_text("---\ntitle: Exercises\n---\n\nSmith (2019) and [@nokey].\n")
    report = audit_project(load_settings(project / "mkdocs.yml"), [index])
    assert [f.rule for f in report.findings] == ["vague-reference", "unresolved-citation"]


def test_check_references_runs_only_the_store_rules(project: Path) -> None:
    settings = load_settings(project / "mkdocs.yml")
    assert check_references(settings).findings == ()
    other = project / "other.bib"
    other.write_text("@article{a,\n  title = {T},\n}\n@article{a,\n  title = {U},\n}\n")
    report = check_references(settings, other)
    assert [finding.format() for finding in report.findings] == [
        "other.bib:1:1: bib-invalid-entry: 'a' has no author (or editor, organization)",
        "other.bib:1:1: bib-invalid-entry: 'a' has no identifier (pmid, doi, url or isbn)",
        "other.bib:1:1: bib-invalid-entry: 'a' has no year",
        "other.bib:4:1: bib-duplicate: duplicate key 'a' (first defined at line 1)",
    ]
    assert (report.summary.files, report.summary.entries, report.summary.errors) == (1, 1, 4)


def test_audit_corpus_honours_a_suppression_on_the_later_paragraph() -> None:
    store = load_bib(PROJECT / "references" / "refs.bib", "references/refs.bib")
    settings = load_settings(PROJECT / "mkdocs.yml")
    paragraph = "A paragraph long enough to be compared with the other one here.\n"

    def page(path: str, body: str) -> PageInput:
        return PageInput(path, body, body, 0, is_guide=False)

    first = audit_page(page("a.md", paragraph), store, settings)
    plain = audit_page(page("b.md", paragraph), store, settings)
    reason = "<!-- audit: ignore[duplicate-paragraph] quoted on purpose -->\n"
    suppressed = audit_page(page("c.md", reason + paragraph), store, settings)
    findings = audit_corpus([first, plain, suppressed], store, settings, whole_project=False)
    assert [finding.format() for finding in findings] == [
        "b.md:1:1: duplicate-paragraph: duplicate paragraph (also at a.md:1)"
    ]


def test_a_given_parse_is_reused() -> None:
    store = load_bib(PROJECT / "references" / "refs.bib", "references/refs.bib")
    settings = load_settings(PROJECT / "mkdocs.yml")
    text = (PROJECT / PLANK).read_text(encoding="utf-8")
    from evidence_guides.guide.frontmatter.model import parse_guide
    from evidence_guides.text.front_matter import split_front_matter

    source = split_front_matter(text)
    parsed = parse_guide(text, PLANK)
    page = PageInput(PLANK, text, source.body, source.body_offset, True)
    assert audit_page(replace(page, parsed=parsed), store, settings) == audit_page(
        page, store, settings
    )


# --- the shipped project ---------------------------------------------------------------------


def test_the_shipped_project_is_clean() -> None:
    settings = load_settings(REPO / "mkdocs.yml")
    report = audit_project(settings)  # how fast: make bench (the audit at 500 to 5,000 guides)
    # A draft an editor has just started has its placeholders; nothing else may be found.
    assert [finding.format() for finding in report.findings if not report.in_draft(finding)] == []
    assert report.summary.files >= 3
    assert report.summary.citations > 0
