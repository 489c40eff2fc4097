"""Field specs: the rules a front-matter value must follow, each also its JSON Schema.

A build that checks one rule and an editor's schema that states another would
let a guide pass one and fail the other. So each spec below is the single place
a kind of value is described: :meth:`read` checks it as the YAML walker reaches
it, with a message naming the field path, and :meth:`schema` writes the same
rule as JSON Schema. The guide model
(:mod:`evidence_guides.guide.frontmatter.model`) is built from these specs, one
per field, and nothing else decides what a field accepts.
"""

from __future__ import annotations

import datetime
import difflib
import inspect
import math
import re
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar

from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from evidence_guides.files.limits import field_markdown_refusal
from evidence_guides.guide.frontmatter.walker import (
    KINDS,
    NO_KEY,
    TAG_BOOL,
    TAG_DATE,
    TAG_FLOAT,
    TAG_INT,
    TAG_NULL,
    TAG_STR,
    child,
    prefix,
    quote,
)

if TYPE_CHECKING:
    from evidence_guides.guide.frontmatter.walker import Walk

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_MARKUP = re.compile(r"[<>]")


def rule(spec: Spec, doc: str) -> dict[str, Any]:
    """Field metadata: how a model field is checked, and what the schema says about it."""
    return {"rule": spec, "doc": doc}


def _got(tag: str, raw: str) -> str:
    return f"{KINDS[tag]} {quote(raw)}" if raw and tag != TAG_NULL else KINDS[tag]


def _search(pattern: str, value: str) -> bool:
    """Search as JSON Schema does, where ``$`` is the very end (not before a newline)."""
    if pattern.endswith("$"):
        pattern = pattern[:-1] + r"\Z"
    return re.search(pattern, value) is not None


class _Scalar:
    """A scalar whose resolved YAML tag is one of ``tags``, then checked by ``check``."""

    __slots__ = ()
    tags: ClassVar[tuple[str, ...]] = (TAG_STR,)
    text = False

    @property
    def expected(self) -> str:
        raise NotImplementedError

    def check(self, value: Any, raw: str) -> tuple[Any, str | None]:
        """The typed value, or a problem with it."""
        return value, None

    def read(self, walk: Walk, event: Any, path: str) -> tuple[Any, Any]:
        if not isinstance(event, ScalarEvent):
            return walk.mismatch(event, path, self.expected), None
        walk.marks[path] = walk.offset + event.start_mark.index
        tag, value = walk.scalar(event, path)
        if tag is None:
            return None, None
        if tag in self.tags:
            if self.text:
                walk.text_field(event, path, value)
            typed, problem = self.check(value, event.value)
        elif tag == TAG_NULL and self.tags == (TAG_STR,):
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
    kind: str = ""  # what a message calls a value, when not "a string" or "Markdown text"
    # A value an editor probably meant, for a value that fails ``pattern``.
    fix: Callable[[str], str | None] | None = None

    @property
    def expected(self) -> str:
        return f"one of {', '.join(self.choices)}" if self.choices else "a string"

    @property
    def described(self) -> str:
        """What a missing value should be, for the message that asks for it."""
        if self.choices or not (self.kind or self.text):
            return self.expected
        return self.kind or "Markdown text"

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
            return value, f"{quote(value)} is not {self.expected}"
        if self.max_length is not None and len(value) > self.max_length:
            return value, f"is {len(value)} characters long, at most {self.max_length} allowed"
        if self.text and (refusal := field_markdown_refusal(value)) is not None:
            return value, refusal  # the converter would recurse, or take minutes
        if self.pattern is not None and not _search(self.pattern, value):
            problem = self.hint.format(value=quote(value))
            meant = self.fix(value) if self.fix is not None else None
            return value, problem + (f"; write {quote(meant)}" if meant else "")
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

    tags: ClassVar[tuple[str, ...]] = (TAG_STR, TAG_DATE)
    expected = described = "a date in YYYY-MM-DD form"

    def check(self, value: Any, raw: str) -> tuple[Any, str | None]:
        if not _search(DATE_PATTERN, raw):
            return None, f"expected {self.expected}, got {quote(raw)}"
        try:
            return datetime.date.fromisoformat(raw), None
        except ValueError as exc:
            return None, f"{quote(raw)} is not a real date ({exc})"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}


