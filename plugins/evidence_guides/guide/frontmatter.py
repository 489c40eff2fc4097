"""Guide front-matter: one definition that both checks guides and writes their JSON Schema.

A guide's YAML block is where an author's typo silently drops a section from the
page, so it is checked as strictly as configuration: unknown keys are errors,
and every error names the field path and the file line. The typed dataclasses
below *are* the definition: each field carries its rule and its documentation,
and both :func:`parse_guide` and :func:`guide_json_schema` read them, so the
build and an editor's schema cannot disagree about a field.

YAML is read as an event stream (libyaml when available) in a single pass,
rather than composed into a node tree: events carry exact marks, so anchors and
aliases are refused where they are written and never expanded (no billion
laughs), unknown tags are never constructed, and a hostile nesting depth cannot
overflow the C stack (libyaml's composer recurses; its parser does not).
"""

from __future__ import annotations

import datetime
import difflib
import functools
import inspect
import math
import re
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, ClassVar

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from evidence_guides import rule_ids
from evidence_guides.findings import Finding, line_and_column

LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")
ROLES: tuple[str, ...] = ("primary", "secondary", "stabilizer", "antagonist")
RULE = rule_ids.FRONTMATTER_INVALID
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
CITE_PATTERN = r"\[@|PMID"
MAX_DEPTH = 20  # far deeper than any guide; bounds recursion on hostile input
MAX_BRACKETS = 100  # YAML scanners slow down quadratically with flow depth

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
try:
    from yaml.cyaml import CParser as _CPARSER
except ImportError:  # PyYAML built without libyaml
    _CPARSER = ()
