"""malformed-citation: text that looks like a citation but does not parse.

A citation that does not parse is not rendered: the reader sees "[@garber2011
p. 1340]" as it was typed, the FAQ's structured data carries it, and nothing
else in the audit would notice, since no source was cited. This rule reads the
masked prose (code, comments and link targets already blanked) for the shapes
a hurried editor produces, and names each at the column where it starts, with
the corrected form where one can be worked out:

- a group that does not parse: a locator without its comma (``[@key p. 3]``),
  sources separated by "," or a space (``[@a, @b]``), pandoc's prefixes
  (``[see @key]``) and ``-@key``, an empty ``[@]`` or ``;``, a key without
  ``@``, text that is no source, a PMID without a number, with letters, with
  leading zeros or too long, a DOI (DOIs are not identifiers here);
- ``[@key`` with no ``]`` in its paragraph, and ``@key]`` with no ``[``;
- ``[@a][@b]``: two citations side by side, which Markdown reads as a link;
- ``(@key)``: parentheses for brackets;
- ``@key`` in prose, when ``key`` is in the store (pandoc's in-text form);
- "pmid 123" in prose: only "PMID" in capitals is read there.

Handles and e-mail addresses stay silent: an "@" inside a word never counts,
a bare ``@word`` counts only when the store has that key, and in parentheses,
or after words inside brackets (``[photo: @jane]``), an ``@word`` counts only
when it is a store key or shaped like one (a name and a year, ``smith2019``).
What :func:`~evidence_guides.text.citations.scan_citations` accepts silently
(``[pmid 123]``, ``[@ key]``) is not reported.

Every pattern here is linear: possessive quantifiers, and searches that each
read a stretch of text no other search of the same kind reads again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides.text.citations import (
    KEY_PATTERN,
    PMID_LIST_RE,
    SOURCE_TOKEN_RE,
    counts_as_source,
)
from evidence_guides.text.lookalikes import describe, latin_twin, lookalikes

if TYPE_CHECKING:
    from evidence_guides.text.citations import Citation


# "[" and what follows it up to "]", the next "[" or a blank line (the end of
# the paragraph); group 2 is the "]" when there is one.
_BRACKET_RE = re.compile(r"\[((?:[^\[\]\n]|\n(?![ \t]*+\n))*+)(\])?")
_PAREN_OPEN_RE = re.compile(r"\([ \t]*+-?@")
_PAREN_STOP_RE = re.compile(r"[()\[\]]|\n[ \t]*+\n")
_BARE_RE = re.compile(rf"@({KEY_PATTERN})")
_NOT_BEFORE_AT_RE = re.compile(r"[\w.@/\\+-]")
# "@key]" and "@key, p. 3]": a citation whose "[" is missing.
_STRAY_CLOSE_RE = re.compile(r"[ \t]*+(?:,[^;@\[\]\n]*+)?\]")
# Pandoc's in-text citation with a locator: "@key [p. 33]".
_IN_TEXT_LOCATOR_RE = re.compile(r"[ \t]*+\[([^\[\]@\n]*+)\](?![(\[])")
_PROSE_PMID_RE = re.compile(r"(?i:pmid)(?![A-Za-z])[ \t]*+:?+[ \t]*+([A-Za-z0-9]*+)")
_NOT_BEFORE_PMID_RE = re.compile(r"[\w/]")
_ANY_PMID_RE = re.compile("pmid", re.IGNORECASE)
_KEY_RE = re.compile(KEY_PATTERN)
# How the project names keys (surnameYEAR): an "@word" shaped so is no handle.
_DATED_KEY_RE = re.compile(r"[A-Za-z][A-Za-z_-]*+(?:1[6-9]|20)\d\d[a-z]?")
_SEPARATOR_WORDS = frozenset({"", "and", "&", "or", "also", "see", "see also"})
_TRAILING_PUNCTUATION = ".:!?"
# Letters typed for the digits they look like: "2169O556".
_LOOKALIKE_DIGITS = str.maketrans("OoIl", "0011")
_QUOTE_LENGTH = 60
_DIGITS_RE = re.compile(r"\d++")


@dataclass(frozen=True, slots=True)
class Malformed:
    """One malformed citation: where it starts, what is wrong, and what to write instead."""

    offset: int  # into the scanned text, where the attempt starts ("[", "(", "@", "pmid")
    message: str
    suggestion: str


@dataclass(frozen=True, slots=True)
class _Problem:
    """One thing wrong inside an attempt; ``hint`` when no corrected form can be written."""

    message: str
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class _Run:
    """Sources written in one pair of brackets, with the words moved before it."""

    prefix: str
    sources: tuple[str, ...]

    def written(self) -> str:
        group = f"[{'; '.join(self.sources)}]"
        return f"{self.prefix} {group}" if self.prefix else group


@dataclass(frozen=True, slots=True)
class _Reading:
    """What an attempt's content says: its problems and how it is written correctly."""

    problems: tuple[_Problem, ...]
    runs: tuple[_Run, ...]
    outside: tuple[str, ...]  # text that is no source, to keep outside the brackets
    evidence: bool  # names a store key, a dated key, a PMID or a DOI: no handle

    def corrected(self) -> str | None:
        """The attempt as it should be written; None when that cannot be worked out."""
        if any(problem.hint is not None for problem in self.problems) or not self.runs:
            return None
        return "; ".join(run.written() for run in self.runs)

    def suggestion(self) -> str:
        """``write [...]``, or the hint of the first problem no rewrite can fix."""
        hints = [problem.hint for problem in self.problems if problem.hint is not None]
        if hints:
            return hints[0]
        corrected = self.corrected()
        if corrected is None:
            return "write [@key] or [PMID n]"
        if self.outside:
            kept = "', '".join(self.outside)
            return f"write {corrected}, with '{kept}' outside the brackets"
        return f"write {corrected}"


