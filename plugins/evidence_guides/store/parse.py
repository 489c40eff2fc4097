"""BibTeX source turned into a store, every problem in it into a finding.

:mod:`~evidence_guides.store.split` splits the file into raw blocks, as
bibtexparser v2's splitter does (and by it, for any file that is not regular);
this module turns the blocks into immutable entries and the failed blocks into
findings, so a broken ``.bib`` file is reported at ``file:line`` instead of
stopping the build. It evaluates every value
(:mod:`~evidence_guides.store.values`) and reads each entry's identifiers
(:mod:`~evidence_guides.store.identifiers`), and reports what BibTeX would
silently accept: duplicate keys, fields and ``@string`` macros, undefined
macros, keys that differ only in case.

No bibtexparser middleware runs, and nothing is decoded here: LaTeX is decoded
per entry, on first access to a display attribute. The module never logs,
prints or warns: every problem becomes a ``Finding``.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from types import MappingProxyType

from evidence_guides import rule_ids
from evidence_guides.files.limits import Limits
from evidence_guides.findings import Finding
from evidence_guides.store import split as bibsplit
from evidence_guides.store.entry import BibEntry, BibStore
from evidence_guides.store.identifiers import check_identifiers, entry_doi, entry_pmid
from evidence_guides.store.split import RawEntry, RawString
from evidence_guides.store.values import MONTHS, Budget, TooLong, evaluate


def parse_bib(text: str, path: str, *, limits: Limits | None = None) -> BibStore:
    """Parse BibTeX source into a store. Never raises for bad BibTeX: it reports it.

    A value longer than ``limits`` allow once its ``@string`` macros are
    expanded is reported and left empty (a macro used twice in each of a chain
    of macros doubles at each link: forty links are a terabyte).
    """
    text = text.removeprefix("\ufeff")
    try:
        blocks = bibsplit.split(text)
    except Exception as error:
        # A bug in the parser, not in the file: still a finding, never a traceback.
        message = f"BibTeX parser failed: {_first_line(error)}"
        finding = Finding(path, 1, 1, rule_ids.BIB_INVALID_ENTRY, "error", message)
        return BibStore(path, MappingProxyType({}), (finding,))

    findings = [
        _invalid(path, _line(failed.start_line), _first_line(failed.reason))
        for failed in blocks.failed
    ]
    budget = Budget(limits or Limits())
    macros = _evaluate_strings(blocks.strings, path, findings, budget)
    entries = _build_entries(blocks.entries, macros, path, findings, budget)
    check_identifiers(entries, path, findings)
    return BibStore(path, MappingProxyType(entries), tuple(sorted(findings)))


def _evaluate_strings(
    strings: list[RawString], path: str, findings: list[Finding], budget: Budget
) -> dict[str, str]:
    """Macro table from ``@string`` blocks, in file order; later definitions win."""
    macros = dict(MONTHS)
    defined_at: dict[str, int] = {}
    for string in strings:
        name = string.key.lower()
        line = _line(string.start_line)
        if name in defined_at:
            message = (
                f"duplicate @string '{string.key}' (first defined at line {defined_at[name]};"
                " the later value is used)"
            )
            findings.append(Finding(path, line, 1, rule_ids.BIB_DUPLICATE, "warning", message))
        else:
            defined_at[name] = line
        macros[name] = _read_value(
            string.value, macros, f"@string '{string.key}'", line, path, findings, budget
        )
    return macros


def _build_entries(
    raw_entries: list[RawEntry],
    macros: Mapping[str, str],
    path: str,
    findings: list[Finding],
    budget: Budget,
) -> dict[str, BibEntry]:
    """Entries by key in file order: the first of duplicate keys wins, as in BibTeX."""
    entries: dict[str, BibEntry] = {}
    by_folded_key: dict[str, BibEntry] = {}
    for raw in raw_entries:
        line = _line(raw.start_line)
        if not raw.entry_type:
            findings.append(_invalid(path, line, f"entry '{raw.key}' has no type (@article, ...)"))
            continue
        if not raw.key:
            findings.append(_invalid(path, line, f"@{raw.entry_type} entry has no key"))
            continue
        if (first := entries.get(raw.key)) is not None:
            message = f"duplicate key '{raw.key}' (first defined at line {first.line})"
            findings.append(Finding(path, line, 1, rule_ids.BIB_DUPLICATE, "error", message))
            continue

        fields, field_lines = _read_fields(raw, macros, path, findings, budget)
        entry = BibEntry(
            key=raw.key,
            entry_type=sys.intern(raw.entry_type.lower()),
            line=line,
            fields=MappingProxyType(fields),
            field_lines=MappingProxyType(field_lines),
            pmid=entry_pmid(raw.key, fields, field_lines, path, findings),
            doi=entry_doi(raw.key, fields, field_lines, path, findings),
        )
        entries[raw.key] = entry

        # BibTeX and biber treat keys that differ only in case as the same key,
        # and a citation typed in the other case would silently miss.
        folded = raw.key.casefold()
        if (same := by_folded_key.get(folded)) is not None:
            message = f"key '{raw.key}' differs only in case from '{same.key}' (line {same.line})"
            findings.append(Finding(path, line, 1, rule_ids.BIB_DUPLICATE, "warning", message))
        else:
            by_folded_key[folded] = entry
    return entries


def _read_fields(
    raw: RawEntry,
    macros: Mapping[str, str],
    path: str,
    findings: list[Finding],
    budget: Budget,
) -> tuple[dict[str, str], dict[str, int]]:
    """An entry's values and their lines by field name: the first of duplicate fields wins."""
    fields: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    for raw_field in raw.fields:
        name = sys.intern(raw_field.key.lower())  # shared by every entry, and the cache
        field_line = _line(raw_field.start_line)
        if name in fields:
            message = (
                f"duplicate field '{name}' in '{raw.key}' (first at line"
                f" {field_lines[name]}; BibTeX uses the first)"
            )
            findings.append(
                Finding(path, field_line, 1, rule_ids.BIB_DUPLICATE, "warning", message)
            )
            continue
        what = f"'{name}' in '{raw.key}'"
        fields[name] = _read_value(
            raw_field.value, macros, what, field_line, path, findings, budget
        )
        field_lines[name] = field_line
    return fields, field_lines


def _read_value(
    raw: str,
    macros: Mapping[str, str],
    what: str,
    line: int,
    path: str,
    out: list[Finding],
    budget: Budget,
) -> str:
    """Evaluate one value; report it if malformed, too long, or if it uses an undefined macro."""
    undefined: list[str] = []
    try:
        value = evaluate(raw, macros, undefined, budget)
    except TooLong as error:
        out.append(_invalid(path, line, f"the value of {what} {error}", syntax=False))
        return ""
    if value is None:
        reason = f"cannot read the value of {what} (missing comma, brace or quote?)"
        out.append(_invalid(path, line, reason))
        return raw.strip()
    for name in undefined:
        message = f"undefined @string macro '{name}' in the value of {what}"
        out.append(Finding(path, line, 1, rule_ids.BIB_INVALID_ENTRY, "warning", message))
    return value


def _invalid(path: str, line: int, reason: str, *, syntax: bool = True) -> Finding:
    message = f"BibTeX syntax error: {reason}" if syntax else reason
    return Finding(path, line, 1, rule_ids.BIB_INVALID_ENTRY, "error", message)


def _line(start_line: int | None) -> int:
    """bibtexparser counts lines from 0; editors and findings count from 1."""
    return (start_line or 0) + 1


def _first_line(reason: object) -> str:
    lines = str(reason).strip().splitlines()
    return lines[0].strip() if lines else type(reason).__name__
