"""What a build, or a preview's rebuild, tells the editor: pages in full, the store summed up.

A library's store holds thousands of entries, and most of its findings are of
one kind: an entry no guide cites yet. Printed one line each, 16,000 of them
bury the finding about the page the editor just saved. So a page's findings
are shown in full (at ``path:line:col``, the form editors' tools jump to),
and a rule with more than a few findings in the store is one line that counts
them and says where the full list is. A draft's placeholders, which ``guides
new`` writes on purpose, are shown once in a session, not on every save.

The lines say whether they fail a strict build (an error outside drafts) and
for how many errors they stand; the engine's adapter logs them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.terminal import escape_controls

if TYPE_CHECKING:
    from evidence_guides.findings import Finding

STORE_IN_FULL = 3
"""A rule with at most this many warnings in the store shows them in full; more are counted."""
PAGE_IN_FULL = 30
"""Findings of one page shown in full; more are counted (the page's banner lists them all)."""

_PHRASES = {
    rule_ids.UNUSED_REFERENCE: "store entries are cited by no guide",
    rule_ids.BIB_INVALID_ENTRY: "store entries are incomplete or invalid",
    rule_ids.BIB_DUPLICATE: "store entries repeat a key, PMID or DOI",
}


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One line for the log: the text, and the errors it stands for in a strict build."""

    text: str
    errors: int = 0  # errors outside drafts this line stands for: it fails a strict build

    @property
    def blocking(self) -> bool:
        return self.errors > 0


class BuildReport:
    """Turns findings into lines for the log; remembers the drafts' placeholders shown."""

    def __init__(self) -> None:
        self._placeholders_shown: set[tuple[str, str]] = set()  # (path, message)

    def page_lines(self, findings: Iterable[tuple[Finding, bool]]) -> list[ReportLine]:
        """Each finding of the pages given, grouped by page in their order: (finding, draft).

        A draft's placeholders shown before in this session are one line; a
        page with more than :data:`PAGE_IN_FULL` findings ends with a count.
        """
        by_path: dict[str, list[tuple[Finding, bool]]] = {}
        for finding, draft in findings:
            by_path.setdefault(finding.path, []).append((finding, draft))
        lines: list[ReportLine] = []
        for path, found in by_path.items():
            lines.extend(self._one_page(path, found))
        return lines

    def _one_page(self, path: str, found: list[tuple[Finding, bool]]) -> list[ReportLine]:
        shown_before = 0
        shown: list[tuple[Finding, bool]] = []
        for finding, draft in found:
            if draft and finding.rule == rule_ids.PLACEHOLDER:
                seen = (finding.path, finding.message)
                if seen in self._placeholders_shown:
                    shown_before += 1
                    continue
                self._placeholders_shown.add(seen)
            shown.append((finding, draft))
        lines = [_line(finding, draft) for finding, draft in shown[:PAGE_IN_FULL]]
        if len(shown) > PAGE_IN_FULL:
            more = shown[PAGE_IN_FULL:]
            errors = sum(_blocks(finding, draft) for finding, draft in more)
            text = f"{path}: {len(more)} more findings; `guides audit {path}` lists them all"
            lines.append(ReportLine(escape_controls(text), errors))
        if shown_before:
            noun = "placeholder" if shown_before == 1 else "placeholders"
            text = f"{path}: {shown_before} {noun} left in this draft, listed before (draft)"
            lines.append(ReportLine(escape_controls(text)))
        return lines

    def lines(self, findings: Iterable[tuple[Finding, bool]], store_path: str) -> list[ReportLine]:
        """A whole build's lines: every page's findings, then the store's summed up."""
        pages: list[tuple[Finding, bool]] = []
        store: list[Finding] = []
        for finding, draft in findings:
            if finding.path == store_path:
                store.append(finding)
            else:
                pages.append((finding, draft))
        return self.page_lines(pages) + store_lines(store)


def clean_lines(paths: list[str], *, named: int = 3) -> list[ReportLine]:
    """One line for the pages rendered that have no finding: the editor sees the save was read."""
    if not paths:
        return []
    if len(paths) == 1:
        return [ReportLine(escape_controls(f"{paths[0]}: no findings"))]
    names = ", ".join(paths[:named]) + (
        f" and {len(paths) - named} more" if len(paths) > named else ""
    )
    return [ReportLine(escape_controls(f"no findings on {len(paths)} pages: {names}"))]


def store_lines(findings: Iterable[Finding]) -> list[ReportLine]:
    """The store's findings: a rule's warnings counted in one line when there are more than a
    few; its errors (which fail a strict build, and need their lines) in full, up to a page's
    worth, the rest counted."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    lines: list[ReportLine] = []
    for rule, found in by_rule.items():
        errors = [finding for finding in found if finding.severity == "error"]
        warnings = [finding for finding in found if finding.severity != "error"]
        lines.extend(_line(finding, False) for finding in errors[:PAGE_IN_FULL])
        if len(errors) > PAGE_IN_FULL:
            lines.append(_counted(rule, errors[PAGE_IN_FULL:], more=True))
        if len(warnings) <= STORE_IN_FULL:
            lines.extend(_line(finding, False) for finding in warnings)
        else:
            lines.append(_counted(rule, warnings, more=bool(errors)))
    return lines


def _counted(rule: str, found: list[Finding], *, more: bool) -> ReportLine:
    """One line for many findings of ``rule`` in the store; errors among them still count."""
    what = _PHRASES.get(rule, f"findings in {found[0].path}")
    text = f"{len(found):,} {'more ' if more else ''}{what} ({rule}); `guides audit` lists them"
    return ReportLine(escape_controls(text), sum(f.severity == "error" for f in found))


def _blocks(finding: Finding, draft: bool) -> bool:
    return finding.severity == "error" and not draft


def _line(finding: Finding, draft: bool) -> ReportLine:
    text = finding.format() + (" (draft)" if draft else "")
    return ReportLine(text, int(_blocks(finding, draft)))
