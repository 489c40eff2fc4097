"""``mojibake``: UTF-8 text that was decoded with the wrong codec somewhere on its way.

"Itâ€™s" for "It's" and "cafÃ©" for "café" come from text pasted through a
tool that guessed the wrong encoding. The body (outside code) and every line
of the front-matter are read; the suggestion repairs the whole line.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from evidence_guides import rule_ids
from evidence_guides.findings import Suggestion, line_and_column

if TYPE_CHECKING:
    from collections.abc import Callable

    from evidence_guides.audit.context import PageContext
    from evidence_guides.audit.sink import Sink

_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def check(context: PageContext, sink: Sink) -> None:
    """The body, as masked for the prose rules, and the front-matter's every line."""
    body = context.body
    check_mojibake(context.body_text, context.body_masked, body.position, sink)
    text = context.source_text
    front = text[: context.body_offset]  # YAML: every line, not only text fields
    check_mojibake(front, front, lambda offset: line_and_column(text, offset), sink)


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