_RESOLVER = yaml.resolver.Resolver()  # stateless for scalars: shared, built once
# A plain scalar's tag depends on its text alone, and guides repeat the same keys
# and short values ("name", "primary", "true"): resolved once each.
_PLAIN_TAGS: dict[str, str] = {}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_Y = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _DATE = (
    _Y + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_KINDS = {  # the only scalar tags ever constructed, and their names in messages
    _STR: "a string",
    _INT: "a number",
    _FLOAT: "a number",
    _BOOL: "a boolean",
    _NULL: "an empty value",
    _DATE: "a date",
}
# MkDocs' own fences, r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n" with DOTALL, in two
# steps: a search that starts with a newline is found several times faster than the lazy
# group is grown (tests/unit/test_frontmatter.py compares the two).
_OPENING_FENCE = re.compile(r"-{3}[ \t]*\n")
_CLOSING_FENCE = re.compile(r"\n(?:\.{3}|-{3})[ \t]*\n")
_BRACKET = re.compile(r"[\[\]{}]")
_MARKUP = re.compile(r"[<>]")
_BLOCK_CONTENT = re.compile(r"[|>][^\n]*\n[ \n]*")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_NO_KEY = object()
_ALIASES = "YAML anchors and aliases are not allowed"


def _rule(rule: Spec, doc: str) -> dict[str, Any]:
    """Field metadata: how a model field is checked, and what the schema says about it."""
    return {"rule": rule, "doc": doc}


def _quote(value: str) -> str:
    """Quote hostile text for a one-line message: repr escapes newlines and controls."""
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _got(tag: str, raw: str) -> str:
    return f"{_KINDS[tag]} {_quote(raw)}" if raw and tag != _NULL else _KINDS[tag]


def _at(path: str) -> str:
    return f"{path}: " if path else ""


def _no_events() -> Any:
    raise yaml.YAMLError("no YAML to read")


@functools.lru_cache(maxsize=4096)  # the same few paths in every guide
def _child(path: str, name: str) -> str:
    key = name if _PLAIN_KEY.fullmatch(name) else f"[{_quote(name)}]"
    return f"{path}.{key}" if path and key[0] != "[" else path + key


def _standard(event: Any) -> str:
    return _Y + ("map" if isinstance(event, MappingStartEvent) else "seq")


def _search(pattern: str, value: str) -> bool:
    """Search as JSON Schema does, where ``$`` is the very end (not before a newline)."""
    if pattern.endswith("$"):
        pattern = pattern[:-1] + r"\Z"
    return re.search(pattern, value) is not None


class _Scalar:
    """A scalar whose resolved YAML tag is one of ``tags``, then checked by ``check``."""

    __slots__ = ()
    tags: ClassVar[tuple[str, ...]] = (_STR,)
    text = False

    @property
    def expected(self) -> str:
        raise NotImplementedError

    def check(self, value: Any, raw: str) -> tuple[Any, str | None]:
        """The typed value, or a problem with it."""
        return value, None

    def read(self, walk: _Walk, event: Any, path: str) -> tuple[Any, Any]:
        if not isinstance(event, ScalarEvent):
            return walk.mismatch(event, path, self.expected), None
        tag, value = walk.scalar(event, path)
        if tag is None:
            return None, None
        if tag in self.tags:
            if self.text:
                walk.text_field(event, path, value)
            typed, problem = self.check(value, event.value)
        elif tag == _NULL and self.tags == (_STR,):
            problem = "must not be empty"
        else:
            problem = f"expected {self.expected}, got {_got(tag, event.value)}"
            if self.expected == "a string":
                problem += " (quote it to keep it as text)"
        if problem is not None:
            walk.error(event.start_mark, f"{path}: {problem}")
            return value, None
        return value, typed


@dataclass(frozen=True, slots=True)
class String(_Scalar):
    """A string that is not blank. ``text`` marks Markdown prose that may cite sources."""

    text: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    pattern: str | None = None
    hint: str = "{value} does not match the expected form"

    @property
    def expected(self) -> str:
        return f"one of {', '.join(self.choices)}" if self.choices else "a string"

    @property
    def is_plain(self) -> bool:
        """Plain text (titles, names, questions): no Markdown, no markup characters."""
        return not (self.text or self.choices or self.pattern)

    def check(self, value: str, raw: str) -> tuple[Any, str | None]:
        if not value.strip():
            return value, "must not be empty"
        if self.is_plain and (markup := _MARKUP.search(value)):
            # Themes print titles and names as they are: '<' would become markup.
            return value, f"is plain text: {markup.group()!r} is not allowed (write it in words)"
        if self.choices and value not in self.choices:
            return value, f"{_quote(value)} is not {self.expected}"
        if self.max_length is not None and len(value) > self.max_length:
            return value, f"is {len(value)} characters long, at most {self.max_length} allowed"
        if self.pattern is not None and not _search(self.pattern, value):
            return value, self.hint.format(value=_quote(value))
        return value, None

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.choices:
            schema["enum"] = list(self.choices)
        elif self.is_plain:  # non-blank, and no markup characters
            schema["pattern"] = r"^[^<>]*[^<>\s][^<>]*$"
        else:  # JSON Schema cannot strip: "has a non-blank character" instead
            schema["pattern"] = self.pattern or r"\S"
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        if self.text:
            schema["contentMediaType"] = "text/markdown"
        return schema


@dataclass(frozen=True, slots=True)
class Date(_Scalar):
    """A calendar day: a YAML date, or a string in YYYY-MM-DD form."""

    tags: ClassVar[tuple[str, ...]] = (_STR, _DATE)
    expected = "a date in YYYY-MM-DD form"

    def check(self, value: Any, raw: str) -> tuple[Any, str | None]:
        if not _search(DATE_PATTERN, raw):
            return None, f"expected {self.expected}, got {_quote(raw)}"
        try:
            return datetime.date.fromisoformat(raw), None
        except ValueError as exc:
            return None, f"{_quote(raw)} is not a real date ({exc})"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}


@dataclass(frozen=True, slots=True)
class Number(_Scalar):
    """A finite number greater than zero."""

    tags: ClassVar[tuple[str, ...]] = (_INT, _FLOAT)
    expected = "a number greater than 0"

    def check(self, value: Any, raw: str) -> tuple[Any, str | None]:
        try:
            number = float(value)
        except (OverflowError, ValueError):  # an integer too big for a float
            number = math.inf
        if math.isfinite(number) and number > 0:
            return number, None
        return None, f"expected {self.expected}, got {_quote(raw)}"

    def schema(self) -> dict[str, Any]:
        return {"type": "number", "exclusiveMinimum": 0}


