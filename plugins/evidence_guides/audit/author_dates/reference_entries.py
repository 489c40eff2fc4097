"""References typed by hand, as the reference lists of web articles write them.

Their dates are not in parentheses, so no other reader finds them. Two
families of styles:

- **Vancouver** (NLM, AMA): "1. Schoenfeld BJ, Ogborn D, Krieger JW. Title. J
  Sports Sci. 2017;35(11):1073-1082." What marks it is the journal's date and
  place, "2017;35(11):1073-1082" (or "2017 Jun;35:e123"), which prose does
  not write. From there the reader goes back to the start of the entry's line
  and reads the authors: surnames with their initials ("Schoenfeld BJ",
  "van den Tillaar R"), up to "et al".
- **Surname first** (MLA, Chicago, Harvard): 'Smith, John, et al. "Title."
  Journal, vol. 12, no. 3, 2019, pp. 45-50.', "Jones, A. B. 2018. Title.
  Sports Medicine 12 (3): 45-50." A line that starts with a surname, a comma
  and a first name or initials, holds a year that is not in parentheses, and
  holds what only a reference writes (a title in quotes, "vol.", "pp.", a
  volume and issue, a page range after a colon, a DOI).

A line starts after its list marker ("1.", "[1]", "-", a footnote's "[^1]:")
and a label that says an entry follows ("Reference:", "Source:", "Ref:",
"Cited in:", "See also"): "Source: Nguyen L, Park J. Title. J Abc.
2019;7:12-20." is read as the same line without "Source:".
The entry is then a dated citation like any other: vague without a key or
PMID beside it, identified by its first author and year.
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

# A label before an entry, which says it is one: "Reference:", "Sources:", "Ref:", "Cited in:",
# "See:", "See also", "Further reading:", in bold or italics or not ("**Source:**").
_LABEL = (
    r"(?:[*_]{0,2}+(?i:(?:sources?|references?|refs?|citations?|cited[ \t]+in|adapted[ \t]+from"
    r"|further[ \t]+reading|read[ \t]+more|see(?:[ \t]+also)?)[*_]{0,2}+[ \t]*+:"
    r"|see(?:[ \t]+also)?[ \t])[*_]{0,2}+[ \t]*+)?+"
)
# A list marker before an entry: "1.", "12)", "[3]", "-", "*", a footnote's "[^3]:"; then a label.
_MARKER = r"[ \t>]*+(?:\d{1,3}[.)]|\[\d{1,3}\]|[-*+]|\[\^[^\]\s]{1,30}\]:)?[ \t]*+" + _LABEL
# A surname, with its particles: "Schoenfeld", "van den Tillaar", "Baz-Valle", "O'Brien".
_SURNAME = r"(?:(?:[a-z]{1,3}[ \t]){0,2}[A-Z][\w'\u2019-]*+(?:[ \t-][A-Z][\w'\u2019]*+)?)"

# --- Vancouver ---------------------------------------------------------------------------------

# The journal's date and place: "2017;35(11):1073-1082", "2019 Mar 5;14(3):e0213",
# "2016 Dec;48:2337". Searched first: prose holds none.
_PLACE_RE = re.compile(
    rf"(?<![\w.])(?P<year>{YEAR})(?:[ \t]+[A-Z][a-z]{{2}}(?:[ \t]+\d{{1,2}})?)?"
    r"[ \t]*;[ \t]*\d{1,4}(?:[ \t]*\([^()\n]{1,20}\))?[ \t]*:[ \t]*[eE]?\d"
)
MARKER_RE = re.compile(_MARKER)
_AUTHOR = rf"{_SURNAME}[ \t]+[A-Z]{{1,3}}(?![\w'])"
# The authors: "Schoenfeld BJ, Ogborn D, Krieger JW", "Smith A, et al", then a full stop.
AUTHORS_RE = re.compile(
    rf"(?P<authors>{_AUTHOR}(?:[ \t]*,[ \t]*{_AUTHOR}){{0,29}})(?P<et_al>,?[ \t]+et[ \t]+al)?\.?"
)
INITIALS_RE = re.compile(r"[ \t]+[A-Z]{1,3}\Z")
# How far back the entry's line may start: a long author list and title.
_REACH = 1000

# --- Surname first -----------------------------------------------------------------------------

# Surname first: "Smith, John", "Smith, J. A.", "van den Tillaar, R.", at a line's start.
_LEAD_RE = re.compile(
    rf"^{_MARKER}(?P<surname>{_SURNAME}),[ \t]+(?:[A-Z]\.(?:[ \t]?-?[A-Z]\.)*+|[A-Z][^\W\d_]++)",
    re.MULTILINE,
)
# A year not in parentheses ("(2017)" is the author-date readers'), nor in a number.
_BARE_YEAR_RE = re.compile(rf"(?<![\d(./-])(?P<year>{YEAR})(?P<suffix>[a-z])?(?![\d)/-])")
# What only a reference writes: a title in quotes, "vol.", "pp.", "12(3):", a page range, a DOI.
_CUE_RE = re.compile(
    r"\bvol\.|\bpp?\.[ \t]*\d|\d[ \t]*\(\d{1,4}\)[ \t]*[:,]|\"[^\"\n]{3,}\""
    r"|\u201c[^\u201d\n]{3,}\u201d|:[ \t]*\d+[\u2013-]\d+|\bdoi\b"
)
_ENTRY_LENGTH = 600  # how much of a line is read for its year and cues


def read_surname_first(scan: Scan) -> None:
    """Each hand-typed MLA, Chicago or Harvard reference: a line led by "Surname, First"."""
    masked = scan.masked
    if ", " not in masked:
        return
    for lead in _LEAD_RE.finditer(masked):
        start = lead.start("surname")
        if start in scan.found:
            continue
        entry_end = line_end(masked, lead.end())
        entry = masked[lead.end() : min(entry_end, lead.end() + _ENTRY_LENGTH)]
        year = _BARE_YEAR_RE.search(entry)
        if year is None or _CUE_RE.search(entry) is None:
            continue
        authors = entry[: year.start()]
        surname = " ".join(lead.group("surname").split())
        scan.found.keep(
            AuthorDate(
                start=start,
                end=lead.end() + year.end(),
                quote=f"{' '.join(masked[start : lead.end()].split())} … {year.group()}",
                names=surname,
                surnames=(words(surname),),
                year=year.group("year"),
                suffix=year.group("suffix"),
                year_start=lead.end() + year.start("year"),
                dated=True,
                sources=written_sources(scan.prose, start, entry_end, entry_end),
                et_al="et al" in authors,
            )
        )


def read_vancouver(scan: Scan) -> None:
    """Each hand-typed Vancouver reference: its authors, up to its journal's date and place."""
    masked = scan.masked
    for place in _PLACE_RE.finditer(masked):
        line_start = masked.rfind("\n", max(0, place.start() - _REACH), place.start()) + 1
        if line_start == 0 and place.start() > _REACH:
            continue  # no line start within reach: no entry of a list
        marker = MARKER_RE.match(masked, line_start, place.start())
        start = marker.end() if marker is not None else line_start
        if start in scan.found:
            continue  # read already: an earlier place on its line, or another form
        authors = AUTHORS_RE.match(masked, start, place.start())
        if authors is None:
            continue
        listed = [name.strip() for name in authors.group("authors").split(",")]
        surnames = tuple(words(INITIALS_RE.sub("", name)) for name in listed)
        end = place.end()
        scan.found.keep(
            AuthorDate(
                start=start,
                end=end,
                quote=f"{' '.join(masked[start : authors.end()].split())} … {place.group()}",
                names=INITIALS_RE.sub("", listed[0]),
                surnames=surnames,
                year=place.group("year"),
                suffix=None,
                year_start=place.start("year"),
                dated=True,
                sources=written_sources(scan.prose, start, line_end(masked, end), end),
                et_al=authors.group("et_al") is not None or len(listed) > 2,
            )
        )


def leads_to_an_identifier(masked: str, at: int) -> bool:
    """Whether the line up to ``at`` (an identifier on it) is a reference typed by hand.

    Its journal's date and place ("2015 Oct;29(10):2954-63. doi: ..."), or a
    surname first with a bare year: a DOI that ends such a line is the
    entry's, reported with it, not again as an identifier in prose. An entry
    is read within :data:`_REACH` of its line's start, as the readers above read it.
    """
    line_start = masked.rfind("\n", max(0, at - _REACH), at) + 1
    if line_start == 0 and at > _REACH:
        return False  # no line start within reach: no entry of a list
    line = masked[line_start:at]
    if _PLACE_RE.search(line) is not None:
        return True
    return _LEAD_RE.match(line) is not None and _BARE_YEAR_RE.search(line) is not None


def line_end(masked: str, at: int) -> int:
    """Where the line holding ``at`` ends: the entry's PMID or key may follow its pages."""
    end = masked.find("\n", at)
    return len(masked) if end == -1 else end
