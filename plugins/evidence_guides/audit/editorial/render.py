"""The editorial report as one self-contained HTML page: a table an editor sorts, worst first.

Every guide is a row: its findings by rule (and each finding at its line),
its review date and age, its reviewer, and its evidence mix as a small bar
of inline SVG with the same counts in words beside it. The totals are the
audit's own (``guides audit --format json`` reports the same). Everything
from the files is escaped; nothing is loaded from anywhere (see
:mod:`~evidence_guides.audit.editorial.assets`).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from evidence_guides.audit.editorial.assets import (
    CONTENT_SECURITY_POLICY,
    SCRIPT,
    STYLE,
    TIER_COLOURS,
)
from evidence_guides.audit.editorial.collect import count_by_rule
from evidence_guides.guide.evidence import UNCLASSIFIED
from evidence_guides.store.designs import TIERS
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    import datetime

    from evidence_guides.audit.editorial.collect import EditorialReport, GuideRow
    from evidence_guides.findings import Finding
    from evidence_guides.guide.evidence import EvidenceMix

BAR_WIDTH, BAR_HEIGHT = 160, 14


def render_html(report: EditorialReport, title: str = "Editorial report") -> str:
    """The whole page."""
    body = "\n".join(
        (
            _header(report, title),
            "<main>",
            _summary(report),
            _guides(report),
            _other_files(report),
            "</main>",
        )
    )
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _header(report: EditorialReport, title: str) -> str:
    guides = len(report.guides)
    stale = sum(row.stale for row in report.guides)
    return (
        f"<header>\n<h1>{_e(title)}</h1>\n"
        f'<p class="lede">{guides} guide{_s(guides)} on {_day(report.today)}, worst first.'
        f" {stale} {'has' if stale == 1 else 'have'} a review older than"
        f" {report.stale_review_months} months.</p>\n</header>"
    )


def _summary(report: EditorialReport) -> str:
    summary = report.audit.summary
    totals = (
        ("Errors", summary.errors),
        ("Warnings", summary.warnings),
        ("Files audited", summary.files),
        ("References", summary.entries),
        ("Citations", summary.citations),
    )
    items = "".join(f'<div><dt>{name}</dt><dd id="total-{name.split()[0].lower()}">{value}</dd>'
                    "</div>" for name, value in totals)  # fmt: skip
    rows = "".join(
        f"<tr><td><code>{_e(rule)}</code></td><td>{_tag(severity)}</td>"
        f'<td class="number">{count}</td></tr>'
        for rule, severity, count in report.by_rule()
    )
    table = (
        '<table class="rules-table"><caption>Findings by rule, across the project</caption>'
        '<thead><tr><th scope="col">Rule</th><th scope="col">Severity</th>'
        f'<th scope="col" class="number">Findings</th></tr></thead><tbody>{rows}</tbody></table>'
        if rows
        else "<p>No findings.</p>"
    )
    return (
        '<section aria-labelledby="summary-heading">\n'
        '<h2 id="summary-heading">Summary</h2>\n'
        f'<dl class="totals">{items}</dl>\n{table}\n</section>'
    )


def _guides(report: EditorialReport) -> str:
    headings = (
        ("title", "Guide", False),
        ("errors", "Errors", True),
        ("warnings", "Warnings", True),
        (None, "Findings by rule", False),
        ("age", "Last reviewed", True),
        ("reviewer", "Reviewer", False),
        ("sources", "Evidence", True),
    )
    right_aligned = {"errors", "warnings"}
    cells = []
    for key, name, numeric in headings:
        if key is None:
            cells.append(f'<th scope="col">{name}</th>')
            continue
        number = " data-numeric" if numeric else ""
        number += ' class="number"' if key in right_aligned else ""
        cells.append(
            f'<th scope="col" data-sort="{key}" aria-sort="none"{number}>'
            f'<button type="button">{name}</button></th>'
        )
    rows = "\n".join(_guide_row(row) for row in report.guides)
    return (
        '<section aria-labelledby="guides-heading">\n'
        '<h2 id="guides-heading">Guides</h2>\n'
        f"{_legend()}\n"
        '<table class="guides">\n<caption>Every guide, worst first: the most errors, then'
        " warnings, then a stale review. Press a column heading to sort by it.</caption>\n"
        f"<thead><tr>{''.join(cells)}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n"
        '<p id="sort-status" class="none" role="status"></p>\n</section>'
    )


def _guide_row(row: GuideRow) -> str:
    age = row.age_months if row.age_months is not None else -1
    data = (
        f'data-title="{_e(row.title.casefold())}" data-errors="{row.errors}"'
        f' data-warnings="{row.warnings}" data-age="{age}"'
        f' data-reviewer="{_e((row.reviewer or "").casefold())}"'
        f' data-sources="{row.evidence.total}"'
    )
    draft = ' <span class="tag tag--draft">draft</span>' if row.draft else ""
    return (
        f"<tr {data}>"
        f'<th scope="row">{_e(row.title)}{draft}<span class="path">{_e(row.path)}</span></th>'
        f'<td class="number" data-label="Errors">{row.errors}</td>'
        f'<td class="number" data-label="Warnings">{row.warnings}</td>'
        f'<td data-label="Findings by rule">{_findings(row.by_rule(), row.findings)}</td>'
        f'<td data-label="Last reviewed">{_reviewed(row)}</td>'
        f'<td data-label="Reviewer">{_e(row.reviewer) if row.reviewer else _none("none")}</td>'
        f'<td data-label="Evidence">{_evidence(row.evidence)}</td>'
        "</tr>"
    )


def _findings(by_rule: list[tuple[str, str, int]], findings: tuple[Finding, ...]) -> str:
    if not findings:
        return '<span class="tag tag--ok">none</span>'
    rules = "".join(
        f"<li>{_tag(severity)} <code>{_e(rule)}</code> &times; {count}</li>"
        for rule, severity, count in by_rule
    )
    each = "".join(
        f"<li>line {finding.line}: <code>{_e(finding.rule)}</code>"
        f" {_e(escape_controls(finding.message))}</li>"
        for finding in findings
    )
    return (
        f'<ul class="rules">{rules}</ul><details><summary>Each finding'
        f" ({len(findings)})</summary><ol>{each}</ol></details>"
    )


def _reviewed(row: GuideRow) -> str:
    if row.last_reviewed is None:
        return _none("unknown (front-matter invalid)")
    months = row.age_months or 0
    stale = ' <span class="tag tag--stale">stale</span>' if row.stale else ""
    return (
        f'<time datetime="{row.last_reviewed.isoformat()}">{_day(row.last_reviewed)}</time>'
        f"<br>{months} month{_s(months)} ago{stale}"
    )


def _evidence(mix: EvidenceMix) -> str:
    words = mix.summary() if mix.total else "no sources cited"
    return f'{_bar(mix)}<span class="mix">{_e(words)}</span>'


def _bar(mix: EvidenceMix) -> str:
    """The sources' tiers as one bar, strongest first; the words beside it say the same."""
    if not mix.total:
        return ""
    parts = [(str(tier), count) for tier, _, count in mix.tiers()]
    parts += [("unclassified", mix.unclassified), ("retracted", mix.retracted)]
    rects, x = [], 0.0
    for key, count in parts:
        if not count:
            continue
        width = BAR_WIDTH * count / mix.total
        rects.append(
            f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="{BAR_HEIGHT}"'
            f' fill="{TIER_COLOURS[key]}"/>'
        )
        x += width
    return (
        f'<svg class="bar" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" aria-hidden="true"'
        f' focusable="false" viewBox="0 0 {BAR_WIDTH} {BAR_HEIGHT}">{"".join(rects)}</svg>'
    )