@dataclass(frozen=True, slots=True)
class Boolean(_Scalar):
    """``true`` or ``false``."""

    tags: ClassVar[tuple[str, ...]] = (_BOOL,)
    expected = "true or false"

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True, slots=True)
class ListOf:
    """A YAML sequence whose items all follow ``item``."""

    item: Spec
    min_items: int = 0

    def read(self, walk: _Walk, event: Any, path: str) -> tuple[Any, Any]:
        if not isinstance(event, SequenceStartEvent):
            return walk.mismatch(event, path, "a list"), None
        if not walk.start(event, path):
            return None, None
        plain: list[Any] = []
        typed: list[Any] = []
        while not isinstance(item := walk.next(), SequenceEndEvent):
            value, result = self.item.read(walk, item, f"{path}[{len(plain)}]")
            plain.append(value)
            typed.append(result)
        if len(plain) < self.min_items:
            walk.error(
                event.start_mark,
                f"{path}: must list at least {self.min_items} item" + "s" * (self.min_items > 1),
            )
        return plain, tuple(typed)

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


class Record:
    """A YAML mapping read into ``model``, a frozen dataclass whose fields carry :func:`_rule`.

    A field is required when the dataclass gives it no default, so the model's
    signature, the checks and the schema all come from the same lines.
    """

    __slots__ = ("model", "names", "required", "rules")

    def __init__(self, model: type) -> None:
        self.model = model
        self.rules = {f.name: f.metadata["rule"] for f in fields(model)}
        self.names = tuple(self.rules)
        self.required = tuple(f.name for f in fields(model) if f.default is MISSING)

    def read(self, walk: _Walk, event: Any, path: str) -> tuple[Any, Any]:
        if not isinstance(event, MappingStartEvent):
            return walk.mismatch(event, path, "a mapping of fields"), None
        if not walk.start(event, path):
            return None, None
        before = len(walk.findings)
        plain: dict[Any, Any] = {}
        typed: dict[str, Any] = {}
        seen: set[str] = set()
        while not isinstance(key_event := walk.next(), MappingEndEvent):
            name, key = walk.key(key_event, path)
            value_event = walk.next()
            rule = self.rules.get(name) if name is not None else None
            if name is not None and name in seen:
                walk.error(key_event.start_mark, f"{_at(path)}duplicate key {_quote(name)}")
                rule = None  # YAML keeps the last value: the meta shows it, unchecked
            elif rule is None and name is not None:
                close = difflib.get_close_matches(name, self.names, n=1)
                also = f" (did you mean {close[0]!r}?)" if close else ""
                walk.error(key_event.start_mark, f"{_at(path)}unknown key {_quote(name)}{also}")
            if name is not None:
                seen.add(name)
            if rule is None:
                value = walk.plain(value_event, _child(path, name or "?"))
            else:
                value, typed[name] = rule.read(walk, value_event, _child(path, name))
            if key is not _NO_KEY:
                plain[key] = value
        for name in self.required:
            if name not in seen:
                walk.error(event.start_mark, f"{_child(path, name)}: required field is missing")
        return plain, self.model(**typed) if len(walk.findings) == before else None

    def schema(self) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        for f in fields(self.model):
            properties[f.name] = {"description": f.metadata["doc"], **f.metadata["rule"].schema()}
            if isinstance(f.default, bool | int | float | str):
                properties[f.name]["default"] = f.default
        return {
            "type": "object",
            "description": inspect.cleandoc(self.model.__doc__ or ""),
            "properties": properties,
            "required": list(self.required),
            "additionalProperties": False,
        }


Spec = String | Date | Number | Boolean | ListOf | Record
_TEXT = String(text=True)
_LEVEL = String(choices=LEVELS)
_SLUG = String(
    pattern=SLUG_PATTERN,
    hint="{value} is not a guide slug (lowercase words joined by '-', e.g. 'glute-bridge')",
)
_CITE = String(text=True, pattern=CITE_PATTERN, hint="must cite a source, e.g. '[@ainsworth2011]'")


@dataclass(frozen=True, slots=True)
class Muscle:
    """A muscle the exercise trains, and the part it plays in the movement."""

    name: str = field(metadata=_rule(String(), "Common name, e.g. 'rectus abdominis'."))
    role: str = field(metadata=_rule(String(choices=ROLES), "Its part in the movement."))
    note: str | None = field(default=None, metadata=_rule(_TEXT, "Markdown; may cite sources."))


@dataclass(frozen=True, slots=True)
class Variation:
    """An easier or harder version, so that every reader finds one that fits."""

    name: str = field(metadata=_rule(String(), "Name of the variation."))
    level: str = field(metadata=_rule(_LEVEL, "Who it suits."))
    how: str = field(metadata=_rule(_TEXT, "Markdown: how it differs from the main exercise."))


