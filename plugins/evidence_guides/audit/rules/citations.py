"""``unresolved-citation`` and ``retracted-source``: the citations as written.

A cited key or PMID must name an entry of the store; an entry marked
``retracted = {true}`` must not be cited. The suggestion for an unresolved
source is the same hint the site build gives, or the key most likely meant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.rules.store import is_retracted
from evidence_guides.findings import Suggestion

if TYPE_CHECKING:
    from evidence_guides.audit.context import AuditedStore, NameIndex, SegmentContext
    from evidence_guides.audit.prose import Prose
    from evidence_guides.audit.sink import Sink
    from evidence_guides.text.citations import CitedSource


def check(context: SegmentContext, sink: Sink) -> None:
    """The rule family's check: counts the sources and records the keys cited."""
    page = context.page
    page.citations += check_citations(context.prose, page.store, page.index, sink, page.cited)


def check_citations(
    prose: Prose, store: AuditedStore, index: NameIndex, sink: Sink, cited: set[str]
) -> int:
    """Report unresolved and retracted sources; add resolved keys to ``cited``.

    Returns the number of sources cited.
    """
    count = 0
    for citation in prose.citations:
        for source in citation.sources:
            count += 1
            entry = store.resolve(source)
            if entry is None:
                if sink.enabled(rule_ids.UNRESOLVED_CITATION):
                    message = f"unresolved citation '{source.label}'"
                    suggestion = _unresolved_hint(source, store, index)
                    sink.add(
                        rule_ids.UNRESOLVED_CITATION,
                        prose.position(source.offset),
                        message,
                        suggestion,
                    )
                continue
            cited.add(entry.key)
            if is_retracted(entry):
                message = f"cited source '{entry.key}' is marked retracted in {store.path}"
                sink.add(rule_ids.RETRACTED_SOURCE, prose.position(source.offset), message)
    return count


def _unresolved_hint(source: CitedSource, store: AuditedStore, index: NameIndex) -> Suggestion:
    """The same hint as the site build gives, or the key that was probably meant."""
    if source.kind == "pmid":
        return Suggestion(f"import it with 'guides refs add {source.value}'", pmid=source.value)
    close = index.close_key(source.value)
    if close is not None:
        return Suggestion(f"did you mean [@{close}]?", key=close)
    return Suggestion(f"add it to {store.path}, e.g. 'guides refs add PMID'")
