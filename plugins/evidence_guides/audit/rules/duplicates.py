"""``duplicate-paragraph``: the same paragraph twice, in one guide or across guides.

A paragraph is a run of non-blank lines of masked text, so a paragraph shown
again inside a code block is not a duplicate (code is blank once masked).
Paragraphs are compared by their words alone, lowercased: white space and
punctuation are dropped, so a copy whose "." became "!", whose comma was
dropped, whose "-" became "—" or whose quotes were curled is the same
paragraph (by a digest, so thousands of guides' text is not kept). Very short
ones (headings, list items like "Keep the back flat.") are ignored.

Copies with a word or two changed are not looked for: telling a reworded
filler paragraph from two guides' different paragraphs on one topic needs a
similarity measure and a threshold no corpus has yet been labelled to set,
and a wrong one would fire across thousands of guides.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.sink import Sink
from evidence_guides.findings import line_and_column

if TYPE_CHECKING:
    from evidence_guides.audit.context import CorpusContext
    from evidence_guides.audit.engine import PageAudit
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.audit.prose import Prose
    from evidence_guides.findings import Finding

RULE = rule_ids.DUPLICATE_PARAGRAPH
MIN_WORDS = 8
_BLANK_LINES_RE = re.compile(r"\n(?:[ \t]*\n)+")
# A paragraph's words, as compared: letters and digits, without the punctuation between them.
_WORD_RE = re.compile(r"[^\W_]++")

Paragraph = tuple[bytes, int, int]  # digest of the normalised text, line, column


def paragraphs(prose: Prose) -> list[Paragraph]:
    """The paragraphs of one segment worth comparing, at their file positions."""
    masked = prose.masked
    segment = prose.segment
    source = segment.source_text
    found: list[Paragraph] = []
    line, counted = 0, -1  # the body's lines are counted as it is walked, not from the top
    for start, end in _blocks(masked):
        block = masked[start:end]
        words = block.split()
        if len(words) < MIN_WORDS:
            continue
        offset = start + len(block) - len(block.lstrip())
        if segment.is_yaml:
            line, column = prose.position(offset)
        else:
            at = segment.start + offset
            if counted < 0:
                line, column = line_and_column(source, at)
            else:
                line += source.count("\n", counted, at)
                column = at - source.rfind("\n", 0, at)
            counted = at
        found.append((_digest(" ".join(_WORD_RE.findall(block.lower()))), line, column))
    return found


def _digest(text: str) -> bytes:
    """What paragraphs are compared by: 16 bytes, not the text (thousands of guides' worth)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _blocks(masked: str) -> list[tuple[int, int]]:
    """Spans of the runs of non-blank lines."""
    if "\n" not in masked:  # most front-matter fields
        return [(0, len(masked))]
    spans = []
    start = 0
    for blank in _BLANK_LINES_RE.finditer(masked):
        spans.append((start, blank.start()))
        start = blank.end()
    spans.append((start, len(masked)))
    return spans


def check_corpus(context: CorpusContext) -> list[Finding]:
    return duplicate_findings(context.pages, context.settings)  # type: ignore[arg-type]


def duplicate_findings(pages: Sequence[PageAudit], settings: AuditSettings) -> list[Finding]:
    """Each later occurrence of a paragraph, pointing at the first one.

    Pages are compared in the order given, paragraphs in file order; a
    suppression on the later occurrence's paragraph silences it.
    """
    if settings.severity(RULE) == "off":
        return []
    first: dict[bytes, tuple[str, int]] = {}
    findings: list[Finding] = []
    for page in pages:
        sink = Sink(page.path, settings)
        for text, line, column in page.paragraphs:
            seen = first.get(text)
            if seen is None:
                first[text] = (page.path, line)
            elif not page.suppresses(RULE, line):
                sink.add(RULE, (line, column), f"duplicate paragraph (also at {seen[0]}:{seen[1]})")
        findings.extend(sink.findings)
    return findings
