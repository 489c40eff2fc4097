"""A reference typed by hand in the Vancouver (NLM, AMA) style, as numbered reference lists
on the web write them:

    1. Schoenfeld BJ, Ogborn D, Krieger JW. Dose-response relationship between weekly
       resistance training volume and increases in muscle mass. J Sports Sci.
       2017;35(11):1073-1082.

Its date is not in parentheses, so no other reader finds it; what marks it is
the journal's date and place, "2017;35(11):1073-1082" (or "2017 Jun;35:e123"),
which prose does not write. From there the reader goes back to the start of
the entry's line (after a list marker, "1.", "[1]", "-", "[^1]:") and reads the
authors: surnames with their initials ("Schoenfeld BJ", "van den Tillaar R"),
up to "et al". The entry is then a dated citation like any other: vague
without a key or PMID beside it, and identified by its first author and year.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evidence_guides.audit.author_dates.dates import YEAR
from evidence_guides.audit.author_dates.model import AuthorDate
from evidence_guides.audit.author_dates.sources import written_sources
from evidence_guides.store.folding import words

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.scan import Scan

# The journal's date and place: "2017;35(11):1073-1082", "2019 Mar 5;14(3):e0213",
# "2016 Dec;48:2337". Searched first: prose holds none.
_PLACE_RE = re.compile(
    rf"(?<![\w.])(?P<year>{YEAR})(?:[ \t]+[A-Z][a-z]{{2}}(?:[ \t]+\d{{1,2}})?)?"
    r"[ \t]*;[ \t]*\d{1,4}(?:[ \t]*\([^()\n]{1,20}\))?[ \t]*:[ \t]*[eE]?\d"
)
# A list marker before an entry: "1.", "12)", "[3]", "-", "*", a footnote's "[^3]:".
_MARKER_RE = re.compile(r"[ \t>]*+(?:\d{1,3}[.)]|\[\d{1,3}\]|[-*+]|\[\^[^\]\s]{1,30}\]:)?[ \t]*+")
_SURNAME = r"(?:(?:[a-z]{1,3}[ \t]){0,2}[A-Z][\w'\u2019-]*+(?:[ \t-][A-Z][\w'\u2019]*+)?)"
_AUTHOR = rf"{_SURNAME}[ \t]+[A-Z]{{1,3}}(?![\w'])"
# The authors: "Schoenfeld BJ, Ogborn D, Krieger JW", "Smith A, et al", then a full stop.
_AUTHORS_RE = re.compile(
    rf"(?P<authors>{_AUTHOR}(?:[ \t]*,[ \t]*{_AUTHOR}){{0,29}})(?P<et_al>,?[ \t]+et[ \t]+al)?\.?"
)
_INITIALS_RE = re.compile(r"[ \t]+[A-Z]{1,3}\Z")
# How far back the entry's line may start: a long author list and title.
_REACH = 1000


def read_vancouver(scan: Scan) -> None:
    """Each hand-typed Vancouver reference: its authors, up to its journal's date and place."""
    masked = scan.masked
    for place in _PLACE_RE.finditer(masked):
        line_start = masked.rfind("\n", max(0, place.start() - _REACH), place.start()) + 1
        if line_start == 0 and place.start() > _REACH:
            continue  # no line start within reach: no entry of a list
        marker = _MARKER_RE.match(masked, line_start, place.start())
        start = marker.end() if marker is not None else line_start
        if start in scan.found:
            continue  # read already: an earlier place on its line, or another form
        authors = _AUTHORS_RE.match(masked, start, place.start())
        if authors is None:
            continue
        listed = [name.strip() for name in authors.group("authors").split(",")]
        surnames = tuple(words(_INITIALS_RE.sub("", name)) for name in listed)
        end = place.end()
        scan.found.keep(
            AuthorDate(
                start=start,
                end=end,
                quote=f"{' '.join(masked[start : authors.end()].split())} … {place.group()}",
                names=_INITIALS_RE.sub("", listed[0]),
                surnames=surnames,
                year=place.group("year"),
                suffix=None,
                year_start=place.start("year"),
                dated=True,
                sources=written_sources(scan.prose, start, _line_end(masked, end), end),
                et_al=authors.group("et_al") is not None or len(listed) > 2,
            )
        )


def _line_end(masked: str, at: int) -> int:
    """Where the line holding ``at`` ends: the entry's PMID or key may follow its pages."""
    end = masked.find("\n", at)
    return len(masked) if end == -1 else end
