"""Writing a PubMed record as a BibTeX entry: its key, its fields, its text.

A record is untrusted input headed for a file other tools parse, so every value
is written so that it cannot end its field or start another: free text has its
LaTeX specials, braces and "@" escaped (unpaired braces are refused), and the
short fields (volume, issue, pages) must be plain words and numbers. A value
that cannot be written safely is an :class:`UnsafeValueError`, never a guess.
Writing the entry into the store, and checking that it reads back as written,
is :mod:`evidence_guides.pubmed.importer`'s job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from evidence_guides.pubmed.records import PubMedAuthor, PubMedRecord, record_name, shown

# Free text: LaTeX's specials escaped, braces escaped (BibTeX would read them as
# structure), "@" braced (bibtexparser starts a block at "@word{" even inside a value).
_TEXT_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "#": r"\#",
        "$": r"\$",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "@": "{@}",
    }
)
# Volume, issue and pages: "43", "Suppl 2", "e0123", "S1-S10"; nothing to escape.
_PLAIN_RE = re.compile(r"(?:[^\W_]|[ .,:;()/+'-]){1,64}")
# A comma or the word "and" inside one name would make BibTeX read two.
_SPLITS_A_NAME = re.compile(r",|\band\b", re.IGNORECASE)
_FIELD_ORDER = (
    "author", "title", "journal", "year", "volume", "number", "pages",
    "doi", "pmid", "pmcid", "pubtype", "retracted",
)  # fmt: skip


class UnsafeValueError(Exception):
    """A record's value cannot be written to BibTeX safely; the message is one line."""


def bibtex_key(record: PubMedRecord, taken: Iterable[str]) -> str:
    """``surnameYEAR`` in lowercase ASCII, then ``a``, ``b``... while the key is taken."""
    first = record.authors[0] if record.authors else None
    surname = first.last.split()[0] if first and first.collective else (first.last if first else "")
    fallback = "pmid" if record.pmid else "doi"
    return key_from(surname, record.year or record.pmid or "", fallback, taken)


def key_from(surname: str, year: str, fallback: str, taken: Iterable[str]) -> str:
    """``surnameYEAR`` (``fallback`` without a surname), suffixed until no key in ``taken``."""
    taken = {key.lower() for key in taken}
    base = (_ascii_word(surname) or fallback) + year
    key, suffix = base, 0
    while key.lower() in taken:
        key = base + _letters(suffix)
        suffix += 1
    return key


def bibtex_entry(record: PubMedRecord, key: str) -> str:
    """One ``@article`` entry in the store's layout, ending with a newline.

    Raises :class:`UnsafeValueError` when a value cannot be written safely.
    """
    fields = bibtex_fields(record)
    return entry_layout("article", key, {name: fields[name] or "" for name in _FIELD_ORDER})


def entry_layout(entry_type: str, key: str, fields: Mapping[str, str]) -> str:
    """An entry in the store's layout (values already BibTeX), empty values left out."""
    written = [(name, value) for name, value in fields.items() if value]
    width = max((len(name) for name, _ in written), default=0)
    lines = [f"@{entry_type}{{{key},"]
    lines += [f"  {name:<{width}} = {{{value}}}," for name, value in written]
    return "\n".join(lines) + "\n}\n"


def bibtex_fields(record: PubMedRecord) -> dict[str, str | None]:
    """Each field's BibTeX value, None where the record has none.

    Identifiers and the year were checked by ``check_record``; the rest raise
    :class:`UnsafeValueError` when they cannot be written safely.
    """
    what = record_name(record)

    def text(value: str, name: str) -> str:
        return _text(value, what, name)

    def plain(value: str | None, name: str) -> str | None:
        return _plain(value, what, name) if value else None

    pages = plain(record.pages, "pages")
    return {
        "author": " and ".join(_bibtex_name(author, what) for author in record.authors),
        "title": text(record.title, "title"),
        "journal": text(record.journal, "journal"),
        "year": record.year,
        "volume": plain(record.volume, "volume"),
        "number": plain(record.issue, "issue"),
        "pages": pages.replace("-", "--") if pages else None,
        "doi": record.doi,
        "pmid": record.pmid,
        "pmcid": record.pmcid,
        "pubtype": pubtype_value(record),
        "retracted": "true" if record.retracted else None,
    }


def pubtype_value(record: PubMedRecord) -> str | None:
    """The record's publication types as ``pubtype`` holds them (``A; B``); None if it has none."""
    what = record_name(record)
    kinds = (_text(kind, what, "publication type") for kind in record.publication_types)
    return "; ".join(kinds) or None


def _bibtex_name(author: PubMedAuthor, what: str) -> str:
    if author.collective:
        return "{" + _text(author.last, what, "author name") + "}"
    given = author.fore or " ".join(f"{initial}." for initial in author.initials)
    last = _name_part(author.last, what)
    given = _name_part(given, what) if given else ""
    if author.suffix:
        suffix = _name_part(author.suffix, what)
        return f"{last}, {suffix}., {given}" if given else last
    return f"{last}, {given}" if given else last


def _name_part(text: str, what: str) -> str:
    """One part of a person's name, braced when BibTeX would otherwise split it."""
    escaped = _text(text, what, "author name")
    return "{" + escaped + "}" if _SPLITS_A_NAME.search(text) else escaped


def _text(value: str, what: str, name: str) -> str:
    """``value`` as BibTeX text, or refused when its braces do not pair (BibTeX counts them)."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        raise UnsafeValueError(
            f"{what} has a {name} with unpaired braces"
            f" ({shown(value)}), which cannot be written to BibTeX safely"
        )
    return value.translate(_TEXT_ESCAPES)


def is_plain(value: str) -> bool:
    """Whether a volume, issue or page range is letters, digits and ``.,:;()/+'-`` only."""
    return _PLAIN_RE.fullmatch(value) is not None


def _plain(value: str, what: str, name: str) -> str:
    """A volume, issue or page range: letters, digits and ``.,:;()/+'-`` only, as written."""
    if not is_plain(value):
        raise UnsafeValueError(
            f"{what} has {name} {shown(value)}, which cannot be"
            " written to BibTeX safely (letters, digits, spaces and .,:;()/+'- only)"
        )
    return value


def _ascii_word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if char.isascii() and char.isalnum()).lower()


def _letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: suffixes for keys that are already taken."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters
