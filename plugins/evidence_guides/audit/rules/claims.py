"""``unsupported-claim``: "studies show" and the like, in a sentence that cites nothing.

A claim is read as a small grammar rather than a list of phrases:

- a **subject** that names no one (studies, research, evidence, science,
  experts, trials, data, scientists, researchers), with or without
  quantifiers ("several", "most", "a growing body of", "recent"), and not
  pointed at a particular work ("these studies", "case studies", "our data");
  or one **work** left unnamed: "a study", "one trial", "a 2019
  meta-analysis", "a recent Harvard review" (an indefinite article or "one"
  first: "the study" points back at a work just cited, "this study" at one
  described);
- then a **verb** of showing in any tense ("show", "have shown", "has long
  suggested", "found", "agree", "proves"), a few auxiliaries or adverbs apart,
  or after what places the subject ("published in the Journal of ...", "in
  older adults", "at the University of Texas");
- or a fixed frame: "it is well established that", "clinically proven",
  "backed by research", "according to experts", "there is evidence that", and
  "according to" a body named by its capitals ("According to the American
  College of Sports Medicine"): its word, with no work of it cited;
- named authors without a date or a citation ("Smith et al. found", "Lopez and
  colleagues showed"), and a source by name only ("(Source: Mayo Clinic)").

The finding is at the claim's first word; a claim whose sentence cites a
source, or holds an author-date citation (reported as such), is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.claim_frames import WS, frame_claims
from evidence_guides.audit.quoted_titles import (
    in_title,
    named_in_title_case,
    quoted_alone,
    quoted_spans,
    title_spans,
)
from evidence_guides.findings import Suggestion

if TYPE_CHECKING:
    from evidence_guides.audit.author_dates.model import AuthorDate
    from evidence_guides.audit.context import SegmentContext
    from evidence_guides.audit.prose import Prose
    from evidence_guides.audit.sink import Sink

RULE = rule_ids.UNSUPPORTED_CLAIM

_SUBJECTS = ("studies", "research", "evidence", "science", "experts", "trials", "data")
_SUBJECTS += ("researchers", "literature", "doctors", "professionals", "authorities", "surgeons")
_NAMING_SUBJECTS = frozenset(_SUBJECTS)
# Professions speak for the evidence as experts do: "Most physiotherapists agree". They
# are found by their ending (one search each), then read whole.
_PROFESSION_ENDINGS = ("ists", "ians")
_PROFESSIONS = frozenset(
    " ".join(
        (
            "scientists physiotherapists therapists nutritionists specialists physicians",
            "clinicians dietitians dieticians physiologists kinesiologists biomechanists",
            "cardiologists epidemiologists endocrinologists biologists",
        )
    ).split()
)
# Subjects that are people also claim by what they know or believe: "Scientists now know
# that", "Physiologists have long known", "Experts believe". ("I know", "you believe": no
# such subject.)
_PEOPLE = _PROFESSIONS | {"experts", "researchers", "doctors", "professionals", "authorities"}
_PEOPLE |= {"surgeons"}
# Practitioners vouch by consensus or faith ("Coaches swear by", "Most trainers agree");
# "coaches say" or "trainers show you" is instruction, so only these verbs count for them;
# knowing only as a consensus held long ("Trainers have known for years that"): "coaches
# know your lifts" is about a person.
_PRACTITIONERS = ("coaches", "trainers")
_WORD_ENDING_RE = re.compile(r"[a-z]++\Z")
# "The research is clear", "the evidence is now conclusive": a noun-led frame.
_IS_SETTLED_RE = re.compile(
    r"[ \t\n]++(?:is|are)[ \t\n]++(?:(?:now|very|quite|pretty)[ \t\n]++)?"
    r"(?:clear|conclusive|settled|unequivocal|unanimous)\b"
)
# Count nouns that, after "the", point back at works just named: "the studies found".
_ANAPHORIC = frozenset({"studies", "trials"})
_VERB = (
    r"(?:show(?:s|ed|n|ing)?|suggest(?:s|ed|ing)?|f(?:ind|inds|ound|inding)"
    r"|prov(?:e|es|ed|en|ing)|agree(?:s|d|ing)?|indicat(?:e|es|ed|ing)"
    r"|demonstrat(?:e|es|ed|ing)|confirm(?:s|ed|ing)?|sa(?:y|ys|id)|support(?:s|ed|ing)?"
    r"|reveal(?:s|ed|ing)?|link(?:s|ed)?|back(?:s|ed)?|point(?:s|ed)?[ \t]+to"
    r"|(?:tells?|told|teach(?:es)?|taught)[ \t]+us"
    r"|recommend(?:s|ed)?|conclude(?:s|d)?|establish(?:es|ed)?|report(?:s|ed)?)"
)
_AUXILIARY = (
    r"(?:have|has|had|been|is|are|was|were|do|does|did|also|now|all|consistently|repeatedly"
    r"|clearly|generally|largely|strongly|long|already|again|since|continue[sd]?[ \t]+to"
    r"|seems?[ \t]+to|tends?[ \t]+to|would|could|can|may|might|overwhelmingly|universally"
    r"|unanimously|widely|increasingly|further|even|time[ \t]+and[ \t]+again)"
)
_WS = WS
_PREDICATE_RE = re.compile(rf"(?:{_WS}{_AUXILIARY}){{0,4}}{_WS}{_VERB}\b")
_KNOWING_RE = re.compile(
    rf"(?:{_WS}{_AUXILIARY}){{0,4}}{_WS}(?:know(?:s|n)?|knew|believe[sd]?|understand(?:s)?"
    r"|understood|recogni[sz]e[sd]?|accept(?:s|ed)?|swear(?:s)?[ \t]+by)\b"
)
_VOUCHING_RE = re.compile(
    rf"(?:{_WS}{_AUXILIARY}){{0,4}}{_WS}(?:agree[sd]?|believe[sd]?|swear(?:s)?[ \t]+by"
    rf"|known(?:{_WS}for{_WS}(?:years|decades|ages|a{_WS}long{_WS}time))?{_WS}that)\b"
)
# "your watch data", "my training data": data someone owns, a few words before it.
_OWNED_RE = re.compile(r"\b(?:your|my|our|his|her|their)(?:[ \t\n]++[a-z-]++){0,2}[ \t\n]++\Z")
# What places a subject before its verb: "published in the Journal of Strength and
# Conditioning Research", "in older adults", "at the University of Texas", "of 15 trials".
_PLACED_RE = re.compile(
    rf",?{_WS}(?:(?:published|conducted|carried{_WS}out|done|run){_WS})?"
    r"(?:in|from|of|at|on|among|with|involving|by|into)[ \t]++[^\n.;:!?()\[\]]{1,80}?"
    rf",?(?={_PREDICATE_RE.pattern})"
)
# Words that end a subject's placing: another clause has begun ("studies on it are scarce
# and show ...").
_CLAUSE_WORDS = frozenset(
    ["is", "are", "was", "were", "be", "been", "and", "but", "or", "that", "which", "who", "while"]
)
# One work, unnamed: "a study found", "one 2019 trial showed".
_WORKS = ("study", "trial", "review", "meta-analysis", "paper")
# Works that are as often a lifter's own ("a trial of the movement shows", "a review of the
# cues shows"): with a placing, only one that speaks of research counts.
_EVERYDAY_WORKS = frozenset({"trial", "review", "paper"})
_RESEARCH_PLACE_RE = re.compile(
    r"\b(?:stud(?:y|ies)|trials?|research|literature|evidence|journal|participants|subjects"
    r"|patients|adults|athletes|men|women|people|lifters|volunteers|data|\d+|lancet)\b"
)
# A journal by its acronym, or an institution by its name, places a work as "journal" does:
# "a paper in JAMA found", "a review from the Karolinska Institute showed" ("from the clinic"
# in lower case may be the writer's own).
_JOURNAL_ACRONYM_RE = re.compile(r"\b(?:[A-Z]{2,6}|University|Institute|Hospital|Laboratory)\b")
_INDEFINITE = frozenset({"a", "an", "one", "another"})
_WORK_WORDS = 4  # words between the article and the work: "a recent small Australian study"
# "Smith et al. found", "Lopez and colleagues showed": named authors, no date, nothing cited.
_NAMED_GROUP_RE = re.compile(
    r"(?<![\w'\u2019-])(?:(?:van|von|de|der|den|da|del|la|le|du)[ \t]+){0,2}"
    r"[A-Z][\w'\u2019-]*+[ \t]+(?:et[ \t]+al\b\.?|and[ \t]+(?:colleagues|co-?workers)\b)"
)
# Words that may stand before an unnamed subject: quantifiers and vague adjectives.
_QUANTIFIERS = frozenset(
    " ".join(
        (
            "many most several numerous multiple some recent new newer various countless",
            "growing emerging current existing scientific clinical medical modern independent",
            "all more further other previous past large larger the a an body of number wealth",
            "plenty lots dozens hundreds mounting extensive substantial overwhelming considerable",
            "strong good solid ample robust published latest available peer-reviewed",
        )
    ).split()
)
_SKIPPED_ARTICLES = frozenset({"the"})
# Words before a subject that point at particular work: "these studies", "our
# data", "two trials", "case studies". Such a subject is cited elsewhere or
# described, not a claim about what "research" says.
_SPECIFIC = frozenset(
    " ".join(
        (
            "these those this such both our my his her their its your whose which same above",
            "following cited aforementioned two three four five six seven eight nine ten twelve",
            "case pilot animal rodent mouse mice rat cohort twin single individual own",
        )
    ).split()
)
_WORD_BEFORE_RE = re.compile(r"([a-z][a-z\-]*+)[ \t]*+\n?[ \t]*+\Z")
_WORD_OR_YEAR_BEFORE_RE = re.compile(r"([a-z0-9][a-z0-9\-]*+)[ \t]*+\n?[ \t]*+\Z")
_WORD_RE = re.compile(r"[A-Za-z]++")
_LOOKBACK = 48  # characters before a subject read for its quantifiers


def check(context: SegmentContext, sink: Sink) -> None:
    if sink.enabled(RULE):
        vague = [found.offset for found in context.malformed if found.vague]
        check_claims(context.prose, context.dates, sink, vague)


def check_claims(
    prose: Prose, dates: list[AuthorDate], sink: Sink, vague: Sequence[int] = ()
) -> None:
    """Report each claim whose sentence neither cites a source nor holds an author-date or
    a citation in another style (``vague``: where each starts): that is reported, not it."""
    if not sink.enabled(RULE):
        return
    masked = prose.masked
    found = claims(masked)
    titles = title_spans(masked) if found else []
    quotes = quoted_spans(masked) if found else []
    for start, end in found:
        if quoted_alone(masked, start, end, quotes):
            continue  # 'the "studies show" crowd': the phrase mentioned, not used
        if named_in_title_case(masked, start, end, _NAMING_SUBJECTS):
            continue  # "The Evidence Shows Podcast": a name
        if _in_heading(masked, start):
            continue  # "## What the studies found" asserts nothing
        if in_title(start, titles):
            continue  # 'the episode "What Science Says About Squats"' names a work
        sentence_start, sentence_end = prose.sentences.span(start)
        if prose.cited_between(sentence_start, sentence_end):
            continue
        if any(date.start < sentence_end and date.end > sentence_start for date in dates):
            continue
        if any(sentence_start <= offset < sentence_end for offset in vague):
            continue
        phrase = " ".join(prose.masked[start:end].split())
        message = f"'{phrase}' with no citation in the same sentence"
        suggestion = Suggestion("cite the source ([@key] or PMID), or reword the claim")
        sink.add(RULE, prose.position(start), message, suggestion)


def _in_heading(masked: str, offset: int) -> bool:
    line_start = masked.rfind("\n", 0, offset) + 1
    return masked.startswith("#", line_start) or masked[line_start:offset].lstrip().startswith("#")


def claims(masked: str) -> list[tuple[int, int]]:
    """The spans of claim phrases in ``masked``, in order.

    Subjects and frames are looked for with ``str.find`` first: most text
    holds neither, and a regular expression tried at every position costs
    more than the whole rule otherwise.
    """
    lowered = masked.lower()
    if len(lowered) != len(masked):  # "İ" lowercases to two characters: offsets would drift
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in masked)
    found: dict[int, int] = {}
    for word in _SUBJECTS:
        for position in _whole_words(lowered, word):
            _subject(lowered, masked, position, word, found)
    for work in _WORKS:
        for position in _whole_words(lowered, work):
            _work(lowered, masked, position, position + len(work), found)
    for noun in _PRACTITIONERS:
        for position in _whole_words(lowered, noun):
            vouching = _VOUCHING_RE.match(lowered, position + len(noun))
            start = _quantified_start(lowered, position, noun) if vouching else None
            if vouching is not None and start is not None:
                found.setdefault(start, vouching.end())
    for ending in _PROFESSION_ENDINGS:
        position = lowered.find(ending)
        while position >= 0:
            end = position + len(ending)
            stem = _WORD_ENDING_RE.search(lowered, max(0, position - 20), position)
            start = stem.start() if stem is not None else position
            if lowered[start:end] in _PROFESSIONS and _is_word_at(lowered, start, end):
                _subject(lowered, masked, start, lowered[start:end], found)
            position = lowered.find(ending, end)
    frame_claims(lowered, masked, found)
    if "et al" in lowered or "colleagues" in lowered or "workers" in lowered:
        for group in _NAMED_GROUP_RE.finditer(masked):
            if (predicate_end := _predicate_end(lowered, masked, group.end())) is not None:
                found.setdefault(group.start(), predicate_end)
    return _outermost(sorted(found.items()))


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` without those inside another: "A review of 15 trials concluded" is one claim,
    not also "trials concluded"."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _subject(lowered: str, masked: str, position: int, noun: str, found: dict[int, int]) -> None:
    """A claim led by the subject ``noun`` at ``position``: a verb of showing, or "is clear";
    for people, also one of knowing or believing."""
    end = position + len(noun)
    settled = _IS_SETTLED_RE.match(lowered, end)
    predicate_end = settled.end() if settled else _predicate_end(lowered, masked, end)
    if predicate_end is None and noun in _PEOPLE:
        knowing = _KNOWING_RE.match(lowered, end)
        predicate_end = knowing.end() if knowing else None
    start = _quantified_start(lowered, position, noun) if predicate_end else None
    if noun == "data" and _OWNED_RE.search(lowered, max(0, position - _LOOKBACK), position):
        return  # "your watch data shows": what someone's own device recorded
    if predicate_end is not None and start is not None:
        found.setdefault(start, predicate_end)


def _work(lowered: str, masked: str, position: int, end: int, found: dict[int, int]) -> None:
    """A claim led by one unnamed work at ``position``: "a study found", "one trial showed"."""
    predicate = _PREDICATE_RE.match(lowered, end)
    predicate_end = predicate.end() if predicate else _placed_predicate(lowered, masked, end)
    if predicate_end is None:
        return
    everyday = predicate is None and lowered[position:end] in _EVERYDAY_WORKS
    if everyday and not _research_place(lowered, masked, end, predicate_end):
        return  # "a trial of the movement shows you the line"
    start = _indefinite_start(lowered, position)
    if start is not None:
        found.setdefault(start, predicate_end)


def _research_place(lowered: str, masked: str, start: int, end: int) -> bool:
    """Whether a work's placing speaks of research: its words, or a journal's acronym."""
    if _RESEARCH_PLACE_RE.search(lowered, start, end) is not None:
        return True
    return _JOURNAL_ACRONYM_RE.search(masked, start, end) is not None


def _predicate_end(lowered: str, masked: str, end: int) -> int | None:
    """Where the verb of showing after a subject ending at ``end`` ends: right after it
    ("studies show") or after its placing ("studies in adults show"); None without one."""
    predicate = _PREDICATE_RE.match(lowered, end)
    return predicate.end() if predicate else _placed_predicate(lowered, masked, end)


def _placed_predicate(lowered: str, masked: str, end: int) -> int | None:
    """Where the verb after a subject's placing ends ("published in ... found"), or None."""
    placed = _PLACED_RE.match(lowered, end)
    if placed is None:
        return None
    for word in _WORD_RE.finditer(masked, end, placed.end()):
        text = word.group()
        if text in _SPECIFIC:
            return None  # "a review of your form", "a study of these lifters": particular
        if text in _CLAUSE_WORDS and not (text == "and" and _capitalised_after(masked, word)):
            return None  # "and" inside a name ("Strength and Conditioning") stays in it
    predicate = _PREDICATE_RE.match(lowered, placed.end())
    return predicate.end() if predicate is not None else None


