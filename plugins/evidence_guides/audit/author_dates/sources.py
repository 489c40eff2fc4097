"""The identifiers that go with an author-date citation: in it, right after it, in its sentence.

A citation with an identifier beside it ("Garber et al. (2011, PMID
21694556)", "(Garber et al., 2011) [@garber2011]") must agree with that entry;
one without may be tied by an identifier elsewhere in its sentence. Which
sources count as beside and which as in the sentence is decided here, so the
rules that read them agree on it.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.model import AuthorDate
    from evidence_guides.audit.prose import Prose
    from evidence_guides.text.citations import CitedSource

# Between a citation and its key: a comma, a line break, or the parenthesis an identifier is
# put in ("Westcott's 2011 review (PMID 22777332)"), as "(2011, PMID ...)" holds it inside.
_AFTER_RE = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*(?:\([ \t]*)?")


def written_sources(prose: Prose, start: int, end: int, after: int) -> tuple[CitedSource, ...]:
    """Sources written inside ``start:end``, and those of a citation right after ``after``."""
    sources: list[CitedSource] = []
    index = bisect.bisect_left(prose.starts, start)
    while index < len(prose.starts) and prose.starts[index] < end:
        sources.extend(prose.citations[index].sources)
        index += 1
    gap = _AFTER_RE.match(prose.masked, after)
    following = prose.citation_at(gap.end()) if gap is not None else None
    if following is not None and following.start >= end:
        sources.extend(following.sources)
    return tuple(sources)


def sentence_sources(prose: Prose, date: AuthorDate) -> list[CitedSource]:
    """The sources cited in ``date``'s sentence, other than its own."""
    start, end = prose.sentences.span(date.start)
    own = {id(source) for source in date.sources}
    sources: list[CitedSource] = []
    index = bisect.bisect_left(prose.starts, start)
    while index < len(prose.starts) and prose.starts[index] < end:
        sources.extend(s for s in prose.citations[index].sources if id(s) not in own)
        index += 1
    return sources
