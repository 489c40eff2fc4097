"""An author-year without parentheses: "Further reading: Smith & Jones, 2019.", "See Lee, 2020."

Lists of sources and the ends of paragraphs drop the parentheses of
"(Smith & Jones, 2019)". Prose writes "Name, 2019" for other things too
("In Paris, 2019 was hot", "Smith machine, 2019 model", "January, 2019"), so
only a citation's whole shape counts:

- the year ends its clause (a full stop, ";", the line's end, or a dash
  before what the list item says of it: "- Smith & Jones, 2019 - on tempo";
  a page may follow: "Smith, 2019, p. 4."), and a run of names stands
  before its comma (or, at a list item's start, before the year);
- and either a cue stands before the names (a label, "Source:", "Further
  reading:", "References:", or "see", "see also", "cf.", "e.g."), or the
  names are a list a citation writes: joined by "&", or two or more whose
  first author the store knows ("Garber and Blissmer, 2011.").

"X and Y, 2019." in prose, with no cue and no author the store knows, is
left alone: it reads as places or things as often as as authors.
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

# ", 2019." ending a clause: a year after a comma, then a page or not, then the clause's end.
_YEAR_ENDS_CLAUSE_RE = re.compile(
    rf"(?P<comma>,)?+[ \t]*+(?<![\w.])(?P<year>{YEAR})(?P<suffix>[a-rt-z])?"
    r"(?:,[ \t]*+pp?\.[ \t]*+\d++(?:[\-\u2013]\d++)?+)?+"
    r"[ \t]*+(?=[.;](?:\s|\Z)|[ \t]*+(?:\n|\Z)|(?P<dash>[\u2013\u2014-][ \t]))"
)
# A list item's marker, from its line's start: "- ", "* ", "12. ".
_LIST_ITEM_RE = re.compile(r"[ \t>]*+(?:[-*+]|\d{1,3}[.)])[ \t]++")
# Labels that say a source follows ("Further reading:") and words that point at one ("see").
_LABELS = frozenset(
    {"source", "sources", "reference", "references", "ref", "refs", "citation", "citations"}
    | {"reading", "read", "cited", "bibliography", "see", "credit", "via"}
)
_LABEL_ENDS = (":", "-", "\u2013", "\u2014")  # "Further reading: A", "Further reading \u2013 A"
_POINTERS = frozenset({"see", "also", "cf.", "cf", "e.g.", "e.g"})
# "in" and "from" point at a source only after these: "cited in", "adapted from".
_LEADS = frozenset({"cited", "adapted", "reprinted", "quoted"})


def read_bare_author_years(scan: Scan) -> None:
    """ "Smith & Jones, 2019." after a cue, or as a list a citation writes."""
    masked = scan.masked
    for match in _YEAR_ENDS_CLAUSE_RE.finditer(masked):
        comma = match.start()
        tokens = scan.paragraphs.window(comma, match.end())
        run = run_ending_before(scan.paragraphs, tokens, scan.entries, comma, match.end(),
                                undated=False)  # fmt: skip
        if run is None or run.start in scan.found:
            continue
        item = _starts_list_item(masked, run.start)
        label = None if item else _label(run)  # a list item's "-" is its marker, not a label's
        if label is not None and label not in _LABELS and not run.et_al:
            continue  # "Podium: Fraser, Adler & Kowalski, 2019.": people, not a source
        cued = label is not None or _pointed_at(run)
        listed = item and _a_list_of_authors(scan, run)
        if match.group("comma") is None and not (cued or listed):
            continue  # "Westcott 2012." needs a cue: "the Lisbon 2019 meet" is none
        if not (cued or run.et_al or _a_list_of_authors(scan, run)):
            continue
        if match.group("dash") is not None and _bylined(run):
            continue  # "By A & B, 2021 - 5 min read": who wrote the page, not a source
        scan.found.add_run(run, match, match.end())


def _starts_list_item(masked: str, start: int) -> bool:
    """Whether ``start`` is the first word of a list item: "- Okafor & Brandt 2021 - title"."""
    line_start = masked.rfind("\n", 0, start) + 1
    item = _LIST_ITEM_RE.match(masked, line_start, start)
    return item is not None and item.end() == start


def _bylined(run: Run) -> bool:
    """Whether "By" leads the names: a byline."""
    before = _before_names(run)
    return before >= 0 and fold(run.tokens.at(before)) == "by"


def _before_names(run: Run) -> int:
    """The index of the token before the names, past the emphasis of "**Source:**"; -1 if none."""
    tokens, before = run.tokens, run.first - 1
    while before >= 0 and not tokens.at(before).strip("*_"):
        before -= 1
    return before


def _label(run: Run) -> str | None:
    """The label the names follow ("source" of "Source:", "podium" of "Podium:"); or None."""
    tokens, before = run.tokens, _before_names(run)
    if before <= 0 or tokens.at(before) not in _LABEL_ENDS:
        return None
    return fold(tokens.word(before - 1)).strip("*_")


def _pointed_at(run: Run) -> bool:
    """Whether a pointer ("see also", "cited in", "adapted from") leads the names."""
    tokens, before = run.tokens, _before_names(run)
    if before < 0:
        return False
    word = fold(tokens.at(before))
    if word in ("in", "from"):  # "cited in", "adapted from"; not "flights from Paris, 2019."
        return before > 0 and fold(tokens.at(before - 1)) in _LEADS
    return word in _POINTERS


def _a_list_of_authors(scan: Scan, run: Run) -> bool:
    """Names joined by "&", or two or more whose first author the store knows."""
    tokens = run.tokens
    joined = any(tokens.at(index) == "&" for index in range(run.first, run.names_end + 1))
    if joined and len(run.surnames) > 1:
        return True
    return len(run.surnames) > 1 and scan.entries.has_surname(run.surnames[0])
