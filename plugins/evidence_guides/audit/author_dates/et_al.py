""" "et al." without parentheses: "Lindgren et al., 2019" and "Garber et al. [@garber2011]".

Tables and lists write an author-date citation without its parentheses, and
an author statement beside a key ("Garber et al. [@garber2011]") names a
work without dating it; both are found from their "et al." (or "and
colleagues"), and their names worked out leftwards like any other's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evidence_guides.audit.author_dates.dates import YEAR
from evidence_guides.audit.author_dates.extent import run_ending_before
from evidence_guides.audit.author_dates.model import AuthorDate
from evidence_guides.audit.author_dates.vocabulary import OTHERS_PATTERN

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.scan import Scan
    from evidence_guides.audit.author_dates.tokens import Tokens

# "Lindgren et al., 2019" without parentheses, as tables write it.
_BARE_ET_AL_RE = re.compile(
    rf"(?<![\w.]){OTHERS_PATTERN},?[ \t]+"
    rf"(?P<date>(?P<year>{YEAR})(?P<suffix>[a-rt-z])?)(?![\w\-\u2013/])"
)
# "et al." or "colleagues" with a "[" next: the undated form "Garber et al. [@garber2011]".
_BEFORE_KEY_RE = re.compile(r"(?:et[ \t\n]+al\.?|olleagues)(?:['\u2019]s)?[ \t]*+\n?[ \t]*+\[")
_KEY_AHEAD = 16  # characters after "et al" or "olleagues" that reach the key's "["


def read_bare_et_al(scan: Scan) -> None:
    """'Lindgren et al., 2019' with no parentheses, as tables and lists write it."""
    masked = scan.masked
    for match in _BARE_ET_AL_RE.finditer(masked):
        start, end = match.span()
        tokens = scan.paragraphs.window(start, end)
        run = run_ending_before(scan.paragraphs, tokens, scan.entries, start, end, undated=False)
        if run is not None:
            quote, names = masked[run.start : end], run.names()
            scan.found.add(run.start, end, quote, names, run.surnames, match, end, end, et_al=True)


def read_before_keys(scan: Scan) -> None:
    """'Garber et al. [@garber2011]': an author statement beside a key, with no date."""
    masked = scan.masked
    for marker in ("et al", "olleagues"):
        position = masked.find(marker)
        while position >= 0:
            if _BEFORE_KEY_RE.match(masked, position):  # only then can it be beside a key
                tokens = scan.paragraphs.window(position, position, ahead=_KEY_AHEAD)
                _before_key(scan, tokens, position)
            position = masked.find(marker, position + len(marker))


def _before_key(scan: Scan, tokens: Tokens, position: int) -> None:
    """The statement whose "et al." or "colleagues" is at ``position``, if a key follows it."""
    index = tokens.index_of(position)
    if index < 0:
        return
    following = index + 1 if tokens.at(index).startswith("et") else index
    if following + 1 >= len(tokens) or tokens.at(following + 1) != "[":
        return
    bracket = tokens.starts[following + 1]
    end = tokens.ends[following]  # an offset: the run may be read in a wider window
    citation = scan.prose.citation_at(bracket)
    if citation is None:
        return
    run = run_ending_before(scan.paragraphs, tokens, scan.entries, bracket, bracket, undated=False)
    if run is None or not run.et_al or run.start in scan.found:
        return
    names = run.names()
    scan.found.keep(
        AuthorDate(
            start=run.start,
            end=end,
            quote=names,
            names=names,
            surnames=run.surnames,
            year=None,
            suffix=None,
            year_start=run.start,
            dated=False,
            sources=citation.sources,
            et_al=True,
        )
    )
