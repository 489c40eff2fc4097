"""Date first: "In 2018, Park and colleagues found", "A 2015 study by Park et al.".

Here the date comes before the names, so the names are read forwards from
it. Without "et al." or "colleagues" only an author list the store knows
counts ("In 2018, Park and Kim"): "In 2018, Park won the title" is no
citation. After a piece of research ("A 2015 study by Schoenfeld", "the
2019 review by Lee") one author is enough: the work, its author and its
year are what a reference gives; after anything else ("a 2018 bar by
Rogue") it is not. A place research is done ("A 2019 study from the
University of Waterloo") is no author: unless the store knows it, the work is
left unnamed, and "found" after it is the claims rule's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evidence_guides.audit.author_dates.dates import YEAR
from evidence_guides.audit.author_dates.model import AuthorDate
from evidence_guides.audit.author_dates.names import RUN_TOKENS, names_forward
from evidence_guides.audit.author_dates.sources import written_sources
from evidence_guides.audit.author_dates.tokens import WINDOW
from evidence_guides.store.folding import fold, words

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.model import Run
    from evidence_guides.audit.author_dates.scan import Scan
    from evidence_guides.audit.author_dates.tokens import Tokens
    from evidence_guides.audit.context import NameIndex

# " 2015 study by ": the hint of "A 2015 study by Park and colleagues".
_STUDY_BY_RE = re.compile(
    rf" (?P<year>{YEAR})(?P<suffix>[a-rt-z])?[ \t]+(?P<words>(?:[a-z-]++[ \t]+){{0,2}})"
    r"(?:by|from)[ \t]+"
)
_ARTICLE_BEFORE_RE = re.compile(r"(?<![\w])(?:[Aa]n?|[Tt]he|[Oo]ne)\Z")
# What names a piece of research ("a 2015 study", "Schoenfeld's 2015 meta-analysis"), not a
# thing made or sold ("a 2018 bar by Rogue"): after it one author is enough.
WORKS = r"(?:study|review|trial|paper|meta-analysis|analysis|article|report|survey|experiment)"
_WORK_RE = re.compile(rf"\b{WORKS}[ \t]+\Z")
_OWN_WORK_RE = re.compile(rf"\b{WORKS}\b")
# "In 2018, Park and colleagues", "In a 2019 study, Lee et al.": a literal-led hint, then all.
# "In their 2015 study, Schoenfeld and colleagues": the work is the authors' own; "In their
# 2018 season" is no work, so after "their" a work must be named.
_YEAR_FIRST_HINT_RE = re.compile(rf"n[ \t]+(?:(?:a|an|the|their|his|her)[ \t]+)?{YEAR}")
_YEAR_FIRST_RE = re.compile(
    rf"[Ii]n[ \t]+(?:(?:a|an|the|(?P<own>their|his|her))[ \t]+)?(?P<year>{YEAR})"
    r"(?P<suffix>[a-rt-z])?\b(?:[ \t]+[a-z][\w\-]*+){0,3}[ \t]*,[ \t]*"
)

# Where research is done, not who writes it: a university's study is its researchers' work.
_PLACES_OF_STUDY = frozenset(
    [
        "university",
        "universities",
        "hospital",
        "clinic",
        "school",
        "laboratory",
        "institute",
        "polytechnic",
    ]
)


def is_place_of_study(run: Run, entries: NameIndex) -> bool:
    """Whether ``run`` names a place research is done that the store does not know."""
    names = run.names()
    if not _PLACES_OF_STUDY.intersection(fold(word) for word in names.split()):
        return False
    return not entries.names_a_work(words(names), minimum=2)


def read_study_by(scan: Scan) -> None:
    """'A 2015 study by Park and colleagues': the article, the year, then "by" or "from"."""
    masked = scan.masked
    for hint in _STUDY_BY_RE.finditer(masked):
        article = _ARTICLE_BEFORE_RE.search(masked, max(0, hint.start() - 4), hint.start())
        if article is not None:
            tokens = scan.paragraphs.window(article.start(), hint.end(), ahead=WINDOW)
            named_work = _WORK_RE.search(hint.group("words")) is not None
            _names_after(scan, tokens, hint, one_author=named_work)


def read_year_first(scan: Scan) -> None:
    """'In 2018, Park and colleagues', 'In a 2019 study, Lee et al.'."""
    masked = scan.masked
    for hint in _YEAR_FIRST_HINT_RE.finditer(masked):  # a literal start: fast to search
        start = hint.start() - 1
        match = _YEAR_FIRST_RE.match(masked, start) if start >= 0 else None
        if match is not None and match.group("own"):
            match = match if _OWN_WORK_RE.search(match.group()) else None
        if match is not None and (start == 0 or not masked[start - 1].isalnum()):
            tokens = scan.paragraphs.window(start, match.end(), ahead=WINDOW)
            _names_after(scan, tokens, match)


def _names_after(
    scan: Scan, tokens: Tokens, match: re.Match[str], *, one_author: bool = False
) -> None:
    """The names after the date of ``match``, up to their "et al." or "colleagues".

    The citation is the names: its quote starts at them, not at "In 2018".
    After a work ("A 2015 study by Schoenfeld", ``one_author``) any names
    count; after "In 2018," a lone name is no citation ("In 2018, Park won").
    """
    first = tokens.index_at(match.end())
    last = min(len(tokens) - 1, first + RUN_TOKENS)
    run = names_forward(tokens, scan.entries, first, last, open_end=True)
    if run is None:
        return
    # Without "et al." only an author list the store knows: "In 2018, Park and Kim".
    known = len(run.surnames) > 1 and scan.entries.has_surname(run.surnames[0])
    if not (run.et_al or known or one_author) or run.start in scan.found:
        return
    if is_place_of_study(run, scan.entries):
        return  # "a 2019 study from the University of Waterloo": a place, not an author
    start, end = run.start, run.end
    quote = " ".join(scan.masked[start:end].split())
    scan.found.keep(
        AuthorDate(
            start=start,
            end=end,
            quote=quote,
            names=run.names(),
            surnames=run.surnames,
            year=match.group("year"),
            suffix=match.group("suffix"),
            year_start=match.start("year"),
            dated=True,
            sources=written_sources(scan.prose, start, end, end),
            et_al=run.et_al,
        )
    )
