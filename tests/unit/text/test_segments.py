"""Mapping offsets in prose back to the file, for the body and every YAML scalar style."""

from __future__ import annotations

import pytest

from evidence_guides.guide.frontmatter.model import parse_guide
from evidence_guides.text.segments import body_segment, field_positions, guide_segments

GUIDE = """\
---
title: Plank
description: Hold a line.
level: beginner
last_reviewed: 2026-11-01
muscles:
  - name: Rectus abdominis
    role: stabilizer
    note: Plain scalar with [@plain] inside.
  - name: Obliques
    role: secondary
    note: "Double ''quoted'' with \\"escape\\" and [@double]"
  - name: Glutes
    role: secondary
    note: 'Single ''quoted'' and [@single]'
variations:
  - name: Knee plank
    level: beginner
    how: |
      Literal block first line.
      Second line with [@literal] here.
mistakes:
  - mistake: >-
      Folded block that goes on
      and on with [@folded] at the end.
    fix: Multi-line plain
      scalar with [@multiline] inside.
faq:
  - q: How long?
    a: Until form fails.
---

Body line one.
Body with [@body] here.
"""


def _file_position(needle: str) -> tuple[int, int]:
    offset = GUIDE.index(needle)
    line = GUIDE.count("\n", 0, offset) + 1
    return line, offset - GUIDE.rfind("\n", 0, offset)


@pytest.mark.parametrize(
    ("field", "needle"),
    [
        ("muscles[0].note", "[@plain]"),
        ("muscles[1].note", "[@double]"),
        ("muscles[2].note", "[@single]"),
        ("variations[0].how", "[@literal]"),
        ("mistakes[0].mistake", "[@folded]"),
        ("mistakes[0].fix", "[@multiline]"),
    ],
)
def test_field_offsets_map_to_the_yaml(field: str, needle: str) -> None:
    parsed = parse_guide(GUIDE, "g.md")
    assert parsed.findings == ()
    segment = guide_segments(parsed, GUIDE)[field]
    assert segment.position(segment.text.index(needle)) == _file_position(needle)


def test_body_offsets_are_exact() -> None:
    body_offset = GUIDE.index("Body line one.")
    segment = body_segment(GUIDE, GUIDE[body_offset:], body_offset)
    assert segment.position(segment.text.index("[@body]")) == _file_position("[@body]")


def test_offset_at_the_end_stays_inside_the_scalar() -> None:
    parsed = parse_guide(GUIDE, "g.md")
    segment = guide_segments(parsed, GUIDE)["faq[0].a"]
    line, _ = segment.position(len(segment.text))
    assert line == _file_position("Until form fails.")[0]


def test_field_positions_name_every_field_holding_the_text_and_where() -> None:
    parsed = parse_guide(GUIDE, "g.md")
    assert field_positions(parsed, GUIDE, "[@literal]") == [
        ("variations[0].how", *_file_position("[@literal]"))
    ]
    assert field_positions(parsed, GUIDE, "[@double]") == [
        ("muscles[1].note", *_file_position("[@double]"))
    ]
    assert [field for field, *_ in field_positions(parsed, GUIDE, "scalar")] == [
        "muscles[0].note",
        "mistakes[0].fix",
    ]
    assert field_positions(parsed, GUIDE, "@literal", after="[") == [
        ("variations[0].how", *_file_position("@literal"))
    ]
    assert field_positions(parsed, GUIDE, "@literal", after="(") == []
    assert field_positions(parsed, GUIDE, "[@body]") == []  # the body is not a field
