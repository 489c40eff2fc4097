"""``hidden-character``: characters a reader cannot see, in a page, the store or a data file.

Every line of a page is read, front-matter and code included: a bidirectional
override in a code block misleads as much as in prose. The store's keys and
field values are read too, and so are the people file and the muscle
vocabulary, whose names reach every page that shows them. What counts is
:mod:`evidence_guides.text.lookalikes`'s.

YAML also writes characters as escapes: ``"\\u202e"`` or ``"\\e"`` in a
double-quoted value is plain ASCII in the file and a right-to-left override or
an ESC once read. Each such escape is reported where it is written
(:mod:`evidence_guides.text.yaml_escapes`), in any key or value of a page's
front-matter and of the data files. HTML writes them as character references
(``&#x202e;``, ``&zwj;``), which Markdown passes to the page as they are: a
browser reads the character. Those are reported too, outside code, where
they are shown as written.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.rules.people import project_people
from evidence_guides.audit.sink import Sink
from evidence_guides.files.limits import CONFIG_LIMIT, yaml_refusal
from evidence_guides.files.source import SourceError, read_source
from evidence_guides.findings import Suggestion, line_and_column
from evidence_guides.text.citations import mask_code
from evidence_guides.text.front_matter import split_front_matter
from evidence_guides.text.lookalikes import HIDDEN_RE, hidden_characters
from evidence_guides.text.yaml_escapes import escaped_hidden_characters

if TYPE_CHECKING:
    from evidence_guides.audit.context import CorpusContext, PageContext
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.findings import Finding
    from evidence_guides.store.entry import BibStore

_FIX = Suggestion("delete it: it changes what tools read or how the text is shown, unseen")
_ESCAPE_FIX = Suggestion("delete the escape: YAML reads it as that character, unseen")
_REFERENCE_FIX = Suggestion("delete the reference: a browser reads it as that character, unseen")
# Numeric character references, and the named ones of invisible characters.
_REFERENCE_RE = re.compile(r"&(?:#[xX][0-9A-Fa-f]{1,6}|#[0-9]{1,7}|zwj|zwnj|lrm|rlm|shy);")


def check_page(context: PageContext, sink: Sink) -> None:
    """Hidden characters anywhere in the page, and escapes of them in its front-matter."""
    text = context.source_text
    if HIDDEN_RE.search(text) is not None:  # the common case, in one scan
        add_hidden(text, sink)
    if text.find("\\", 0, context.body_offset) >= 0:  # an escape in the front-matter
        meta_text = split_front_matter(text).meta_text
        if meta_text is not None:  # it starts on the line after the opening '---'
            add_escaped(meta_text, text.index("\n") + 1, text, sink)
    if "&" in text and _REFERENCE_RE.search(text) is not None:  # "&amp;" and such: rare
        add_references(text, sink)


def check_store(store: BibStore, settings: AuditSettings) -> list[Finding]:
    """Hidden characters in an entry's key or field values, at the key's or field's line."""
    sink = Sink(store.path, settings)
    if not sink.enabled(rule_ids.HIDDEN_CHARACTER):
        return []
    for entry in store.entries.values():
        for name, value in (("key", entry.key), *entry.fields.items()):
            if HIDDEN_RE.search(value) is None:
                continue
            line = entry.field_lines.get(name, entry.line)
            for _, what in hidden_characters(value):
                message = f"hidden character {what} in '{entry.key}' ({name})"
                sink.add(rule_ids.HIDDEN_CHARACTER, (line, 1), message, _FIX)
    return sink.findings


def check_data_files(context: CorpusContext) -> list[Finding]:
    """Hidden characters in the people file and the muscle vocabulary, once per run.

    A file that cannot be read, or whose YAML is past the limits, is its
    reader's to report; its characters are still read.
    """
    settings = context.settings
    findings: list[Finding] = []
    people = project_people(settings)
    files = [(settings.people_file, people.path)] if people.exists else []
    if settings.muscles.path:
        files.append((settings.root / settings.muscles.path, settings.muscles.path))
    for file, shown in files:
        sink = Sink(shown, settings)
        try:
            text = read_source(file, shown, CONFIG_LIMIT)
        except SourceError:
            continue
        add_hidden(text, sink)
        if "\\" in text and yaml_refusal(text, settings.limits) is None:
            add_escaped(text, 0, text, sink)
        findings.extend(sink.findings)
    return findings


def add_hidden(text: str, sink: Sink) -> None:
    """Each hidden character of a file's ``text``, at its line and column."""
    for at, what in hidden_characters(text):
        position = line_and_column(text, at)
        sink.add(rule_ids.HIDDEN_CHARACTER, position, f"hidden character {what}", _FIX)


def add_escaped(yaml_text: str, offset: int, text: str, sink: Sink) -> None:
    """Each escape of ``yaml_text`` (at ``offset`` of ``text``) read as a hidden character."""
    for escaped in escaped_hidden_characters(yaml_text):
        position = line_and_column(text, offset + escaped.offset)
        message = f"hidden character {escaped.what}, written as the YAML escape '{escaped.escape}'"
        sink.add(rule_ids.HIDDEN_CHARACTER, position, message, _ESCAPE_FIX)


def add_references(text: str, sink: Sink) -> None:
    """Each character reference outside code that a browser reads as a hidden character."""
    for match in _REFERENCE_RE.finditer(mask_code(text)):
        char = _referenced(match.group())
        if char is None:
            continue
        before = text[max(0, match.start() - 8) : match.start()]  # judged in its place
        around = before + char + text[match.end() : match.end() + 8]
        for at, what in hidden_characters(around):
            if at == len(before):
                position = line_and_column(text, match.start())
                message = f"hidden character {what}, written as '{match.group()}'"
                sink.add(rule_ids.HIDDEN_CHARACTER, position, message, _REFERENCE_FIX)


def _referenced(reference: str) -> str | None:
    """The character a browser reads for ``reference``; None for one it reads as U+FFFD.

    As HTML parses it, not as :func:`html.unescape` does, which drops a control
    character a browser keeps ("&#27;" is an ESC on the page).
    """
    if not reference.startswith("&#"):
        return html.unescape(reference)
    digits = reference[2:-1]
    number = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
    if number == 0 or number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
        return None
    if 0x80 <= number <= 0x9F:  # read as Windows-1252 ("&#150;" is a dash)
        return html.unescape(reference)
    return chr(number)
