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
"""

from __future__ import annotations

import re

from pylatexenc.latex2text import LatexNodes2Text

# One converter for the whole process: building one is far dearer than using it.
_CONVERTER = LatexNodes2Text()

# Only commands (\\) and math ($) need the LaTeX converter. Everything else a .bib
# value holds (grouping braces, ties, dash and quote ligatures) is rewritten
# directly, exactly as the converter would: most values never reach it.
_NEEDS_CONVERTER = re.compile(r"[\\$]")
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
# The characters a .bib file escapes in URLs and DOIs: "a\_b" is "a_b".
_ESCAPED_CHARACTER = re.compile(r"\\([_%&#~$])")


def decode_latex(raw: str) -> str:
    """Display text for a raw BibTeX value: LaTeX decoded, braces gone, spaces collapsed."""
    if "\\" in raw and "$" not in raw:
        accented = _ACCENT_TOKEN.sub(_accent, raw)  # "M{\\"u}ller" -> "Müller"
        if "\\" not in accented:  # otherwise the converter reads the whole value
            raw = accented
    if _NEEDS_CONVERTER.search(raw):
        try:
            raw = _CONVERTER.latex_to_text(_BARE_PERCENT.sub(r"\\%", raw))
        except Exception:
            # pylatexenc is tolerant, but the input is anyone's file: show it bare.
            raw = raw.replace("{", "").replace("}", "")
    else:
        for latex, text in _LIGATURES:
            if latex in raw:
                raw = raw.replace(latex, text)
    return " ".join(raw.split())


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
