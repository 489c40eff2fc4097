"""One segment's scan: what every reader of a form shares, and the citations they record.

The readers of each form (parentheses, "et al." without them, year first)
read the same segment with the same store names and paragraph windows, and
record into one set of citations in which the first reading of a start wins:
"(Lindgren et al., 2019)" is read by the parentheses and again as a bare
"et al., 2019", and stays the parentheses' reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides.audit.author_dates.dates import in_press, year_start
from evidence_guides.audit.author_dates.model import AuthorDate
from evidence_guides.audit.author_dates.sources import written_sources

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.model import Run
    from evidence_guides.audit.author_dates.tokens import Paragraphs
    from evidence_guides.audit.context import NameIndex
    from evidence_guides.audit.prose import Prose
    from evidence_guides.store.folding import Words


class Found:
    """The author-date citations of one segment, by where they start; the first one wins."""

    def __init__(self, prose: Prose) -> None:
        self.prose = prose
        self.by_start: dict[int, AuthorDate] = {}

    def __contains__(self, start: int) -> bool:
        return start in self.by_start

    def keep(self, date: AuthorDate) -> None:
        """Record ``date`` unless a citation starting where it does was found first."""
        self.by_start.setdefault(date.start, date)

    def add(
        self,
        start: int,
        end: int,
        quote: str,
        names: str,
        surnames: tuple[Words, ...],
        date: re.Match[str],
        sources_end: int,
        after: int,
        *,
        inside: int | None = None,
        et_al: bool = False,
    ) -> None:
        """Record a dated citation, with the sources written in it or right ``after`` it."""
        if start in self.by_start:
            return  # its sources are not even looked for
        sources = written_sources(
            self.prose, start if inside is None else inside, sources_end, after
        )
        self.by_start[start] = AuthorDate(
            start=start,
            end=end,
            quote=" ".join(quote.split()),
            names=names,
            surnames=surnames,
            year=date.group("year"),
            suffix=date.group("suffix"),
            year_start=year_start(date),
            dated=True,
            sources=sources,
            et_al=et_al,
            in_press=in_press(date),
        )

    def add_run(self, run: Run, date: re.Match[str], end: int) -> None:
        """Record ``run``'s names dated by ``date``, ending at ``end``: sources right after count.

        The readers of citations written without parentheses ("See Lee, 2020.",
        "A 2015 study by Lee") end them at their date, and take what follows it.
        """
        start = run.start
        quote = self.prose.masked[start:end]
        self.add(start, end, quote, run.names(), run.surnames, date, end, end, et_al=run.et_al)

    def in_order(self) -> list[AuthorDate]:
        """Every citation recorded, in order of where it starts."""
        return [self.by_start[start] for start in sorted(self.by_start)]


@dataclass(frozen=True, slots=True)
class Scan:
    """What every reader of one prose segment shares."""

    prose: Prose
    masked: str  # the prose's masked text, which every reader searches
    entries: NameIndex  # the store's names: titles, organisations, surnames
    paragraphs: Paragraphs  # the windows of tokens
    found: Found  # what the readers record
