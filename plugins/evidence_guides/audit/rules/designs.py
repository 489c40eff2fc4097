"""A store entry's ``design``: a study design the scale knows, or a finding at its line.

An editor sets ``design`` by hand where PubMed's publication types say nothing
(or say it wrongly); a value the scale does not know would silently show no
design, so it is a ``bib-invalid-entry`` error naming the designs there are.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.sink import Sink
from evidence_guides.findings import Suggestion
from evidence_guides.store.designs import DESIGN_FIELD, DESIGNS, design_named

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.findings import Finding
    from evidence_guides.store.entry import BibStore

_IDS = tuple(design.id for design in DESIGNS)


def check_store(store: BibStore, settings: AuditSettings) -> list[Finding]:
    """``bib-invalid-entry`` for each ``design`` value that names no study design."""
    sink = Sink(store.path, settings)
    if not sink.enabled(rule_ids.BIB_INVALID_ENTRY):
        return []
    for entry in store.entries.values():
        raw = entry.fields.get(DESIGN_FIELD)
        if raw is None:
            continue
        value = raw.replace("{", "").replace("}", "").strip()
        if value and design_named(value) is not None:
            continue
        line = entry.field_lines.get(DESIGN_FIELD, entry.line)
        message = (
            f"'{entry.key}' has design {value!r}, which is not a study design"
            f" (one of: {', '.join(_IDS)})"
        )
        close = difflib.get_close_matches(value.casefold().replace(" ", "-"), _IDS, n=1)
        fix = Suggestion(f"design = {{{close[0]}}}", key=entry.key) if close else None
        sink.add(rule_ids.BIB_INVALID_ENTRY, (line, 1), message, fix)
    return sink.findings
