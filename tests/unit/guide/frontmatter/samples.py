"""The guides the front-matter tests edit: a full one from the fixtures and a minimal one.

Each case changes one line of a known-good guide, so the line and column a
finding names can be checked against text a reader can see.
"""

from __future__ import annotations

from pathlib import Path

from evidence_guides.guide.frontmatter.model import parse_guide

PATH = "content/exercises/leg-raise.md"
TEXT = (Path(__file__).parents[3] / "fixtures" / "frontmatter" / "leg-raise.md").read_text(
    encoding="utf-8"
)
# Flow style keeps every field on one line, so a case can replace a whole field.
MINIMAL = """\
---
title: Plank
description: Hold a straight line from head to heels.
level: beginner
muscles: [{name: transversus abdominis, role: primary}]
variations: [{name: Knee plank, level: beginner, how: Knees down.}]
mistakes: [{mistake: Sagging hips., fix: Squeeze the glutes.}]
faq: [{q: 'How long?', a: 'Start with 20 s [@mcgill2010].'}]
last_reviewed: 2026-11-01
---
Body.
"""
Expected = list[tuple[int, int, str]]


def edit(text: str, old: str, new: str) -> str:
    """``text`` with its one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def found(text: str) -> Expected:
    """The line, column and message of each finding on ``text``."""
    return [(f.line, f.column, f.message) for f in parse_guide(text, PATH).findings]