@dataclass(frozen=True, slots=True)
class Number(_Scalar):
    """A finite number greater than zero."""

    tags: ClassVar[tuple[str, ...]] = (TAG_INT, TAG_FLOAT)
    expected = described = "a number greater than 0"

    def check(self, value: Any, raw: str) -> tuple[Any, str | None]:
        try:
            number = float(value)
        except (OverflowError, ValueError):  # an integer too big for a float
            number = math.inf
        if math.isfinite(number) and number > 0:
            return number, None
        return None, f"expected {self.expected}, got {quote(raw)}"

    def schema(self) -> dict[str, Any]:
        return {"type": "number", "exclusiveMinimum": 0}


@dataclass(frozen=True, slots=True)
class Boolean(_Scalar):
    """``true`` or ``false``."""

    tags: ClassVar[tuple[str, ...]] = (TAG_BOOL,)
    expected = described = "true or false"

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True, slots=True)
class ListOf:
    """A YAML sequence whose items all follow ``item``."""

    item: Spec
    min_items: int = 0

    @property
    def described(self) -> str:
        at_least = f" of at least {self.min_items}" if self.min_items else ""
        return f"a list{at_least}, each {self.item.described}"

    def read(self, walk: Walk, event: Any, path: str) -> tuple[Any, Any]:
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
    """A YAML mapping read into ``model``, a frozen dataclass whose fields carry :func:`rule`.

    A field is required when the dataclass gives it no default, so the model's
    signature, the checks and the schema all come from the same lines.
    """

    __slots__ = ("model", "names", "required", "rules")

    def __init__(self, model: type) -> None:
        self.model = model
        self.rules = {f.name: f.metadata["rule"] for f in fields(model)}
        self.names = tuple(self.rules)
        self.required = tuple(f.name for f in fields(model) if f.default is MISSING)

    @property
    def described(self) -> str:
        """``a mapping with name, role (note optional)``: the keys an editor writes."""
        optional = [name for name in self.names if name not in self.required]
        also = f" ({', '.join(optional)} optional)" if optional and self.required else ""
        return f"a mapping with {', '.join(self.required or self.names)}{also}"

    def read(self, walk: Walk, event: Any, path: str) -> tuple[Any, Any]:
        if not isinstance(event, MappingStartEvent):
            return walk.mismatch(event, path, self.described), None
        if not walk.start(event, path):
            return None, None
        before = len(walk.findings)
        plain: dict[Any, Any] = {}
        typed: dict[str, Any] = {}
        seen: dict[str, Any] = {}  # each key written, and where it is first
        while not isinstance(key_event := walk.next(), MappingEndEvent):
            name, key = walk.key(key_event, path)
            value_event = walk.next()
            spec = self.rules.get(name) if name is not None else None
            if name is not None and name in seen:
                walk.error(key_event.start_mark, prefix(path) + walk.duplicate(name, seen[name]))
                spec = None  # YAML keeps the last value: the meta shows it, unchecked
            elif spec is None and name is not None:
                walk.error(key_event.start_mark, prefix(path) + self._unknown(name))
            if name is not None:
                seen.setdefault(name, key_event.start_mark)
            if spec is None:
                value = walk.plain(value_event, child(path, name or "?"))
            else:
                value, typed[name] = spec.read(walk, value_event, child(path, name))
            if key is not NO_KEY:
                plain[key] = value
        for name in self.required:
            if name not in seen:
                message = f"{child(path, name)}: required field is missing; add it:"
                walk.missing(event, path, f"{message} {self.rules[name].described}")
        return plain, self.model(**typed) if len(walk.findings) == before else None

    def _unknown(self, name: str) -> str:
        """The message for an unknown key: the key meant, if one is close, and every key allowed."""
        close = difflib.get_close_matches(name, self.names, n=1)
        also = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown key {quote(name)}{also}; allowed keys: {', '.join(self.names)}"

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
