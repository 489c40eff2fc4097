"""The date every author-date form shares: a year, with its "a" or "b", or "n.d.".

Every search starts from a date, and a date is what tells a citation's year
from a number, a range or a decade ("2018-19", "1990s"), so what counts as
one is written once, here.
"""

from __future__ import annotations

import re

YEAR = r"(?:1[6-9]|20)\d\d"
# A year (not part of a number, a range or a decade: "2018-19", "1990s") or "n.d.".
DATE_RE = re.compile(
    rf"(?<![\w.,\-\u2013/:])(?:(?P<year>{YEAR})(?P<suffix>[a-rt-z])?(?![\w\u2019']|[\-\u2013/.:]\d)"
    r"|(?P<nd>n\.[ \t]?d\b\.?))"
)


def year_start(date: re.Match[str]) -> int:
    """Where the year of ``date`` starts; for "n.d.", where the date does."""
    return date.start("year") if date.group("year") else date.start()