def find_malformed(
    masked: str,
    citations: Sequence[Citation],
    keys: Container[str],
    doi_key: Callable[[str], str | None] = lambda doi: None,
) -> list[Malformed]:
    """Every malformed citation in ``masked`` prose, in order.

    ``citations`` are the ones :func:`~evidence_guides.text.citations.scan_citations`
    found there (they are well formed); ``keys`` are the store's keys and
    ``doi_key`` gives the key of the entry with a DOI, for the suggestions.
    Pure: it reads nothing else and reports nothing itself.
    """
    has_pmid = "pmid" in masked.lower()  # str.find: far cheaper than a case-blind pattern
    if "@" not in masked and "10." not in masked and not has_pmid:
        return []
    valid = {citation.start for citation in citations}
    found: list[Malformed] = []
    # What the later, wider searches leave alone: every "[...", each "(...)" reported.
    claimed = _brackets(masked, valid, keys, doi_key, found) if "[" in masked else []
    if "@" in masked:
        if "(" in masked:
            claimed = sorted(claimed + _parentheses(masked, keys, doi_key, found, claimed))
        _bare_keys(masked, keys, found, claimed)
    if has_pmid:
        _prose_pmids(masked, valid, found, claimed)
    found.sort(key=lambda malformed: malformed.offset)
    return found


# --- "[...]" ---------------------------------------------------------------------------------


