"""One pass over a guide's YAML events: safe loading, findings, and where values sit.

YAML is read as an event stream (libyaml when available) in a single pass,
rather than composed into a node tree: events carry exact marks, so anchors and
aliases are refused where they are written and never expanded (no billion
laughs), unknown tags are never constructed, and a hostile nesting depth cannot
overflow the C stack (libyaml's composer recurses; its parser does not).

The walker knows YAML and file positions, not the guide model: the field specs
(:mod:`evidence_guides.guide.frontmatter.specs`) drive it through a document and
call back into it for each value, and it records every finding at its file line
and where every Markdown text field's source starts and ends, for the citation
checks that run on those fields later.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
from evidence_guides.text.sanitize import visible_text

if TYPE_CHECKING:
    from evidence_guides.guide.frontmatter.specs import Record

RULE = rule_ids.FRONTMATTER_INVALID
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
TAG_STR, TAG_INT, TAG_FLOAT, TAG_BOOL, TAG_NULL, TAG_DATE = (
    _Y + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
KINDS = {  # the only scalar tags ever constructed, and their names in messages
    TAG_STR: "a string",
    TAG_INT: "a number",
    TAG_FLOAT: "a number",
    TAG_BOOL: "a boolean",
    TAG_NULL: "an empty value",
    TAG_DATE: "a date",
}
NO_KEY = object()  # a mapping key that was refused: its value is checked, not kept
_BRACKET = re.compile(r"[\[\]{}]")
_BLOCK_CONTENT = re.compile(r"[|>][^\n]*\n[ \n]*")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_ALIASES = "YAML anchors and aliases are not allowed"


def quote(value: str) -> str:
    """Quote hostile text for a one-line message: repr escapes newlines and controls."""
    return repr(value if len(value) <= 60 else value[:57] + "...")


def prefix(path: str) -> str:
    """``path: ``, the start of a message about the value at ``path`` (none at the root)."""
    return f"{path}: " if path else ""


@functools.lru_cache(maxsize=4096)  # the same few paths in every guide
def child(path: str, name: str) -> str:
    """The path of key ``name`` under ``path``: ``faq[0].a``, or ``['odd key']`` quoted."""
    key = name if _PLAIN_KEY.fullmatch(name) else f"[{quote(name)}]"
    return f"{path}.{key}" if path and key[0] != "[" else path + key


def deep_bracket(meta_text: str) -> int | None:
    """Where brackets first nest past MAX_BRACKETS, before a YAML scanner grinds on it."""
    depth = 0
    for bracket in _BRACKET.finditer(meta_text):  # brackets in prose count too: harmless
        depth = depth + 1 if bracket[0] in "[{" else max(depth - 1, 0)
        if depth > MAX_BRACKETS:
            return bracket.start()
    return None


def _no_events() -> Any:
    raise yaml.YAMLError("no YAML to read")


def _standard(event: Any) -> str:
    return _Y + ("map" if isinstance(event, MappingStartEvent) else "seq")


@dataclass(frozen=True, slots=True)
class TextField:
    """A Markdown text field and where its source sits in the file, for citation checks."""

    path: str  # e.g. "faq[0].a"
    value: str
    line: int  # where the text starts; for | and > blocks, the first content line
    column: int
    start: int  # file offsets of the scalar's source, quotes and block indicator included
    end: int


class Walk:
    """One pass over the YAML events, collecting findings and text fields as it goes."""

    __slots__ = ("depth", "events", "file", "findings", "marks", "next", "offset", "text", "texts")

    def __init__(self, text: str, offset: int, file: str) -> None:
        self.events: Any = None  # the YAML parser, which hands out one event at a time
        self.next: Callable[[], Any] = _no_events  # its get_event, once it is set
        self.text = text
        self.offset = offset  # where the YAML starts in the file text
        self.file = file
        self.depth = 0
        self.findings: list[Finding] = []
        self.texts: list[TextField] = []
        self.marks: dict[str, int] = {}  # every checked scalar's field path: its file offset

    def open(self, meta_text: str) -> None:
        """Start the YAML parser on ``meta_text``; pure-Python PyYAML checks characters here."""
        self.events = _LOADER(meta_text)
        self.next = self.events.get_event

    def close(self) -> None:
        """Free the parser (libyaml's is C memory), if one was started."""
        if self.events is not None:
            self.events.dispose()

    def document(self, definition: Record) -> tuple[dict[Any, Any], Any]:
        """Walk the front-matter's events: one document holding one mapping."""
        self.next()  # StreamStartEvent
        root = self.next()  # DocumentStartEvent, or StreamEndEvent when there is no document
        if isinstance(root, StreamEndEvent):
            self.error(root.start_mark, "front-matter is empty")
            return {}, None
        root = self.next()
        meta, typed = {}, None
        if isinstance(root, MappingStartEvent):
            meta, typed = definition.read(self, root, "")
        else:
            got = "a list" if isinstance(root, SequenceStartEvent) else "a single value"
            self.plain(root, "")
            self.error(root.start_mark, f"front-matter must be a mapping of fields, got {got}")
        self.next()  # DocumentEndEvent
        if not isinstance(extra := self.next(), StreamEndEvent):
            self.error(extra.start_mark, "front-matter must be a single YAML document")
        return meta if isinstance(meta, dict) else {}, typed

    def unreadable(self, exc: Exception, meta_text: str) -> tuple[int, str]:
        """Where the YAML stops being readable, and a one-line description of why."""
        if isinstance(exc, UnicodeEncodeError):  # libyaml cannot take a lone surrogate
            index = exc.start
            problem = f"lone surrogates are not allowed (U+{ord(meta_text[index]):04X})"
        elif isinstance(exc, yaml.reader.ReaderError):
            index = exc.position
            if isinstance(self.events, _CPARSER):  # libyaml counts UTF-8 bytes here
                index = len(meta_text.encode()[:index].decode(errors="ignore"))
            problem = f"{exc.reason} (U+{exc.character:04X})"
        elif isinstance(exc, yaml.MarkedYAMLError):
            mark = exc.problem_mark or exc.context_mark
            index = mark.index if mark is not None else 0
            problem = exc.problem or exc.context or "unreadable"
        else:
            index, problem = 0, str(exc)
        return index, " ".join(problem.split())

    def error(self, mark: Any, message: str) -> None:
        line, column = line_and_column(self.text, self.offset + mark.index)
        self.findings.append(Finding(self.file, line, column, RULE, "error", message))

    def duplicate(self, name: str, first: Any) -> str:
        """The message for key ``name`` written again in a mapping, where it is first."""
        line, _ = line_and_column(self.text, self.offset + first.index)
        return (
            f"duplicate key {quote(name)} (first on line {line}): YAML keeps only the last"
            " value; delete one of them"
        )

    def missing(self, event: Any, path: str, message: str) -> None:
        """A required field left out, reported at the mapping that lacks it.

        A top-level field is missing from the front-matter as a whole, so it is
        reported at its opening ``---``: the first key's line would send the
        editor to a field that is fine.
        """
        if path:
            self.error(event.start_mark, message)
        else:
            self.findings.append(Finding(self.file, 1, 1, RULE, "error", message))

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
        """Resolve and construct a scalar as SafeLoader would; ``(None, None)`` if refused.

        A string is :func:`~evidence_guides.text.sanitize.visible_text`: a control
        character or a bidirectional override, written as itself or as an escape
        (``"\\u202e"``), is U+FFFD in every value a page or the people file shows.
        """
        if event.anchor is not None:
            self.error(event.start_mark, prefix(path) + _ALIASES)
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted, or a block: a string, as SafeLoader resolves it
                tag = TAG_STR
            elif (tag := _PLAIN_TAGS.get(event.value)) is None:
                tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
                if tag not in KINDS:  # plain '<<' and '=': merge/value tags, text here
                    tag = TAG_STR
                if len(event.value) <= 40 and len(_PLAIN_TAGS) < 4096:
                    _PLAIN_TAGS[event.value] = tag
        elif tag not in KINDS:
            self.refuse_tag(event, path)
            return None, None
        if tag == TAG_STR:  # what pages show: never a control or bidirectional override
            return tag, visible_text(event.value)
        try:
            node = yaml.ScalarNode(tag, event.value)
            return tag, _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, OverflowError):  # 2026-02-30, a 5,000-digit integer
            return tag, event.value

    def refuse_tag(self, event: Any, path: str) -> None:
        """Never construct a tag beyond plain data: ``!!python/object`` runs code."""
        tag = "!!" + event.tag[len(_Y) :] if event.tag.startswith(_Y) else event.tag
        self.error(event.start_mark, f"{prefix(path)}unsupported YAML tag {quote(tag)}")

    def start(self, event: Any, path: str) -> bool:
        """Check a collection's start; when it is refused, skip it and return False."""
        if event.anchor is not None:
            self.error(event.start_mark, prefix(path) + _ALIASES)
        if event.tag not in (None, "!", _standard(event)):
            self.refuse_tag(event, path)
        elif self.depth >= MAX_DEPTH:
            self.error(event.start_mark, f"{prefix(path)}nested more than {MAX_DEPTH} levels deep")
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
            return (None, NO_KEY) if tag is None else (event.value, value)
        if isinstance(event, AliasEvent):
            self.error(event.start_mark, prefix(path) + _ALIASES)
        else:
            self.error(event.start_mark, f"{prefix(path)}keys must be plain strings")
            self.skip(event)
        return None, NO_KEY

    def mismatch(self, event: Any, path: str, expected: str) -> Any:
        """Report a value of the wrong shape, and still load it for ``meta``."""
        if isinstance(event, ScalarEvent):
            tag, value = self.scalar(event, path)
            if tag is not None:
                self.error(event.start_mark, f"{prefix(path)}expected {expected}, got {KINDS[tag]}")
            return value
        if not isinstance(event, AliasEvent) and event.tag in (None, "!", _standard(event)):
            got = "a list" if isinstance(event, SequenceStartEvent) else "a mapping"
            self.error(event.start_mark, f"{prefix(path)}expected {expected}, got {got}")
        return self.plain(event, path)  # reports aliases and refused tags itself

    def plain(self, event: Any, path: str) -> Any:
        """Load a value the definition does not describe, refusing what is unsafe."""
        if isinstance(event, ScalarEvent):
            return self.scalar(event, path)[1]
        if isinstance(event, AliasEvent):
            self.error(event.start_mark, prefix(path) + _ALIASES)
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
            value = self.plain(self.next(), child(path, name or "?"))
            if key is not NO_KEY:
                mapping[key] = value
        self.depth -= 1
        return mapping
