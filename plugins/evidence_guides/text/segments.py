"""A page's prose, as segments that know where they sit in the file.

A guide's prose is its Markdown body plus the text fields of its front-matter
(muscle notes, variation steps, fixes, FAQ answers, ``met.cite``). The site
build renders these segments and the audit reads them; both report problems
at ``file:line:col``, so each segment maps an offset in its text back to the
file. For the body that is a plain offset. For a YAML scalar it is not: quotes,
escapes, indentation and folded line breaks all make the value differ from its
spelling in the file, so the mapping aligns the value with the source.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides.findings import line_and_column

if TYPE_CHECKING:
    from evidence_guides.guide.frontmatter.model import ParsedGuide
    from evidence_guides.guide.frontmatter.walker import TextField

BODY = "body"
"""The field name of the Markdown body."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One run of prose: the body or one front-matter text field."""

    field: str  # BODY or a field path such as "faq[0].a"
    text: str
    source_text: str  # the whole file
    start: int  # where the segment's spelling starts in the file
    end: int
    is_yaml: bool

    def position(self, offset: int) -> tuple[int, int]:
        """The file's 1-based line and column of ``self.text[offset]``."""
        if not self.is_yaml:
            return line_and_column(self.source_text, self.start + offset)
        return line_and_column(
            self.source_text, _align(self.text, self.source_text, self.start, self.end, offset)
        )


def body_segment(source_text: str, body: str, body_offset: int) -> Segment:
    """The Markdown body, which starts at ``body_offset`` in the file."""
    return Segment(BODY, body, source_text, body_offset, body_offset + len(body), is_yaml=False)


def field_segment(source_text: str, field: TextField) -> Segment:
    """One front-matter text field."""
    return Segment(field.path, field.value, source_text, field.start, field.end, is_yaml=True)


def guide_segments(parsed: ParsedGuide, source_text: str) -> dict[str, Segment]:
    """Every text field of a parsed guide, by field path (the body is not included)."""
    return {field.path: field_segment(source_text, field) for field in parsed.text_fields}


def field_positions(
    parsed: ParsedGuide, source_text: str, needle: str, *, after: str = ""
) -> list[tuple[str, int, int]]:
    """Each text field holding ``after + needle``: its path, and the line and column of ``needle``.

    What is met rendering a field (a link to no page) is known by its text; an
    editor needs the place in the file.
    """
    return [
        (field.path, *field_segment(source_text, field).position(at + len(after)))
        for field in parsed.text_fields
        if (at := field.value.find(after + needle)) >= 0
    ]


FIELD_SEPARATOR = "\n\n\x00\n\n"
"""What joins fields read as one text: a blank line, a character no rule reads, a blank line.

Nothing the audit matches spans a blank line (a citation, an author-date
citation, a claim's sentence, a paragraph), and the NUL stops what spans only
white space ("PMID" then digits): each match stays within one field.
"""


@dataclass(frozen=True, slots=True)
class JoinedFields:
    """A guide's front-matter text fields read as one text, parted by FIELD_SEPARATOR.

    A guide has some twenty short fields; reading them as one text runs each
    rule once per page instead of once per field, with the same findings at
    the same positions.
    """

    fields: tuple[Segment, ...]
    text: str
    starts: tuple[int, ...]  # where each field starts in ``text``
    is_yaml = True

    @classmethod
    def of(cls, fields: tuple[Segment, ...]) -> JoinedFields:
        starts, at = [], 0
        for field in fields:
            starts.append(at)
            at += len(field.text) + len(FIELD_SEPARATOR)
        text = FIELD_SEPARATOR.join(field.text for field in fields)
        return cls(fields, text, tuple(starts))

    @property
    def source_text(self) -> str:
        return self.fields[0].source_text

    def position(self, offset: int) -> tuple[int, int]:
        """The file's line and column of ``self.text[offset]``, in the field it falls in."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.fields[index].position(offset - self.starts[index])


def _align(value: str, source: str, start: int, end: int, offset: int) -> int:
    """The file offset of ``value[offset]`` inside the scalar spelled at ``source[start:end]``.

    Walks the value and its spelling together: equal characters advance both;
    spelling-only characters (quotes, escapes, indentation, block indicators)
    advance the source; value-only white space (a folded line break) advances
    the value. Exact for the common cases, and never outside the scalar.
    """
    i, j = 0, start
    while i < offset and j < end:
        if value[i] == source[j]:
            i += 1
            j += 1
        elif value[i].isspace() and not source[j].isspace():
            i += 1
        else:
            j += 1
    # Skip the spelling-only characters before the target character itself.
    while j < end and offset < len(value) and source[j] != value[offset]:
        j += 1
    return min(j, max(start, end - 1))
