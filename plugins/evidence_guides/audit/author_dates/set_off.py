"""A narrative author-year set off by commas: "As Castellanos and Whitcombe, 2013, point out".

Some writers drop the parentheses of "Castellanos and Whitcombe (2013)" and
set the year off by commas instead, the sentence going on with what the
authors did. Prose sets a year off by commas for other things too ("In
Paris, 2019, we trained", "Smith and Jones, 2013 winners"), so only the
whole shape counts:

- names, a comma, the year, a comma, then a verb of reporting ("point out",
  "found", "argue", "have shown"; an adverb or "have" may come between);
- and names that are an author list beyond doubt: "et al." or "and
  colleagues", two or more surnames, a first author the store knows, or
  one name after "As" ("As Okafor, 2020, notes").

"London, 2012, showed the world" stays silent: one name, unknown, no "As";
so does "In Lisbon and Porto, 2019, ...": names after "in" are places.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evidence_guides.audit.author_dates.dates import YEAR
from evidence_guides.audit.author_dates.extent import run_ending_before
from evidence_guides.store.folding import fold

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.model import Run
    from evidence_guides.audit.author_dates.scan import Scan

# What authors are said to do, in the tenses prose writes it: "point out", "have shown".
_REPORTING = (
    r"(?:point(?:s|ed)?[ \t]+out|note[sd]?|show(?:s|ed|n)?|f(?:ound|inds?)|argue[sd]?"
    r"|report(?:s|ed)?|suggest(?:s|ed)?|wr(?:ite|ites|ote|itten)|observe[sd]?|conclude[sd]?"
    r"|demonstrate[sd]?|explain(?:s|ed)?|describe[sd]?|state[sd]?|remind(?:s|ed)?"
    r"|recommend(?:s|ed)?|propose[sd]?|put[ \t]+it|emphasi[sz]e[sd]?|stress(?:es|ed)?"
    r"|warn(?:s|ed)?|caution(?:s|ed)?|document(?:s|ed)?|measured|compared|tested)"
)
# Words that may stand between the year's comma and the verb: "have", "also", "rightly".
_BETWEEN = r"(?:(?:have|has|had|also|further|then|later|[a-z]{2,20}ly)[ \t]++){0,2}+"
# ", 2013, point out": the year set off by commas, then what the authors did.
_SET_OFF_RE = re.compile(
    rf",[ \t]*+(?<![\w.])(?P<year>{YEAR})(?P<suffix>[a-rt-z])?,[ \t]++{_BETWEEN}{_REPORTING}\b"
)

_PLACED = frozenset({"in", "at", "from", "to", "near", "across", "around"})


def read_set_off_years(scan: Scan) -> None:
    """ "As A and B, 2013, point out": names whose year is set off by commas, then a verb."""
    masked = scan.masked
    for match in _SET_OFF_RE.finditer(masked):
        comma = match.start()
        tokens = scan.paragraphs.window(comma, match.end())
        run = run_ending_before(scan.paragraphs, tokens, scan.entries, comma, match.end(),
                                undated=False)  # fmt: skip
        if run is None or run.start in scan.found or not _authors(scan, run):
            continue
        end = match.end("suffix") if match.group("suffix") else match.end("year")
        scan.found.add_run(run, match, end)


def _authors(scan: Scan, run: Run) -> bool:
    """Whether ``run`` is an author list beyond doubt, or one name after "As"; not a place."""
    before = fold(run.tokens.at(run.first - 1)) if run.first > 0 else ""
    if before in _PLACED:
        return False  # "In Lisbon and Porto, 2019, ...": places
    if run.et_al or len(run.surnames) > 1:
        return True
    if run.surnames and scan.entries.has_surname(run.surnames[0]):
        return True
    return before == "as"
