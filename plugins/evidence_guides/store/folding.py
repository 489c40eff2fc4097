"""Names and titles as folded words, the form in which prose and the store are compared.

An editor writes "Jager" for "Jäger", "Effects of low" for "Effects of Low-
vs. High-Load ...", "Tillaar" for "van den Tillaar" and "Dambrosio" for
"D'Ambrosio". Whether a name in prose means an entry, and which words before a
date are a name at all, are both decided on words folded one way: lowercase,
accents dropped, hyphens and punctuation as word breaks. This module is that
one way, for the store's name index and the audit's author-date finder alike.
"""

from __future__ import annotations

import re
import unicodedata

Words = tuple[str, ...]

_WORD = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Letters NFKD does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
    }
)
LEADING_ARTICLES = frozenset({"the", "a", "an"})


def fold(text: str) -> str:
    """``text`` lowercased without accents: "Jäger" and "Jager" compare equal."""
    text = text.casefold()
    if not _NON_ASCII.search(text):
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> Words:
    """Folded word tokens for comparing names and titles: '&' is 'and'."""
    return tuple(_WORD.findall(fold(text).replace("&", " and ")))


def without_article(tokens: Words) -> Words:
    """``tokens`` without a leading article: "The Compendium" is "Compendium"."""
    return tokens[1:] if tokens and tokens[0] in LEADING_ARTICLES else tokens


def title_words(title: str) -> Words:
    """Title words without a leading year or number (``2011 Compendium``) or article."""
    tokens = words(title)
    start = 0
    while start < len(tokens) and (tokens[start].isdigit() or tokens[start] in LEADING_ARTICLES):
        start += 1
    return tokens[start:]


def is_prefix(written: Words, full: Words, minimum: int = 2) -> bool:
    return len(written) >= minimum and full[: len(written)] == written


def surname_matches(full: Words, surname: Words) -> bool:
    """Whether a surname as written names an author's surname ``full``.

    ``Garber`` names ``Garber``; ``Tillaar`` names ``van den Tillaar``; a
    first name written before the surname ("Brad Schoenfeld") does not hide
    it; and "Dambrosio" names "D'Ambrosio", "Hartley Quinn" "Hartley-Quinn".
    """
    if not full or not surname:
        return False
    if len(full) != len(surname) and "".join(full) == "".join(surname):
        return True
    if len(surname) <= len(full):
        return full[-len(surname) :] == surname
    return surname[-len(full) :] == full
