"""What every prose rule reads, and the rules on citations themselves.

Every rule reads a :class:`Prose`: one segment (the body or a front-matter
field) with its Markdown mask, its citations and its sentences, computed once
and shared. Rules read the masked text, so code, comments and link targets
are never read, and every offset maps back to the file. This module also
holds the rules on the citations as written (``unresolved-citation``,
``retracted-source``) and ``mojibake``; author-date citations and claims have
modules of their own under ``rules/``.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from evidence_guides import rule_ids
from evidence_guides.audit.bibrules import is_retracted
from evidence_guides.audit.sentences import Sentences
from evidence_guides.citations import mask_markdown, scan_citations
from evidence_guides.findings import Suggestion
from evidence_guides.segments import FIELD_SEPARATOR, JoinedFields

if TYPE_CHECKING:
    from collections.abc import Callable

    from evidence_guides.audit.name_index import EntryIndex
    from evidence_guides.audit.sink import Sink
    from evidence_guides.bibstore import BibEntry, BibStore
    from evidence_guides.citations import Citation, CitedSource
    from evidence_guides.segments import Segment

# --- everything else -------------------------------------------------------------------------

# mask_markdown changes nothing in text without these characters (no code, tags,
# comments or links): most front-matter fields.
_MARKUP_RE = re.compile(r"[`<~\[]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class Prose:
    """One segment with its mask and citations, shared by every rule."""

    segment: Segment | JoinedFields
    masked: str
    citations: tuple[Citation, ...]
    starts: tuple[int, ...]  # each citation's start, for bisecting
    sentences: Sentences  # found when first asked for

    def position(self, offset: int) -> tuple[int, int]:
        return self.segment.position(offset)

    def cited_between(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, start)
        return index < len(self.starts) and self.starts[index] < end

    def citation_at(self, offset: int) -> Citation | None:
        index = bisect.bisect_left(self.starts, offset)
        if index < len(self.starts) and self.starts[index] == offset:
            return self.citations[index]
        return None


def read_prose(segment: Segment | JoinedFields) -> Prose:
    """Mask and scan ``segment`` once; joined fields are masked each on its own."""
    text = segment.text
    if isinstance(segment, JoinedFields):
        masked = FIELD_SEPARATOR.join(_masked(field.text) for field in segment.fields)
    else:
        masked = _masked(text)
    citations = tuple(scan_citations(text, masked=masked))
    return Prose(segment, masked, citations, tuple(c.start for c in citations), Sentences(masked))


def _masked(text: str) -> str:
    return mask_markdown(text) if _MARKUP_RE.search(text) else text


def resolve(store: BibStore, source: CitedSource) -> BibEntry | None:
    return store.get(source.value) if source.kind == "key" else store.by_pmid(source.value)


# --- citations: unresolved-citation, retracted-source ----------------------------------------


def check_citations(
    prose: Prose, store: BibStore, index: EntryIndex, sink: Sink, cited: set[str]
) -> int:
    """Report unresolved and retracted sources; add resolved keys to ``cited``.

    Returns the number of sources cited.
    """
    count = 0
    for citation in prose.citations:
        for source in citation.sources:
            count += 1
            entry = resolve(store, source)
            if entry is None:
                if sink.enabled(rule_ids.UNRESOLVED_CITATION):
                    message = f"unresolved citation '{source.label}'"
                    suggestion = _unresolved_hint(source, store, index)
                    sink.add(
                        rule_ids.UNRESOLVED_CITATION,
                        prose.position(source.offset),
                        message,
                        suggestion,
                    )
                continue
            cited.add(entry.key)
            if is_retracted(entry):
                message = f"cited source '{entry.key}' is marked retracted in {store.path}"
                sink.add(rule_ids.RETRACTED_SOURCE, prose.position(source.offset), message)
    return count


def _unresolved_hint(source: CitedSource, store: BibStore, index: EntryIndex) -> Suggestion:
    """The same hint as the site build gives, or the key that was probably meant."""
    if source.kind == "pmid":
        return Suggestion(f"import it with 'guides refs add {source.value}'", pmid=source.value)
    close = index.close_key(source.value)
    if close is not None:
        return Suggestion(f"did you mean [@{close}]?", key=close)
    return Suggestion(f"add it to {store.path}, e.g. 'guides refs add PMID'")


# --- mojibake --------------------------------------------------------------------------------


def check_mojibake(
    text: str, masked: str, position: Callable[[int], tuple[int, int]], sink: Sink
) -> None:
    """Lines where UTF-8 was decoded with the wrong codec: "Itâ€™s", "cafÃ©", "β€”".

    ``masked`` (the same length as ``text``) says where to look; the suggestion
    repairs the whole line of ``text``. Only lines with non-ASCII characters
    are read.
    """
    if not sink.enabled(rule_ids.MOJIBAKE):
        return
    offset = 0
    while (found := _NON_ASCII_RE.search(masked, offset)) is not None:
        start = masked.rfind("\n", 0, found.start()) + 1
        end = masked.find("\n", found.start())
        end = len(masked) if end < 0 else end
        offset = end + 1
        line = masked[start:end]
        repaired = repair(line)
        if repaired == line:
            continue
        first = _first_difference(line, repaired)
        bad = _bad_run(line, first)
        raw = text[start:end]
        message = f"'{bad}' is UTF-8 text decoded with the wrong encoding (mojibake)"
        suggestion = Suggestion(
            f"replace with: {(repair(raw) if raw != line else repaired).strip()}"
        )
        sink.add(rule_ids.MOJIBAKE, position(start + first), message, suggestion)


def repair(line: str) -> str:
    """``line`` with its mojibake decoded; ``line`` itself when it has none.

    ftfy fixes what its heuristic finds bad; a UTF-8-looking run it leaves
    (such as "β€”", UTF-8 read as Greek cp1253) is decoded when one of ftfy's
    single-byte codecs turns it back into valid UTF-8.
    """
    ftfy = _ftfy()
    fixed = ftfy.fix_encoding(line) if ftfy.badness.is_bad(line) else line
    return ftfy.chardata.UTF8_DETECTOR_RE.sub(_redecode, fixed)


@functools.cache
def _ftfy() -> Any:
    """ftfy, imported on first use: most pages have no line it needs to read."""
    import ftfy  # importing it registers its "sloppy-windows-*" codecs
    import ftfy.badness
    import ftfy.chardata

    return ftfy


def _redecode(match: re.Match[str]) -> str:
    text = match.group()
    for codec in _ftfy().chardata.CHARMAP_ENCODINGS:
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def _bad_run(line: str, first: int) -> str:
    """The mojibake that starts at ``first``, for the message."""
    ftfy = _ftfy()
    for pattern in (ftfy.chardata.UTF8_DETECTOR_RE, ftfy.badness.BADNESS_RE):
        match = pattern.match(line, first)
        if match is not None:
            return match.group()
    return line[first : first + 3]
