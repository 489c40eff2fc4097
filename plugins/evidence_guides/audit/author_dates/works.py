"""A work named by author and year in prose: "Schoenfeld's 2015 study", "a review by Lee in 2019".

Prose names a piece of research by its author and year without parentheses
in two more ways than "A 2015 study by Schoenfeld" (:mod:`.year_first`):

- the author's possessive before the year and the work: "Schoenfeld's 2015
  study", "Morton et al.'s 2018 meta-analysis", "ACSM's 2011 review";
- the work, "by" its authors, then "in" the year: "a study by Morton et al.
  in 2018", "the review from Garber and colleagues in 2011"; or the work,
  its authors and "published in" the year: "the review Westcott published
  in 2012";
- the year, an author and the work: "The 2017 Schoenfeld meta-analysis".
  There a place or a kind stands as often ("a 2020 Harvard study", "the 2019
  Australian trial"), so only a first author the store knows counts;
- authors with "et al." or "and colleagues", then "in" the year: "Garber et
  al. in 2011 set out the dose";
- a body's acronym, its work, and the year in parentheses: "ACSM position
  stand (2011)", as show notes list a body's paper.

Each identifies a work as "(Schoenfeld, 2015)" does, so they are author-date
citations like it: vague without a key or PMID, with the store's entry of
that first author and year as the suggestion. Only a piece of research
counts ("study", "review", "trial", "meta-analysis"...): "Rogue's 2018 bar"
and "a bar by Rogue in 2018" are things, not works. A body's "position
stand", "guidelines" or "consensus statement" is a work when its name is
written with it ("the ACSM's 2011 position stand").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evidence_guides.audit.author_dates.dates import YEAR
from evidence_guides.audit.author_dates.extent import run_ending_before
from evidence_guides.audit.author_dates.names import names_forward
from evidence_guides.audit.author_dates.year_first import WORKS, is_place_of_study
from evidence_guides.store.folding import words

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.scan import Scan

# What a body publishes is a work when its name is written with it ("the ACSM's 2011 position
# stand"); "the 2018 guidelines" alone names no one and is no citation.
_OWNED_WORKS = (
    rf"(?:{WORKS}|position[ \t]+(?:stand|statement)|guidelines?|consensus[ \t]+statement)"
)
# "'s 2015 study", "' 2019 systematic review": a possessive, the year, a work.
_POSSESSIVE_WORK_RE = re.compile(
    rf"(?<=[\w.])['\u2019]s?[ \t]+(?P<year>{YEAR})(?P<suffix>[a-rt-z])?[ \t]+"
    rf"(?:[a-z-]++[ \t]+){{0,2}}?{_OWNED_WORKS}\b"
)
# "study by ": the work, then its authors; "review " then "published in" after them.
_WORK_BY_RE = re.compile(rf"\b{WORKS}[ \t]+(?:(?P<by>by|from)[ \t]+|(?=[A-Z]))")
_NAMES_REACH = 160  # characters from "by" to "in 2018": a long author list and "et al."
# " in 2018" right after the authors.
_IN_YEAR_RE = re.compile(
    rf",?[ \t]+(?P<published>published[ \t]+)?(?:in|from)[ \t]+(?P<year>{YEAR})"
    r"(?P<suffix>[a-rt-z])?(?![\w\-\u2013/])"
)
# "The 2017 Schoenfeld meta-analysis": an article, the year, a name, the work.
_YEAR_NAME_WORK_RE = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?|[Oo]ne)[ \t]+(?P<year>{YEAR})(?P<suffix>[a-rt-z])?[ \t]+"
    rf"(?P<names>[A-Z][\w'\u2019-]*+)[ \t]+{_OWNED_WORKS}\b"
)
# "ACSM position stand (2011)", "the NSCA's guidelines (2016)": a body's acronym, its work, the
# year in parentheses, as show notes and lists name a body's paper.
_ACRONYM_WORK_RE = re.compile(
    rf"(?<![\w.\-])(?P<names>[A-Z]{{2,8}})(?:['\u2019]s)?[ \t]+{_OWNED_WORKS}[ \t]*+"
    rf"\((?P<year>{YEAR})(?P<suffix>[a-rt-z])?\)"
)
# "et al. in 2011", "and colleagues, in 2011": a group of authors, then the year.
_GROUP_IN_YEAR_RE = re.compile(
    r"(?<=\w)(?P<group>[ \t]+(?:et[ \t]+al\b\.?|and[ \t]+(?:colleagues|co-?workers)\b))"
    rf",?[ \t]+in[ \t]+(?P<year>{YEAR})(?P<suffix>[a-rt-z])?(?![\w\-\u2013/])"
)


def read_possessive_work(scan: Scan) -> None:
    """ "Schoenfeld's 2015 study": the names end at the possessive before the year."""
    masked = scan.masked
    if "'" not in masked and "\u2019" not in masked:
        return
    for hint in _POSSESSIVE_WORK_RE.finditer(masked):
        year = hint.start("year")
        tokens = scan.paragraphs.window(hint.start(), hint.end())
        run = run_ending_before(scan.paragraphs, tokens, scan.entries, year, hint.end(),
                                undated=False)  # fmt: skip
        if run is None:
            continue
        scan.found.add_run(run, hint, hint.end())


def read_work_by_in_year(scan: Scan) -> None:
    """ "A study by Morton et al. in 2018": the names between "by" and "in" the year."""
    masked = scan.masked
    for hint in _WORK_BY_RE.finditer(masked):
        reach = min(len(masked), hint.end() + _NAMES_REACH)
        dated = _IN_YEAR_RE.search(masked, hint.end(), reach)
        if dated is None or not (hint.group("by") or dated.group("published")):
            continue  # without "by", only "the review Westcott published in 2012"
        tokens = scan.paragraphs.window(hint.start(), dated.end())
        first, last = tokens.index_at(hint.end()), tokens.index_at(dated.start()) - 1
        run = names_forward(tokens, scan.entries, first, last) if first <= last else None
        if run is None or is_place_of_study(run, scan.entries):
            continue  # "by Smith machine users in 2019"; "from Harvard University in 2019"
        scan.found.add_run(run, dated, dated.end())


def read_year_name_work(scan: Scan) -> None:
    """ "The 2017 Schoenfeld meta-analysis": a first author the store knows, after the year."""
    masked = scan.masked
    for hint in _YEAR_NAME_WORK_RE.finditer(masked):
        surname = words(hint.group("names"))
        if not scan.entries.has_surname(surname):
            continue  # "a 2020 Harvard study": a place or a kind, not an author
        start, end = hint.start("names"), hint.end()
        scan.found.add(start, end, masked[start:end], hint.group("names"), (surname,), hint,
                       end, end)  # fmt: skip


def read_group_in_year(scan: Scan) -> None:
    """ "Garber et al. in 2011": the names end at their "et al." before "in" the year."""
    masked = scan.masked
    if " in " not in masked:
        return
    for hint in _GROUP_IN_YEAR_RE.finditer(masked):
        group_end = hint.end("group")
        tokens = scan.paragraphs.window(hint.start(), hint.end())
        run = run_ending_before(scan.paragraphs, tokens, scan.entries, group_end, hint.end(),
                                undated=False)  # fmt: skip
        if run is None or not run.et_al:
            continue
        scan.found.add_run(run, hint, hint.end())


def read_acronym_work(scan: Scan) -> None:
    """ "ACSM position stand (2011)": a body named by its acronym, its work, and the year.

    The work must be one research or a body publishes ("position stand",
    "guidelines", "review"): "NFL Draft (2019)" and "HX2 model (2024)" are none.
    """
    masked = scan.masked
    if "(" not in masked:
        return
    for hint in _ACRONYM_WORK_RE.finditer(masked):
        start, end = hint.start("names"), hint.end()
        acronym = hint.group("names")
        scan.found.add(start, end, masked[start:end], acronym, (words(acronym),), hint, end, end)
