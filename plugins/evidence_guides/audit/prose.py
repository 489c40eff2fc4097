"""What every prose rule reads: one segment, masked, scanned and split into sentences once.

Every rule reads a :class:`Prose`: one segment (the body or a guide's
front-matter text fields, joined) with its Markdown mask, its citations and
its sentences, computed once and shared. Rules read the masked text, so code,
comments and link targets are never read, and every offset maps back to the
file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides.audit.sentences import Sentences
from evidence_guides.text.citations import mask_markdown, scan_citations
from evidence_guides.text.segments import FIELD_SEPARATOR, JoinedFields

if TYPE_CHECKING:
    from evidence_guides.text.citations import Citation
    from evidence_guides.text.segments import Segment

# --- everything else -------------------------------------------------------------------------

# mask_markdown changes nothing in text without these characters (no code, tags,
# comments or links): most front-matter fields.
_MARKUP_RE = re.compile(r"[`<~\[]")


@dataclass(frozen=True, slots=True)
class Prose:
    """One segment with its mask and citations, shared by every rule."""

    segment: Segment | JoinedFields
    masked: str
    citations: tuple[Citation, ...]
    starts: tuple[int, ...]  # each citation's start, for bisecting
    sentences: Sentences  # found when first asked for

    def position(self, offset: int) -> tuple[int, int]:
        return self.segment.position(offset)

    def cited_between(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, start)
        return index < len(self.starts) and self.starts[index] < end

    def citation_at(self, offset: int) -> Citation | None:
        index = bisect.bisect_left(self.starts, offset)
        if index < len(self.starts) and self.starts[index] == offset:
            return self.citations[index]
        return None


def read_prose(segment: Segment | JoinedFields) -> Prose:
    """Mask and scan ``segment`` once; joined fields are masked each on its own."""
    text = segment.text
    if isinstance(segment, JoinedFields):
        masked = FIELD_SEPARATOR.join(_masked(field.text) for field in segment.fields)
    else:
        masked = _masked(text)
    citations = tuple(scan_citations(text, masked=masked))
    return Prose(segment, masked, citations, tuple(c.start for c in citations), Sentences(masked))


def _masked(text: str) -> str:
    return mask_markdown(text) if _MARKUP_RE.search(text) else text
