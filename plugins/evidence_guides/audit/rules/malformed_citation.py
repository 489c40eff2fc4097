"""``malformed-citation``: what looks like a citation but does not parse.

What counts as an attempt at a citation, and the corrected form, are
:mod:`evidence_guides.audit.malformed`'s job; this reports them. A fix that
cites one source ("write [@garber2011, p. 3]", "write [PMID 21694556]") says
which in the suggestion's ``key`` and ``pmid`` too, as the author-date rules'
"did you mean" does: a tool reading ``--format json`` gets the entry without
parsing the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.findings import Suggestion
from evidence_guides.text.citations import scan_citations

if TYPE_CHECKING:
    from evidence_guides.audit.context import AuditedStore, SegmentContext
    from evidence_guides.audit.malformed.model import Malformed
    from evidence_guides.audit.prose import Prose
    from evidence_guides.audit.sink import Sink

_WRITE = "write "  # how every corrected form starts


def check(context: SegmentContext, sink: Sink) -> None:
    check_malformed(context.malformed, context.prose, sink, context.page.store)


def check_malformed(
    found: list[Malformed], prose: Prose, sink: Sink, store: AuditedStore | None = None
) -> None:
    """Report the segment's malformed citations (:func:`malformed_in`); those in another
    style ("[1]", "(doi:10...)") as vague references."""
    for malformed in found:
        rule = rule_ids.VAGUE_REFERENCE if malformed.vague else rule_ids.MALFORMED_CITATION
        if sink.enabled(rule):
            position = prose.position(malformed.offset)
            sink.add(rule, position, malformed.message, _suggestion(malformed.suggestion, store))


def _suggestion(text: str, store: AuditedStore | None) -> Suggestion:
    """The fix, with the one source it cites as its key and PMID: the entry's when the store
    holds it, else the PMID alone (to import); none when it cites none or several."""
    if store is None or not text.startswith(_WRITE):
        return Suggestion(text)
    sources = [source for found in scan_citations(text) for source in found.sources]
    if len(sources) != 1:
        return Suggestion(text)
    (source,) = sources
    entry = store.resolve(source)
    if entry is not None:
        return Suggestion(text, key=entry.key, pmid=entry.pmid)
    return Suggestion(text, pmid=source.value if source.kind == "pmid" else None)
