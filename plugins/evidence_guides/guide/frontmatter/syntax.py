"""YAML that does not parse: where the mistake is, its likely fix, and the line repaired.

A parser's own words ("mapping values are not allowed in this context") name
a state of the parser, not the editor's mistake, and almost every such error
comes from a handful of slips: a colon inside a value, a value starting with
a character YAML reserves (``@``, ``*``, ``[@key]``), a quote that ends early
or never, a missing colon or space, a tab, a line indented off. Each is
recognised here from the line the parser stopped at, and named with its fix.

When the fix is certain to change nothing but that one line (quoting a value,
closing a quote, a space after a colon), the line is also repaired, so the
front-matter can be read on: the rest of the file's problems are reported in
the same run, and what it says (``draft: true``) is not lost. When it cannot
be read on, :func:`declares_draft` still finds a draft, conservatively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# "  - key: value  # comment": a block mapping's key on its line, and the value after it.
_FIELD_RE = re.compile(
    r"(?P<lead>[ \t]*(?:-[ \t]+)*)"
    r"(?P<key>[^\s#'\"\[\]{},:\-?][^:#\n]*?|\"[^\"\n]*\"|'[^'\n]*')[ \t]*:"
    r"(?:[ \t]+(?P<value>[^\n]*))?$"
)
_COMMENT_RE = re.compile(r"[ \t]+#")
# What YAML reads in place of text at the start of a plain value, and what it reads it as.
_RESERVED = {
    "@": "'@' cannot start a plain YAML value",
    "`": "'`' cannot start a plain YAML value",
    "%": "'%' cannot start a plain YAML value",
    "*": "'*' starts a YAML alias",
    "&": "'&' starts a YAML anchor",
    "!": "'!' starts a YAML tag",
    "|": "'|' starts a block of text",
    ">": "'>' starts a block of text",
    "[": "'[' starts a list",
    "{": "'{' starts a mapping",
    "? ": "'? ' starts a mapping key",
    "- ": "'- ' starts a list item",
}
_NO_SPACE_RE = re.compile(r"[ \t]*(?:-[ \t]+)*([A-Za-z_][\w-]*):(?=[^\s/])")
_CITATION_RE = re.compile(r"\[\s*(?:@|PMID)", re.IGNORECASE)
_DRAFT_RE = re.compile(r"^draft[ \t]*:[ \t]*(?P<value>[^#\n]*?)[ \t]*(?:#[^\n]*)?$", re.MULTILINE)
_NOT_A_DRAFT = frozenset(("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"))
_SHOWN = 50  # characters of a value a fix quotes


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """Where to report a syntax error, the fix to name, and the repaired YAML if there is one."""

    index: int  # in the YAML text
    fix: str | None
    repaired: str | None = None  # the whole YAML text, that one line rewritten
    line: int | None = None  # 0-based line of the YAML text that ``repaired`` rewrote


@dataclass(frozen=True, slots=True)
class _Field:
    """A ``key: value`` line."""

    start: int  # offset of the line in the YAML text
    text: str  # the line, without its newline
    key: str
    value_at: int  # column of the value in the line; -1 when there is none
    value: str  # the value, a plain value's comment left out
    tail: str  # what follows the value on the line (a comment)


def declares_draft(meta_text: str) -> bool:
    """Whether YAML that does not parse says ``draft:`` with any value but false.

    Read conservatively: a guide that may be a draft is not published by mistake.
    """
    return any(m.group("value") not in _NOT_A_DRAFT for m in _DRAFT_RE.finditer(meta_text))


def diagnose(meta_text: str, error: Exception, index: int) -> Diagnosis:
    """The likely mistake behind ``error``, raised at ``index`` of ``meta_text``."""
    if not isinstance(error, yaml.MarkedYAMLError):
        return Diagnosis(index, None)
    problem = f"{error.context or ''} {error.problem or ''}".lower()
    context = error.context_mark.index if error.context_mark is not None else index
    context = min(context, len(meta_text))
    if "tab" in problem or meta_text[index : index + 1] == "\t":
        return Diagnosis(index, "indent with spaces: YAML does not allow tabs there")
    if "quoted scalar" in problem:
        return _unclosed_quote(meta_text, context)
    if "simple key" in problem:
        return _no_colon(meta_text, context)
    runaway = _runaway_quote(meta_text, index)
    if runaway is not None:
        return runaway
    for at in dict.fromkeys((context, index)):
        found = _value_fix(meta_text, at, index)
        if found is not None:
            return found
    if "mapping values" in problem:
        return _colon_in_key_position(meta_text, index)
    if "flow" in problem:
        closing = "]" if "sequence" in problem else "}"
        opening = "[" if closing == "]" else "{"
        return Diagnosis(context, f"close this '{opening}' with '{closing}', or quote the value")
    if "expected key" in problem or "block end" in problem or "indicator" in problem:
        return Diagnosis(
            index,
            "check the indentation: this line lines up with no field or list item above it",
        )
    return Diagnosis(index, None)


def _value_fix(meta_text: str, at: int, index: int) -> Diagnosis | None:
    """A fix for the value on the line of ``at``, when the error lies within that value."""
    field = _field(meta_text, at)
    if field is None or field.value_at < 0 or not field.value:
        return None
    column = index - field.start
    if field.start + len(field.text) < index or column < field.value_at:
        return None  # the parser stopped before the value, or after its line
    value = field.value
    if value[0] in "'\"":
        return _early_quote(meta_text, field)
    inner = _inner_citation(meta_text, field, column)
    if inner is not None:
        return inner
    if value[0] in "[{" and not _CITATION_RE.match(value):
        closing = _matching_bracket(value)
        if closing < 0 or column <= field.value_at + closing:
            return None  # a list or mapping; its own error says what is wrong with it
    reserved = next((why for start, why in _RESERVED.items() if value.startswith(start)), None)
    if reserved is None and ": " not in value and not value.endswith(":"):
        return None
    quoted = _double_quoted(value)
    why = reserved or "it contains ': '"
    fix = f"quote the value: {why} (write {_shown(field, quoted)})"
    return _repair(meta_text, field, quoted, fix)


def _matching_bracket(value: str) -> int:
    """Where the list or mapping that ``value`` opens closes on its line, or -1."""
    depth = 0
    for at, char in enumerate(value):
        depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(char, 0)
        if depth == 0:
            return at
    return -1


def _runaway_quote(meta_text: str, index: int) -> Diagnosis | None:
    """A quote left open on an earlier line, which the parser closed at a quote of this line."""
    start = meta_text.rfind("\n", 0, index) + 1
    end = meta_text.find("\n", index)
    line = meta_text[start : end if end >= 0 else len(meta_text)]
    at = 0
    while at < start:
        field = _field(meta_text, at)
        at = meta_text.find("\n", at) + 1 or start
        if field is None or not field.value or field.value[0] not in "'\"":
            continue
        mark, rest = field.value[0], field.value[1:].replace("''", "").replace('\\"', "")
        if mark not in rest and mark in line:
            return _unclosed_quote(meta_text, field.start + field.value_at)
    return None


def _inner_citation(meta_text: str, field: _Field, column: int) -> Diagnosis | None:
    """``{cite: [@key]}``: a citation inside a flow collection is quoted on its own."""
    text = field.text
    opening = text.rfind("[", field.value_at + 1, column + 1)
    if opening < 0 or not _CITATION_RE.match(text, opening):
        return None
    closing = text.find("]", opening)
    if closing < 0:
        return None
    quoted = _double_quoted(text[opening : closing + 1])
    fix = f"quote the citation: '[' starts a list (write {quoted})"
    start = field.start + opening
    repaired = meta_text[:start] + quoted + meta_text[field.start + closing + 1 :]
    return Diagnosis(start, fix, repaired, meta_text.count("\n", 0, field.start))


def _early_quote(meta_text: str, field: _Field) -> Diagnosis:
    """A quoted value that goes on after its closing quote: ``'Don't stop'``."""
    value, mark = field.value, field.value[0]
    if len(value) < 2 or value[-1] != mark:
        return Diagnosis(field.start + field.value_at, None)
    inner = value[1:-1]
    if mark == "'":
        requoted = _double_quoted(inner)
        fix = 'the value holds the quote that ends it: quote it with " instead (write {})'
    else:
        requoted = "'" + inner.replace("'", "''") + "'"
        fix = "the value holds the quote that ends it: quote it with ' instead (write {})"
    return _repair(meta_text, field, requoted, fix.format(_shown(field, requoted)))