def _legend() -> str:
    names = [(str(tier), f"{tier}. {name}") for tier, name in TIERS.items()]
    names += [("unclassified", UNCLASSIFIED), ("retracted", "retracted")]
    items = "".join(
        f'<li><span class="swatch" style="background:{TIER_COLOURS[key]}"></span>{_e(name)}</li>'
        for key, name in names
    )
    intro = "<p>The evidence bar shows each guide's sources by study design:</p>"
    return f'{intro}<ul class="legend">{items}</ul>'


def _other_files(report: EditorialReport) -> str:
    if not report.other_files:
        return ""
    rows = "".join(
        f'<tr><th scope="row"><span class="path">{_e(path)}</span></th>'
        f'<td class="number">{sum(f.severity == "error" for f in findings)}</td>'
        f'<td class="number">{sum(f.severity != "error" for f in findings)}</td>'
        f"<td>{_findings(count_by_rule(findings), findings)}</td></tr>"
        for path, findings in report.other_files
    )
    return (
        '<section aria-labelledby="other-heading">\n'
        '<h2 id="other-heading">Other files</h2>\n'
        "<table><caption>The store, the people file and pages that are not guides</caption>"
        '<thead><tr><th scope="col">File</th><th scope="col" class="number">Errors</th>'
        '<th scope="col" class="number">Warnings</th><th scope="col">Findings by rule</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>\n</section>"
    )


def _tag(severity: str) -> str:
    return f'<span class="tag tag--{_e(severity)}">{_e(severity)}</span>'


def _none(text: str) -> str:
    return f'<span class="none">{_e(text)}</span>'


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _e(text: str) -> str:
    """Escaped, and each control shown as its escape: the report may go to a terminal."""
    return escape(escape_controls(text, keep="\t\n"), quote=True)
