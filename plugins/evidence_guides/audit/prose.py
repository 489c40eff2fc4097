"""Prose rules: what a page's text says about its sources.

Every rule reads a :class:`Prose`: one segment (the body or a front-matter
field) with its Markdown mask and its citations, computed once and shared.
Rules run plain regular expressions over the masked text, so code, comments
and link targets are never read, and every offset maps back to the file.

Besides ``[@key]`` and PMID citations, prose holds citations that name no
identifier: author-date citations as style guides teach them ("Smith et al.
(2019)", "(Smith & Jones, 2019; Lee, 2020)", "(Smith, n.d.)") and their
"et al." form beside a key ("Garber et al. [@garber2011]"). Without a key or
PMID they are vague references; with one, what they say about author and year
is checked against the entry.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from evidence_guides.audit.bibrules import (
    is_retracted,
    names_entry,
    words,
    written_words,
)
from evidence_guides.citations import mask_markdown, scan_citations
from evidence_guides.findings import Suggestion
from evidence_guides.segments import FIELD_SEPARATOR, JoinedFields

if TYPE_CHECKING:
    from collections.abc import Callable

    from evidence_guides.audit.bibrules import EntryIndex
    from evidence_guides.audit.settings import Sink
    from evidence_guides.bibstore import BibEntry, BibStore
    from evidence_guides.citations import Citation, CitedSource
    from evidence_guides.segments import Segment

# --- the shape of an author-date citation ----------------------------------------------------

# A capitalised name word ("Garber", "O'Brien", "Tudor-Locke", "Müller", "ACSM")
# or dotted initials ("U.S."). No digits: "COVID-19 (2020)" is not an author.
# Latin Extended-A mixes cases letter by letter; all of it counts ("Łukasz").
_UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_NAME = rf"(?:[{_UPPER}]\.(?:[{_UPPER}]\.)+|[{_UPPER}][^\W\d_]*(?:['\u2019-][^\W\d_]+)*)"
_WS = r"(?:[ \t]+\n?|\n)[ \t]*"  # white space within one paragraph
_GAP = r"[ \t]*\n?[ \t]*"
_CONNECTORS = ("and", "&", "of", "for", "the", "on", "in", "de", "del", "della", "der", "den")
_CONNECTORS += ("van", "von", "du", "da", "dos", "la", "le", "y", "und", "zu")
_CONNECTOR = "(?:" + "|".join(re.escape(word) for word in _CONNECTORS) + ")"
_NAMES = rf"{_NAME}(?:{_WS}(?:{_CONNECTOR}{_WS})*{_NAME})*"
_LISTED_NAMES = rf"{_NAME}(?:,?{_WS}(?:{_CONNECTOR}{_WS})*{_NAME})*"  # "Smith, Jones, & Lee"
_ET_AL = rf"{_WS}et{_WS}al\b\.?"
_DATE = r"(?P<year>(?:1[6-9]|20)\d\d)[a-z]?(?!\w)|(?P<nd>n\.[ \t]?d\b\.?)"
_INLINE = r"(?:[^()\n]|\n(?![ \t]*\n))"  # inside parentheses, within one paragraph
_WORD_START = r"(?<![\w.@/'\u2019-])"

# "Smith et al. (2019)", "American Heart (n.d.)", "Garber et al. (2011, PMID 21694556)".
_NARRATIVE_RE = re.compile(
    rf"{_WORD_START}(?P<names>{_NAMES})(?:{_ET_AL})?{_GAP}"
    rf"\((?P<date>{_DATE})(?:[ \t]*(?:[,;]|(?=\[)){_INLINE}*)?\)"
)
# "Garber et al. [@garber2011]": no date, but an author statement beside a key.
_ET_AL_KEY_RE = re.compile(rf"{_WORD_START}(?P<names>{_NAMES}){_ET_AL}{_GAP}(?=\[)")
# "(Smith, 2019)", "(see Smith & Jones 2019, p. 4; Lee, n.d.)": items split at ";".
_PARENS_RE = re.compile(rf"\(({_INLINE}*)\)")
_HAS_DATE_RE = re.compile(r"(?:1[6-9]|20)\d\d|n\.[ \t]?d\b")
_NAMES_WINDOW = 160  # how far before its date a run of names may start
_ET_AL_WINDOW = 16  # "et al." and the gap before its "["
_DATED_PARENS_RE = re.compile(r"\((?:(?:1[6-9]|20)\d\d|n\.[ \t]?d\b)")
_ITEM_SPLIT_RE = re.compile(r"(?:[^;\[]|\[[^\]]*\])+")
_ITEM_RE = re.compile(
    rf"\s*(?:(?:see(?:{_WS}also)?|e\.g\.,?|cf\.|i\.e\.,?){_WS})?"
    rf"(?P<names>{_LISTED_NAMES})(?:{_ET_AL})?(?:,{_GAP}|{_WS})(?P<date>{_DATE})(?:[,\s].*)?",
    re.DOTALL,
)
_AFTER_RE = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*")  # between a citation and its key
_FIRST_AUTHOR_SPLIT = re.compile(r"\s+(?:and|&)\s+|,")
_WORD_RUN = re.compile(r"\S+")

# Capitalised words that start a run of names without being one: sentence
# openers, and dates ("(March 2019)", "(Updated 2019)").
_NOT_NAMES = frozenset(
    " ".join(
        (
            "In As At On The A An By For From See Since Per Also Both Like Unlike While When",
            "Then After Before During Until Following However Yet But And Or So Thus Here",
            "There This These That Those Our Their Its His Her My We They It If Updated",
            "Revised Published Accessed Retrieved Released Edition Version Copyright Est",
            "Circa About Around Approximately Spring Summer Autumn Fall Winter January",
            "February March April May June July August September October November December",
            "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec",
        )
    ).split()
)

# --- unsupported claims ----------------------------------------------------------------------

_CLAIM_RE = re.compile(
    rf"\b(?:studies{_WS}show|research{_WS}(?:suggests|shows)|evidence{_WS}(?:shows|suggests)"
    rf"|experts{_WS}agree|science{_WS}says|(?:clinically|scientifically){_WS}proven"
    rf"|it{_WS}is{_WS}proven)\b",
    re.IGNORECASE,
)
_CLAIM_WORDS = ("show", "suggest", "agree", "says", "proven")  # one is in every claim
_CLAIM_WINDOW = 24  # the longest phrase, with room for a line break
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"'\u2019\u201d)\]]*(?=\s|\Z)")
_INITIALS_RE = re.compile(r"(?:[^\W\d_]\.)+")  # "e.g.", "i.e.", "J.", "U.S."
_ABBREVIATIONS = frozenset(
    " ".join(
        (
            "al. vs. cf. etc. approx. ca. dr. mr. mrs. ms. prof. st. no. fig. figs. p. pp.",
            "vol. ed. eds. jr. sr. resp. incl.",
        )
    ).split()
)
_OPENING_MARKS = "([\"'\u201c\u2018"

# --- everything else -------------------------------------------------------------------------

# mask_markdown changes nothing in text without these characters (no code, tags,
# comments or links): most front-matter fields.
_MARKUP_RE = re.compile(r"[`<~\[]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class Prose:
    """One segment with its mask and citations, shared by every rule."""

    segment: Segment | JoinedFields
    masked: str
    citations: tuple[Citation, ...]
    starts: tuple[int, ...]  # each citation's start, for bisecting

    def position(self, offset: int) -> tuple[int, int]:
        return self.segment.position(offset)

    def cited_between(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, start)
        return index < len(self.starts) and self.starts[index] < end

    def citation_at(self, offset: int) -> Citation | None:
        index = bisect.bisect_left(self.starts, offset)
        if index < len(self.starts) and self.starts[index] == offset:
            return self.citations[index]
        return None


@dataclass(frozen=True, slots=True)
class AuthorDate:
    """A citation that names its source by author (or title) and date in prose."""

    start: int  # where the first name starts
    end: int
    quote: str  # as written, for messages: "Smith et al. (2019)", "(Smith, 2019)"
    names: str  # the author or title words, without "et al."
    year: str | None  # None for "n.d." and for the undated "et al. [@key]" form
    year_start: int
    dated: bool  # written with a year or "n.d."
    sources: tuple[CitedSource, ...]  # keys and PMIDs written with it


def read_prose(segment: Segment | JoinedFields) -> Prose:
    """Mask and scan ``segment`` once; joined fields are masked each on its own."""
    text = segment.text
    if isinstance(segment, JoinedFields):
        masked = FIELD_SEPARATOR.join(_masked(field.text) for field in segment.fields)
    else:
        masked = _masked(text)
    citations = tuple(scan_citations(text, masked=masked))
    return Prose(segment, masked, citations, tuple(c.start for c in citations))


def _masked(text: str) -> str:
    return mask_markdown(text) if _MARKUP_RE.search(text) else text


def resolve(store: BibStore, source: CitedSource) -> BibEntry | None:
    return store.get(source.value) if source.kind == "key" else store.by_pmid(source.value)


# --- citations: unresolved-citation, retracted-source ----------------------------------------


def check_citations(
    prose: Prose, store: BibStore, index: EntryIndex, sink: Sink, cited: set[str]
) -> int:
    """Report unresolved and retracted sources; add resolved keys to ``cited``.

    Returns the number of sources cited.
    """
    count = 0
    for citation in prose.citations:
        for source in citation.sources:
            count += 1
            entry = resolve(store, source)
            if entry is None:
                if sink.enabled("unresolved-citation"):
                    message = f"unresolved citation '{source.label}'"
                    suggestion = _unresolved_hint(source, store, index)
                    sink.add(
                        "unresolved-citation", prose.position(source.offset), message, suggestion
                    )
                continue
            cited.add(entry.key)
            if is_retracted(entry):
                message = f"cited source '{entry.key}' is marked retracted in {store.path}"
                sink.add("retracted-source", prose.position(source.offset), message)
    return count


def _unresolved_hint(source: CitedSource, store: BibStore, index: EntryIndex) -> Suggestion:
    """The same hint as the site build gives, or the key that was probably meant."""
    if source.kind == "pmid":
        return Suggestion(f"import it with 'guides refs add {source.value}'", pmid=source.value)
    close = index.close_key(source.value)
    if close is not None:
        return Suggestion(f"did you mean [@{close}]?", key=close)
    return Suggestion(f"add it to {store.path}, e.g. 'guides refs add PMID'")


# --- author-date citations: vague-reference, citation-mismatch -------------------------------


def author_dates(prose: Prose) -> list[AuthorDate]:
    """Every author-date citation in the prose, in order.

    Names are matched only in a window before a dated parenthesis or an
    "et al", found by fast literal searches: most text has neither.
    """
    masked = prose.masked
    found: dict[int, AuthorDate] = {}
    if "(" in masked:
        for anchor in _DATED_PARENS_RE.finditer(masked):
            _narrative(prose, anchor.start(), found)
        for parens in _PARENS_RE.finditer(masked):
            if _HAS_DATE_RE.search(masked, parens.start(1), parens.end(1)):
                _parenthetical(prose, parens, found)
    position = masked.find("et al")
    while position >= 0:
        _et_al_key(prose, position, found)
        position = masked.find("et al", position + 5)
    return [found[start] for start in sorted(found)]


def _narrative(prose: Prose, paren: int, found: dict[int, AuthorDate]) -> None:
    """'Smith et al. (2019)': the names before the dated parenthesis at ``paren``."""
    masked = prose.masked
    close = masked.find(")", paren)
    window = max(0, paren - _NAMES_WINDOW)
    for match in _NARRATIVE_RE.finditer(masked, window, close + 1):
        if match.start("date") != paren + 1:
            continue
        start = _first_name(masked, match.start("names"), match.end("names"))
        if start is not None:
            end = match.end()
            sources = _sources(prose, match.start("date"), end, end)
            found[start] = _author_date(masked, match, start, end, masked[start:end], sources)
        return


def _et_al_key(prose: Prose, position: int, found: dict[int, AuthorDate]) -> None:
    """'Garber et al. [@garber2011]': the names before the "et al" at ``position``."""
    masked = prose.masked
    window = max(0, position - _NAMES_WINDOW)
    for match in _ET_AL_KEY_RE.finditer(masked, window, position + _ET_AL_WINDOW):
        citation = prose.citation_at(match.end())
        if citation is None or masked[match.end("names") : position].strip():
            continue  # another "et al" in the window
        start = _first_name(masked, match.start("names"), match.end("names"))
        if start is not None and start not in found:
            names = " ".join(masked[start : match.end("names")].split())
            found[start] = AuthorDate(
                start, match.end(), names, names, None, start, False, citation.sources
            )
        return


def _parenthetical(prose: Prose, parens: re.Match[str], found: dict[int, AuthorDate]) -> None:
    """The items of "(Smith & Jones, 2019; Lee, 2020)"; a key right after serves them all."""
    masked = prose.masked
    items = list(_ITEM_SPLIT_RE.finditer(masked, parens.start(1), parens.end(1)))
    for item in items:
        match = _ITEM_RE.fullmatch(masked, item.start(), item.end())
        if match is None:
            continue
        start = _first_name(masked, match.start("names"), match.end("names"))
        if start is None or start in found:
            continue
        quote = masked[parens.start() : parens.end()] if len(items) == 1 else item.group()
        sources = _sources(prose, item.start(), item.end(), parens.end())
        found[start] = _author_date(masked, match, start, item.end(), quote, sources)


def _author_date(
    masked: str,
    match: re.Match[str],
    start: int,
    end: int,
    quote: str,
    sources: tuple[CitedSource, ...],
) -> AuthorDate:
    names_end = match.end("names")
    return AuthorDate(
        start=start,
        end=end,
        quote=" ".join(quote.split()),
        names=" ".join(masked[start:names_end].split()),
        year=match.group("year"),
        year_start=match.start("date"),
        dated=True,
        sources=sources,
    )


def _first_name(masked: str, start: int, end: int) -> int | None:
    """Where the names really start, past sentence openers ("In", "The"); None if none do."""
    for word in _WORD_RUN.finditer(masked, start, end):
        text = word.group().rstrip(",")
        if text not in _NOT_NAMES and text not in _CONNECTORS:
            return word.start()
    return None


def _sources(prose: Prose, start: int, end: int, after: int) -> tuple[CitedSource, ...]:
    """Sources written inside ``start:end``, and those of a citation right after ``after``."""
    sources: list[CitedSource] = []
    index = bisect.bisect_left(prose.starts, start)
    while index < len(prose.starts) and prose.starts[index] < end:
        sources.extend(prose.citations[index].sources)
        index += 1
    gap = _AFTER_RE.match(prose.masked, after)
    following = prose.citation_at(gap.end()) if gap is not None else None
    if following is not None and following.start >= end:
        sources.extend(following.sources)
    return tuple(sources)


def check_author_dates(
    prose: Prose, dates: list[AuthorDate], store: BibStore, index: EntryIndex, sink: Sink
) -> None:
    """``vague-reference`` without a resolvable source, ``citation-mismatch`` with one."""
    vague, mismatch = sink.enabled("vague-reference"), sink.enabled("citation-mismatch")
    for date in dates:
        entries = [entry for source in date.sources if (entry := resolve(store, source))]
        if not entries:
            if date.dated and vague:
                _vague(prose, date, index, sink)
        elif mismatch:
            _mismatch(prose, date, entries, index, sink)


def _first_author_words(names: str) -> tuple[str, ...]:
    return words(_FIRST_AUTHOR_SPLIT.split(names, maxsplit=1)[0])


def _vague(prose: Prose, date: AuthorDate, index: EntryIndex, sink: Sink) -> None:
    entry = index.suggest(written_words(date.names), _first_author_words(date.names), date.year)
    suggestion = None
    if entry is not None:
        pmid = f" (PMID {entry.pmid})" if entry.pmid else ""
        text = f"did you mean [@{entry.key}]{pmid}?"
        suggestion = Suggestion(text, key=entry.key, pmid=entry.pmid)
    message = f"vague reference '{date.quote}' has no key or PMID"
    sink.add("vague-reference", prose.position(date.start), message, suggestion)


def _mismatch(
    prose: Prose, date: AuthorDate, entries: list[BibEntry], index: EntryIndex, sink: Sink
) -> None:
    written, surname = written_words(date.names), _first_author_words(date.names)
    named = [entry for entry in entries if names_entry(index.names(entry), written, surname)]
    if not named:
        entry = entries[0]
        author = index.names(entry).first_author
        also = f" (first author {author})" if author else ""
        message = f"author '{date.names}' does not match {entry.key}{also}"
        sink.add("citation-mismatch", prose.position(date.start), message)
    year = date.year
    pool = named or entries
    if year is not None and not any(entry.year in (None, year) for entry in pool):
        entry = pool[0]
        message = f"year {year} does not match {entry.key} ({entry.year})"
        sink.add("citation-mismatch", prose.position(date.year_start), message)


# --- unsupported-claim -----------------------------------------------------------------------


def check_claims(prose: Prose, dates: list[AuthorDate], sink: Sink) -> None:
    """'Studies show' and the like, in a sentence that cites nothing."""
    if not sink.enabled("unsupported-claim"):
        return
    masked = prose.masked
    for claim in _claims(masked):
        start, end = _sentence(masked, claim.start())
        if prose.cited_between(start, end):
            continue
        if any(date.start < end and date.end > start for date in dates):
            continue
        phrase = " ".join(claim.group().split())
        message = f"'{phrase}' with no citation in the same sentence"
        suggestion = Suggestion("cite the source ([@key] or PMID), or reword the claim")
        sink.add("unsupported-claim", prose.position(claim.start()), message, suggestion)


def _claims(masked: str) -> list[re.Match[str]]:
    """The claim phrases, matched only around their key words (found by fast searches)."""
    lowered = masked.lower()
    if len(lowered) != len(masked):  # "İ" lowercases to two characters: offsets would drift
        return list(_CLAIM_RE.finditer(masked))
    found: dict[int, re.Match[str]] = {}
    for word in _CLAIM_WORDS:
        position = lowered.find(word)
        while position >= 0:
            window = max(0, position - _CLAIM_WINDOW)
            for claim in _CLAIM_RE.finditer(masked, window, position + _CLAIM_WINDOW):
                found.setdefault(claim.start(), claim)
            position = lowered.find(word, position + len(word))
    return [found[start] for start in sorted(found)]


def _sentence(masked: str, offset: int) -> tuple[int, int]:
    """The span of the sentence around ``offset``, within its paragraph."""
    start = 0
    for blank in _BLANK_LINE_RE.finditer(masked, 0, offset):
        start = blank.end()
    after = _BLANK_LINE_RE.search(masked, offset)
    end = after.start() if after else len(masked)
    sentence_start = start
    for stop in _SENTENCE_END_RE.finditer(masked, start, end):
        if stop.group()[0] == "." and _is_abbreviation(masked, start, stop.start()):
            continue
        if stop.end() <= offset:
            sentence_start = stop.end()
        else:
            return sentence_start, stop.end()
    return sentence_start, end


def _is_abbreviation(masked: str, paragraph_start: int, period: int) -> bool:
    """Whether the period at ``period`` ends "et al.", "e.g.", "vs.", an initial..."""
    token_start = period
    while token_start > paragraph_start and not masked[token_start - 1].isspace():
        token_start -= 1
    token = masked[token_start : period + 1].lstrip(_OPENING_MARKS).lower()
    return token in _ABBREVIATIONS or _INITIALS_RE.fullmatch(token) is not None


# --- mojibake --------------------------------------------------------------------------------


def check_mojibake(
    text: str, masked: str, position: Callable[[int], tuple[int, int]], sink: Sink
) -> None:
    """Lines where UTF-8 was decoded with the wrong codec: "Itâ€™s", "cafÃ©", "β€”".

    ``masked`` (the same length as ``text``) says where to look; the suggestion
    repairs the whole line of ``text``. Only lines with non-ASCII characters
    are read.
    """
    if not sink.enabled("mojibake"):
        return
    offset = 0
    while (found := _NON_ASCII_RE.search(masked, offset)) is not None:
        start = masked.rfind("\n", 0, found.start()) + 1
        end = masked.find("\n", found.start())
        end = len(masked) if end < 0 else end
        offset = end + 1
        line = masked[start:end]
        repaired = repair(line)
        if repaired == line:
            continue
        first = _first_difference(line, repaired)
        bad = _bad_run(line, first)
        raw = text[start:end]
        message = f"'{bad}' is UTF-8 text decoded with the wrong encoding (mojibake)"
        suggestion = Suggestion(
            f"replace with: {(repair(raw) if raw != line else repaired).strip()}"
        )
        sink.add("mojibake", position(start + first), message, suggestion)


def repair(line: str) -> str:
    """``line`` with its mojibake decoded; ``line`` itself when it has none.

    ftfy fixes what its heuristic finds bad; a UTF-8-looking run it leaves
    (such as "β€”", UTF-8 read as Greek cp1253) is decoded when one of ftfy's
    single-byte codecs turns it back into valid UTF-8.
    """
    ftfy = _ftfy()
    fixed = ftfy.fix_encoding(line) if ftfy.badness.is_bad(line) else line
    return ftfy.chardata.UTF8_DETECTOR_RE.sub(_redecode, fixed)


@functools.cache
def _ftfy() -> Any:
    """ftfy, imported on first use: most pages have no line it needs to read."""
    import ftfy  # importing it registers its "sloppy-windows-*" codecs
    import ftfy.badness
    import ftfy.chardata

    return ftfy


def _redecode(match: re.Match[str]) -> str:
    text = match.group()
    for codec in _ftfy().chardata.CHARMAP_ENCODINGS:
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def _bad_run(line: str, first: int) -> str:
    """The mojibake that starts at ``first``, for the message."""
    ftfy = _ftfy()
    for pattern in (ftfy.chardata.UTF8_DETECTOR_RE, ftfy.badness.BADNESS_RE):
        match = pattern.match(line, first)
        if match is not None:
            return match.group()
    return line[first : first + 3]