def _unclosed_quote(meta_text: str, opened: int) -> Diagnosis:
    """A quote never closed: reported where it opens, closed at the end of its line."""
    field = _field(meta_text, opened)
    if field is None or not field.value or field.value[0] not in "'\"":
        return Diagnosis(opened, "close the quote that opens here")
    mark, rest = field.value[0], field.text[field.value_at :]
    whole = _Field(field.start, field.text, field.key, field.value_at, rest, "")
    return _repair(meta_text, whole, rest + mark, f"close the quote: the closing {mark} is missing")


def _no_colon(meta_text: str, at: int) -> Diagnosis:
    """A line the parser read as the start of a key that never gets its ':'."""
    start = meta_text.rfind("\n", 0, at) + 1
    end = meta_text.find("\n", start)
    line = meta_text[start : end if end >= 0 else len(meta_text)]
    word = _NO_SPACE_RE.match(line)
    if word is not None:
        repaired_line = line[: word.end(1) + 1] + " " + line[word.end(1) + 1 :]
        repaired = meta_text[:start] + repaired_line + meta_text[start + len(line) :]
        fix = f"put a space after '{word.group(1)}:'"
        return Diagnosis(start + word.start(1), fix, repaired, meta_text.count("\n", 0, start))
    indent = len(line) - len(line.lstrip(" \t"))
    return Diagnosis(start + indent, "this line has no ':' after its key (write key: value)")


