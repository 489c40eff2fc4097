"""Dates in parentheses: "(Smith, 2019; Lee, 2020)", "Smith et al. (2019)", "[Chen, 2022]".

Most author-date citations are a parenthetical group, whose items each name
their work and date, or a date in parentheses after the names it belongs to.
A group whose first item is only a date is such a narrative date ("Smith
(2019)"), unless words follow it ("(2018 model)"); a bare year after an item
is another work of the same authors ("(Smith, 2004, 2006)", "(Smith, 2019;
2021)"); an item with names after a date starts another ("(A & B 2013, B
2014)", commas where semicolons belong). Square brackets are read the same
way, as a group typed in the wrong brackets, when they are no citation of a key.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evidence_guides.audit.author_dates.dates import DATE_RE, YEAR, undated_as_styled, year_start
from evidence_guides.audit.author_dates.extent import run_before, run_ending_before
from evidence_guides.audit.author_dates.lead_ins import led_in
from evidence_guides.audit.author_dates.model import Named, Run
from evidence_guides.audit.author_dates.names import names_forward
from evidence_guides.audit.author_dates.vocabulary import (
    LEAD_INS,
    ORGANISATION_WORDS,
    is_name_word,
)
from evidence_guides.store.folding import fold, words

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.scan import Scan
    from evidence_guides.audit.author_dates.tokens import Tokens

# A parenthesis within one paragraph, without parentheses inside it.
_PARENS_RE = re.compile(r"\(([^()\n]*+(?:\n(?![ \t]*\n)[^()\n]*+)*+)\)")
# "[...]" within one paragraph that is not a link's text ("[x](url)", "[x][ref]", "[x]: url").
_BRACKETS_RE = re.compile(r"\[([^\[\]\n]*+)\](?![(\[:])")
# Items of a parenthetical group: ";" outside brackets ("[WHO]", "[@key; @other]").
_ITEM_RE = re.compile(r"(?:[^;\[]++|\[[^\]]*+\])++")
# What may follow a narrative citation's date in its parentheses: a locator, an identifier,
# another year ("(2016, PMID 123)", "(2019, p. 12)", "(2004, 2006)"), or nothing.
_AFTER_DATE_RE = re.compile(r"[ \t]*+(?:$|[,;\[]|PMID)")
_TITLES = frozenset({"mr", "ms", "mrs", "miss"})
_STATISTICS = frozenset(
    {"mean", "means", "average", "median", "sd", "deviation", "values"}
)  # "Mr. Olympia": a contest's name
_MORE_YEARS_RE = re.compile(rf"[ \t]*,[ \t]*(?P<year>{YEAR})(?P<suffix>[a-rt-z])?(?!\w)")


def read_parentheses(scan: Scan) -> None:
    """Every parenthesis with a date in it."""
    masked = scan.masked
    if "(" not in masked:
        return
    for parens in _PARENS_RE.finditer(masked):
        if DATE_RE.search(masked, parens.start(1), parens.end(1)):
            tokens = scan.paragraphs.window(parens.start(), parens.end())
            _group(scan, tokens, parens)


def read_brackets(scan: Scan) -> None:
    """ "[Chen et al., 2022]": a group in the wrong brackets, when they cite no key."""
    masked = scan.masked
    if "[" not in masked:
        return
    for brackets in _BRACKETS_RE.finditer(masked):
        dated = DATE_RE.search(masked, brackets.start(1), brackets.end(1))
        if dated and scan.prose.citation_at(brackets.start()) is None:
            tokens = scan.paragraphs.window(brackets.start(), brackets.end())
            _group(scan, tokens, brackets, narrative=False)


def _group(scan: Scan, tokens: Tokens, parens: re.Match[str], *, narrative: bool = True) -> None:
    """The items of "(Smith, 2019; Lee, 2020)", or the date of "Smith (2019)".

    A group whose first item is a date is the date of a narrative citation
    ("Smith (2019)"), unless words follow the date ("(2018 model)").
    """
    masked = scan.masked
    previous: Named | None = None
    items = list(_ITEM_RE.finditer(masked, parens.start(1), parens.end(1)))
    pieces = [piece for item in items for piece in _pieces(masked, item.start(), item.end())]
    for number, (start, date, end) in enumerate(pieces):
        if date is None:
            previous = None
            continue
        before = masked[start : date.start()]
        if before.strip(" \t\n,"):
            quote = masked[start:end].lstrip(" \t\n,") if len(pieces) > 1 else parens.group()
            previous = _item(scan, tokens, parens, (start, end), date, quote)
        elif number == 0 and _ends_at_date(masked, date, end):
            previous = _narrative(scan, tokens, parens, date, named_only=not narrative)
        elif previous is not None:  # "(Smith, 2019; 2021)": Smith's again
            _again(scan, previous, date, end, parens.end())
        if previous is not None:
            _more_years(scan, previous, date.end(), end, parens.end())


def _pieces(masked: str, start: int, end: int) -> list[tuple[int, re.Match[str] | None, int]]:
    """An item's citations: "A & B 2013, B 2014" is two, split by commas, not semicolons.

    Each piece is (start, its first date, end). A year after a year ("A, 2004,
    2006") stays in its piece, read as the same authors' other work; a date
    with words before it since the last date starts a piece there, when it
    ends its piece as a citation's does (not "Tokyo 2020 qualifier"). An item
    without a date is one piece with none.
    """
    pieces: list[tuple[int, re.Match[str] | None, int]] = []
    piece_start, first, last_end = start, None, start
    for date in DATE_RE.finditer(masked, start, end):
        if first is None:
            first = date
        elif not _AFTER_DATE_RE.match(masked, date.end(), end):
            continue  # "(Smith, 2019, Tokyo 2020 qualifier)": a thing's year
        elif masked[last_end : date.start()].strip(" \t\n,"):
            pieces.append((piece_start, first, last_end))
            piece_start, first = last_end, date
        last_end = date.end()
    pieces.append((piece_start, first, end))
    return pieces


def _item(
    scan: Scan,
    tokens: Tokens,
    parens: re.Match[str],
    item: tuple[int, int],
    date: re.Match[str],
    quote: str,
) -> Named | None:
    """One item of a parenthetical group: "Smith & Lee, 2019", "see WHO, 2020"."""
    first = tokens.index_at(item[0])
    last = tokens.index_at(date.start()) - 1
    while first <= last and (tokens.at(first) == "," or fold(tokens.word(first)) in LEAD_INS):
        first += 1
    while last >= first and tokens.at(last) == ",":
        last -= 1
    if first > last:
        return None
    undated = date.group("nd") is not None
    if undated and not undated_as_styled(date):
        return None  # "(Fargo, N.D.)": a place and its state
    run = names_forward(tokens, scan.entries, first, last)
    if run is None:
        fragment = words(scan.masked[tokens.starts[first] : tokens.ends[last]])
        minimum = 2 if undated else 3
        # "(Effects of low, n.d.)" is a citation whatever its words; its kin are not
        # always ("(mean ± s.d.)"): there the store must know the words.
        any_words = undated and date.group("nd").lower().startswith("n")
        if any_words or scan.entries.names_a_work(fragment, minimum=minimum):
            run = Run(tokens, first, last, (), False)
        elif not undated:
            run = _led_in_names(scan, tokens, first, last)
        if run is None:
            return None
    names = run.names()
    end = item[1]
    found = scan.found
    found.add(run.start, end, quote, names, run.surnames, date, end, parens.end(), et_al=run.et_al)
    return Named(names, run.surnames, run.et_al)


def _led_in_names(scan: Scan, tokens: Tokens, first: int, last: int) -> Run | None:
    """ "(see Table 2 in A & B, 2015)", "(data from A et al., 2019)": names after a lead-in.

    Read back from the date, as a narrative citation's are; only words that
    lead into a source may stand before them ("(born in Oslo, 1984)" is none).
    """
    run = run_before(tokens, scan.entries, last, undated=False)
    if run is None or run.first <= first or not led_in(tokens, run.first):
        return None
    return run


def _narrative(
    scan: Scan,
    tokens: Tokens,
    parens: re.Match[str],
    date: re.Match[str],
    *,
    named_only: bool = False,
) -> Named | None:
    """'Smith et al. (2019)', 'Effects of low (n.d.)': what stands before the parenthesis.

    A year in square brackets ("Nwosu et al. [2023]") is a narrative date only
    after "et al." or a first author the store knows (``named_only``): "Tokyo
    [2020]" is a place and its games.
    """
    undated = bool(date.group("nd"))
    run = run_ending_before(
        scan.paragraphs, tokens, scan.entries, parens.start(), parens.end(), undated=undated
    )
    if named_only and not (run is not None and _named(scan, run)):
        return None
    if run is None and not undated:
        return None
    if undated and not _fragment_for(date, run):
        return None
    if run is not None and _at_an_event(run):
        return None
    # "(n.d.)" with no words before it is still a citation, of nothing named.
    start = run.start if run is not None else parens.start()
    names = run.names() if run is not None else ""
    surnames = run.surnames if run is not None else ()
    et_al = run is not None and run.et_al
    end = parens.end()
    quote = scan.masked[start:end]
    inside = parens.start(1)
    scan.found.add(start, end, quote, names, surnames, date, end, end, inside=inside, et_al=et_al)
    return Named(names, surnames, et_al)


def _fragment_for(date: re.Match[str], run: Run | None) -> bool:
    """Whether an undated marker has what it needs before it: "(n.d.)" needs nothing; its kin
    ("(s.d.)", "(N.D.)", "(no date)") a fragment that starts with a capital, as titles do,
    ending in a word, and one of two words or more when written in a case its style does
    not write."""
    if "".join(date.group("nd").split()).rstrip(".") == "n.d":
        return True
    if run is None:
        return False
    first = next(
        (i for i in range(run.first, run.last + 1) if run.tokens.word(i)[:1].isalnum()), run.last
    )
    if not is_name_word(run.tokens.word(first)):
        return False  # "A letter from the coach (undated)"
    tokens, last = run.tokens, run.tokens.word(run.last).strip("*_")
    if not last.replace("-", "").isalpha():
        return False  # "Write n.d. (no date)": a gloss of an abbreviation
    if fold(last) in _STATISTICS:
        return False  # "the mean (s.d.)": a standard deviation
    if undated_as_styled(date):
        return True
    # "Grand Forks (N.D.)": a place and its state; a title's fragment is in sentence case.
    return any(tokens.word(i)[:1].islower() for i in range(first, run.last + 1))


def _named(scan: Scan, run: Run) -> bool:
    """Whether ``run`` names authors beyond doubt: "et al.", or a first author the store knows."""
    return run.et_al or (bool(run.surnames) and scan.entries.has_surname(run.surnames[0]))


def _at_an_event(run: Run) -> bool:
    """ "placed third at Regionals (2018)", "coached at Mr. Olympia (2016)": a place or an event.

    A work's author is not where something happens; a source written "at" is
    an organisation ("at the ACSM (2011)"), read by its words, not by one name.
    """
    tokens, before = run.tokens, run.first - 1
    while before >= 0 and fold(tokens.at(before)).rstrip(".") in _TITLES:
        before -= 1  # "Mr. Olympia"
    return (
        before >= 0
        and fold(tokens.at(before)) == "at"
        and not run.et_al
        and len(run.surnames) <= 1
        and not any(ORGANISATION_WORDS.intersection(fold(w) for w in run.names().split()))
    )


def _again(scan: Scan, previous: Named, date: re.Match[str], end: int, after: int) -> None:
    """A bare year for the same authors as the item before: another work of theirs."""
    start = year_start(date)
    quote = f"{previous.names}, {scan.masked[start : date.end()]}"
    names, surnames = previous.names, previous.surnames
    scan.found.add(start, end, quote, names, surnames, date, end, after, et_al=previous.et_al)


def _more_years(scan: Scan, previous: Named, position: int, end: int, after: int) -> None:
    """ "(Smith and Lee, 2004, 2006)": each year after the first is another work."""
    while (more := _MORE_YEARS_RE.match(scan.masked, position, end)) is not None:
        _again(scan, previous, more, more.end(), after)
        position = more.end()


def _ends_at_date(masked: str, date: re.Match[str], end: int) -> bool:
    """Whether ``date`` ends its item, or a locator or identifier follows it: not "2018 model"."""
    return _AFTER_DATE_RE.match(masked[date.end() : end]) is not None
