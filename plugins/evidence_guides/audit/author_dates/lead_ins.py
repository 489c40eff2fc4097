"""Words that lead into a source inside parentheses: "(see Table 2 in A & B, 2015)".

A parenthetical citation may open with more than "see" or "e.g.": a locator
("Table 2 in", "Fig. 3 in", "p. 12 in"), what was taken from the work ("data
from", "adapted from", "based on") or what the work did ("as reviewed by",
"summarised in"). The names then stand between those words and the date, and
are read backwards from it.

A preposition alone is no lead-in: "(born in Oslo, 1984)", "(held in Tokyo,
2021)", "(photo by Anna Berg, 2019)" and "(made by Eleiko, 2020)" name a
place, a person or a maker. Only a preposition after a word that says a
source is being used counts, or one after a locator and its number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides.store.folding import fold

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.tokens import Tokens


def _set(words: str) -> frozenset[str]:
    """The words of a list written in one string, in lower case as ``fold`` gives a token."""
    return frozenset(words.split())


# Words that point at a source on their own: "(see A, 2019)", "(cf. A, 2019)".
_POINTERS = frozenset({"see", "cf.", "cf", "e.g.", "e.g", "also", "i.e.", "viz."})
# What may stand before each preposition when a source follows it.
_BEFORE = {
    "in": _set(
        "reviewed cited discussed summarised summarized described reported quoted published "
        "noted shown found given listed tabulated"
    ),
    "from": _set(
        "data figures figure values numbers results estimates norms adapted taken modified "
        "reprinted redrawn quoted excerpted derived drawn calculated compiled"
    ),
    "by": _set(
        "reviewed summarised summarized reported described shown proposed discussed cited "
        "quoted found demonstrated measured studied suggested argued noted observed "
        "validated tested"
    ),
    "on": frozenset({"based", "building", "drawing"}),
}
# A place in a work, before its number and "in": "Table 2 in", "Fig. 3b in", "p. 12 in".
_LOCATORS = _set(
    "table tables figure figures fig. fig figs. box appendix chapter ch. section sec. "
    "p. pp. page pages supplement panel"
)


def led_in(tokens: Tokens, first: int) -> bool:
    """Whether the words before token ``first`` lead into a source named from there."""
    if first < 1:
        return False
    word = fold(tokens.at(first - 1))
    if word in _POINTERS:
        return True
    if word not in _BEFORE or first < 2:
        return False
    before = fold(tokens.at(first - 2))
    if before in _BEFORE[word]:
        return True
    return (
        word == "in"
        and first >= 3
        and any(char.isdigit() for char in before)
        and fold(tokens.at(first - 3)) in _LOCATORS
    )
