"""The store rules' findings after an edit, from those before it: only the edited entries checked.

The store's own rules (``bib-invalid-entry``, ``hidden-character``) look at
one entry at a time, so after an edit the findings of the entries it did not
touch stay as they were, moved by the lines it added or removed, and only
the entries it holds now are checked: some milliseconds, where checking all
20,000 entries again takes most of a second.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import TYPE_CHECKING

from evidence_guides.audit.engine import store_checks
from evidence_guides.store.entry import BibStore
from evidence_guides.store.incremental import EditedEntries

if TYPE_CHECKING:
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.findings import Finding


def edited_store_findings(
    before: list[Finding] | None, store: BibStore, settings: AuditSettings
) -> list[Finding] | None:
    """The store rules' findings of ``store``, an edit of the store ``before`` belongs to.

    None when they must be worked out whole: the store is not an edit of the
    last one, or its findings were not known.
    """
    if before is None or not isinstance(store.entries, EditedEntries) or store.findings:
        return None
    first, last, delta, entries = store.entries.edit
    kept = []
    for finding in before:
        if finding.line <= first:
            kept.append(finding)
        elif finding.line > last:  # an entry below the edit: moved by the lines it added
            kept.append(dataclasses.replace(finding, line=finding.line + delta))
    edited = BibStore(store.path, MappingProxyType(dict(entries)), ())
    return kept + store_checks(edited, settings)
