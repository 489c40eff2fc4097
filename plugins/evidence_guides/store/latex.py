"""LaTeX in ``.bib`` values turned into the text a reader sees.

Decoding is the dearest thing done to a value, so it is done apart from
parsing: an entry decodes a field on first access to a display attribute, and
most entries are never displayed. bibtexparser's LaTeX decoding middleware
would cost about ten times the bare split of the file.

Three shortcuts keep the decoding that does happen cheap, each giving exactly
what pylatexenc's converter gives:

- One converter serves the whole process: building one is far dearer than
  using it.
- Only commands (``\\``) and math (``$``) need the converter; braces, ties,
  dash and quote ligatures are rewritten directly.
- The accents that make up most of the LaTeX in author names are decoded once
  each and reused, so a name like ``M{\\"u}ller`` never reaches the converter.
- A value whose LaTeX is all in braced groups or ``$...$`` math (a title that
  names ``{VO$_2$max}``) has only those pieces converted, each once: the
  converter reads a value at about a millisecond per title, nearly all of it
  spent on the plain words around the LaTeX, which it passes through unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text

# One converter for the whole process: building one is far dearer than using it.
_CONVERTER = LatexNodes2Text()

# Only commands (\\) and math ($) need the LaTeX converter. Everything else a .bib
# value holds (grouping braces, ties, dash and quote ligatures) is rewritten
# directly, exactly as the converter would: most values never reach it.
_NEEDS_CONVERTER = re.compile(r"[\\$]")
# What a value needs for anything but its spaces collapsed: most names and years hold none.
_NOT_BARE = re.compile(r"[\\${}~`'-]")
_LIGATURES = (
    ("{", ""),
    ("}", ""),
    ("---", "\u2014"),
    ("--", "\u2013"),
    ("``", "\u201c"),
    ("''", "\u201d"),
    ("~", " "),
)
# The accents that make up most of the LaTeX in author names: "{\\"o}", "\\'e",
# "\\v{s}", "{\\aa}". Each such token means the same wherever it stands (a group,
# or an accent command with its one-letter argument), so it is decoded once by the
# converter and reused: a name like "M{\\"u}ller" then never needs the converter.
_ACCENT_TOKEN = re.compile(
    r"""\{\\(?:[`'^"~=.]\s*(?:[A-Za-z]|\{[A-Za-z]\})|[vcuHkrdb]\{[A-Za-z]\}"""
    r"""|[vcuHkrdb]\s+[A-Za-z]|(?:aa|AA|o|O|ss|ae|AE|oe|OE|l|L|i|j)\s*)\}"""
    r"""|\\[`'^"~=.](?:[A-Za-z]|\{[A-Za-z]\})|\\[vcuHkrdb]\{[A-Za-z]\}"""
)
_ACCENTS: dict[str, str] = {}  # token -> the converter's text for it; a few hundred at most
# A bare % starts a LaTeX comment and would swallow the rest of the value; in a
# .bib field it is almost always a literal percent sign.
_BARE_PERCENT = re.compile(r"(?<!\\)%")
# Text between the groups and math of a value that the converter passes through
# unchanged: no command, group, math, comment, or special character of pylatexenc's
# ("~", "&", "#", "--", "''", "``", "!`", "?`"); "^" and "_" are kept out too.
_PLAIN_RUN = re.compile(r"[^{}$\\]+")
_NOT_PASSED_THROUGH = re.compile(r"[~&#%^_`]|--|''")
_MATH_SHIFT = re.compile(r"(?<!\\)\$")
# The characters a .bib file escapes in URLs and DOIs: "a\_b" is "a_b".
_ESCAPED_CHARACTER = re.compile(r"\\([_%&#~$])")


def decode_latex(raw: str) -> str:
    """Display text for a raw BibTeX value: LaTeX decoded, braces gone, spaces collapsed."""
    if not _NOT_BARE.search(raw):
        return " ".join(raw.split())
    if "\\" in raw and "$" not in raw:
        accented = _ACCENT_TOKEN.sub(_accent, raw)  # "M{\\"u}ller" -> "Müller"
        if "\\" not in accented:  # otherwise the converter reads the whole value
            raw = accented
    if _NEEDS_CONVERTER.search(raw):
        pieces = _pieces(raw)
        raw = _converted(raw) if pieces is None else "".join(pieces)
    else:
        for latex, text in _LIGATURES:
            if latex in raw:
                raw = raw.replace(latex, text)
    return " ".join(raw.split())


def _converted(raw: str) -> str:
    """The converter's text for the whole value; its braces dropped if it cannot read it."""
    try:
        return _CONVERTER.latex_to_text(_BARE_PERCENT.sub(r"\\%", raw))
    except Exception:
        # pylatexenc is tolerant, but the input is anyone's file: show it bare.
        return raw.replace("{", "").replace("}", "")


def _pieces(raw: str) -> list[str] | None:
    """The converter's text for ``raw`` piece by piece, or None when it must read it whole.

    A braced group or ``$...$`` at the top level is read by the converter apart
    from its neighbours (a group's text is its contents' text; math ends at its
    ``$``), so each is converted alone, and once per build however many values
    hold it. The plain text between them is passed through as it stands. A
    command outside any group (``\\emph x`` reads past itself), display math,
    an unbalanced brace, or a special character between the pieces sends the
    value to the converter whole.
    """
    pieces: list[str] = []
    start, end = 0, len(raw)
    while start < end:
        char = raw[start]
        if char == "{":
            stop = _group_end(raw, start)
            if len(_MATH_SHIFT.findall(raw, start, stop)) % 2:
                return None  # math that opens in the group reads on past it
        elif char == "$":
            stop = raw.find("$", start + 1) + 1
            if stop == 0 or stop == start + 2 or raw[stop - 2] == "\\":
                return None  # unclosed, display math ("$$"), or an escaped "$"
            if not _balanced(raw, start, stop):
                return None  # a group that opens in the math reads on past its "$"
        elif char in "}\\":
            return None
        else:
            plain = _PLAIN_RUN.match(raw, start)
            assert plain is not None  # raw[start] is none of "{}$\\"
            if _NOT_PASSED_THROUGH.search(plain.group()):
                return None
            pieces.append(plain.group())
            start = plain.end()
            continue
        if stop <= start:
            return None
        piece = _converted_piece(raw[start:stop])
        if piece is None:
            return None
        pieces.append(piece)
        start = stop
    return pieces


def _balanced(raw: str, start: int, stop: int) -> bool:
    """Whether every brace of ``raw[start:stop]`` is closed there (a backslash escapes)."""
    depth, index = 0, start
    while index < stop:
        char = raw[index]
        if char == "\\":
            index += 1
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
        index += 1
    return depth == 0


def _group_end(raw: str, start: int) -> int:
    """The index after the brace closing the one at ``start`` (a backslash escapes), or -1."""
    depth, index, end = 0, start, len(raw)
    while index < end:
        char = raw[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return -1


@lru_cache(maxsize=4096)
def _converted_piece(piece: str) -> str | None:
    """The converter's text for one group or math piece; None if it cannot read it."""
    try:
        return _CONVERTER.latex_to_text(_BARE_PERCENT.sub(r"\\%", piece))
    except Exception:
        return None


def unescape_characters(text: str) -> str:
    """``text`` with ``\\_``, ``\\%``, ``\\&``, ``\\#``, ``\\~`` and ``\\$`` unescaped.

    For values that are not prose, such as URLs and DOIs: nothing else is decoded.
    """
    return _ESCAPED_CHARACTER.sub(r"\1", text)


def _accent(match: re.Match[str]) -> str:
    token = match.group()
    text = _ACCENTS.get(token)
    if text is None:
        try:
            text = _ACCENTS[token] = _CONVERTER.latex_to_text(token)
        except Exception:
            text = token  # the whole value goes to the converter
    return text
