"""The words that make a run of names: particles, connectors, "et al." and its kin.

Whether a word can be part of an author's name, joins two names, says "and
others" or ends a sentence is a question of the word alone, asked on every
step of every walk over tokens; the word lists and these tests are kept
together so the walks read as what they mean, and stay cheap.
"""

from __future__ import annotations

import re

from evidence_guides.audit.sentences import ABBREVIATIONS
from evidence_guides.store.entry_names import ORGANISATION_WORDS
from evidence_guides.store.folding import fold

_INITIALS_RE = re.compile(r"(?:[^\W\d_]\.)+")
PARTICLES = frozenset(
    "van von de del della der den du da dos das la le ter ten di zu bin".split()  # noqa: SIM905
)
# "and" in the languages a citation is written in: "García y Keller", "Rossi e Bianchi",
# "Dupont et Martin", "Müller und Weber", "Jansen en Bakker". ("y" joins two authors far more
# often than it joins a double surname, "Ortega y Gasset".)
FOREIGN_ANDS = frozenset({"y", "e", "et", "und", "en"})
CONNECTORS = frozenset({"and", "&", ",", "of", "for", "the", "on", "in"}) | FOREIGN_ANDS
LIST_SEPARATORS = frozenset({"and", "&", ","}) | FOREIGN_ANDS
# "and others" after the last name, by the word before it: "et al.", "and al." (a
# translation's slip), Spanish "y cols.", "y col.", "y otros", "y colaboradores", French
# "et coll.", "et collaborateurs", German "u. a.", "und Kollegen", Italian "e colleghi",
# Portuguese "e colaboradores", Dutch "en collega's"; folded, so "et. al." is "et." "al.".
OTHERS = {
    "al.": frozenset({"et", "et.", "and", "&", "y"}),
    "al": frozenset({"et", "et.", "and"}),
    "cols.": frozenset({"y"}),
    "cols": frozenset({"y"}),
    "col.": frozenset({"y"}),
    "otros": frozenset({"y"}),
    "colaboradores": frozenset({"y", "e"}),
    "coll.": frozenset({"et"}),
    "collaborateurs": frozenset({"et"}),
    "a.": frozenset({"u."}),
    "kollegen": frozenset({"und"}),
    "mitarbeiter": frozenset({"und"}),
    "colleghi": frozenset({"e"}),
    "collaboratori": frozenset({"e"}),
    "collega's": frozenset({"en"}),
    "collegas": frozenset({"en"}),
    "collega": frozenset({"en"}),  # "collega's", its possessive read off
}
# The same words searched for in text: what ends a run of names without parentheses.
OTHERS_PATTERN = (
    r"(?:et\.?[ \t]*+al\b\.?|and[ \t]+al\.|y[ \t]+(?:cols?\.|otros\b|colaboradores\b)"
    r"|et[ \t]+coll(?:\.|aborateurs\b)|u\.[ \t]*+a\.|und[ \t]+(?:Kollegen|Mitarbeiter)\b"
    r"|e[ \t]+(?:colleghi|collaboratori|colaboradores)\b|en[ \t]+collega['\u2019]?s\b)"
)
# "et al." written as one token: "et.al.", "etal.".
OTHERS_AS_ONE = frozenset({"et.al.", "et.al", "etal.", "et_al."})
COLLEAGUES = frozenset(
    "colleagues coworkers co-workers coauthors co-authors associates collaborators team".split()  # noqa: SIM905
)
COLLEAGUES_BEFORE = frozenset({"and", "his", "her", "their"})
GROUPS = frozenset({"group", "team", "lab", "laboratory"})  # "Okafor's group (2017)"
LEAD_INS = frozenset(
    "see also e.g. e.g cf. cf i.e. i.e for example as cited in reviewed by".split()  # noqa: SIM905
)
# Capitalised words that open a sentence or date a thing without naming an author.
NOT_NAMES = frozenset(
    " ".join(
        (
            "In As At On The A An By For From See Since Per Also Both Like Unlike While When",
            "Then After Before During Until Following However Yet But And Or So Thus Here",
            "There This These That Those Our Their Its His Her My We They It If Updated",
            "Revised Published Accessed Retrieved Released Edition Version Copyright Est",
            "Circa About Around Approximately Spring Summer Autumn Fall Winter January",
            "February March April May June July August September October November December",
            "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec According Dr Dr. Prof Prof.",
            "Professor Mr Mr. Mrs Mrs. Ms Ms. Researcher Researchers Author Authors",
            "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tomorrow",
        )
    ).split()
)


def units(tokens: list[str]) -> list[list[str]]:
    """The authors of a run of names: its parts between "and", "&" and commas."""
    found: list[list[str]] = [[]]
    for token in tokens:
        if token in LIST_SEPARATORS:
            found.append([])
        else:
            found[-1].append(token)
    return [unit for unit in found if unit]


def is_person(unit: list[str]) -> bool:
    """One surname, with its particles: "Smith", "van den Tillaar", "De Vries", "ACSM"."""
    names = [word for word in unit if word.lower() not in PARTICLES]
    return len(names) == 1 and is_name_word(names[0])


def is_compound_name(unit: list[str]) -> bool:
    """Two or three capitalised words without an organisation's: "Hartley Quinn", "Brad Smith"."""
    names = [word for word in unit if word.lower() not in PARTICLES]
    return (
        1 < len(names) <= 3
        and all(is_name_word(word) for word in names)
        and not ORGANISATION_WORDS.intersection(fold(word) for word in names)
    )


def is_surname(unit: list[str]) -> bool:
    """A person's surname, or a compound one: what an author list is made of."""
    return is_person(unit) or is_compound_name(unit)


def is_name_word(word: str) -> bool:
    """A capitalised word without digits ("Müller", "O'Brien", "ACSM") or initials ("U.S.")."""
    if not word or not word[0].isupper() or word in NOT_NAMES:
        return False
    return all(char.isalpha() or char in "-'\u2019." for char in word)


def ends_sentence(token: str) -> bool:
    """Whether ``token`` ends a sentence or paragraph: "found.", "!", a blank line."""
    if token in ("!", "?", "\x00") or token.startswith("\n"):
        return True
    if not token.endswith(".") or len(token) == 1:
        return False
    lowered = token.lstrip("'\u2018").lower()
    return lowered not in ABBREVIATIONS and _INITIALS_RE.fullmatch(lowered) is None
