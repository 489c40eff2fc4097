"""``hidden-character``: characters in a page or the store that a reader cannot see.

Every line of a page is read, front-matter and code included: a bidirectional
override in a code block misleads as much as in prose. The store's keys and
field values are read too. What counts is :mod:`evidence_guides.text.lookalikes`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.sink import Sink
from evidence_guides.findings import Suggestion, line_and_column
from evidence_guides.text.lookalikes import HIDDEN_RE, hidden_characters

if TYPE_CHECKING:
    from evidence_guides.audit.context import PageContext
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.findings import Finding
    from evidence_guides.store.entry import BibStore

_FIX = Suggestion("delete it: it changes what tools read or how the text is shown, unseen")


def check_page(context: PageContext, sink: Sink) -> None:
    text = context.source_text
    if HIDDEN_RE.search(text) is None:  # the common case, in one scan
        return
    for at, what in hidden_characters(text):
        message = f"hidden character {what}"
        sink.add(rule_ids.HIDDEN_CHARACTER, line_and_column(text, at), message, _FIX)


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
