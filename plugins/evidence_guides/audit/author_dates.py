"""Author-date citations: found from their date, their extent worked out leftwards.

A citation that names no identifier is recognised by its date, the one part
every author-date form shares: "(Smith, 2019)", "(Smith et al., 2019, p. 12;
de Vries, 2015)", "Smith and colleagues (2019)", "Effects of a stretching
(n.d.)", "In 2018, Park and colleagues". What stands before the date is
worked out from the date leftwards:

1. the longest run of words that the store knows: a title's start, an
   organisation (or its start), a short name;
2. else a run of names: capitalised words, particles ("van den"),
   connectors ("and", "&", ",", "of"), "et al." or "and colleagues";
3. for "(n.d.)", which in prose is always a citation, else the fragment
   from the nearest capitalised word.

A year after anything else ("the early 1990s", "Barcelona Olympics (1992)",
"updated (2018)") is not a citation. Each of these is a walk over tokens
bounded by a window, so text of any length is read in linear time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from evidence_guides.audit.sentences import ABBREVIATIONS
from evidence_guides.store.entry_names import ORGANISATION_WORDS
from evidence_guides.store.folding import LEADING_ARTICLES, fold, words
from evidence_guides.store.name_index import Mention

if TYPE_CHECKING:
    from evidence_guides.audit.prose import Prose
    from evidence_guides.store.folding import Words
    from evidence_guides.store.name_index import EntryIndex
    from evidence_guides.text.citations import CitedSource

_YEAR = r"(?:1[6-9]|20)\d\d"
# A year (not part of a number, a range or a decade: "2018-19", "1990s") or "n.d.".
_DATE_RE = re.compile(
    rf"(?<![\w.,\-\u2013/:])(?:(?P<year>{_YEAR})(?P<suffix>[a-rt-z])?(?![\w\u2019']|[\-\u2013/.:]\d)"
    r"|(?P<nd>n\.[ \t]?d\b\.?))"
)
# "[...]" within one paragraph that is not a link's text ("[x](url)", "[x][ref]", "[x]: url").
_BRACKETS_RE = re.compile(r"\[([^\[\]\n]*+)\](?![(\[:])")
# What may follow a narrative citation's date in its parentheses: a locator, an identifier,
# another year ("(2016, PMID 123)", "(2019, p. 12)", "(2004, 2006)"), or nothing.
_AFTER_DATE_RE = re.compile(r"[ \t]*+(?:$|[,;\[]|PMID)")
# A parenthesis within one paragraph, without parentheses inside it.
_PARENS_RE = re.compile(r"\(([^()\n]*+(?:\n(?![ \t]*\n)[^()\n]*+)*+)\)")
# Items of a parenthetical group: ";" outside brackets ("[WHO]", "[@key; @other]").
_ITEM_RE = re.compile(r"(?:[^;\[]++|\[[^\]]*+\])++")
_MORE_YEARS_RE = re.compile(rf"[ \t]*,[ \t]*(?P<year>{_YEAR})(?P<suffix>[a-rt-z])?(?!\w)")
# "Lindgren et al., 2019" without parentheses, as tables write it.
_BARE_ET_AL_RE = re.compile(
    rf"et[ \t]+al\.?,?[ \t]+(?P<date>(?P<year>{_YEAR})(?P<suffix>[a-rt-z])?)(?![\w\-\u2013/])"
)
# " 2015 study by ": the hint of "A 2015 study by Park and colleagues".
_STUDY_BY_RE = re.compile(
    rf" (?P<year>{_YEAR})(?P<suffix>[a-rt-z])?[ \t]+(?:[a-z-]++[ \t]+){{0,2}}(?:by|from)[ \t]+"
)
_ARTICLE_BEFORE_RE = re.compile(r"(?<![\w])[Aa]n?\Z")
# "In 2018, Park and colleagues", "In a 2019 study, Lee et al.": a literal-led hint, then all.
_YEAR_FIRST_HINT_RE = re.compile(rf"n[ \t]+(?:(?:a|an|the)[ \t]+)?{_YEAR}")
_YEAR_FIRST_RE = re.compile(
    rf"[Ii]n[ \t]+(?:(?:a|an|the)[ \t]+)?(?P<year>{_YEAR})(?P<suffix>[a-rt-z])?\b"
    r"(?:[ \t]+[a-z][\w\-]*+){0,3}[ \t]*,[ \t]*"
)
# Tokens: a blank line (a paragraph break), a word (with its inner and trailing
# dots, hyphens and apostrophes: "U.S.", "al.", "Baz-Valle", "O'Brien"), or one
# punctuation mark.
_TOKEN_RE = re.compile(
    r"\n[ \t]*\n|[^\s()\[\]{};,:!?\"\u201c\u201d]++|[()\[\]{};,:!?\"\u201c\u201d]"
)
_INITIALS_RE = re.compile(r"(?:[^\W\d_]\.)+")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_SPACE_RE = re.compile(r"\s+")
_WINDOW = 480  # characters: more than _RUN_TOKENS tokens of names or title words
_SHORT_WINDOW = 64  # characters: "Smith, Jones and Lee et al." and most runs of names
# "et al." or "colleagues" with a "[" next: the undated form "Garber et al. [@garber2011]".
_BEFORE_KEY_RE = re.compile(r"(?:et[ \t\n]+al\.?|olleagues)(?:['\u2019]s)?[ \t]*+\n?[ \t]*+\[")
_AFTER_RE = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*")  # between a citation and its key

_RUN_TOKENS = 40  # how many tokens before a date a name or title may take
_FALLBACK_TOKENS = 12  # how far "(n.d.)" looks for its fragment's capitalised start
_PARTICLES = frozenset(
    "van von de del della der den du da dos das la le ter ten di y zu bin".split()  # noqa: SIM905
)
_CONNECTORS = frozenset({"and", "&", ",", "of", "for", "the", "on", "in"})
_LIST_SEPARATORS = frozenset({"and", "&", ","})
_COLLEAGUES = frozenset(
    "colleagues coworkers co-workers coauthors co-authors associates collaborators team".split()  # noqa: SIM905
)
_COLLEAGUES_BEFORE = frozenset({"and", "his", "her", "their"})
_GROUPS = frozenset({"group", "team", "lab", "laboratory"})  # "Okafor's group (2017)"
_LEAD_INS = frozenset(
    "see also e.g. e.g cf. cf i.e. i.e for example as cited in reviewed by".split()  # noqa: SIM905
)
# Capitalised words that open a sentence or date a thing without naming an author.
_NOT_NAMES = frozenset(
    " ".join(
        (
            "In As At On The A An By For From See Since Per Also Both Like Unlike While When",
            "Then After Before During Until Following However Yet But And Or So Thus Here",
            "There This These That Those Our Their Its His Her My We They It If Updated",
            "Revised Published Accessed Retrieved Released Edition Version Copyright Est",
            "Circa About Around Approximately Spring Summer Autumn Fall Winter January",
            "February March April May June July August September October November December",
            "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec According Dr Dr. Prof Prof.",
            "Professor Mr Mr. Mrs Mrs. Ms Ms. Researcher Researchers Author Authors",
        )
    ).split()
)


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

    def mention(self) -> Mention:
        return Mention(words(self.names), self.surnames, self.year, self.suffix, self.et_al)


@dataclass(frozen=True, slots=True)
class _Named:
    """The names of a group's item, for the bare years after it: "(Smith, 2004, 2006)"."""

    names: str
    surnames: tuple[Words, ...]
    et_al: bool = False