def _brackets(
    masked: str,
    valid: set[int],
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    found: list[Malformed],
) -> list[tuple[int, int]]:
    """Groups that do not parse, "[@key" left open, and "[@a][@b]"; every "[..." read."""
    regions: list[tuple[int, int]] = []
    for match in _BRACKET_RE.finditer(masked):
        start, end = match.span()
        regions.append((start, end))
        content = match.group(1)
        if start in valid or (start > 0 and masked[start - 1] == "\\"):
            continue
        if "@" not in content and "10." not in content and not _ANY_PMID_RE.search(content):
            continue  # most brackets: links, footnotes, task lists
        if match.group(2) is None:
            _unclosed(masked, start, content, keys, doi_key, found)
            continue
        after = masked[end : end + 1]
        if after == "(":
            continue  # link text
        if after == "[":
            _side_by_side(masked, start, end, content, keys, doi_key, found)
            continue
        reading = _read(content, keys, doi_key)
        if reading is None or (not reading.evidence and not _starts_with_source(content)):
            continue
        problems = reading.problems or (_Problem("it does not parse as a citation"),)
        found.append(_finding(start, masked[start:end], problems[0], reading))
    return regions


def _unclosed(
    masked: str,
    start: int,
    content: str,
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    found: list[Malformed],
) -> None:
    """A "[" with a source after it and no "]" before the next "[" or blank line."""
    token = SOURCE_TOKEN_RE.match(content, len(content) - len(content.lstrip()))
    if token is None or not counts_as_source(token):
        return
    reading = _read(token.group(), keys, doi_key)
    corrected = None if reading is None else reading.corrected()
    suggestion = f"write {corrected}" if corrected else "close it with ']'"
    quote = _quote(masked[start : start + 1 + token.end()])
    found.append(Malformed(start, f"malformed citation '{quote}': no closing ']'", suggestion))


def _side_by_side(
    masked: str,
    start: int,
    end: int,
    content: str,
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    found: list[Malformed],
) -> None:
    """Two groups side by side, "[@a][@b]": Markdown reads a link labelled "@a"."""
    following = _BRACKET_RE.match(masked, end)
    if following is None or following.group(2) is None:
        return
    if not (_starts_with_source(content) and _starts_with_source(following.group(1))):
        return  # "[@a][label]" is a reference link
    reading = _read(f"{content};{following.group(1)}", keys, doi_key)
    corrected = None if reading is None else reading.corrected()
    quote = _quote(masked[start : following.end()])
    message = f"malformed citation '{quote}': two citations side by side read as a link"
    suggestion = f"write {corrected}" if corrected else "write one group: [@a; @b]"
    found.append(Malformed(start, message, suggestion))


def _starts_with_source(content: str) -> bool:
    token = SOURCE_TOKEN_RE.match(content, len(content) - len(content.lstrip()))
    return token is not None and counts_as_source(token)


# --- "(@key)" --------------------------------------------------------------------------------


