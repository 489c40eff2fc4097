"""Importing references by PMID: PubMed record in, BibTeX entry appended to the store.

The store is the editors' file: comments, order and formatting are theirs. An
import therefore only appends, leaves every existing byte as it was, writes
atomically, and refuses to write if the file changed while PubMed was being
asked (an editor's save must never be lost). A PMID already in the store is
skipped, which makes an import safe to repeat.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomically
from .bibstore import parse_bib
from .pubmed import PubMedAuthor, PubMedRecord

_PMID_RE = re.compile(r"^(?:PMID:?\s*)?(\d{1,9})$", re.IGNORECASE)
_BIBTEX_SPECIALS = str.maketrans({"&": r"\&", "%": r"\%", "#": r"\#", "$": r"\$", "_": r"\_"})
_FIELD_ORDER = (
    "author", "title", "journal", "year", "volume", "number", "pages",
    "doi", "pmid", "pmcid", "pubtype", "retracted",
)  # fmt: skip


class RefsImportError(Exception):
    """The import cannot go on; the message is one line and nothing was written."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: tuple[tuple[str, str], ...]  # (key, pmid) of each new entry, in order
    skipped: tuple[tuple[str, str], ...]  # (pmid, key of the entry that already has it)


def parse_pmids(values: Iterable[str]) -> list[str]:
    """PMIDs as given on a command line ("21694556", "PMID:21694556"), in order, deduplicated."""
    pmids: list[str] = []
    for value in values:
        match = _PMID_RE.match(value.strip())
        if match is None:
            raise RefsImportError(f"not a PMID: {value!r} (a PMID is 1 to 9 digits)")
        if match.group(1) not in pmids:
            pmids.append(match.group(1))
    return pmids


def import_pmids(
    bib_file: Path,
    display_path: str,
    pmids: Sequence[str],
    fetch: Callable[[Sequence[str]], Mapping[str, PubMedRecord]],
) -> ImportResult:
    """Append an entry for each PMID not yet in ``bib_file``; ``fetch`` asks PubMed.

    ``fetch`` raises on any failure, before anything is written.
    """
    original = _read(bib_file, display_path)
    store = parse_bib(original.replace("\r\n", "\n"), display_path)
    known = {entry.pmid: entry.key for entry in store.entries.values() if entry.pmid}
    skipped = tuple((pmid, known[pmid]) for pmid in pmids if pmid in known)
    wanted = [pmid for pmid in pmids if pmid not in known]
    if not wanted:
        return ImportResult((), skipped)

    records = fetch(wanted)
    taken = {key.lower() for key in store.entries}
    entries: list[str] = []
    added: list[tuple[str, str]] = []
    for pmid in wanted:
        key = bibtex_key(records[pmid], taken)
        taken.add(key)
        entries.append(bibtex_entry(records[pmid], key))
        added.append((key, pmid))

    if _read(bib_file, display_path) != original:
        raise RefsImportError(
            f"{display_path} changed while PubMed was asked; nothing written, run again"
        )
    newline = "\r\n" if "\r\n" in original else "\n"
    separator = "" if not original or original.endswith(("\n", "\r")) else newline
    addition = newline.join(entries).replace("\n", newline)
    write_atomically(bib_file, original + separator + (newline if original else "") + addition)
    return ImportResult(tuple(added), skipped)


def bibtex_key(record: PubMedRecord, taken: Iterable[str]) -> str:
    """``surnameYEAR`` in lowercase ASCII, then ``a``, ``b``... while the key is taken."""
    taken = {key.lower() for key in taken}
    first = record.authors[0] if record.authors else None
    surname = first.last.split()[0] if first and first.collective else (first.last if first else "")
    base = _ascii_word(surname) or "pmid"
    base += record.year or record.pmid
    key, suffix = base, 0
    while key.lower() in taken:
        key = base + _letters(suffix)
        suffix += 1
    return key


def bibtex_entry(record: PubMedRecord, key: str) -> str:
    """One ``@article`` entry in the store's layout, ending with a newline."""
    fields = {
        "author": " and ".join(_bibtex_name(author) for author in record.authors),
        "title": _escape(record.title),
        "journal": _escape(record.journal),
        "year": record.year,
        "volume": record.volume,
        "number": record.issue,
        "pages": record.pages.replace("-", "--") if record.pages else None,
        "doi": record.doi,
        "pmid": record.pmid,
        "pmcid": record.pmcid,
        "pubtype": "; ".join(record.publication_types) or None,
        "retracted": "true" if record.retracted else None,
    }
    width = max(len(name) for name in _FIELD_ORDER if fields[name])
    lines = [f"@article{{{key},"]
    lines += [f"  {name:<{width}} = {{{fields[name]}}}," for name in _FIELD_ORDER if fields[name]]
    return "\n".join(lines) + "\n}\n"


def _bibtex_name(author: PubMedAuthor) -> str:
    if author.collective:
        return "{" + _escape(author.last) + "}"
    given = author.fore or " ".join(f"{initial}." for initial in author.initials)
    last = _escape(author.last)
    if author.suffix:
        return f"{last}, {author.suffix}., {_escape(given)}" if given else last
    return f"{last}, {_escape(given)}" if given else last


def _escape(text: str) -> str:
    """BibTeX-safe text: LaTeX specials escaped, unbalanced braces escaped."""
    text = text.translate(_BIBTEX_SPECIALS)
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        text = text.replace("{", r"\{").replace("}", r"\}")
    return text


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


def _read(bib_file: Path, display_path: str) -> str:
    try:
        return bib_file.read_bytes().decode("utf-8") if bib_file.exists() else ""
    except UnicodeDecodeError:
        raise RefsImportError(f"{display_path}: not valid UTF-8; nothing written") from None
    except OSError as error:
        raise RefsImportError(f"{display_path}: cannot read ({error.strerror})") from None
