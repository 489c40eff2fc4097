"""``malformed-citation``: what looks like a citation but does not parse.

What counts as an attempt at a citation, and the corrected form, are
:mod:`evidence_guides.audit.malformed`'s job; this reports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.malformed.finder import find_malformed
from evidence_guides.findings import Suggestion
from evidence_guides.text.citations import link_labels

if TYPE_CHECKING:
    from evidence_guides.audit.context import AuditedStore, SegmentContext
    from evidence_guides.audit.prose import Prose
    from evidence_guides.audit.sink import Sink


def check(context: SegmentContext, sink: Sink) -> None:
    check_malformed(context.prose, context.page.store, sink)


def check_malformed(prose: Prose, store: AuditedStore, sink: Sink) -> None:
    """Report :func:`find_malformed`'s findings in one segment's prose."""
    if not sink.enabled(rule_ids.MALFORMED_CITATION):
        return

    def doi_key(doi: str) -> str | None:
        entry = store.by_doi(doi)
        return None if entry is None else entry.key

    text = prose.segment.text
    labels = link_labels(text) if "]:" in text else frozenset()
    found = find_malformed(prose.masked, prose.citations, store.entries, doi_key, labels, text)
    for malformed in found:
        position = prose.position(malformed.offset)
        sink.add(
            rule_ids.MALFORMED_CITATION,
            position,
            malformed.message,
            Suggestion(malformed.suggestion),
        )
