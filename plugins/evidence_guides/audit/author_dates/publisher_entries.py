"""References to reports and books typed by hand: a body as author, a publisher and its year.

Two shapes that :mod:`.reference_entries` does not read, as guidelines and
books are listed:

- **APA, a body as author**: "U.S. Department of Health and Human Services.
  (2018). *Physical activity guidelines for Americans* (2nd ed.)." The date
  in parentheses follows the body's full stop, so no narrative reading takes
  the body's name for its authors.
- **Vancouver, a book or report**: "World Health Organization. WHO
  guidelines on physical activity. Geneva: World Health Organization;
  2020.", "McGill SM. Low back disorders. 3rd ed. Champaign (IL): Human
  Kinetics; 2016." What marks it is the place, the publisher and the year
  after a semicolon at the entry's end, which prose does not write.

Each is read from its line's start (after a list marker or a label) and
needs authors in a reference's shape: a body whose name holds an
organisation's word ("Department", "Organization", "Council"), or, for
Vancouver, surnames with initials. "Winners. (2019)." and "Note: we moved;
2020." are none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evidence_guides.audit.author_dates.dates import YEAR
from evidence_guides.audit.author_dates.model import AuthorDate
from evidence_guides.audit.author_dates.reference_entries import (
    AUTHORS_RE,
    INITIALS_RE,
    MARKER_RE,
    line_end,
)
from evidence_guides.audit.author_dates.sources import written_sources
from evidence_guides.audit.author_dates.vocabulary import ends_sentence
from evidence_guides.store.entry_names import ORGANISATION_WORDS
from evidence_guides.store.folding import fold, words

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.scan import Scan

# APA's date after the author's full stop: ". (2018).", ". (2019, March 4)."
_APA_DATE_RE = re.compile(
    rf"\.[ \t]++\((?P<year>{YEAR})(?P<suffix>[a-z])?"
    r"(?:,[ \t]*+[A-Z][a-z]++(?:[ \t]++\d{1,2})?)?\)\."
)
# Vancouver's place, publisher and year ending an entry: "Geneva: World Health Organization; 2020."
_PUBLISHER_YEAR_RE = re.compile(
    rf":[ \t]*+[A-Z][^:;\n]{{0,120}}?;[ \t]*+(?P<year>{YEAR})(?P<suffix>[a-z])?"
    r"(?=\.?[ \t]*+(?:\n|\Z)|\.[ \t]++[A-Z(])"
)
_BODY_WORDS = 16  # how many words a body's name may take: "U.S. Department of Health and ..."
_JOINERS = frozenset({"of", "and", "for", "the", "on", "&", "in"})
_REACH = 600  # how far back an entry's line may start


def read_apa_bodies(scan: Scan) -> None:
    """ "U.S. Department of Health and Human Services. (2018). Title.": a body's APA entry."""
    masked = scan.masked
    if ". (" not in masked:
        return
    for date in _APA_DATE_RE.finditer(masked):
        start = _entry_start(masked, date.start())
        if start is None or start in scan.found:
            continue
        body = _body(masked, start, date.start() + 1, whole=True)
        if body is not None:
            _keep(scan, start, date, body, ())


def read_publisher_entries(scan: Scan) -> None:
    """ "Body. Title. Geneva: Publisher; 2020.", "McGill SM. Title. City: Publisher; 2016."."""
    masked = scan.masked
    for place in _PUBLISHER_YEAR_RE.finditer(masked):
        start = _entry_start(masked, place.start())
        if start is None or start in scan.found:
            continue
        authors = AUTHORS_RE.match(masked, start, place.start())
        if authors is not None and masked.startswith(".", authors.end() - 1):
            listed = [name.strip() for name in authors.group("authors").split(",")]
            surnames = tuple(words(INITIALS_RE.sub("", name)) for name in listed)
            _keep(scan, start, place, INITIALS_RE.sub("", listed[0]), surnames)
            continue
        body = _body(masked, start, place.start(), whole=False)
        if body is not None:
            _keep(scan, start, place, body, ())


def _entry_start(masked: str, at: int) -> int | None:
    """Where the entry holding ``at`` starts on its line: after its list marker and label."""
    line_start = masked.rfind("\n", max(0, at - _REACH), at) + 1
    if line_start == 0 and at > _REACH:
        return None  # no line start within reach: no entry of a list
    marker = MARKER_RE.match(masked, line_start, at)
    return marker.end() if marker is not None else line_start


def _body(masked: str, start: int, stop: int, *, whole: bool) -> str | None:
    """The body named from ``start`` to its full stop, or None if it names none.

    Capitalised words and joiners, at least one an organisation's word; the
    name ends at the first word that ends a sentence ("Services.", not
    "U.S."), which must be the last before ``stop`` when ``whole``.
    """
    written = masked[start:stop].split()[:_BODY_WORDS]
    for number, word in enumerate(written):
        if not (word[:1].isupper() or word in _JOINERS):
            return None
        if ends_sentence(word):
            if whole and number != len(written) - 1:
                return None  # a sentence before the date: not a name
            named = written[: number + 1]
            break
    else:
        return None  # no full stop ends it: not an author's field
    if not ORGANISATION_WORDS.intersection(fold(word).strip(".") for word in named):
        return None
    return " ".join(named)[:-1]


def _keep(scan: Scan, start: int, date: re.Match[str], names: str, surnames: tuple) -> None:
    """Record the entry from ``start`` to its ``date``, with the sources on its line."""
    masked, end = scan.masked, date.end()
    scan.found.keep(
        AuthorDate(
            start=start,
            end=end,
            quote=f"{names} … {date.group('year')}{date.group('suffix') or ''}",
            names=names,
            surnames=surnames,
            year=date.group("year"),
            suffix=date.group("suffix"),
            year_start=date.start("year"),
            dated=True,
            sources=written_sources(scan.prose, start, line_end(masked, end), end),
            et_al=len(surnames) > 2,
        )
    )
