"""What the search for author-date citations finds, and the pieces it finds it from.

:class:`AuthorDate` is what the rules read (``vague-reference``,
``citation-mismatch``, ``unsupported-claim``); :class:`Run` and :class:`Named`
are what the readers of each form pass between them: a run of tokens before
a date, and the names of a group's item for the bare years after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides.store.folding import words
from evidence_guides.store.name_index import Mention

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.tokens import Tokens
    from evidence_guides.store.folding import Words
    from evidence_guides.text.citations import CitedSource


@dataclass(frozen=True, slots=True)
class AuthorDate:
    """A citation that names its work by author, organisation or title, and a date."""

    start: int  # where the name or fragment starts
    end: int
    quote: str  # as written, for messages: "Smith et al. (2019)", "(Smith, 2019)"
    names: str  # the name or title words as written, without "et al."
    surnames: tuple[Words, ...]  # the authors it lists, folded; empty for a title or fragment
    year: str | None  # None for "n.d." and for the undated "et al. [@key]" form
    suffix: str | None  # the "a" of "2016a"
    year_start: int
    dated: bool  # written with a year or "n.d."
    sources: tuple[CitedSource, ...]  # keys and PMIDs written with it
    et_al: bool = False  # "Smith et al.", "Smith and colleagues": three or more authors
    in_press: bool = False  # dated "in press" or "forthcoming": no year to identify it by

    def mention(self) -> Mention:
        return Mention(words(self.names), self.surnames, self.year, self.suffix, self.et_al)


@dataclass(frozen=True, slots=True)
class Named:
    """The names of a group's item, for the bare years after it: "(Smith, 2004, 2006)"."""

    names: str
    surnames: tuple[Words, ...]
    et_al: bool = False


@dataclass(frozen=True, slots=True)
class Run:
    """A run of tokens before a date: names, a title fragment or an organisation.

    Its indices are those of ``tokens``, the window it was found in, which a
    walk may have widened: its offsets and text are read from that window.
    """

    tokens: Tokens
    first: int  # token index
    last: int  # token index, inclusive: the end of what is quoted ("... and colleagues")
    surnames: tuple[Words, ...]
    et_al: bool
    names_last: int = -1  # the last token of the names themselves; ``last`` when -1

    @property
    def names_end(self) -> int:
        return self.last if self.names_last < 0 else self.names_last

    @property
    def start(self) -> int:
        """Where the run starts in the text."""
        return self.tokens.starts[self.first]

    @property
    def end(self) -> int:
        """Where the run ends in the text, "et al." or "and colleagues" included."""
        return self.tokens.ends[self.last]

    def names(self) -> str:
        """The names as written, without "et al." or a possessive: "Okafor", "ICEP"."""
        tokens = self.tokens
        text = tokens.text[tokens.starts[self.first] : tokens.ends[self.names_end]]
        text = " ".join(text.split())
        return text[:-2] if text.endswith(("'s", "\u2019s")) else text
