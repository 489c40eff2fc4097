"""Attributed expert quotes: a Markdown quote whose first line names its speaker.

An expert's words carry weight only with the expert's name and credentials
beside them. An editor writes a quote as a Markdown blockquote whose first
line is a marker and the speaker, either a person of the people file by id
or a name and credentials written out::

    > [!quote] jane-doe
    > Progress the lever before the volume.

    > [!quote] Dr. Jane Doe, PhD, Fitness Research Director, Example College
    > Progress the lever before the volume.

and the page shows ``<figure class="expert-quote"><blockquote>...</blockquote>
<figcaption>NAME, CREDENTIALS, ROLE, AFFILIATION</figcaption></figure>``. The
marker is read in the converted HTML, so any Markdown converter serves. A
quote whose speaker is missing or unknown is shown as a plain quote, its
marker removed, and the audit reports it (``unattributed-quote``).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides.guide.frontmatter.model import PERSON_ID_PATTERN

if TYPE_CHECKING:
    from evidence_guides.guide.people import People, Person

MARKER = "[!quote]"
# The marker as Markdown source: the first line of a blockquote (perhaps nested or indented).
SOURCE_MARKER_RE = re.compile(r"^[ \t]*(?:>[ \t]?)+[ \t]*\[!quote\]([^\n]*)$", re.I | re.M)
_QUOTE_LINE_RE = re.compile(r"[ \t]*>")
# The marker as a converter writes it: the start of a blockquote's first paragraph.
_HTML_MARKER_RE = re.compile(
    r"<blockquote>\s*<p>\[!quote\][ \t]*(?P<speaker>[^\n]*?)[ \t]*(?P<end>\n|</p>)", re.I
)
_PARAGRAPH_MARKER_RE = re.compile(
    r"<p>\[!quote\][ \t]*(?P<speaker>[^\n]*?)[ \t]*(?P<end>\n|</p>)", re.I
)
_BLOCKQUOTE_TAG_RE = re.compile(r"<(/?)blockquote\b[^>]*>", re.I)
_TAG_RE = re.compile(r"<[^>]*>")
_ID_RE = re.compile(PERSON_ID_PATTERN)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who is quoted: the caption a reader sees, and the person when named by id."""

    caption: str  # plain text
    person: Person | None = None


def read_speaker(text: str, people: People) -> tuple[Speaker | None, str | None]:
    """The speaker a marker names, or why it names none (a message for the audit).

    Neither for an id the people file leaves out for a mistake of its own: the
    file's finding names it once, and the quote is shown without a caption.
    """
    text = " ".join(text.split())
    if not text:
        return None, (
            "expert quote without a speaker: write '> [!quote] PERSON-ID' (an id of"
            f" {people.path}) or '> [!quote] NAME, CREDENTIALS'"
        )
    if _ID_RE.fullmatch(text):
        person = people.get(text)
        if person is None and people.left_out(text):  # the people file's finding says why
            return None, None
        if person is None:
            where = f"{people.path}" if people.exists else f"{people.path} (which does not exist)"
            return None, f"expert quote by {text!r}, who is not defined in {where}"
        return Speaker(person.caption(), person), None
    if "," not in text:
        return None, (
            f"expert quote by {text!r} without credentials: write 'NAME, CREDENTIALS'"
            f" (and the affiliation), or define them in {people.path}"
        )
    return Speaker(text), None


def render_quotes(html: str, people: People) -> str:
    """``html`` with each marked blockquote made an attributed figure (or a plain quote).

    Python-Markdown joins quotes that only a blank line separates into one
    blockquote: each marked paragraph in it starts a quote of its own.
    """
    if "[!quote]" not in html.lower():
        return html
    pieces: list[str] = []
    position = 0
    for opening in _HTML_MARKER_RE.finditer(html):
        if opening.start() < position:  # inside a quote already made a figure
            continue
        close = _closing_tag(html, opening.start())
        if close < 0:
            continue
        pieces.append(html[position : opening.start()])
        content = html[opening.start() + len("<blockquote>") : close]
        pieces.extend(_attributed(content, people))
        position = close + len("</blockquote>")
    pieces.append(html[position:])
    return "".join(pieces)


def _attributed(content: str, people: People) -> list[str]:
    """A blockquote's content, split at each marked paragraph, as figures or plain quotes."""
    markers = [
        marker
        for marker in _PARAGRAPH_MARKER_RE.finditer(content)
        if _depth(content, marker.start()) == 0  # not in a quote inside the quote
    ]
    quotes = []
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(content)
        words = html_lib.unescape(_TAG_RE.sub("", marker.group("speaker")))
        speaker, _ = read_speaker(words, people)
        inside = ("<p>" if marker.group("end") == "\n" else "") + content[marker.end() : end]
        inside = inside.strip() + "\n"
        if speaker is None:
            quotes.append(f"<blockquote>\n{inside}</blockquote>")
            continue
        caption = html_lib.escape(speaker.caption, quote=False)
        quotes.append(
            f'<figure class="expert-quote">\n<blockquote>\n{inside}</blockquote>\n'
            f"<figcaption>{caption}</figcaption>\n</figure>"
        )
    return quotes


def _depth(content: str, end: int) -> int:
    """How many blockquotes are open in ``content`` before ``end``."""
    depth = 0
    for tag in _BLOCKQUOTE_TAG_RE.finditer(content, 0, end):
        depth += -1 if tag.group(1) else 1
    return depth


def source_markers(text: str) -> list[tuple[int, str, bool]]:
    """Each marker in Markdown ``text``: its offset, its speaker text, whether it starts its quote.

    ``text`` is masked (code blanked), so a marker shown in code is not one.
    """
    found = []
    for match in SOURCE_MARKER_RE.finditer(text):
        line_start = match.start()
        previous_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
        previous = text[previous_start : max(line_start - 1, 0)] if line_start else ""
        first = not _QUOTE_LINE_RE.match(previous)
        found.append((match.start(1) - len(MARKER), match.group(1), first))
    return found


def _closing_tag(html: str, start: int) -> int:
    """Where the ``</blockquote>`` closing the one at ``start`` begins; -1 if none."""
    depth = 0
    for tag in _BLOCKQUOTE_TAG_RE.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.start()
    return -1