@dataclass(frozen=True, slots=True)
class _Run:
    """A run of tokens before a date: names, a title fragment or an organisation."""

    first: int  # token index
    last: int  # token index, inclusive: the end of what is quoted ("... and colleagues")
    surnames: tuple[Words, ...]
    et_al: bool
    names_last: int = -1  # the last token of the names themselves; ``last`` when -1

    @property
    def names_end(self) -> int:
        return self.last if self.names_last < 0 else self.names_last


class _Tokens:
    """The tokens of one paragraph of a masked text, with bisectable starts.

    Offsets are the text's; indices are the paragraph's, so no walk over
    tokens leaves its paragraph.
    """

    def __init__(self, masked: str, start: int, end: int) -> None:
        self.text = masked
        spans = [match.span() for match in _TOKEN_RE.finditer(masked, start, end)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def __len__(self) -> int:
        return len(self.starts)

    def at(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]

    def index_at(self, offset: int) -> int:
        """The index of the token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def index_of(self, offset: int) -> int:
        """The index of the token that holds ``offset`` (or the last before it)."""
        return bisect.bisect_right(self.starts, offset) - 1

    def word(self, index: int) -> str:
        """The token without a possessive ("Smith's", "al.'s") or opening quote."""
        text = self.at(index).lstrip("'\u2018\u2019")
        if text.endswith(("'s", "\u2019s")):
            text = text[:-2]
        return text


_NO_TOKENS = _Tokens("", 0, 0)


def author_dates(prose: Prose, index: EntryIndex) -> list[AuthorDate]:
    """Every author-date citation in ``prose``, in order of where it starts."""
    return _Finder(prose, index).find()


class _Finder:
    """Finds the author-date citations of one prose segment."""

    def __init__(self, prose: Prose, index: EntryIndex) -> None:
        self.prose = prose
        self.masked = prose.masked
        self.index = index
        self.found: dict[int, AuthorDate] = {}
        self.tokens: _Tokens = _NO_TOKENS
        self.cut = False  # whether self.tokens starts after its paragraph does
        self._ahead = 0  # how far past its end the window reads

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [0, *(blank.end() for blank in _BLANK_LINE_RE.finditer(self.masked))]

    def _focus(self, start: int, end: int, back: int = _SHORT_WINDOW, ahead: int = 0) -> None:
        """Read the tokens around ``start:end``, within the paragraph.

        Most walks back from a date stop after a few tokens ("Smith et al."),
        so ``back`` characters before ``start`` are tokenised first, and
        :meth:`_run_ending_before` widens the window when a walk reaches its
        edge. ``cut`` says whether the window starts after the paragraph does.
        """
        starts = self._paragraph_starts
        number = bisect.bisect_right(starts, start) - 1
        paragraph_end = starts[number + 1] if number + 1 < len(starts) else len(self.masked)
        window_start = start - back
        self.cut = window_start > starts[number]
        if not self.cut:
            window_start = starts[number]
        else:  # from a word's start, not its middle
            space = _SPACE_RE.search(self.masked, window_start, start)
            window_start = space.end() if space is not None else start
        window_end = min(paragraph_end, end + ahead)
        self.tokens = _Tokens(self.masked, window_start, window_end)
        self._ahead = ahead

    def _run_ending_before(self, offset: int, end: int, *, undated: bool) -> _Run | None:
        """The names or fragment that end just before ``offset``; the window reads to ``end``."""
        run = None
        for back in (_SHORT_WINDOW, _WINDOW):
            if back != _SHORT_WINDOW:
                self._focus(offset, end, back, self._ahead)
            last = self.tokens.index_at(offset) - 1
            run = self._run_before(last, undated=undated) if last >= 0 else None
            if not self.cut or (run is not None and run.first > 1):
                break  # the walk ended inside the window
        return run

    def find(self) -> list[AuthorDate]:
        masked = self.masked
        if "(" in masked:
            for parens in _PARENS_RE.finditer(masked):
                if _DATE_RE.search(masked, parens.start(1), parens.end(1)):
                    self._focus(parens.start(), parens.end())
                    self._parenthesis(parens)
        if "[" in masked:  # "[Chen et al., 2022]": a group in the wrong brackets
            for brackets in _BRACKETS_RE.finditer(masked):
                dated = _DATE_RE.search(masked, brackets.start(1), brackets.end(1))
                if dated and self.prose.citation_at(brackets.start()) is None:
                    self._focus(brackets.start(), brackets.end())
                    self._parenthesis(brackets, narrative=False)
        if "et al" in masked:  # "Lindgren et al., 2019" in a table cell: no parentheses
            for bare in _BARE_ET_AL_RE.finditer(masked):
                self._focus(bare.start(), bare.end())
                self._bare_et_al(bare)
        for marker in ("et al", "olleagues"):
            position = masked.find(marker)
            while position >= 0:
                if _BEFORE_KEY_RE.match(masked, position):  # only then can it be beside a key
                    self._focus(position, position, ahead=16)  # "al. [": the key's bracket
                    self._undated_before_key(position)
                position = masked.find(marker, position + len(marker))
        for hint in _STUDY_BY_RE.finditer(masked):  # "A 2015 study by Park and colleagues"
            article = _ARTICLE_BEFORE_RE.search(masked, max(0, hint.start() - 4), hint.start())
            if article is not None:
                self._focus(article.start(), hint.end(), ahead=_WINDOW)
                self._year_first(hint, start=article.start())
        for hint in _YEAR_FIRST_HINT_RE.finditer(masked):  # a literal start: fast to search
            start = hint.start() - 1
            match = _YEAR_FIRST_RE.match(masked, start) if start >= 0 else None
            if match is not None and (start == 0 or not masked[start - 1].isalnum()):
                self._focus(start, match.end(), ahead=_WINDOW)
                self._year_first(match)
        return [self.found[start] for start in sorted(self.found)]

    # --- parentheses ---------------------------------------------------------------------------

    def _parenthesis(self, parens: re.Match[str], *, narrative: bool = True) -> None:
        """The items of "(Smith, 2019; Lee, 2020)", or the date of "Smith (2019)".

        A group whose first item is a date is the date of a narrative citation
        ("Smith (2019)"), unless words follow the date ("(2018 model)").
        """
        masked = self.masked
        previous: _Named | None = None
        items = list(_ITEM_RE.finditer(masked, parens.start(1), parens.end(1)))
        for number, item in enumerate(items):
            date = _DATE_RE.search(masked, item.start(), item.end())
            if date is None:
                previous = None
                continue
            before = masked[item.start() : date.start()]
            if before.strip(" \t\n,"):
                quote = item.group() if len(items) > 1 else parens.group()
                previous = self._item(parens, item, date, quote)
            elif number == 0 and narrative and _ends_at_date(masked, date, item.end()):
                previous = self._narrative(parens, date)
            elif previous is not None:  # "(Smith, 2019; 2021)": Smith's again
                self._again(previous, date, item.end(), parens.end())
            if previous is not None:
                self._more_years(previous, date.end(), item.end(), parens.end())

    def _item(
        self, parens: re.Match[str], item: re.Match[str], date: re.Match[str], quote: str
    ) -> _Named | None:
        """One item of a parenthetical group: "Smith & Lee, 2019", "see WHO, 2020"."""
        tokens = self.tokens
        first = tokens.index_at(item.start())
        last = tokens.index_at(date.start()) - 1
        while first <= last and (tokens.at(first) == "," or fold(tokens.word(first)) in _LEAD_INS):
            first += 1
        while last >= first and tokens.at(last) == ",":
            last -= 1
        if first > last:
            return None
        run = self._names_forward(first, last)
        if run is None:
            fragment = words(self.masked[tokens.starts[first] : tokens.ends[last]])
            minimum = 2 if date.group("nd") else 3
            if not (date.group("nd") or self.index.names_a_work(fragment, minimum=minimum)):
                return None
            run = _Run(first, last, (), False)
        start = tokens.starts[run.first]
        names = self._names_text(run)
        end = item.end()
        self._add(start, end, quote, names, run.surnames, date, end, parens.end(), et_al=run.et_al)
        return _Named(names, run.surnames, run.et_al)

    def _narrative(self, parens: re.Match[str], date: re.Match[str]) -> _Named | None:
        """'Smith et al. (2019)', 'Effects of low (n.d.)': what stands before the parenthesis."""
        undated = bool(date.group("nd"))
        run = self._run_ending_before(parens.start(), parens.end(), undated=undated)
        tokens = self.tokens
        if run is None and not undated:
            return None
        # "(n.d.)" with no words before it is still a citation, of nothing named.
        start = tokens.starts[run.first] if run is not None else parens.start()
        names = self._names_text(run) if run is not None else ""
        surnames = run.surnames if run is not None else ()
        et_al = run is not None and run.et_al
        end = parens.end()
        quote = self.masked[start:end]
        inside = parens.start(1)
        self._add(start, end, quote, names, surnames, date, end, end, inside=inside, et_al=et_al)
        return _Named(names, surnames, et_al)

    def _again(self, previous: _Named, date: re.Match[str], end: int, after: int) -> None:
        """A bare year for the same authors as the item before: another work of theirs."""
        start = _year_start(date)
        quote = f"{previous.names}, {self.masked[start : date.end()]}"
        names, surnames = previous.names, previous.surnames
        self._add(start, end, quote, names, surnames, date, end, after, et_al=previous.et_al)

    def _more_years(self, previous: _Named, position: int, end: int, after: int) -> None:
        """ "(Smith and Lee, 2004, 2006)": each year after the first is another work."""
        while (more := _MORE_YEARS_RE.match(self.masked, position, end)) is not None:
            self._again(previous, more, more.end(), after)
            position = more.end()

    # --- "et al." before a key, and "In 2018, Park and colleagues" -----------------------------

    def _bare_et_al(self, match: re.Match[str]) -> None:
        """'Lindgren et al., 2019' with no parentheses, as tables and lists write it."""
        tokens = self.tokens
        run = self._run_ending_before(match.start(), match.end(), undated=False)
        if run is None:
            return
        tokens = self.tokens
        start = tokens.starts[run.first]
        names = self._names_text(run)
        quote = self.masked[start : match.end()]
        end = match.end()
        self._add(start, end, quote, names, run.surnames, match, end, end, et_al=True)

    def _undated_before_key(self, position: int) -> None:
        """'Garber et al. [@garber2011]': an author statement beside a key, with no date."""
        tokens = self.tokens
        index = tokens.index_of(position)
        if index < 0:
            return
        following = index + 1 if tokens.at(index).startswith("et") else index
        if following + 1 >= len(tokens) or tokens.at(following + 1) != "[":
            return
        bracket = tokens.starts[following + 1]
        end = tokens.ends[following]  # an offset: the window may move below
        citation = self.prose.citation_at(bracket)
        if citation is None:
            return
        run = self._run_ending_before(bracket, bracket, undated=False)
        tokens = self.tokens
        if run is None or not run.et_al:
            return
        start = tokens.starts[run.first]
        if start in self.found:
            return
        names = self._names_text(run)
        self.found[start] = AuthorDate(
            start,
            end,
            names,
            names,
            run.surnames,
            None,
            None,
            start,
            False,
            citation.sources,
            True,
        )

    def _year_first(self, match: re.Match[str], start: int | None = None) -> None:
        """'In 2018, Kotarsky and colleagues found', 'A 2015 study by Park et al.': date first."""
        tokens = self.tokens
        first = tokens.index_at(match.end())
        run = self._names_forward(first, min(len(tokens) - 1, first + _RUN_TOKENS), open_end=True)
        if run is None:
            return
        # Without "et al." only an author list the store knows: "In 2018, Park and Kim".
        known = len(run.surnames) > 1 and self.index.has_surname(run.surnames[0])
        if not (run.et_al or known):
            return
        start = tokens.starts[run.first]
        end = tokens.ends[run.last]
        names = self._names_text(run)
        quote = " ".join(self.masked[match.start() if start is None else start : end].split())
        sources = self._sources(start, end, end)
        self.found.setdefault(
            start,
            AuthorDate(
                start,
                end,
                quote,
                names,
                run.surnames,
                match.group("year"),
                match.group("suffix"),
                match.start("year"),
                True,
                sources,
                run.et_al,
            ),
        )

    # --- runs of names ---------------------------------------------------------------------------

    def _run_before(self, last: int, *, undated: bool) -> _Run | None:
        """The names, organisation or title fragment that ends at token ``last``."""
        tokens = self.tokens
        end = last
        size = self._et_al_size(end)
        et_al = size > 0
        end -= size
        if end >= 2 and tokens.at(end) == "]" and tokens.at(end - 2) == "[":
            end -= 3  # "World Health Organization [WHO] (2020)"
        if end < 0:
            return None
        names = self._names_backward(end, et_al)
        if et_al or (names is not None and not undated):
            return names  # authors: the store need not be asked how far a title reaches
        known = self._known_backward(end, minimum=2 if undated else 3)
        if known is not None and (names is None or known.first < names.first):
            return known
        if names is not None or not undated:
            return names
        return self._fragment_backward(end)

    def _names_backward(self, end: int, et_al: bool) -> _Run | None:
        """A run of names ending at token ``end``, if it reads as authors or an organisation."""
        index = end
        floor = max(0, end - _RUN_TOKENS)
        while index >= floor and self._in_name_run(index):
            index -= 1
        return self._names_run(index + 1, end, et_al)

    def _names_forward(self, first: int, last: int, *, open_end: bool = False) -> _Run | None:
        """A run of names from token ``first``: to ``last``, or (``open_end``) to its et al."""
        tokens = self.tokens
        index = first
        while index <= last and self._in_name_run(index):
            index += 1
        if open_end:
            return self._names_then_et_al(first, index)
        end = last
        size = self._et_al_size(end) if end >= first + 1 else 0
        et_al = size > 0
        end -= size
        if end >= first + 2 and tokens.at(end) == "]" and tokens.at(end - 2) == "[":
            end -= 3
        if index <= end:
            return None  # a word that is no name: a title fragment, or no citation
        return self._names_run(first, end, et_al, check_shape=False)

    def _names_then_et_al(self, first: int, stop: int) -> _Run | None:
        """Names from ``first`` to token ``stop``, where "et al." or "(and) colleagues" starts."""
        tokens = self.tokens
        if stop + 1 >= len(tokens):
            return None
        opens = tokens.at(stop) == "et" or fold(tokens.at(stop)) in _COLLEAGUES_BEFORE
        if opens and self._et_al_size(stop + 1) == 2:  # "et al.", "his colleagues"
            return self._names_run(first, stop - 1, True, shown_end=stop + 1)
        size = self._et_al_size(stop)  # "and colleagues" ("and" is in the run), "Park's team"
        if size:
            return self._names_run(first, stop - size, True, shown_end=stop)
        return self._names_run(first, stop - 1, False)

    def _et_al_size(self, index: int) -> int:
        """How many tokens "et al.", "and colleagues" or "Park's group" take, ending at ``index``.

        0 when none ends there; a possessive's group noun takes only itself,
        its name staying in the run of names.
        """
        if index < 1:
            return 0
        tokens = self.tokens
        word, before = fold(tokens.word(index)), fold(tokens.at(index - 1))
        if word in ("al.", "al"):
            return 2 if before == "et" else 0
        if word in _COLLEAGUES and before in _COLLEAGUES_BEFORE:
            return 2
        possessive = before.endswith(("'s", "\u2019s"))
        if (word in _COLLEAGUES or word in _GROUPS) and possessive:
            return 1 if _is_name_word(tokens.word(index - 1)) else 0
        return 0

    def _in_name_run(self, index: int) -> bool:
        tokens = self.tokens
        text = tokens.at(index)
        if text in _CONNECTORS or text == ",":
            return True
        word = tokens.word(index)
        if _ends_sentence(text):
            return False
        return _is_name_word(word) or word in _PARTICLES

    def _names_run(
        self,
        first: int,
        last: int,
        et_al: bool,
        *,
        check_shape: bool = True,
        shown_end: int | None = None,
    ) -> _Run | None:
        """Trim openers and connectors; split into authors; check it reads as names."""
        tokens = self.tokens
        while first <= last and not self._starts_names(first, last):
            first += 1
        while last >= first and tokens.at(last) in _CONNECTORS:
            last -= 1
        if first > last:
            return None
        units = _units([tokens.word(index) for index in range(first, last + 1)])
        if not units:
            return None
        if check_shape and not et_al and not self._reads_as_names(units, first, last):
            return None
        surnames = tuple(words(" ".join(unit)) for unit in units if _is_surname(unit))
        if shown_end is None:
            return _Run(first, last, surnames, et_al)
        return _Run(first, shown_end, surnames, et_al, names_last=last)

    def _starts_names(self, first: int, last: int) -> bool:
        tokens = self.tokens
        word = tokens.word(first)
        if tokens.at(first) in _CONNECTORS or word in _NOT_NAMES:
            return False
        if word in _PARTICLES:  # "van den Tillaar": a particle before a name
            return any(_is_name_word(tokens.word(i)) for i in range(first + 1, last + 1))
        return True

    def _reads_as_names(self, units: list[list[str]], first: int, last: int) -> bool:
        """Authors ("Smith", "Smith and Lee", "van den Tillaar"), or an organisation.

        Capitalised words side by side without a connector ("Barcelona
        Olympics") are a proper name, not an author list, unless they name an
        organisation or the store knows them.
        """
        if all(_is_person(unit) for unit in units):
            return True
        if len(units) > 1 and all(_is_surname(unit) for unit in units):
            return True  # "Hartley Quinn and Marsh": a list, joined by "and", "&" or commas
        if any(ORGANISATION_WORDS.intersection(fold(word) for word in unit) for unit in units):
            return True
        written = words(self.masked[self.tokens.starts[first] : self.tokens.ends[last]])
        return self.index.names_a_work(written, minimum=2) or self.index.has_surname(written[-1:])

    def _known_backward(self, end: int, *, minimum: int) -> _Run | None:
        """The longest run ending at token ``end`` that the store knows (title, organisation)."""
        tokens = self.tokens
        floor = max(0, end - _RUN_TOKENS)
        index = end
        pieces: list[Words] = []
        best: int | None = None
        while index >= floor:
            text = tokens.at(index)
            if text in (";", "(", ")", "[", "]") or _ends_sentence(text):
                break
            pieces.append(words(text))
            written = tuple(word for piece in reversed(pieces) for word in piece)
            if written and self.index.names_a_work(written, minimum=minimum):
                best = index
            index -= 1
        if best is None:
            return None
        if fold(tokens.word(best)) in ("according", "to") or tokens.at(best) in _CONNECTORS:
            return None
        if fold(tokens.word(best)) in LEADING_ARTICLES and best < end:
            # "The Nordic Federation (n.d.)": the article is the fragment's only if the
            # title it starts is written with it ("The effect of weekly set volume").
            written = tuple(w for i in range(best, end + 1) for w in words(tokens.at(i)))
            if not self.index.keeps_article(written):
                best += 1
        return _Run(best, end, (), False)

    def _fragment_backward(self, end: int) -> _Run | None:
        """For "(n.d.)": the fragment from the nearest capitalised word, with its name run."""
        tokens = self.tokens
        floor = max(0, end - _FALLBACK_TOKENS)
        index = end
        start: int | None = None
        while index >= floor:
            text = tokens.at(index)
            if text in (";", "(", ")", "[", "]") or _ends_sentence(text):
                break
            if text not in _CONNECTORS and _is_name_word(tokens.word(index)):
                start = index
                break
            index -= 1
        if start is None:
            start = max(index + 1, end - 5)
            while start < end and tokens.at(start) in _CONNECTORS:
                start += 1
            return _Run(start, end, (), False) if start <= end else None
        while start > floor and self._in_name_run(start - 1):
            start -= 1
        while start < end and not self._starts_names(start, end):
            start += 1
        return _Run(start, end, (), False)

    # --- recording -------------------------------------------------------------------------------

    def _names_text(self, run: _Run) -> str:
        """The names as written, without "et al." or a possessive: "Okafor", "ICEP"."""
        tokens = self.tokens
        text = self.masked[tokens.starts[run.first] : tokens.ends[run.names_end]]
        text = " ".join(text.split())
        return text[:-2] if text.endswith(("'s", "\u2019s")) else text

    def _add(
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
        if start in self.found:
            return
        sources = self._sources(start if inside is None else inside, sources_end, after)
        self.found[start] = AuthorDate(
            start=start,
            end=end,
            quote=" ".join(quote.split()),
            names=names,
            surnames=surnames,
            year=date.group("year"),
            suffix=date.group("suffix"),
            year_start=_year_start(date),
            dated=True,
            sources=sources,
            et_al=et_al,
        )

    def _sources(self, start: int, end: int, after: int) -> tuple[CitedSource, ...]:
        """Sources written inside ``start:end``, and those of a citation right after ``after``."""
        prose = self.prose
        sources: list[CitedSource] = []
        index = bisect.bisect_left(prose.starts, start)
        while index < len(prose.starts) and prose.starts[index] < end:
            sources.extend(prose.citations[index].sources)
            index += 1
        gap = _AFTER_RE.match(self.masked, after)
        following = prose.citation_at(gap.end()) if gap is not None else None
        if following is not None and following.start >= end:
            sources.extend(following.sources)
        return tuple(sources)


def _ends_at_date(masked: str, date: re.Match[str], end: int) -> bool:
    """Whether ``date`` ends its item, or a locator or identifier follows it: not "2018 model"."""
    return _AFTER_DATE_RE.match(masked[date.end() : end]) is not None


def _year_start(date: re.Match[str]) -> int:
    return date.start("year") if date.group("year") else date.start()


def _units(tokens: list[str]) -> list[list[str]]:
    """The authors of a run of names: its parts between "and", "&" and commas."""
    units: list[list[str]] = [[]]
    for token in tokens:
        if token in _LIST_SEPARATORS:
            units.append([])
        else:
            units[-1].append(token)
    return [unit for unit in units if unit]


def _is_person(unit: list[str]) -> bool:
    """One surname, with its particles: "Smith", "van den Tillaar", "De Vries", "ACSM"."""
    names = [word for word in unit if word.lower() not in _PARTICLES]
    return len(names) == 1 and _is_name_word(names[0])


def _is_compound_name(unit: list[str]) -> bool:
    """Two or three capitalised words without an organisation's: "Hartley Quinn", "Brad Smith"."""
    names = [word for word in unit if word.lower() not in _PARTICLES]
    return (
        1 < len(names) <= 3
        and all(_is_name_word(word) for word in names)
        and not ORGANISATION_WORDS.intersection(fold(word) for word in names)
    )


def _is_surname(unit: list[str]) -> bool:
    return _is_person(unit) or _is_compound_name(unit)


def _is_name_word(word: str) -> bool:
    """A capitalised word without digits ("Müller", "O'Brien", "ACSM") or initials ("U.S.")."""
    if not word or not word[0].isupper() or word in _NOT_NAMES:
        return False
    return all(char.isalpha() or char in "-'\u2019." for char in word)


def _ends_sentence(token: str) -> bool:
    """Whether ``token`` ends a sentence or paragraph: "found.", "!", a blank line."""
    if token in ("!", "?", "\x00") or token.startswith("\n"):
        return True
    if not token.endswith(".") or len(token) == 1:
        return False
    lowered = token.lstrip("'\u2018").lower()
    return lowered not in ABBREVIATIONS and _INITIALS_RE.fullmatch(lowered) is None


def sentence_sources(prose: Prose, date: AuthorDate) -> list[CitedSource]:
    """The sources cited in ``date``'s sentence, other than its own."""
    start, end = prose.sentences.span(date.start)
    own = {id(source) for source in date.sources}
    sources: list[CitedSource] = []
    index = bisect.bisect_left(prose.starts, start)
    while index < len(prose.starts) and prose.starts[index] < end:
        sources.extend(s for s in prose.citations[index].sources if id(s) not in own)
        index += 1
    return sources
