"""Reading a group's content leniently: what is wrong in it, and how it is written correctly.

Brackets and parentheses that look like citations hold the same slips (a
locator without its comma, sources separated by "," or "and", pandoc's
prefixes, a key without "@", a DOI), so their content is read here, once, into
a :class:`~evidence_guides.audit.malformed.model.Reading`: its problems, the
corrected groups, and whether it names evidence (a store key, a dated key, a
PMID, a DOI) rather than a handle.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from evidence_guides.audit.malformed.model import Group, Problem, Reading, quoted
from evidence_guides.audit.malformed.pmids import read_pmid
from evidence_guides.text.citations import (
    KEY_PATTERN,
    PMID_LIST_RE,
    SOURCE_TOKEN_RE,
    counts_as_source,
)
from evidence_guides.text.lookalikes import describe, latin_twin, lookalikes

_KEY_RE = re.compile(KEY_PATTERN)
# How the project names keys (surnameYEAR): an "@word" shaped so is no handle.
_DATED_KEY_RE = re.compile(r"[A-Za-z][A-Za-z_-]*+(?:1[6-9]|20)\d\d[a-z]?")
_SEPARATOR_WORDS = frozenset({"", "and", "&", "or", "also", "see", "see also"})
_TRAILING_PUNCTUATION = ".:!?"
_DIGITS_RE = re.compile(r"\d++")


def read_content(
    content: str, keys: Container[str], doi_key: Callable[[str], str | None]
) -> Reading | None:
    """Read ``@a; see @b, p. 3``, leniently; None when no source is named at all."""
    problems: list[Problem] = []
    groups: list[tuple[str, list[str]]] = []
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
                problems.append(Problem(f"'{text}' needs an '@' before it"))
                _add(groups, "", f"@{text}")
                evidence = True
            else:
                problems.append(Problem(f"'{quoted(text)}' is neither a key nor a PMID"))
                outside.append(" ".join(text.split()))
            continue
        named = True
        prefix = " ".join(item[: tokens[0].start()].split())
        if prefix:
            problems.append(Problem(f"'{prefix}' before a source is not read inside brackets"))
            groups.append((prefix, []))
        for number, token in enumerate(tokens):
            end = tokens[number + 1].start() if number + 1 < len(tokens) else len(item)
            source, is_evidence = _source(token, keys, doi_key, problems)
            evidence = evidence or is_evidence
            for written in _with_tail(source, token, item[token.end() : end], keys, problems,
                                      last=number + 1 == len(tokens)):  # fmt: skip
                _add(groups, "", written)
    if not named:
        return None
    return Reading(
        tuple(problems),
        tuple(Group(prefix, tuple(sources)) for prefix, sources in groups if sources),
        tuple(outside),
        evidence,
    )


def _lone_pmid(token: re.Match[str], item: str) -> bool:
    """Whether the item is the word PMID alone ("[PMID]"): a PMID whose number is missing."""
    return (
        token.group("pmid") is not None and not token.group("id") and token.group().strip() == item
    )


def _add(groups: list[tuple[str, list[str]]], prefix: str, source: str) -> None:
    """Add ``source`` to the last group, starting one when there is none."""
    if not groups:
        groups.append((prefix, []))
    groups[-1][1].append(source)


def _empty_item(index: int, count: int) -> Problem:
    if index == count - 1:
        return Problem("a ';' with no source after it")
    if index == 0:
        return Problem("a ';' with no source before it")
    return Problem("two ';' with no source between them")


def _source(
    token: re.Match[str],
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    problems: list[Problem],
) -> tuple[str, bool]:
    """How one source is written correctly, and whether it is certainly no handle."""
    if token.group("at") is not None:
        at, key = token.group("at"), token.group("key")
        if key is None:
            problems.append(Problem("'@' without a key", "put the store's key after '@': [@key]"))
            return "@", False
        if at.startswith("-"):
            problems.append(Problem(f"'-@{key}' (suppressing the author) is not supported"))
        elif len(at) > 1:
            problems.append(Problem(f"'{at}{key}' has one '@' too many"))
        return f"@{key}", key in keys or _DATED_KEY_RE.fullmatch(key) is not None
    if token.group("pmid") is not None:
        pmid, problem = read_pmid(token.group("id"))
        if problem is not None:
            problems.append(problem)
        elif token.group("gap") not in ("", ":"):
            problems.append(Problem(f"'{token.group().strip()}' is not how a PMID is written"))
        return f"PMID {pmid}", True
    doi = token.group("doi")
    doi = doi[doi.find("10.") :]  # without "doi:", "DOI " or the doi.org address before it
    key = doi_key(doi)
    if key is None:
        hint = f"import it with 'guides refs add {doi}' and cite its key: [@key]"
        problems.append(Problem("a DOI is not cited directly", hint))
        return doi, True
    problems.append(Problem(f"a DOI is not cited directly: the store has it as '{key}'"))
    return f"@{key}", True


def _with_tail(
    source: str,
    token: re.Match[str],
    tail: str,
    keys: Container[str],
    problems: list[Problem],
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
        problems.append(Problem(f"'{text}' after the source, inside the brackets"))
        return [source]
    key = token.group("key") if token.group("at") is not None else None
    if key is not None and (joined := key + "".join(tail.split())) in keys:
        problems.append(Problem(f"a key has no spaces: '{joined}'"))
        return [f"@{joined}"]
    if not tail[0].isspace() and tail[0] != ":":
        word = token.group() + tail.split()[0]
        if key is not None and (twins := lookalikes(word)):
            letters = ", ".join(f"'{c}' ({describe(c)}) looks like '{latin}'" for c, latin in twins)
            problems.append(Problem(f"'{word}' mixes scripts: {letters}"))
            return [latin_twin(word)]
        if key is not None:
            hint = "a key is ASCII letters, digits and _ : . / + -: copy it from the store"
            problems.append(Problem(f"'{word}' is not a key", hint))
        else:
            problems.append(Problem(f"'{word}' is not a source", "copy the PMID from PubMed"))
        return [source]
    problems.append(Problem("a locator needs a ',' after the source"))
    return [f"{source}, {text.lstrip(':').strip()}"]


def _separator_problem(between: str) -> Problem:
    word = between.split()[0] if between.split() else ""
    if word.startswith(","):
        return Problem("sources are separated by ';', not ','")
    if word.lower() in ("and", "&", "or"):
        return Problem(f"sources are separated by ';', not '{word}'")
    return Problem("sources in one citation are separated by ';'")
