"""A guide's reading time, shown in its summary box: words read at an unhurried pace.

Health articles give it so a reader knows what they are starting. It counts the
words a reader meets (the body and the structured sections' text, markup and
citation keys included, which a few words per page do not change) at
:data:`WORDS_PER_MINUTE`, rounded, never less than a minute.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evidence_guides.guide.frontmatter.model import Guide

WORDS_PER_MINUTE = 200


def guide_texts(guide: Guide) -> Iterable[str]:
    """The text of a guide's front-matter that its page shows."""
    yield guide.description
    yield guide.safety or ""
    for muscle in guide.muscles:
        yield f"{muscle.name} {muscle.note or ''}"
    for variation in guide.variations:
        yield f"{variation.name} {variation.how}"
    for mistake in guide.mistakes:
        yield f"{mistake.mistake} {mistake.fix}"
    for item in guide.faq:
        yield f"{item.q} {item.a}"


def reading_minutes(texts: Iterable[str]) -> int:
    """Minutes to read ``texts``: their words at :data:`WORDS_PER_MINUTE`, at least 1."""
    words = sum(len(text.split()) for text in texts)
    return max(1, round(words / WORDS_PER_MINUTE))
