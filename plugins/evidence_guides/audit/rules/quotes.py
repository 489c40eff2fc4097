"""``unattributed-quote``: an expert quote must say who said it, with their credentials.

An expert quote is a blockquote whose first line is ``[!quote] SPEAKER``
(:mod:`evidence_guides.guide.quotes`). A marker with no speaker, a person id
the people file does not define, or a name without credentials would put
words in front of readers on an authority they cannot check: each is an
error at the marker. So is a marker that is not the quote's first line,
which the page would show as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.rules.people import project_people
from evidence_guides.findings import line_and_column
from evidence_guides.guide.quotes import MARKER, read_speaker, source_markers
from evidence_guides.text.citations import mask_markdown

if TYPE_CHECKING:
    from evidence_guides.audit.context import PageContext
    from evidence_guides.audit.sink import Sink

RULE = rule_ids.UNATTRIBUTED_QUOTE


def check_page(context: PageContext, sink: Sink) -> None:
    """Every expert-quote marker of the body whose speaker is missing, unknown or bare."""
    body = context.body_text
    if MARKER not in body.lower():
        return
    people = project_people(context.settings)
    offset = context.body_offset
    for position, speaker, first in source_markers(mask_markdown(body)):
        where = line_and_column(context.source_text, offset + position)
        if not first:
            sink.add(RULE, where, f"'{MARKER}' must be the first line of its quote")
            continue
        _, problem = read_speaker(speaker, people)
        if problem is not None:
            sink.add(RULE, where, problem)