@dataclass(frozen=True, slots=True)
class Mistake:
    """A common mistake and its fix; the page shows them side by side."""

    mistake: str = field(metadata=_rule(_TEXT, "Markdown: what goes wrong."))
    fix: str = field(metadata=_rule(_TEXT, "Markdown: how to correct it."))


@dataclass(frozen=True, slots=True)
class FaqItem:
    """One question and its answer; also published as FAQ structured data."""

    q: str = field(metadata=_rule(String(), "The question, as a reader would ask it."))
    a: str = field(metadata=_rule(_TEXT, "Markdown answer; may cite sources."))


@dataclass(frozen=True, slots=True)
class Met:
    """Energy cost in METs. A number without a source is not evidence, so it must cite one."""

    value: float = field(metadata=_rule(Number(), "Metabolic equivalent, greater than 0."))
    cite: str = field(metadata=_rule(_CITE, "Markdown with the source: [@key] or PMID."))


@dataclass(frozen=True, slots=True)
class Guide:
    """Front-matter of an exercise guide (content/exercises/*.md)."""

    title: str = field(metadata=_rule(String(), "Page title and H1, e.g. 'Hanging leg raise'."))
    description: str = field(
        metadata=_rule(
            String(max_length=160),
            "The page's meta description, shown in search results: at most 160 characters.",
        )
    )
    level: str = field(metadata=_rule(_LEVEL, "Difficulty of the main exercise."))
    muscles: tuple[Muscle, ...] = field(
        metadata=_rule(ListOf(Record(Muscle), 1), "Muscles the exercise trains; at least one.")
    )
    variations: tuple[Variation, ...] = field(
        metadata=_rule(ListOf(Record(Variation), 1), "Easier and harder versions; at least one.")
    )
    mistakes: tuple[Mistake, ...] = field(
        metadata=_rule(ListOf(Record(Mistake), 1), "Common mistakes and fixes; at least one.")
    )
    faq: tuple[FaqItem, ...] = field(
        metadata=_rule(ListOf(Record(FaqItem), 1), "Questions and answers; at least one.")
    )
    last_reviewed: datetime.date = field(
        metadata=_rule(Date(), "Day the guide's evidence was last reviewed (YYYY-MM-DD).")
    )
    equipment: tuple[str, ...] = field(
        default=(), metadata=_rule(ListOf(String()), "Equipment needed, if any.")
    )
    met: Met | None = field(
        default=None, metadata=_rule(Record(Met), "Energy cost in METs, with its source.")
    )
    related: tuple[str, ...] = field(
        default=(), metadata=_rule(ListOf(_SLUG), "Slugs of related guides, e.g. 'plank'.")
    )
    draft: bool = field(
        default=False, metadata=_rule(Boolean(), "True while the guide is not finished.")
    )


GUIDE_DEFINITION = Record(Guide)


@dataclass(frozen=True, slots=True)
class GuideSource:
    """A guide file split into its YAML front-matter and Markdown body."""

    meta_text: str | None  # None without front-matter; then the body is the whole file
    meta_line: int  # 1-based file line of the first YAML line
    body: str
    body_line: int
    body_offset: int


@dataclass(frozen=True, slots=True)
class TextField:
    """A Markdown text field and where its source sits in the file, for citation checks."""

    path: str  # e.g. "faq[0].a"
    value: str
    line: int  # where the text starts; for | and > blocks, the first content line
    column: int
    start: int  # file offsets of the scalar's source, quotes and block indicator included
    end: int


@dataclass(frozen=True, slots=True)
class ParsedGuide:
    """Everything known about one guide's front-matter; ``guide`` only when error-free."""

    source: GuideSource
    meta: dict[str, Any]
    guide: Guide | None
    findings: tuple[Finding, ...]
    text_fields: tuple[TextField, ...]


def may_set_draft(text: str) -> bool:
    """False when the front-matter certainly does not set ``draft`` (no word, no escape).

    A key is spelt out in YAML unless a double-quoted escape writes it, so most
    guides can be published without reading their YAML first.
    """
    meta_text = split_front_matter(text).meta_text
    return meta_text is not None and ("draft" in meta_text or "\\" in meta_text)


def split_front_matter(text: str) -> GuideSource:
    """Split exactly where MkDocs does, so the plugin and the CLI see the same YAML."""
    opening = _OPENING_FENCE.match(text)
    closing = _CLOSING_FENCE.search(text, opening.end()) if opening is not None else None
    if opening is None or closing is None:
        return GuideSource(None, 1, text, 1, 0)
    end = closing.end()
    meta = text[opening.end() : closing.start() + 1]
    return GuideSource(meta, 2, text[end:], text.count("\n", 0, end) + 1, end)