def _colon_in_key_position(meta_text: str, index: int) -> Diagnosis:
    """A key's colon the parser cannot take: the line before has none, or this one is indented."""
    start = meta_text.rfind("\n", 0, index) + 1
    previous = _previous_line(meta_text, start)
    if previous is None:
        return Diagnosis(index, None)
    line = meta_text[previous : start - 1]
    if ":" not in line or _NO_SPACE_RE.match(line):
        return _no_colon(meta_text, previous)
    here = meta_text[start:index]
    indent = len(here) - len(here.lstrip())
    if indent > len(line) - len(line.lstrip()):
        above = _field(meta_text, previous)
        name = f"'{above.key}'" if above is not None else "the line above"
        return Diagnosis(
            start + indent,
            f"check the indentation: this line is indented under {name}, which already has a"
            " value; line it up with the other keys",
        )
    return Diagnosis(index, None)


def _previous_line(meta_text: str, start: int) -> int | None:
    """Where the last line before offset ``start`` that holds more than a comment starts."""
    offset = start
    for line in reversed(meta_text[:start].split("\n")[:-1]):
        offset -= len(line) + 1
        if line.strip() and not line.lstrip().startswith("#"):
            return offset
    return None


def _field(meta_text: str, at: int) -> _Field | None:
    """The ``key: value`` line holding offset ``at``, or None."""
    start = meta_text.rfind("\n", 0, at) + 1
    end = meta_text.find("\n", start)
    text = meta_text[start : end if end >= 0 else len(meta_text)]
    match = _FIELD_RE.match(text)
    if match is None:
        return None
    if match.group("value") is None:
        return _Field(start, text, match.group("key"), -1, "", "")
    value_at = match.start("value")
    value = match.group("value")
    comment = None if value[:1] in "'\"" else _COMMENT_RE.search(value)
    tail = value[comment.start() :] if comment else ""
    value = value[: comment.start()] if comment else value.rstrip()
    return _Field(start, text, match.group("key"), value_at, value, tail)


def _repair(meta_text: str, field: _Field, new_value: str, fix: str) -> Diagnosis:
    """``field``'s line with its value replaced by ``new_value``, its comment kept."""
    line = field.text[: field.value_at] + new_value + field.tail
    end = field.start + len(field.text)
    repaired = meta_text[: field.start] + line + meta_text[end:]
    number = meta_text.count("\n", 0, field.start)
    return Diagnosis(field.start + field.value_at, fix, repaired, number)


def _double_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown(field: _Field, value: str) -> str:
    """``key: "value"`` as the fix shows it, a long value cut."""
    shown = value if len(value) <= _SHOWN else value[: _SHOWN - 4] + '..."'
    return f"{field.key}: {shown}"
