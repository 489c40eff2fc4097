"""A work's identifier written in prose, in a form no citation is read from.

The project cites by store key or PMID (``[@key]``, ``[PMID n]``, "PMID n").
Real articles point at their sources in other ways: a DOI ("(doi:10.1249/...)",
"https://doi.org/10.1001/..."), a PubMed address
("https://pubmed.ncbi.nlm.nih.gov/21694556/"), "PubMed ID 21694556", a PMC ID
("PMCID: PMC3123456", a PMC article's address). Written so, the identifier
reaches the reader as typed: no number, no entry in the reference list,
nothing the audit can check against the store. Each is an attempt at a
citation that does not count, reported with the citation to write (the
store's key for a DOI it has, ``[PMID n]`` for a PubMed address) or the
import that makes one.

An identifier inside an author-date mention ("Lopez et al. (2021,
doi:...)", "Lopez et al. (2021), doi:...") is that mention's: the
vague-reference rule reports it, with the key its author and year name, so
it is not reported twice. An identifier as a link's address ("[the
trial](https://doi.org/...)") is masked before any search and never read here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from evidence_guides.audit.author_dates.dates import DATE_RE
from evidence_guides.audit.author_dates.reference_entries import leads_to_an_identifier
from evidence_guides.audit.malformed.model import Malformed, inside, vague
from evidence_guides.audit.malformed.reading import read_content
from evidence_guides.text.citations import SOURCE_TOKEN_RE

# The identifiers other than DOIs (SOURCE_TOKEN_RE reads those), at a word's start.
_IDENTIFIER_RE = re.compile(
    r"""(?<![\w/.@-])
    (?:(?i:(?:https?://)?(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/))
         (?P<address>[1-9]\d{0,8})(?:/(?!\w))?+(?!\w)
      |(?i:pubmed[ \t]++id)[ \t]*+:?+[ \t]*+(?P<pubmed_id>[1-9]\d{0,8})(?!\w)
      |(?:(?i:(?:https?://)?(?:www\.)?(?:pmc\.ncbi\.nlm\.nih\.gov/articles/
                                         |ncbi\.nlm\.nih\.gov/pmc/articles/))
         |(?i:pmcid)[ \t]*+:?+[ \t]*+)?+
         (?P<pmc>PMC\d{4,9})(?!\w)/?+
    )""",
    re.VERBOSE,
)
# What the searches look for first: most prose holds none, and then nothing else runs.
_ANY_IDENTIFIER_RE = re.compile(r"10\.\d{4,9}/|(?i:pubmed)|PMC\d")
# Parentheses, and the paragraph breaks none is matched across.
_PAREN_RE = re.compile(r"[()]|\n[ \t]*+\n")
# A narrative mention's year just before the identifier: "Lopez et al. (2021), doi:...".
_MENTION_BEFORE_RE = re.compile(r"\([^()\n]*\)[ \t]*+[,;:]?+[ \t]*+\Z")
_TRAILING = ".,;:!?"
_DOI = "a DOI is not a citation here"


def prose_identifiers(
    masked: str,
    keys: Container[str],
    doi_key: Callable[[str], str | None],
    found: list[Malformed],
    claimed: list[tuple[int, int]],
) -> None:
    """Report each identifier written in prose (outside ``claimed``: brackets and
    parentheses reported already), once per parenthesis that holds any."""
    if _ANY_IDENTIFIER_RE.search(masked) is None:
        return
    tokens = _identifiers(masked, claimed)
    enclosing = _innermost(_parentheses(masked), [token.start() for token in tokens])
    settled = -1  # where the last parenthesis read ends: the identifiers before it are done
    for token, around in zip(tokens, enclosing, strict=True):
        if token.start() < settled:
            continue  # in the parenthesis just read, reported or not
        if around is not None:
            start, end = around
            settled = end
            if _holds_year(masked[start + 1 : end - 1]):
                continue  # an author-date mention's identifier
        else:
            before = masked[max(0, token.start() - 200) : token.start()]
            mention = _MENTION_BEFORE_RE.search(before)
            if mention is not None and _holds_year(mention.group()):
                continue  # "Lopez et al. (2021), doi:...": the mention's
            if leads_to_an_identifier(masked, token.start()):
                continue  # "... 2015;29(10):2954-63. doi: ...": the typed reference's
            start, end = token.start(), _bare_end(token)
        written = masked[start:end]
        if token.re is SOURCE_TOKEN_RE:
            inner = written[1:-1] if around is not None else written
            reading = read_content(inner, keys, doi_key)
            if reading is not None:
                found.append(vague(start, written, _DOI, reading.suggestion()))
        else:
            found.append(vague(start, written, *_other(token)))


def _identifiers(masked: str, claimed: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Every identifier in ``masked`` outside ``claimed``, in order."""
    dois = [t for t in SOURCE_TOKEN_RE.finditer(masked) if t.group("doi") is not None]
    tokens = sorted([*dois, *_IDENTIFIER_RE.finditer(masked)], key=lambda token: token.start())
    return [token for token in tokens if not inside(token.start(), claimed)]


def _other(token: re.Match[str]) -> tuple[str, str]:
    """The problem and the fix of an identifier that is not a DOI."""
    if (pmid := token.group("address")) is not None:
        return "a PubMed address is not a citation here", f"write [PMID {pmid}]"
    if (pmid := token.group("pubmed_id")) is not None:
        return "'PubMed ID' is not read as a PMID", f"write [PMID {pmid}]"
    pmc = token.group("pmc")
    return (
        "a PMC ID is not a citation here",
        f"import it with 'guides refs add {pmc}' and cite its key: [@key]",
    )


def _holds_year(text: str) -> bool:
    """Whether ``text`` holds a year (or "n.d.") outside its identifiers ("jama.2018.14854",
    "PMC2018123" hold none)."""
    if "10." in text:
        text = SOURCE_TOKEN_RE.sub(lambda token: " " if token.group("doi") else token.group(), text)
    text = _IDENTIFIER_RE.sub(" ", text)
    return DATE_RE.search(text) is not None  # a year or "n.d.", as author-date mentions write it


def _parentheses(masked: str) -> list[tuple[int, int]]:
    """Every matched "(...)" within a paragraph, as spans in the order they open."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for mark in _PAREN_RE.finditer(masked):
        if mark.group() == "(":
            opened.append(mark.start())
        elif mark.group() == ")":
            if opened:
                spans.append((opened.pop(), mark.end()))
        else:
            opened.clear()  # a paragraph break: what is open there never closes
    spans.sort()
    return spans


def _innermost(spans: list[tuple[int, int]], positions: list[int]) -> list[tuple[int, int] | None]:
    """For each of ``positions`` (ascending), the innermost of ``spans`` around it: one sweep,
    as matched parentheses nest."""
    around: list[tuple[int, int] | None] = []
    stack: list[tuple[int, int]] = []
    following = 0
    for position in positions:
        while following < len(spans) and spans[following][0] < position:
            span = spans[following]
            while stack and stack[-1][1] <= span[0]:
                stack.pop()
            stack.append(span)
            following += 1
        while stack and stack[-1][1] <= position:
            stack.pop()
        around.append(stack[-1] if stack else None)
    return around


def _bare_end(token: re.Match[str]) -> int:
    """Where an identifier outside parentheses ends: without the sentence's closing
    punctuation, or a ")" it does not open."""
    text = token.group()
    while text and (text[-1] in _TRAILING or (text[-1] == ")" and "(" not in text)):
        text = text[:-1]
    return token.start() + len(text)
