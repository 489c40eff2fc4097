"""PubMed records: parsing E-utilities efetch XML into what a reference needs.

Editors import sources by PMID instead of typing them, because hand-typed
references are where wrong years, truncated titles and PMIDs that point at
another paper come from. This module turns PubMed's own XML into a small
record; :mod:`evidence_guides.pubmed.client` fetches it, and
:mod:`evidence_guides.pubmed.bibtex` writes BibTeX from it.

What PubMed sends is not trusted: a record reaches the cache, a file name and
the store, so every record is checked before anyone sees it. Its PMID is 1 to 9
digits without a leading zero, its DOI, PMC ID and year have their syntax, and
no text holds control or bidirectional-override characters (which would move a
terminal's cursor or reorder what an editor reads). A record that fails is a
:class:`PubMedFormatError`, as malformed XML is.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

RETRACTED_TYPE = "Retracted Publication"
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_SPACE_RE = re.compile(r"\s+")

# What a valid record holds. PMIDs are what NCBI issues: no sign, no leading zero.
PMID_RE = re.compile(r"[1-9][0-9]{0,8}")
_PMCID_RE = re.compile(r"PMC[1-9][0-9]{0,8}")
_YEAR_FORM = re.compile(r"[12][0-9]{3}")
# A DOI is "10.", the registrant's digits, "/", then a suffix of printable ASCII. The
# suffix may hold almost anything; braces, backslashes, quotes and "@" never occur in a
# real DOI and would end or start BibTeX structure, so they are refused.
_DOI_RE = re.compile(r"10\.[0-9]{4,9}(?:\.[0-9]+)*/[!#-?A-[\]-z|~]+")
_MAX_DOI = 300
_MAX_TEXT = 10_000  # characters in one field: the longest PubMed titles are a few hundred
# Bidirectional controls reorder what is shown ("Trojan Source"); C0 and C1 controls
# drive terminals. Neither belongs in a bibliographic field.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f") | {
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


class PubMedFormatError(ValueError):
    """The response is not the XML PubMed sends; the message is one line."""


@dataclass(frozen=True, slots=True)
class PubMedAuthor:
    last: str  # or the collective (organisation) name
    fore: str
    initials: str
    suffix: str
    collective: bool


@dataclass(frozen=True, slots=True)
class PubMedRecord:
    """A work's bibliographic record, from PubMed; or from Crossref (then ``pmid`` is None)."""

    pmid: str | None
    title: str
    authors: tuple[PubMedAuthor, ...]
    journal: str  # ISO abbreviation, as Vancouver references use
    year: str | None
    volume: str | None
    issue: str | None
    pages: str | None  # expanded: "1575-1581", not MEDLINE's "1575-81"
    doi: str | None
    pmcid: str | None
    publication_types: tuple[str, ...]
    retracted: bool

    @property
    def first_author(self) -> str | None:
        return self.authors[0].last if self.authors else None


def parse_efetch(data: bytes) -> dict[str, PubMedRecord]:
    """Records by PMID from an efetch response (``db=pubmed``, ``retmode=xml``)."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise PubMedFormatError(f"PubMed sent malformed XML ({error})") from None
    if root.tag == "eFetchResult" or root.find("ERROR") is not None:
        message = _text(root.find(".//ERROR")) or "an error"
        raise PubMedFormatError(f"PubMed answered with {message!r}")
    if root.tag != "PubmedArticleSet":
        raise PubMedFormatError(f"PubMed sent <{root.tag}>, not a PubmedArticleSet")
    records: dict[str, PubMedRecord] = {}
    for article in root.findall("PubmedArticle"):
        record = _record(article)
        check_record(record)
        records[record.pmid] = record
    return records


def is_pmid(text: str) -> bool:
    """1 to 9 ASCII digits, no leading zero: the only PMIDs used in a file name or an entry."""
    return PMID_RE.fullmatch(text) is not None


def is_year(text: str) -> bool:
    """A year as imports write it: four digits from 1000 to 2999."""
    return _YEAR_FORM.fullmatch(text) is not None


def is_doi(text: str) -> bool:
    """The DOI syntax (``10.NNNN/suffix``), in characters that are safe in a BibTeX value."""
    return len(text) <= _MAX_DOI and _DOI_RE.fullmatch(text) is not None


def check_record(record: PubMedRecord) -> None:
    """Raise :class:`PubMedFormatError` unless every field of ``record`` is well formed."""
    if record.pmid is None and record.doi is None:
        raise PubMedFormatError("a record with neither a PMID nor a DOI cannot be imported")
    if record.pmid is not None and not is_pmid(record.pmid):
        raise PubMedFormatError(
            f"PubMed sent a record with PMID {shown(record.pmid)}, which is not a PMID"
            " (1 to 9 digits, no leading zero)"
        )
    what = record_name(record)
    identifiers = (
        ("DOI", record.doi, is_doi),
        ("PMC ID", record.pmcid, lambda text: _PMCID_RE.fullmatch(text) is not None),
        ("year", record.year, is_year),
    )
    for name, value, valid in identifiers:
        if value is not None and not valid(value):
            raise PubMedFormatError(f"{what} has {name} {shown(value)}, which is not a {name}")
    for name, value in _texts(record):
        problem = text_problem(value)
        if problem:
            raise PubMedFormatError(f"{what} has a {name} with {problem}")


def record_name(record: PubMedRecord) -> str:
    """How a message names a record: by its PMID, or by its DOI when it came from Crossref."""
    if record.pmid is not None:
        return f"PubMed's record for PMID {record.pmid}"
    doi = record.doi or ""
    return f"Crossref's record for DOI {doi if is_doi(doi) else shown(doi)}"


def record_label(record: PubMedRecord) -> str:
    """The identifier an import names an entry by: ``PMID 123``, else ``DOI 10.1/x``."""
    return f"PMID {record.pmid}" if record.pmid is not None else f"DOI {record.doi}"


def shown(value: str, limit: int = 60) -> str:
    """``value`` quoted for a one-line message: escapes visible, long values cut."""
    text = repr(value if len(value) <= limit else value[:limit] + "...")
    return text.encode("ascii", "backslashreplace").decode("ascii")


def _texts(record: PubMedRecord) -> list[tuple[str, str]]:
    """Every free-text field of ``record``, named as a message names it."""
    texts = [
        ("title", record.title),
        ("journal", record.journal),
        ("volume", record.volume or ""),
        ("issue", record.issue or ""),
        ("pages", record.pages or ""),
    ]
    texts += [("publication type", kind) for kind in record.publication_types]
    for author in record.authors:
        texts += [("author name", part) for part in (author.last, author.fore, author.initials)]
        texts.append(("author suffix", author.suffix))
    return texts


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be a bibliographic field, or None."""
    if len(text) > _MAX_TEXT:
        return f"{len(text)} characters (at most {_MAX_TEXT})"
    for char in text:
        if char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs"):
            return f"the control character U+{ord(char):04X}"
    return None


