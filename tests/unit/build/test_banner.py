"""What the preview shows of the audit: each page's banner and the page of every finding."""

from __future__ import annotations

from evidence_guides.build.banner import counts, finding_groups, page_banner, shown
from evidence_guides.findings import Finding, Suggestion

STORE = "references/refs.bib"
PAGE = "content/exercises/plank.md"


def finding(path: str = PAGE, line: int = 3, severity: str = "error", rule: str = "r") -> Finding:
    return Finding(path, line, 5, rule, severity, f"message at {line}")


def test_a_finding_is_shown_at_its_line_with_its_fix_and_controls_escaped() -> None:
    item = shown(
        Finding(PAGE, 12, 4, "unresolved-citation", "error", "no '\x1b[2J'", Suggestion("add it")),
        False,
    )
    assert (item.place, item.rule, item.severity) == (
        f"{PAGE}:12:4",
        "unresolved-citation",
        "error",
    )
    assert item.message == "no '\\x1b[2J'" and item.fix == "add it"
    assert shown(finding(), True).severity == "draft"  # a draft's never block


def test_the_banner_holds_the_pages_findings_and_the_sites_counts() -> None:
    banner = page_banner(PAGE, [(finding(line=3), False)], "../../_preview/findings/", (4, 9))
    assert [item.line for item in banner.findings] == [3]
    assert (banner.site_errors, banner.site_warnings) == (4, 9)
    assert banner.findings_url == "../../_preview/findings/"


def test_the_signature_changes_with_the_findings_only() -> None:
    one = page_banner(PAGE, [(finding(line=3), False)], "x", (1, 0))
    same = page_banner(PAGE, [(finding(line=3), False)], "x", (7, 7))
    other = page_banner(PAGE, [(finding(line=4), False)], "x", (1, 0))
    assert one.signature == same.signature != other.signature


def test_counts_leave_drafts_out() -> None:
    found = [(finding(), False), (finding(severity="warning"), False), (finding(), True)]
    assert counts(found) == (1, 1)


def test_every_finding_by_file_and_a_store_rule_with_many_folded() -> None:
    found = [(finding(PAGE, 3), False), (finding("content/a.md", 1), True)]
    found += [(finding(STORE, n, "warning", "unused-reference"), False) for n in range(1, 6)]
    found += [(finding(STORE, 9, "error", "bib-duplicate"), False)]
    groups = finding_groups(found, STORE)
    assert [(g.title, len(g.findings), g.summed_up) for g in groups] == [
        (PAGE, 1, False),
        ("content/a.md", 1, False),
        (f"{STORE}: unused-reference", 5, True),
        (f"{STORE}: bib-duplicate", 1, False),
    ]
