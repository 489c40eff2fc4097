"""Characters a reader cannot see, and letters that look like other scripts' letters.

A right-to-left override reorders what a reader sees ("Trojan Source"), a
zero-width space splits a word invisibly, a NUL ends a string early in other
tools, and a Cyrillic a (U+0430) in a key such as garber2011 makes a key that looks right and
never matches. The audit reports them; this module only says what they are.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls
# (U+009B starts a terminal's control sequence, U+0085 is a line break to some
# tools); zero-width space, non-joiner and joiner; the line and paragraph
# separators (a line break to some tools, a space to a browser); word joiner;
# bidirectional embeddings, overrides and isolates; a byte-order mark anywhere
# but the start.
HIDDEN_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060"
    "\u202a-\u202e\u2066-\u2069\ufeff]"
)
_ZERO_WIDTH_JOINERS = "\u200c\u200d"
# Latin letters that other scripts draw the same: the ones that make keys look right.
_LATIN_TWIN = str.maketrans(
    "аеорсухіјѕԁԛԝАВЕКМНОРСТХІЈЅοανρικτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwABEKMHOPCTXIJSoavpiktuxABEZHIKMNOPTYX",
)


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """Each hidden character in ``text``: its offset and what it is, for a message.

    A zero-width joiner inside an emoji sequence ("👩\u200d💻") and a
    non-joiner between letters of a script that uses it (Persian, Indic) are
    writing, not hiding; a byte-order mark at the very start is an encoding mark.
    """
    found = []
    for match in HIDDEN_RE.finditer(text):
        at, char = match.start(), match.group()
        if char == "\ufeff" and at == 0:
            continue
        if char in _ZERO_WIDTH_JOINERS and _joins_writing(text, at):
            continue
        found.append((at, describe(char)))
    return found


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "CONTROL CHARACTER")
    return f"U+{ord(char):04X} {name}"


def lookalikes(word: str) -> list[tuple[str, str]]:
    """Letters of ``word`` from another script than its Latin ones, with their Latin twin.

    ``lookalikes("g\u0430rber2011")`` is ``[("\u0430", "a")]``; a word with no Latin
    letter, or no twin letter, gives ``[]``.
    """
    if word.isascii() or not any("a" <= c.lower() <= "z" for c in word):
        return []
    return [
        (c, c.translate(_LATIN_TWIN))
        for c in word
        if not c.isascii() and c.translate(_LATIN_TWIN).isascii()
    ]


def latin_twin(word: str) -> str:
    """``word`` with its look-alike letters replaced by their Latin twins."""
    return word.translate(_LATIN_TWIN)


def _joins_writing(text: str, at: int) -> bool:
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if (
        text[at] == "\u200d"
    ):  # emoji sequences: a pictograph (or its variation selector) on each side
        return _is_emoji(before) and _is_emoji(after)
    before = _letter_before(text, at)
    return before.isalpha() and after.isalpha() and not (before.isascii() or after.isascii())


def _letter_before(text: str, at: int) -> str:
    """The letter before ``at``, past the marks on it.

    Indic scripts write a non-joiner after a virama (U+094D DEVANAGARI SIGN VIRAMA),
    which is a mark on the letter before it, not a letter.
    """
    start = at
    while start and unicodedata.category(text[start - 1]).startswith("M"):
        start -= 1
    return text[start - 1] if start else ""


def _is_emoji(char: str) -> bool:
    return bool(char) and (
        char == "\ufe0f" or ord(char) >= 0x1F000 or 0x2600 <= ord(char) <= 0x27BF
    )


_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x08": "BACKSPACE",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
    "\x9b": "CONTROL SEQUENCE INTRODUCER",
}
