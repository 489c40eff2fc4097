"""The store's own rules: what every entry needs, and which entries no page cites.

Store rules report at the entry's line in the ``.bib`` file. They re-emit the
store's own findings (syntax errors, duplicate keys and identifiers, malformed
PMIDs and DOIs) and add only what the store does not check, so each problem is
reported once. Which entry a name in prose means is
:mod:`evidence_guides.store.name_index`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.sink import Sink
from evidence_guides.findings import Suggestion
from evidence_guides.text.lookalikes import describe, latin_twin, lookalikes

if TYPE_CHECKING:
    from evidence_guides.audit.context import CorpusContext
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.findings import Finding
    from evidence_guides.store.entry import BibEntry, BibStore

_AUTHOR_FIELDS = ("author", "editor", "organization")
_IDENTIFIER_FIELDS = ("pmid", "doi", "url", "isbn")
_RETRACTED = frozenset({"true", "yes", "1"})
_PMID_FORM = re.compile(r"[1-9]\d{0,8}")
_DOI_FORM = re.compile(r"10\.\d{4,9}(?:\.\d+)*/\S+")


# --- store rules -----------------------------------------------------------------------------


def store_findings(store: BibStore, settings: AuditSettings) -> list[Finding]:
    """``bib-invalid-entry`` and ``bib-duplicate`` for the whole store."""
    sink = Sink(store.path, settings)
    for finding in store.findings:
        sink.reemit(finding)
    if sink.enabled(rule_ids.BIB_INVALID_ENTRY):
        for entry in store.entries.values():
            _check_entry(entry, sink)
    return sink.findings


def check_corpus(context: CorpusContext) -> list[Finding]:
    """``unused-reference``, when the pages audited are the whole project."""
    if not context.whole_project:
        return []
    cited = set().union(*(page.cited_keys for page in context.pages))  # type: ignore[attr-defined]
    return unused_findings(context.store, cited, context.settings)


def unused_findings(
    store: BibStore, cited: Iterable[str], settings: AuditSettings
) -> list[Finding]:
    """``unused-reference``: entries no audited page cites."""
    sink = Sink(store.path, settings)
    if sink.enabled(rule_ids.UNUSED_REFERENCE):
        used = set(cited)
        for key, line in store.lines():  # no entry is made from the cache for this
            if key not in used:
                sink.add(rule_ids.UNUSED_REFERENCE, (line, 1), f"'{key}' is not cited by any page")
    return sink.findings


def is_retracted(entry: BibEntry) -> bool:
    """True when the entry says ``retracted = {true}`` (or yes, or 1)."""
    return entry.fields.get("retracted", "").strip().lower() in _RETRACTED


def _check_entry(entry: BibEntry, sink: Sink) -> None:
    """What a citable entry needs; read from raw fields, so no entry is decoded."""
    fields = entry.fields
    at = (entry.line, 1)
    if not any(fields.get(name, "").strip() for name in _AUTHOR_FIELDS):
        sink.add(
            rule_ids.BIB_INVALID_ENTRY, at, f"'{entry.key}' has no author (or editor, organization)"
        )
    if not fields.get("title", "").strip():
        sink.add(rule_ids.BIB_INVALID_ENTRY, at, f"'{entry.key}' has no title")
    if not (fields.get("year", "").strip() or fields.get("date", "").strip()):
        sink.add(rule_ids.BIB_INVALID_ENTRY, at, f"'{entry.key}' has no year")
    # A malformed identifier is still one: the store reports it as malformed.
    if entry.pmid is None and not any(fields.get(name, "").strip() for name in _IDENTIFIER_FIELDS):
        message = f"'{entry.key}' has no identifier (pmid, doi, url or isbn)"
        sink.add(rule_ids.BIB_INVALID_ENTRY, at, message)
    if entry.pmid is not None and not _PMID_FORM.fullmatch(entry.pmid):
        name = "pmid" if "pmid" in entry.field_lines else "eprint"
        line = entry.field_lines.get(name, entry.line)
        trimmed = entry.pmid.lstrip("0")
        if entry.pmid.isdigit() and trimmed and len(trimmed) <= 9:
            message = f"PMID '{entry.pmid}' in '{entry.key}' has a leading zero"
            fix = Suggestion(f"write {name} = {{{trimmed}}}")
            sink.add(rule_ids.BIB_INVALID_ENTRY, (line, 1), message, fix)
        else:
            message = f"PMID '{entry.pmid}' in '{entry.key}' is not a PubMed identifier"
            message += " (1-9 digits, no leading zero)"
            sink.add(rule_ids.BIB_INVALID_ENTRY, (line, 1), message)
    if twins := lookalikes(entry.key):
        letters = ", ".join(f"'{c}' ({describe(c)}) looks like '{latin}'" for c, latin in twins)
        message = f"key '{entry.key}' mixes scripts: {letters}"
        fix = Suggestion(f"rename the key {latin_twin(entry.key)!r}, in ASCII letters")
        sink.add(rule_ids.BIB_INVALID_ENTRY, at, message, fix)
    if entry.doi is not None and not _DOI_FORM.fullmatch(entry.doi):
        message = f"DOI '{entry.doi}' in '{entry.key}' is not a DOI (expected '10.NNNN/...')"
        sink.add(rule_ids.BIB_INVALID_ENTRY, (entry.field_lines.get("doi", entry.line), 1), message)