def _capitalised_after(masked: str, word: re.Match[str]) -> bool:
    following = _WORD_RE.search(masked, word.end())
    return following is not None and following.group()[:1].isupper()


def _indefinite_start(lowered: str, work: int) -> int | None:
    """Where "a study" starts: its article or "one", a few words before; None when the work
    is particular ("the study", "this trial", "a case study") or no article leads it."""
    position = work
    floor = max(0, work - _LOOKBACK)
    for _ in range(_WORK_WORDS + 1):
        before = _WORD_OR_YEAR_BEFORE_RE.search(lowered, floor, position)
        if before is None:
            return None
        word = before.group(1)
        if word in _INDEFINITE:
            return before.start()
        if word in _SPECIFIC or word in _SKIPPED_ARTICLES or word in _CLAUSE_WORDS:
            return None
        position = before.start()
    return None


def _whole_words(lowered: str, word: str) -> Iterator[int]:
    """Where ``word`` stands as a whole word in ``lowered``, found by ``str.find``."""
    position = lowered.find(word)
    while position >= 0:
        end = position + len(word)
        if _is_word_at(lowered, position, end):
            yield position
        position = lowered.find(word, end)


def _is_word_at(lowered: str, start: int, end: int) -> bool:
    """Whether ``lowered[start:end]`` is a whole word."""
    before = lowered[start - 1] if start else " "
    after = lowered[end] if end < len(lowered) else " "
    return not (before.isalnum() or before == "_" or after.isalnum() or after == "_")


def _quantified_start(lowered: str, subject: int, noun: str) -> int | None:
    """Where the claim starts: at its first quantifier, or None if the subject is particular.

    "Most research", "a growing body of evidence" and "Studies" name no one;
    "these studies", "case studies", "our data" point at particular work. Any
    other word before the quantifiers ("then", "that", "because") ends the phrase.
    """
    start = subject
    position = subject
    floor = max(0, subject - _LOOKBACK)
    while (before := _WORD_BEFORE_RE.search(lowered, floor, position)) is not None:
        word = before.group(1)
        if word in _SPECIFIC or (word == "the" and noun in _ANAPHORIC and start == subject):
            return None
        if word not in _QUANTIFIERS:
            break
        position = before.start()
        if word not in _SKIPPED_ARTICLES or start != before.end():
            start = before.start()
    return start