def _record(article: ElementTree.Element) -> PubMedRecord:
    citation = article.find("MedlineCitation")
    pmid = _text(citation.find("PMID")) if citation is not None else ""
    body = citation.find("Article") if citation is not None else None
    if not pmid or body is None:
        raise PubMedFormatError("PubMed sent an article without a PMID or Article element")
    types = tuple(_text(t) for t in body.findall("PublicationTypeList/PublicationType"))
    retraction_notes = citation.findall("CommentsCorrectionsList/CommentsCorrections")
    retracted = RETRACTED_TYPE in types or any(
        note.get("RefType") == "RetractionIn" for note in retraction_notes
    )
    authors = (_author(element) for element in body.findall("AuthorList/Author"))
    return PubMedRecord(
        pmid=pmid,
        title=_title(body.find("ArticleTitle")),
        authors=tuple(author for author in authors if author is not None),
        journal=_text(body.find("Journal/ISOAbbreviation")) or _text(body.find("Journal/Title")),
        year=_year(body.find("Journal/JournalIssue/PubDate")),
        volume=_text(body.find("Journal/JournalIssue/Volume")) or None,
        issue=_text(body.find("Journal/JournalIssue/Issue")) or None,
        pages=_pages(body.find("Pagination")),
        doi=_doi(article, body),
        pmcid=_article_id(article, "pmc"),
        publication_types=types,
        retracted=retracted,
    )


def _author(element: ElementTree.Element) -> PubMedAuthor | None:
    collective = _text(element.find("CollectiveName"))
    if collective:
        return PubMedAuthor(collective, "", "", "", collective=True)
    last = _text(element.find("LastName"))
    if not last:
        return None
    return PubMedAuthor(
        last,
        _text(element.find("ForeName")),
        _text(element.find("Initials")),
        _text(element.find("Suffix")),
        collective=False,
    )


def _title(element: ElementTree.Element | None) -> str:
    """The title's text, inline markup (<i>, <sup>) flattened, PubMed's final period dropped."""
    title = _text(element)
    if title.startswith("[") and title.rstrip(".").endswith("]"):
        title = title.rstrip(".")[1:-1]  # PubMed brackets titles translated into English
    return title.removesuffix(".")


def _year(pub_date: ElementTree.Element | None) -> str | None:
    if pub_date is None:
        return None
    year = _text(pub_date.find("Year"))
    if year:
        return year
    match = _YEAR_RE.search(_text(pub_date.find("MedlineDate")))
    return match.group(1) if match else None


def _pages(pagination: ElementTree.Element | None) -> str | None:
    """Full page range: MEDLINE abbreviates "1575-1581" as "1575-81"."""
    if pagination is None:
        return None
    start, end = _text(pagination.find("StartPage")), _text(pagination.find("EndPage"))
    if start:
        return f"{start}-{end}" if end else start
    medline = _text(pagination.find("MedlinePgn"))
    if not medline:
        return None
    first, _, last = medline.partition("-")
    if last and first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}" if last else first


def _doi(article: ElementTree.Element, body: ElementTree.Element) -> str | None:
    for location in body.findall("ELocationID"):
        if location.get("EIdType") == "doi" and location.get("ValidYN", "Y") == "Y":
            return _text(location) or None
    return _article_id(article, "doi")


def _article_id(article: ElementTree.Element, kind: str) -> str | None:
    for identifier in article.findall("PubmedData/ArticleIdList/ArticleId"):
        if identifier.get("IdType") == kind:
            return _text(identifier) or None
    return None


def _text(element: ElementTree.Element | None) -> str:
    if element is None:
        return ""
    return _SPACE_RE.sub(" ", "".join(element.itertext())).strip()
