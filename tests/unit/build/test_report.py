"""What a build tells the editor: pages in full, the store summed up, placeholders once."""

from __future__ import annotations

from evidence_guides.build.report import (
    PAGE_IN_FULL,
    STORE_IN_FULL,
    BuildReport,
    clean_lines,
    store_lines,
)
from evidence_guides.findings import Finding

STORE = "references/refs.bib"


def unused(line: int) -> Finding:
    return Finding(STORE, line, 1, "unused-reference", "warning", f"'k{line}' is not cited")


def on_page(path: str, line: int, rule: str = "vague-reference", severity: str = "error"):
    return Finding(path, line, 1, rule, severity, f"message {line}")


def test_a_rule_with_many_store_findings_is_one_line_that_counts_them() -> None:
    findings = [unused(line) for line in range(1, 15_913)]
    lines = store_lines(findings)
    assert [line.text for line in lines] == [
        "15,912 store entries are cited by no guide (unused-reference); `guides audit` lists them"
    ]
    assert not lines[0].blocking  # warnings do not fail a strict build


def test_a_rule_with_a_few_store_findings_is_shown_in_full() -> None:
    findings = [unused(line) for line in range(1, STORE_IN_FULL + 1)]
    assert [line.text for line in store_lines(findings)] == [f.format() for f in findings]


def test_errors_in_the_store_are_shown_in_full_up_to_a_pages_worth() -> None:
    findings = [Finding(STORE, n, 1, "bib-duplicate", "error", "dup") for n in range(1, 8)]
    assert [line.text for line in store_lines(findings)] == [f.format() for f in findings]
    many = [Finding(STORE, n, 1, "bib-duplicate", "error", "dup") for n in range(1, 48)]
    lines = store_lines(many)
    assert len(lines) == PAGE_IN_FULL + 1
    assert lines[-1].text == (
        "17 more store entries repeat a key, PMID or DOI (bib-duplicate); `guides audit` lists them"
    )
    assert lines[-1].errors == 17 and sum(line.errors for line in lines) == 47


def test_a_whole_build_lists_pages_in_full_then_the_store() -> None:
    report = BuildReport()
    findings = [
        (on_page("content/a.md", 3), False),
        (unused(9), False),
        (on_page("c/b.md", 1), True),
    ]
    findings += [(unused(line), False) for line in range(10, 20)]
    texts = [line.text for line in report.lines(findings, STORE)]
    assert texts == [
        "content/a.md:3:1: vague-reference: message 3",
        "c/b.md:1:1: vague-reference: message 1 (draft)",
        "11 store entries are cited by no guide (unused-reference); `guides audit` lists them",
    ]


def test_a_drafts_placeholders_are_shown_once_then_counted() -> None:
    report = BuildReport()
    draft = [(on_page("content/new.md", n, "placeholder"), True) for n in (3, 8)]
    first = report.page_lines(draft)
    assert [line.text for line in first] == [
        "content/new.md:3:1: placeholder: message 3 (draft)",
        "content/new.md:8:1: placeholder: message 8 (draft)",
    ]
    again = report.page_lines([*draft, (on_page("content/new.md", 12), True)])
    assert [line.text for line in again] == [
        "content/new.md:12:1: vague-reference: message 12 (draft)",
        "content/new.md: 2 placeholders left in this draft, listed before (draft)",
    ]
    assert not any(line.blocking for line in first + again)


def test_a_published_guides_placeholders_are_shown_every_time() -> None:
    report = BuildReport()
    found = [(on_page("content/a.md", 3, "placeholder"), False)]
    assert report.page_lines(found) == report.page_lines(found)
    assert report.page_lines(found)[0].blocking


def test_a_page_with_very_many_findings_ends_with_a_count() -> None:
    found = [(on_page("content/a.md", n), False) for n in range(1, PAGE_IN_FULL + 11)]
    lines = BuildReport().page_lines(found)
    assert len(lines) == PAGE_IN_FULL + 1
    assert lines[-1].text == (
        "content/a.md: 10 more findings; `guides audit content/a.md` lists them all"
    )
    assert lines[-1].errors == 10


def test_pages_without_findings_are_named_on_one_line() -> None:
    assert [line.text for line in clean_lines(["content/a.md"])] == ["content/a.md: no findings"]
    many = clean_lines([f"content/{n}.md" for n in "abcde"])
    assert [line.text for line in many] == [
        "no findings on 5 pages: content/a.md, content/b.md, content/c.md and 2 more"
    ]
    assert clean_lines([]) == []


def test_controls_from_the_files_are_escaped() -> None:
    found = [(Finding("content/\x1b[2Ja.md", 1, 1, "r", "error", "m"), False)]
    found += [(on_page("content/\x1b[2Ja.md", n), False) for n in range(2, PAGE_IN_FULL + 3)]
    lines = BuildReport().page_lines(found)
    assert all("\x1b" not in line.text for line in lines)
