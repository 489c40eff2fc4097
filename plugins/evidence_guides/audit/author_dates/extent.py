"""What stands before a date: names, an organisation or a title fragment, worked out leftwards.

"(2019)" is a citation of whatever its date follows, so its extent is
worked out from the date leftwards: the longest run the store knows (a
title's start, an organisation, a short name), else a run of names, else,
for "(n.d.)", the fragment from the nearest capitalised word. A walk that
reaches the edge of its window asks for a wider one, so the common short
citation costs a short window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_guides.audit.author_dates.model import Run
from evidence_guides.audit.author_dates.names import (
    RUN_TOKENS,
    et_al_size,
    in_name_run,
    names_backward,
    starts_names,
)
from evidence_guides.audit.author_dates.tokens import SHORT_WINDOW, WINDOW
from evidence_guides.audit.author_dates.vocabulary import CONNECTORS, ends_sentence, is_name_word
from evidence_guides.store.folding import LEADING_ARTICLES, fold, words

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.tokens import Paragraphs, Tokens
    from evidence_guides.audit.context import NameIndex
    from evidence_guides.store.folding import Words

_FALLBACK_TOKENS = 12  # how far "(n.d.)" looks for its fragment's capitalised start


def run_ending_before(
    paragraphs: Paragraphs,
    tokens: Tokens,
    entries: NameIndex,
    offset: int,
    end: int,
    *,
    undated: bool,
) -> Run | None:
    """The names or fragment that end just before ``offset``, read in ``tokens``.

    When the walk reaches the edge of a window cut short of its paragraph,
    it is walked again in a wider window that reads to ``end``: the run's
    indices are then the wider window's.
    """
    run = None
    for back in (SHORT_WINDOW, WINDOW):
        if back != SHORT_WINDOW:
            tokens = paragraphs.window(offset, end, back, tokens.ahead)
        last = tokens.index_at(offset) - 1
        if last > 0 and tokens.at(last) == "," and tokens.ends[last] == offset:
            last -= 1  # "Yamada et al.,(2020)": a comma typed against the parenthesis
        run = run_before(tokens, entries, last, undated=undated) if last >= 0 else None
        if not tokens.cut or (run is not None and run.first > 1):
            break  # the walk ended inside the window
    return run


def run_before(tokens: Tokens, entries: NameIndex, last: int, *, undated: bool) -> Run | None:
    """The names, organisation or title fragment that ends at token ``last``."""
    end = last
    size = et_al_size(tokens, end)
    et_al = size > 0
    end -= size
    if end >= 2 and tokens.at(end) == "]" and tokens.at(end - 2) == "[":
        end -= 3  # "World Health Organization [WHO] (2020)"
    if end < 0:
        return None
    names = names_backward(tokens, entries, end, et_al)
    if et_al or (names is not None and not undated):
        return names  # authors: the store need not be asked how far a title reaches
    known = known_backward(tokens, entries, end, minimum=2 if undated else 3)
    if known is not None and (names is None or known.first < names.first):
        return known
    if names is not None or not undated:
        return names
    return fragment_backward(tokens, end)


def known_backward(tokens: Tokens, entries: NameIndex, end: int, *, minimum: int) -> Run | None:
    """The longest run ending at token ``end`` that the store knows (title, organisation)."""
    floor = max(0, end - RUN_TOKENS)
    index = end
    pieces: list[Words] = []
    best: int | None = None
    while index >= floor:
        text = tokens.at(index)
        if text in (";", "(", ")", "[", "]") or ends_sentence(text):
            break
        pieces.append(words(text))
        written = tuple(word for piece in reversed(pieces) for word in piece)
        if written and entries.names_a_work(written, minimum=minimum):
            best = index
        index -= 1
    if best is None:
        return None
    if fold(tokens.word(best)) in ("according", "to") or tokens.at(best) in CONNECTORS:
        return None
    if fold(tokens.word(best)) in LEADING_ARTICLES and best < end:
        # "The Nordic Federation (n.d.)": the article is the fragment's only if the
        # title it starts is written with it ("The effect of weekly set volume").
        written = tuple(w for i in range(best, end + 1) for w in words(tokens.at(i)))
        if not entries.keeps_article(written):
            best += 1
    return Run(tokens, best, end, (), False)


def fragment_backward(tokens: Tokens, end: int) -> Run | None:
    """For "(n.d.)": the fragment from the nearest capitalised word, with its name run."""
    floor = max(0, end - _FALLBACK_TOKENS)
    index = end
    start: int | None = None
    while index >= floor:
        text = tokens.at(index)
        if text in (";", "(", ")", "[", "]") or ends_sentence(text):
            break
        if text not in CONNECTORS and is_name_word(tokens.word(index)):
            start = index
            break
        index -= 1
    if start is None:
        start = max(index + 1, end - 5)
        while start < end and tokens.at(start) in CONNECTORS:
            start += 1
        return Run(tokens, start, end, (), False) if start <= end else None
    while start > floor and in_name_run(tokens, start - 1):
        start -= 1
    while start < end and not starts_names(tokens, start, end):
        start += 1
    return Run(tokens, start, end, (), False)
