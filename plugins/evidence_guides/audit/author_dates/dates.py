"""The date every author-date form shares: a year, with its "a" or "b", "n.d.", or "in press".

"n.d." has its kin: "no date", "undated", Spanish "s.f.", French "s.d.", German
"o. J.", written in any case alone in parentheses ("Title words (N.D.)").

Every search starts from a date, and a date is what tells a citation's year
from a number, a range or a decade ("2018-19", "1990s"), so what counts as
one is written once, here. A work accepted but not yet published is dated
"in press" (APA) or "forthcoming" (Chicago): "(Nguyen et al., in press)",
"Lindqvist (forthcoming)". Such a date stands where a year does, so it is
read by every reader of a year in parentheses, and like a year it needs
names before it ("the guide (in press)" is no citation).
"""

from __future__ import annotations

import re

YEAR = r"(?:1[6-9]|20)\d\d"
# A year (not part of a number, a range or a decade: "2018-19", "1990s") or "n.d.".
DATE_RE = re.compile(
    rf"(?<![\w.,\-\u2013/:])(?:(?P<year>{YEAR})(?P<suffix>[a-rt-z])?(?![\w\u2019']|[\-\u2013/.:]\d)"
    r"|(?P<nd>(?i:n\.[ \t]?d\b\.?|no[ \t]+date|undated|s\.[ \t]?[fd]\.|[oz]\.[ \t]?j\."
    r"|sin[ \t]+fecha|sans[ \t]+date|sem[ \t]+data|senza[ \t]+data)(?!\w))"
    r"|(?P<press>(?i:in[ \t]+press|forthcoming))(?!\w))"
)

# "n.d." as APA writes it, and its kin in other styles and languages as they are written:
# Spanish "s.f.", French and Italian "s.d.", German "o. J.", Dutch "z.j.". Written in
# another case ("N.D.", "S.D.") they are as often a US state ("Fargo, N.D."), so such a
# marker counts only alone in its parentheses, after a title's fragment.
_STYLED_UNDATED = frozenset({"n.d.", "n.d", "s.f.", "s.d.", "o.J.", "z.j."})


def undated_as_styled(date: re.Match[str]) -> bool:
    """Whether ``date`` is an undated marker in a style's own case ("n.d.", "o. J.").

    A word ("no date", "undated", "sin fecha") is one in any case.
    """
    written = "".join(date.group("nd").split())
    return written in _STYLED_UNDATED or "." not in written


def year_start(date: re.Match[str]) -> int:
    """Where the year of ``date`` starts; for "n.d.", where the date does."""
    return date.start("year") if date.group("year") else date.start()


def in_press(date: re.Match[str]) -> bool:
    """Whether ``date`` is "in press" or "forthcoming": a work with no year to be found by.

    Asked of any reader's match: only :data:`DATE_RE`'s have the group.
    """
    return "press" in date.re.groupindex and date.group("press") is not None