def _parentheses(
    masked: str,
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    found: list[Malformed],
    brackets: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Brackets typed as parentheses, "(@garber2011)"; "(@handle)" stays silent.

    Returns the spans reported; none of them overlaps ``brackets``, since a
    parenthesis that counts holds no bracket.
    """
    reported: list[tuple[int, int]] = []
    for match in _PAREN_OPEN_RE.finditer(masked):
        start = match.start()
        if _inside(start, brackets):
            continue
        stop = _PAREN_STOP_RE.search(masked, match.end())
        if stop is None or stop.group() != ")":
            continue
        content = masked[start + 1 : stop.start()]
        reading = _read(content, keys, doi_key)
        if reading is None or not (reading.evidence or _several_sources(content, reading)):
            continue
        problem = _Problem("citations are written in square brackets, not parentheses")
        quote = masked[start : stop.end()]
        found.append(_finding(start, quote, problem, reading))
        reported.append((start, stop.end()))
    return reported


def _several_sources(content: str, reading: _Reading) -> bool:
    """Whether it is sources split by ";" and nothing else, "(@a; @b)": no handles, then."""
    if ";" not in content or reading.outside or reading.corrected() is None:
        return False
    return sum(len(run.sources) for run in reading.runs) > 1


# --- "@key" in prose -------------------------------------------------------------------------


def _bare_keys(
    masked: str, keys: Container[str], found: list[Malformed], claimed: list[tuple[int, int]]
) -> None:
    """A missing "[" in "@key]" (any key), and "@key" without brackets (store keys only)."""
    for match in _BARE_RE.finditer(masked):
        at = match.start()
        if at > 0 and _NOT_BEFORE_AT_RE.match(masked, at - 1):
            continue  # an e-mail address, a path, "@@"
        if _inside(at, claimed):
            continue
        key = match.group(1)
        close = _STRAY_CLOSE_RE.match(masked, match.end())
        if close is not None:
            written = masked[at : close.end() - 1].rstrip()
            quote = _quote(masked[at : close.end()])
            message = f"malformed citation '{quote}': no opening '['"
            found.append(Malformed(at, message, f"write [{_tidy(written)}]"))
            continue
        if key not in keys:
            continue  # a handle
        locator = _IN_TEXT_LOCATOR_RE.match(masked, match.end())
        if locator is not None and locator.group(1).strip():
            corrected = f"[@{key}, {locator.group(1).strip()}]"
            quote = masked[at : locator.end()]
        else:
            corrected, quote = f"[@{key}]", match.group()
        message = f"malformed citation '{_quote(quote)}': '@{key}' needs brackets to be cited"
        found.append(Malformed(at, message, f"write {corrected}"))


# --- "pmid 123" in prose ---------------------------------------------------------------------


def _prose_pmids(
    masked: str, valid: set[int], found: list[Malformed], claimed: list[tuple[int, int]]
) -> None:
    """PMIDs in prose the scanner did not read: lower case, letters, leading zeros, too long."""
    # Each "pmid" is read from where it starts, so one never swallows the next as its value.
    matches = [m for at in _pmid_positions(masked) if (m := _PROSE_PMID_RE.match(masked, at))]
    for match in matches:
        at = match.start()
        if at in valid or (at > 0 and _NOT_BEFORE_PMID_RE.match(masked, at - 1)):
            continue
        if _inside(at, claimed) or not any(char.isdigit() for char in match.group(1)):
            continue  # "the PMID field" is about PMIDs
        pmid, problem = _pmid(match.group(1))
        if problem is None and match.group().startswith("PMID"):
            problem = _Problem("a PMID in prose is written 'PMID 123' or 'PMID: 123'")
        elif problem is None:
            problem = _Problem("'PMID' is read in prose only in capitals")
        quote = _quote(match.group())
        message = f"malformed citation '{quote}': {problem.message}"
        suggestion = problem.hint if problem.hint else f"write PMID {pmid}"
        found.append(Malformed(at, message, suggestion))


def _pmid_positions(masked: str) -> list[int]:
    """Where "pmid" starts, in any case: found by str.find, faster than a case-blind scan."""
    lowered = masked.lower()
    if len(lowered) != len(masked):  # "İ" lowercases to two characters: offsets would drift
        return [match.start() for match in _ANY_PMID_RE.finditer(masked)]
    positions = []
    position = lowered.find("pmid")
    while position >= 0:
        positions.append(position)
        position = lowered.find("pmid", position + 4)
    return positions


# --- reading a group's content ---------------------------------------------------------------


def _read(
    content: str, keys: Container[str], doi_key: Callable[[str], str | None]
) -> _Reading | None:
    """Read ``@a; see @b, p. 3``, leniently; None when no source is named at all."""
    problems: list[_Problem] = []
    runs: list[tuple[str, list[str]]] = []
    outside: list[str] = []
    evidence = False
    named = False
    items = content.split(";")
    for index, item in enumerate(items):
        text = item.strip()
        if not text:
            problems.append(_empty_item(index, len(items)))
            continue
        tokens = [
            token
            for token in SOURCE_TOKEN_RE.finditer(item)
            if counts_as_source(token) or _lone_pmid(token, text)
        ]
        if not tokens:
            if _KEY_RE.fullmatch(text) and (text in keys or _DATED_KEY_RE.fullmatch(text)):
                problems.append(_Problem(f"'{text}' needs an '@' before it"))
                _add(runs, "", f"@{text}")
                evidence = True
            else:
                problems.append(_Problem(f"'{_quote(text)}' is neither a key nor a PMID"))
                outside.append(" ".join(text.split()))
            continue
        named = True
        prefix = " ".join(item[: tokens[0].start()].split())
        if prefix:
            problems.append(_Problem(f"'{prefix}' before a source is not read inside brackets"))
            runs.append((prefix, []))
        for number, token in enumerate(tokens):
            end = tokens[number + 1].start() if number + 1 < len(tokens) else len(item)
            source, is_evidence = _source(token, keys, doi_key, problems)
            evidence = evidence or is_evidence
            for written in _with_tail(source, token, item[token.end() : end], keys, problems,
                                      last=number + 1 == len(tokens)):  # fmt: skip
                _add(runs, "", written)
    if not named:
        return None
    return _Reading(
        tuple(problems),
        tuple(_Run(prefix, tuple(sources)) for prefix, sources in runs if sources),
        tuple(outside),
        evidence,
    )


def _lone_pmid(token: re.Match[str], item: str) -> bool:
    """Whether the item is the word PMID alone ("[PMID]"): a PMID whose number is missing."""
    return (
        token.group("pmid") is not None and not token.group("id") and token.group().strip() == item
    )


def _add(runs: list[tuple[str, list[str]]], prefix: str, source: str) -> None:
    if not runs:
        runs.append((prefix, []))
    runs[-1][1].append(source)


def _empty_item(index: int, count: int) -> _Problem:
    if index == count - 1:
        return _Problem("a ';' with no source after it")
    if index == 0:
        return _Problem("a ';' with no source before it")
    return _Problem("two ';' with no source between them")


def _source(
    token: re.Match[str],
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    problems: list[_Problem],
) -> tuple[str, bool]:
    """How one source is written correctly, and whether it is certainly no handle."""
    if token.group("at") is not None:
        at, key = token.group("at"), token.group("key")
        if key is None:
            problems.append(_Problem("'@' without a key", "put the store's key after '@': [@key]"))
            return "@", False
        if at.startswith("-"):
            problems.append(_Problem(f"'-@{key}' (suppressing the author) is not supported"))
        elif len(at) > 1:
            problems.append(_Problem(f"'{at}{key}' has one '@' too many"))
        return f"@{key}", key in keys or _DATED_KEY_RE.fullmatch(key) is not None
    if token.group("pmid") is not None:
        pmid, problem = _pmid(token.group("id"))
        if problem is not None:
            problems.append(problem)
        elif token.group("gap") not in ("", ":"):
            problems.append(_Problem(f"'{token.group().strip()}' is not how a PMID is written"))
        return f"PMID {pmid}", True
    doi = token.group("doi")
    key = doi_key(doi)
    if key is None:
        hint = "import the article with 'guides refs add PMID' and cite its key: [@key]"
        problems.append(_Problem("a DOI is not cited directly", hint))
        return doi, True
    problems.append(_Problem(f"a DOI is not cited directly: the store has it as '{key}'"))
    return f"@{key}", True


def _pmid(written: str) -> tuple[str, _Problem | None]:
    """A PMID as written, normalised; the problem with it, if any."""
    if not written:
        return "", _Problem("'PMID' without a number", "write [PMID n] with the number from PubMed")
    digits = written.translate(_LOOKALIKE_DIGITS)
    if not (digits.isascii() and digits.isdigit()):
        hint = "a PMID is digits only: copy it from PubMed"
        return written, _Problem(f"'{written}' is not a PMID", hint)
    problem = None
    if digits != written:
        problem = _Problem(f"'{written}' is not a PMID: it has letters for digits")
    stripped = digits.lstrip("0")
    if not stripped:
        return written, _Problem(f"'{written}' is not a PMID", "copy the PMID from PubMed")
    if len(stripped) > 9:
        hint = "a PMID has at most 9 digits: copy it from PubMed"
        return written, _Problem(f"'{written}' is too long for a PMID", hint)
    if stripped != digits and problem is None:
        problem = _Problem(f"PMID '{written}' has leading zeros")
    return stripped, problem


def _with_tail(
    source: str,
    token: re.Match[str],
    tail: str,
    keys: Container[str],
    problems: list[_Problem],
    *,
    last: bool,
) -> list[str]:
    """The source with its locator, from the text after it up to the next source or ";"."""
    text = tail.strip()
    if not last:
        problems.append(_separator_problem(text))
        locator = text.lstrip(",").strip()
        if locator.lower() in _SEPARATOR_WORDS:
            return [source]
        return [f"{source}, {locator.rstrip(',').strip()}"]
    if not text:
        return [source]
    if text.startswith(","):
        locator = text[1:].strip()
        if token.group("pmid") is not None and PMID_LIST_RE.fullmatch(locator):
            problems.append(_separator_problem(","))
            return [source, *(f"PMID {pmid}" for pmid in _DIGITS_RE.findall(locator))]
        return [f"{source}, {locator}"] if locator else [source]
    if token.group("pmid") is not None and PMID_LIST_RE.fullmatch(text):
        problems.append(_separator_problem(text))
        return [source, *(f"PMID {pmid}" for pmid in _DIGITS_RE.findall(text))]
    if all(char in _TRAILING_PUNCTUATION for char in text):
        problems.append(_Problem(f"'{text}' after the source, inside the brackets"))
        return [source]
    key = token.group("key") if token.group("at") is not None else None
    if key is not None and (joined := key + "".join(tail.split())) in keys:
        problems.append(_Problem(f"a key has no spaces: '{joined}'"))
        return [f"@{joined}"]
    if not tail[0].isspace() and tail[0] != ":":
        word = token.group() + tail.split()[0]
        if key is not None and (twins := lookalikes(word)):
            letters = ", ".join(f"'{c}' ({describe(c)}) looks like '{latin}'" for c, latin in twins)
            problems.append(_Problem(f"'{word}' mixes scripts: {letters}"))
            return [latin_twin(word)]
        if key is not None:
            hint = "a key is ASCII letters, digits and _ : . / + -: copy it from the store"
            problems.append(_Problem(f"'{word}' is not a key", hint))
        else:
            problems.append(_Problem(f"'{word}' is not a source", "copy the PMID from PubMed"))
        return [source]
    problems.append(_Problem("a locator needs a ',' after the source"))
    return [f"{source}, {text.lstrip(':').strip()}"]


def _separator_problem(between: str) -> _Problem:
    word = between.split()[0] if between.split() else ""
    if word.startswith(","):
        return _Problem("sources are separated by ';', not ','")
    if word.lower() in ("and", "&", "or"):
        return _Problem(f"sources are separated by ';', not '{word}'")
    return _Problem("sources in one citation are separated by ';'")


# --- shared ----------------------------------------------------------------------------------


def _finding(start: int, written: str, problem: _Problem, reading: _Reading) -> Malformed:
    return Malformed(
        start, f"malformed citation '{_quote(written)}': {problem.message}", reading.suggestion()
    )


def _inside(offset: int, regions: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` is inside one of ``regions`` (sorted, not overlapping)."""
    index = bisect.bisect_right(regions, offset, key=lambda region: region[0]) - 1
    return index >= 0 and offset < regions[index][1]


def _tidy(written: str) -> str:
    """``@ key ,p. 3`` as ``@key, p. 3``."""
    token = SOURCE_TOKEN_RE.match(written)
    if token is None or token.group("key") is None:
        return written
    rest = written[token.end() :].strip().lstrip(",").strip()
    return f"@{token.group('key')}, {rest}" if rest else f"@{token.group('key')}"


def _quote(text: str) -> str:
    """``text`` on one line, shortened for a message."""
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LENGTH else text[: _QUOTE_LENGTH - 1] + "…"
