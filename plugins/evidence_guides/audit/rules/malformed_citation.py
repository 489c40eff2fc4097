"""``malformed-citation``: what looks like a citation but does not parse.

What counts as an attempt at a citation, and the corrected form, are
:mod:`evidence_guides.audit.malformed`'s job; this reports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.findings import Suggestion

if TYPE_CHECKING:
    from evidence_guides.audit.context import SegmentContext
    from evidence_guides.audit.malformed.model import Malformed
    from evidence_guides.audit.prose import Prose
    from evidence_guides.audit.sink import Sink


def check(context: SegmentContext, sink: Sink) -> None:
    check_malformed(context.malformed, context.prose, sink)


def check_malformed(found: list[Malformed], prose: Prose, sink: Sink) -> None:
    """Report the segment's malformed citations (:func:`malformed_in`); those in another
    style ("[1]", "(doi:10...)") as vague references."""
    for malformed in found:
        rule = rule_ids.VAGUE_REFERENCE if malformed.vague else rule_ids.MALFORMED_CITATION
        if sink.enabled(rule):
            position = prose.position(malformed.offset)
            sink.add(rule, position, malformed.message, Suggestion(malformed.suggestion))