class _Walk:
    """One pass over the YAML events, collecting findings and text fields as it goes."""

    __slots__ = ("depth", "events", "file", "findings", "next", "offset", "text", "texts")

    def __init__(self, text: str, offset: int, file: str) -> None:
        self.events: Any = None  # the YAML parser, which hands out one event at a time
        self.next: Callable[[], Any] = _no_events  # its get_event, once it is set
        self.text = text
        self.offset = offset  # where the YAML starts in the file text
        self.file = file
        self.depth = 0
        self.findings: list[Finding] = []
        self.texts: list[TextField] = []

    def error(self, mark: Any, message: str) -> None:
        line, column = line_and_column(self.text, self.offset + mark.index)
        self.findings.append(Finding(self.file, line, column, RULE, "error", message))

    def text_field(self, event: ScalarEvent, path: str, value: str) -> None:
        start = self.offset + event.start_mark.index
        end = self.offset + event.end_mark.index
        first = start
        if event.style in ("|", ">"):  # point at the content, not the indicator
            content = _BLOCK_CONTENT.search(self.text, start, end)
            if content is not None and content.end() < end:
                first = content.end()
        line, column = line_and_column(self.text, first)
        self.texts.append(TextField(path, value, line, column, start, end))

    def scalar(self, event: ScalarEvent, path: str) -> tuple[str | None, Any]:
        """Resolve and construct a scalar as SafeLoader would; ``(None, None)`` if refused."""
        if event.anchor is not None:
            self.error(event.start_mark, _at(path) + _ALIASES)
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted, or a block: a string, as SafeLoader resolves it
                tag = _STR
            elif (tag := _PLAIN_TAGS.get(event.value)) is None:
                tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
                if tag not in _KINDS:  # plain '<<' and '=': merge/value tags, text here
                    tag = _STR
                if len(event.value) <= 40 and len(_PLAIN_TAGS) < 4096:
                    _PLAIN_TAGS[event.value] = tag
        elif tag not in _KINDS:
            self.refuse_tag(event, path)
            return None, None
        if tag == _STR:
            return tag, event.value
        try:
            node = yaml.ScalarNode(tag, event.value)
            return tag, _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, OverflowError):  # 2026-02-30, a 5,000-digit integer
            return tag, event.value

    def refuse_tag(self, event: Any, path: str) -> None:
        """Never construct a tag beyond plain data: ``!!python/object`` runs code."""
        tag = "!!" + event.tag[len(_Y) :] if event.tag.startswith(_Y) else event.tag
        self.error(event.start_mark, f"{_at(path)}unsupported YAML tag {_quote(tag)}")

    def start(self, event: Any, path: str) -> bool:
        """Check a collection's start; when it is refused, skip it and return False."""
        if event.anchor is not None:
            self.error(event.start_mark, _at(path) + _ALIASES)
        if event.tag not in (None, "!", _standard(event)):
            self.refuse_tag(event, path)
        elif self.depth >= MAX_DEPTH:
            self.error(event.start_mark, f"{_at(path)}nested more than {MAX_DEPTH} levels deep")
        else:
            return True
        self.skip(event)
        return False

    def skip(self, event: Any) -> None:
        depth = 1 if isinstance(event, CollectionStartEvent) else 0
        while depth:
            event = self.next()
            if isinstance(event, CollectionStartEvent):
                depth += 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1

    def key(self, event: Any, path: str) -> tuple[str | None, Any]:
        """A mapping key: its source text for matching fields, and its loaded value."""
        if isinstance(event, ScalarEvent):
            tag, value = self.scalar(event, path)
            return (None, _NO_KEY) if tag is None else (event.value, value)
        if isinstance(event, AliasEvent):
            self.error(event.start_mark, _at(path) + _ALIASES)
        else:
            self.error(event.start_mark, f"{_at(path)}keys must be plain strings")
            self.skip(event)
        return None, _NO_KEY

    def mismatch(self, event: Any, path: str, expected: str) -> Any:
        """Report a value of the wrong shape, and still load it for ``meta``."""
        if isinstance(event, ScalarEvent):
            tag, value = self.scalar(event, path)
            if tag is not None:
                self.error(event.start_mark, f"{_at(path)}expected {expected}, got {_KINDS[tag]}")
            return value
        if not isinstance(event, AliasEvent) and event.tag in (None, "!", _standard(event)):
            got = "a list" if isinstance(event, SequenceStartEvent) else "a mapping"
            self.error(event.start_mark, f"{_at(path)}expected {expected}, got {got}")
        return self.plain(event, path)  # reports aliases and refused tags itself

    def plain(self, event: Any, path: str) -> Any:
        """Load a value the definition does not describe, refusing what is unsafe."""
        if isinstance(event, ScalarEvent):
            return self.scalar(event, path)[1]
        if isinstance(event, AliasEvent):
            self.error(event.start_mark, _at(path) + _ALIASES)
            return None
        if not self.start(event, path):
            return None
        self.depth += 1
        if isinstance(event, SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(item := self.next(), SequenceEndEvent):
                items.append(self.plain(item, f"{path}[{len(items)}]"))
            self.depth -= 1
            return items
        mapping: dict[Any, Any] = {}
        while not isinstance(key_event := self.next(), MappingEndEvent):
            name, key = self.key(key_event, path)
            value = self.plain(self.next(), _child(path, name or "?"))
            if key is not _NO_KEY:
                mapping[key] = value
        self.depth -= 1
        return mapping


def _read(walk: _Walk) -> tuple[dict[Any, Any], Guide | None]:
    """Walk the front-matter's events: one document holding one mapping."""
    walk.next()  # StreamStartEvent
    root = walk.next()  # DocumentStartEvent, or StreamEndEvent when there is no document
    if isinstance(root, StreamEndEvent):
        walk.error(root.start_mark, "front-matter is empty")
        return {}, None
    root = walk.next()
    meta, guide = {}, None
    if isinstance(root, MappingStartEvent):
        meta, guide = GUIDE_DEFINITION.read(walk, root, "")
    else:
        got = "a list" if isinstance(root, SequenceStartEvent) else "a single value"
        walk.plain(root, "")
        walk.error(root.start_mark, f"front-matter must be a mapping of fields, got {got}")
    walk.next()  # DocumentEndEvent
    if not isinstance(extra := walk.next(), StreamEndEvent):
        walk.error(extra.start_mark, "front-matter must be a single YAML document")
    return meta if isinstance(meta, dict) else {}, guide


def _unreadable(exc: Exception, meta_text: str, events: Any) -> tuple[int, str]:
    """Where the YAML stops being readable, and a one-line description of why."""
    if isinstance(exc, UnicodeEncodeError):  # libyaml cannot take a lone surrogate
        index = exc.start
        problem = f"lone surrogates are not allowed (U+{ord(meta_text[index]):04X})"
    elif isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        if isinstance(events, _CPARSER):  # libyaml counts UTF-8 bytes here
            index = len(meta_text.encode()[:index].decode(errors="ignore"))
        problem = f"{exc.reason} (U+{exc.character:04X})"
    elif isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        index = mark.index if mark is not None else 0
        problem = exc.problem or exc.context or "unreadable"
    else:
        index, problem = 0, str(exc)
    return index, " ".join(problem.split())


def _deep_bracket(meta_text: str) -> int | None:
    """Where brackets first nest past MAX_BRACKETS, before a YAML scanner grinds on it."""
    depth = 0
    for bracket in _BRACKET.finditer(meta_text):  # brackets in prose count too: harmless
        depth = depth + 1 if bracket[0] in "[{" else max(depth - 1, 0)
        if depth > MAX_BRACKETS:
            return bracket.start()
    return None


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
    deep = _deep_bracket(meta_text)
    if deep is not None:
        message = f"front-matter nests brackets more than {MAX_BRACKETS} deep"
        return _unread(source, path, *line_and_column(text, offset + deep), message)
    walk = _Walk(text, offset, path)
    try:
        walk.events = _LOADER(meta_text)  # pure-Python PyYAML checks characters here
        walk.next = walk.events.get_event
        meta, guide = _read(walk)
    except (yaml.YAMLError, UnicodeEncodeError) as exc:
        index, problem = _unreadable(exc, meta_text, walk.events)
        message = f"front-matter is not valid YAML: {problem}"
        return _unread(source, path, *line_and_column(text, offset + index), message)
    finally:
        if walk.events is not None:
            walk.events.dispose()
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
