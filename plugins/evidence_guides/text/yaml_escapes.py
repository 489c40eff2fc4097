"""Hidden characters a YAML file writes as escapes: ``"\\u202e"``, ``"\\e"``, ``"\\x00"``.

A double-quoted YAML value may write any character as an escape, so a file of
plain ASCII holds a right-to-left override, an ESC or a NUL once it is read,
and a scan of the file's characters (:mod:`.lookalikes`) sees only a
backslash and letters. Here each escape that YAML reads as a hidden character
is found where it is written, in keys and values alike, however deep.

What is hidden is decided as for any text, among the characters around it once
the escapes are read (a joiner inside an emoji sequence is writing, however
it is written).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import ScalarEvent

from evidence_guides.text.lookalikes import hidden_characters

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The escapes of a double-quoted scalar, as PyYAML and libyaml read them.
_ESCAPE_RE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
# The one-letter escapes that stand for another character (a quote, "/" or space: itself).
_NAMED = dict(
    zip("0abt\tnvfreN_LP", "\x00\x07\x08\t\t\n\x0b\x0c\r\x1b\x85\xa0\u2028\u2029", strict=True)
)


@dataclass(frozen=True, slots=True)
class EscapedHidden:
    """A hidden character written as an escape."""

    offset: int  # of the escape's backslash, in the YAML text
    escape: str  # as written: "\\u202e"
    what: str  # "U+202E RIGHT-TO-LEFT OVERRIDE"


def escaped_hidden_characters(yaml_text: str) -> list[EscapedHidden]:
    """Each escape in ``yaml_text``'s double-quoted scalars that YAML reads as a hidden character.

    YAML that does not parse is read up to its error (the reader of the file
    reports the error); events are read, so no alias is ever expanded.
    """
    if "\\" not in yaml_text:  # the common case: no escape, nothing decoded
        return []
    found: list[EscapedHidden] = []
    for start, end in _double_quoted(yaml_text):
        found.extend(_in_scalar(yaml_text, start, end))
    return found


def _double_quoted(yaml_text: str) -> Iterator[tuple[int, int]]:
    """Where each double-quoted scalar holding an escape starts and ends, up to a syntax error."""
    parser = _LOADER(yaml_text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, ScalarEvent) and event.style == '"':
                start, end = event.start_mark.index, event.end_mark.index
                if yaml_text.find("\\", start, end) >= 0:
                    yield start, end
    except (yaml.YAMLError, UnicodeEncodeError):  # libyaml cannot take a lone surrogate
        return
    finally:
        parser.dispose()


def _in_scalar(yaml_text: str, start: int, end: int) -> list[EscapedHidden]:
    """The escapes of the scalar from ``start`` to ``end`` (its quotes) read as hidden characters.

    The scalar is read with its escapes decoded, so what is hidden is judged
    among the characters around it (an emoji's joiner is writing, escaped or
    not); a character written as itself is the raw scan's. Its opening quote
    stays in front: a byte-order mark starting a value marks no encoding.
    """
    read: list[str] = []  # the scalar, each escape read as its character
    escapes: dict[int, re.Match[str]] = {}  # where in it each escape's character is
    length, position = 0, start
    for match in _ESCAPE_RE.finditer(yaml_text, start + 1, end - 1):
        read.append(yaml_text[position : match.start()])
        length += match.start() - position
        char = _decoded(match)
        if char is not None:
            escapes[length] = match
            read.append(char)
            length += 1
        position = match.end()
    read.append(yaml_text[position:end])
    return [
        EscapedHidden(escapes[at].start(), escapes[at].group(), what)
        for at, what in hidden_characters("".join(read))
        if at in escapes
    ]


def _decoded(match: re.Match[str]) -> str | None:
    """The character an escape stands for; None for an escaped line break (none)."""
    code = match.group(1) or match.group(2) or match.group(3)
    if code is not None:
        number = int(code, 16)
        return chr(number) if number <= 0x10FFFF else None
    return _NAMED.get(match.group(4))
