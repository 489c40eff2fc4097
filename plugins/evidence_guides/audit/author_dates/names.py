"""Runs of names over a window's tokens: authors, "et al.", and whether they read as names.

A date is a citation only when what stands before it (or, in "In 2018, Park
and colleagues", after it) reads as authors: capitalised words, particles
and connectors, "et al." or "and colleagues", or an organisation or name the
store knows. These walks decide where such a run starts and ends, and split
it into the surnames the store is asked about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides.audit.author_dates.model import Run
from evidence_guides.audit.author_dates.vocabulary import (
    COLLEAGUES,
    COLLEAGUES_BEFORE,
    CONNECTORS,
    GROUPS,
    NOT_NAMES,
    OTHERS,
    OTHERS_AS_ONE,
    PARTICLES,
    ends_sentence,
    is_name_word,
    is_person,
    is_surname,
    units,
)
from evidence_guides.store.entry_names import ORGANISATION_WORDS
from evidence_guides.store.folding import fold, words

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.tokens import Tokens
    from evidence_guides.audit.context import NameIndex

RUN_TOKENS = 40  # how many tokens before a date a name or title may take


def names_backward(tokens: Tokens, entries: NameIndex, end: int, et_al: bool) -> Run | None:
    """A run of names ending at token ``end``, if it reads as authors or an organisation."""
    index = end
    floor = max(0, end - RUN_TOKENS)
    while index >= floor and in_name_run(tokens, index):
        index -= 1
    return names_run(tokens, entries, index + 1, end, et_al)


def names_forward(
    tokens: Tokens, entries: NameIndex, first: int, last: int, *, open_end: bool = False
) -> Run | None:
    """A run of names from token ``first``: to ``last``, or (``open_end``) to its et al."""
    index = first
    while index <= last and in_name_run(tokens, index):
        index += 1
    if open_end:
        return _names_then_et_al(tokens, entries, first, index)
    end = last
    size = et_al_size(tokens, end) if end >= first + 1 else 0
    et_al = size > 0
    end -= size
    if end >= first + 2 and tokens.at(end) == "]" and tokens.at(end - 2) == "[":
        end -= 3
    if index <= end:
        return None  # a word that is no name: a title fragment, or no citation
    return names_run(tokens, entries, first, end, et_al, check_shape=False)


def _names_then_et_al(tokens: Tokens, entries: NameIndex, first: int, stop: int) -> Run | None:
    """Names from ``first`` to token ``stop``, where "et al." or "(and) colleagues" starts."""
    if stop + 1 >= len(tokens):
        return None
    if et_al_size(tokens, stop + 1) == 2:  # "his colleagues", "u. a."
        return names_run(tokens, entries, first, stop - 1, True, shown_end=stop + 1)
    size = et_al_size(tokens, stop)  # "and colleagues" ("and" is in the run), "Park's team"
    if size:
        return names_run(tokens, entries, first, stop - size, True, shown_end=stop)
    return names_run(tokens, entries, first, stop - 1, False)


def et_al_size(tokens: Tokens, index: int) -> int:
    """How many tokens "et al.", "and colleagues" or "Park's group" take, ending at ``index``.

    "and others" in other languages and spellings counts as "et al." does:
    "y cols.", "et coll.", "u. a.", "et. al.", "et.al." (one token).

    0 when none ends there; a possessive's group noun takes only itself,
    its name staying in the run of names.
    """
    if index < 1:
        return 1 if index == 0 and fold(tokens.word(0)) in OTHERS_AS_ONE else 0
    word, before = fold(tokens.word(index)), fold(tokens.at(index - 1))
    if word in OTHERS_AS_ONE:
        return 1
    if word in OTHERS:
        return 2 if before in OTHERS[word] else 0
    if word in COLLEAGUES and before in COLLEAGUES_BEFORE:
        return 2
    possessive = before.endswith(("'s", "\u2019s"))
    if (word in COLLEAGUES or word in GROUPS) and possessive:
        return 1 if is_name_word(tokens.word(index - 1)) else 0
    return 0


def in_name_run(tokens: Tokens, index: int) -> bool:
    """Whether token ``index`` can be part of a run of names: a name, a particle, a connector."""
    text = tokens.at(index)
    if text in CONNECTORS or text == ",":
        return True
    word = tokens.word(index)
    if ends_sentence(text):
        return False
    return is_name_word(word) or word in PARTICLES


def names_run(
    tokens: Tokens,
    entries: NameIndex,
    first: int,
    last: int,
    et_al: bool,
    *,
    check_shape: bool = True,
    shown_end: int | None = None,
) -> Run | None:
    """Trim openers and connectors; split into authors; check it reads as names."""
    while first <= last and not starts_names(tokens, first, last):
        first += 1
    while last >= first and tokens.at(last) in CONNECTORS:
        last -= 1
    if first > last:
        return None
    found = units([tokens.word(index) for index in range(first, last + 1)])
    if not found:
        return None
    if check_shape and not et_al and not _reads_as_names(tokens, entries, found, first, last):
        return None
    surnames = tuple(words(" ".join(unit)) for unit in found if is_surname(unit))
    if shown_end is None:
        return Run(tokens, first, last, surnames, et_al)
    return Run(tokens, first, shown_end, surnames, et_al, names_last=last)


def starts_names(tokens: Tokens, first: int, last: int) -> bool:
    """Whether a run of names can start at token ``first``: no opener, no lone particle."""
    word = tokens.word(first)
    if tokens.at(first) in CONNECTORS or word in NOT_NAMES:
        return False
    if word in PARTICLES:  # "van den Tillaar": a particle before a name
        return any(is_name_word(tokens.word(i)) for i in range(first + 1, last + 1))
    return True


def _reads_as_names(
    tokens: Tokens, entries: NameIndex, found: list[list[str]], first: int, last: int
) -> bool:
    """Authors ("Smith", "Smith and Lee", "van den Tillaar"), or an organisation.

    Capitalised words side by side without a connector ("Barcelona
    Olympics") are a proper name, not an author list, unless they name an
    organisation or the store knows them.
    """
    if all(is_person(unit) for unit in found):
        return True
    if len(found) > 1 and all(is_surname(unit) for unit in found):
        return True  # "Hartley Quinn and Marsh": a list, joined by "and", "&" or commas
    if any(ORGANISATION_WORDS.intersection(fold(word) for word in unit) for unit in found):
        return True
    written = words(tokens.text[tokens.starts[first] : tokens.ends[last]])
    return entries.names_a_work(written, minimum=2) or entries.has_surname(written[-1:])
