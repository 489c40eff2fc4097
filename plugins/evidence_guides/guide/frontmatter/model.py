"""The guide model: what a guide's front-matter holds, checked and typed in one pass.

A guide's YAML block is where an author's typo silently drops a section from the
page, so it is checked as strictly as configuration: unknown keys are errors,
and every error names the field path and the file line. The typed dataclasses
below *are* the definition: each field carries its rule and its documentation
(:mod:`evidence_guides.guide.frontmatter.specs`), and both :func:`parse_guide`
and :func:`guide_json_schema` read them, so the build and an editor's schema
cannot disagree about a field.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from evidence_guides.findings import Finding, line_and_column
from evidence_guides.guide.frontmatter.specs import (
    Boolean,
    Date,
    ListOf,
    Number,
    Record,
    String,
    rule,
)
from evidence_guides.guide.frontmatter.walker import (
    MAX_BRACKETS,
    RULE,
    TextField,
    Walk,
    deep_bracket,
)
from evidence_guides.text.front_matter import GuideSource, split_front_matter

LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")
ROLES: tuple[str, ...] = ("primary", "secondary", "stabilizer", "antagonist")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Ids of the people file (evidence_guides.guide.people), as guides name them.
PERSON_ID_PATTERN = SLUG_PATTERN
CITE_PATTERN = r"\[@|PMID"

_TEXT = String(text=True)
_LEVEL = String(choices=LEVELS)
_SLUG = String(
    pattern=SLUG_PATTERN,
    hint="{value} is not a guide slug (lowercase words joined by '-', e.g. 'glute-bridge')",
)
_CITE = String(text=True, pattern=CITE_PATTERN, hint="must cite a source, e.g. '[@ainsworth2011]'")
_PERSON = String(
    pattern=PERSON_ID_PATTERN,
    hint="{value} is not a person id (lowercase words joined by '-', e.g. 'jane-doe')",
)


@dataclass(frozen=True, slots=True)
class Muscle:
    """A muscle the exercise trains, and the part it plays in the movement."""

    name: str = field(metadata=rule(String(), "Common name, e.g. 'rectus abdominis'."))
    role: str = field(metadata=rule(String(choices=ROLES), "Its part in the movement."))
    note: str | None = field(default=None, metadata=rule(_TEXT, "Markdown; may cite sources."))


@dataclass(frozen=True, slots=True)
class Variation:
    """An easier or harder version, so that every reader finds one that fits."""

    name: str = field(metadata=rule(String(), "Name of the variation."))
    level: str = field(metadata=rule(_LEVEL, "Who it suits."))
    how: str = field(metadata=rule(_TEXT, "Markdown: how it differs from the main exercise."))


@dataclass(frozen=True, slots=True)
class Mistake:
    """A common mistake and its fix; the page shows them side by side."""

    mistake: str = field(metadata=rule(_TEXT, "Markdown: what goes wrong."))
    fix: str = field(metadata=rule(_TEXT, "Markdown: how to correct it."))


@dataclass(frozen=True, slots=True)
class FaqItem:
    """One question and its answer; also published as FAQ structured data."""

    q: str = field(metadata=rule(String(), "The question, as a reader would ask it."))
    a: str = field(metadata=rule(_TEXT, "Markdown answer; may cite sources."))


@dataclass(frozen=True, slots=True)
class Met:
    """Energy cost in METs. A number without a source is not evidence, so it must cite one."""

    value: float = field(metadata=rule(Number(), "Metabolic equivalent, greater than 0."))
    cite: str = field(metadata=rule(_CITE, "Markdown with the source: [@key] or PMID."))


@dataclass(frozen=True, slots=True)
class Guide:
    """Front-matter of an exercise guide (content/exercises/*.md)."""

    title: str = field(metadata=rule(String(), "Page title and H1, e.g. 'Hanging leg raise'."))
    description: str = field(
        metadata=rule(
            String(max_length=160),
            "The page's meta description, shown in search results: at most 160 characters.",
        )
    )
    level: str = field(metadata=rule(_LEVEL, "Difficulty of the main exercise."))
    muscles: tuple[Muscle, ...] = field(
        metadata=rule(ListOf(Record(Muscle), 1), "Muscles the exercise trains; at least one.")
    )
    variations: tuple[Variation, ...] = field(
        metadata=rule(ListOf(Record(Variation), 1), "Easier and harder versions; at least one.")
    )
    mistakes: tuple[Mistake, ...] = field(
        metadata=rule(ListOf(Record(Mistake), 1), "Common mistakes and fixes; at least one.")
    )
    faq: tuple[FaqItem, ...] = field(
        metadata=rule(ListOf(Record(FaqItem), 1), "Questions and answers; at least one.")
    )
    last_reviewed: datetime.date = field(
        metadata=rule(Date(), "Day the guide's evidence was last reviewed (YYYY-MM-DD).")
    )
    # Who wrote and who reviewed the guide: ids of the people file (issue 17).
    author: str | None = field(
        default=None, metadata=rule(_PERSON, "Who wrote it: an id of the people file.")
    )
    reviewed_by: str | None = field(
        default=None,
        metadata=rule(_PERSON, "The expert who reviewed it: an id of the people file."),
    )
    equipment: tuple[str, ...] = field(
        default=(), metadata=rule(ListOf(String()), "Equipment needed, if any.")
    )
    met: Met | None = field(
        default=None, metadata=rule(Record(Met), "Energy cost in METs, with its source.")
    )
    related: tuple[str, ...] = field(
        default=(), metadata=rule(ListOf(_SLUG), "Slugs of related guides, e.g. 'plank'.")
    )
    draft: bool = field(
        default=False, metadata=rule(Boolean(), "True while the guide is not finished.")
    )


GUIDE_DEFINITION = Record(Guide)


@dataclass(frozen=True, slots=True)
class ParsedGuide:
    """Everything known about one guide's front-matter; ``guide`` only when error-free."""

    source: GuideSource
    meta: dict[str, Any]
    guide: Guide | None
    findings: tuple[Finding, ...]
    text_fields: tuple[TextField, ...]


def _unread(source: GuideSource, path: str, line: int, column: int, message: str) -> ParsedGuide:
    return ParsedGuide(source, {}, None, (Finding(path, line, column, RULE, "error", message),), ())


def parse_guide(text: str, path: str) -> ParsedGuide:
    """Read and check one guide. Never raises: every problem becomes a finding."""
    source = split_front_matter(text)
    meta_text = source.meta_text
    if meta_text is None:
        if re.match(r"-{3}[ \t]*\n", text):
            return _unread(source, path, 1, 1, "front-matter is empty or has no closing '---' line")
        message = "missing front-matter (a guide starts with a '---' YAML block)"
        return _unread(source, path, 1, 1, message)
    offset = text.index("\n") + 1
    deep = deep_bracket(meta_text)
    if deep is not None:
        message = f"front-matter nests brackets more than {MAX_BRACKETS} deep"
        return _unread(source, path, *line_and_column(text, offset + deep), message)
    walk = Walk(text, offset, path)
    try:
        walk.open(meta_text)
        meta, guide = walk.document(GUIDE_DEFINITION)
    except (yaml.YAMLError, UnicodeEncodeError) as exc:
        index, problem = walk.unreadable(exc, meta_text)
        message = f"front-matter is not valid YAML: {problem}"
        return _unread(source, path, *line_and_column(text, offset + index), message)
    finally:
        walk.close()
    findings = tuple(sorted(walk.findings))
    return ParsedGuide(source, meta, None if findings else guide, findings, tuple(walk.texts))


def guide_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a guide's front-matter, for editors and CI."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://evidence-guides.example/schema/guide.schema.json",
        "title": "Exercise guide front-matter",
        **GUIDE_DEFINITION.schema(),
    }
