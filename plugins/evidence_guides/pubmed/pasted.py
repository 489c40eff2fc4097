"""BibTeX an editor pasted (``guides refs add --bibtex FILE``), checked and put in the store's form.

When neither PubMed nor Crossref can be asked (offline, or a work neither
knows), a publisher's page still offers "cite this: BibTeX". What it gives is
read with the store's own parser and goes through the same checks as an
import: no control or bidirectional characters, identifiers of the right
form, an http(s) address, and, once appended, the entry must read back as
written and pass the store's rules (author, title, year, an identifier).

It is also normalised, so the store stays uniform: the entry is keyed
``surnameYEAR`` like every import, laid out as imports are, and keeps only the
fields a reference shows (abstracts, keywords, file paths and the like are
left out); a DOI loses its ``https://doi.org/``. A work the store already
holds, by PMID or DOI, is skipped.
"""

from __future__ import annotations

import re

from evidence_guides.files.limits import Limits
from evidence_guides.pubmed.bibtex import entry_layout, is_plain, key_from
from evidence_guides.pubmed.importer import Known, NewEntry, Plan, Planner, RefsImportError
from evidence_guides.pubmed.records import is_doi, is_pmid, is_year, shown, text_problem
from evidence_guides.store.entry import BibEntry, BibStore
from evidence_guides.store.identifiers import normalise_doi, normalise_pmid
from evidence_guides.store.parse import parse_bib

# The fields a reference shows or is found by, in the store's order; the rest are left out.
KEPT = (
    "author", "editor", "title", "journal", "booktitle", "publisher", "institution",
    "organization", "school", "year", "volume", "number", "pages", "doi", "pmid", "pmcid",
    "isbn", "url",
)  # fmt: skip
_TYPE_RE = re.compile(r"[a-z]{1,32}")
_PMCID_RE = re.compile(r"PMC[1-9][0-9]{0,8}")
_SPACE_RE = re.compile(r"\s+")
# A page range written "1-9" or with a dash: BibTeX writes "1--9".
_RANGE_RE = re.compile(r"(?<=\w)\s*(?:-+|\u2013|\u2014)\s*(?=\w)")


def bibtex_plan(text: str, file_name: str, limits: Limits) -> Planner:
    """The plan of appending the entries of pasted BibTeX ``text`` (read from ``file_name``).

    The text is read, and each entry checked, at once: a syntax error or a
    value that cannot be kept is a :class:`RefsImportError` naming the file and line.
    """
    pasted = parse_bib(text.replace("\r\n", "\n"), file_name, limits=limits)
    errors = sorted(f for f in pasted.findings if f.severity == "error")
    if errors:
        first = errors[0]
        raise RefsImportError(f"{file_name}:{first.line}: {first.message}; nothing written")
    if not pasted.entries:
        raise RefsImportError(f"{file_name}: holds no BibTeX entry; nothing written")
    entries = [(entry, _kept_fields(entry, file_name)) for entry in pasted.entries.values()]

    def plan(store: BibStore) -> Plan:
        known = Known(store)
        taken = {key.lower() for key in store.entries}
        new, skipped = [], []
        for entry, fields in entries:
            label = f"entry '{entry.key}' of {file_name}"
            pmid, doi = fields.get("pmid"), fields.get("doi")
            key = known.key(pmid, doi, fields.get("pmcid"))
            if key is not None:
                skipped.append((label, key))
                continue
            first = entry.authors[0] if entry.authors else None
            surname = "" if first is None else first.last.split()[0] if first.last else ""
            new_key = key_from(surname, entry.year or "", "ref", taken)
            taken.add(new_key.lower())
            made = NewEntry(
                new_key,
                entry_layout(entry.entry_type, new_key, fields),
                f"PMID {pmid}" if pmid else (f"DOI {doi}" if doi else label),
                frozenset(fields),
                pmid,
                doi,
                None,
            )
            known.add(made, fields.get("pmcid"))
            new.append(made)
        return Plan(tuple(new), tuple(skipped))

    return plan


def _kept_fields(entry: BibEntry, file_name: str) -> dict[str, str]:
    """The entry's fields the store keeps, each checked and in one form."""
    at = f"{file_name}:{entry.line}: entry '{entry.key}'"
    if _TYPE_RE.fullmatch(entry.entry_type) is None:
        raise RefsImportError(f"{at} has the type {shown(entry.entry_type)}; nothing written")
    fields: dict[str, str] = {}
    for name in KEPT:
        raw = entry.fields.get(name)
        if raw is None or not raw.strip():
            continue
        value = _SPACE_RE.sub(" ", raw).strip()
        problem = text_problem(value) or _identifier_problem(name, value)
        if problem:
            raise RefsImportError(f"{at}: its {name} field has {problem}; nothing written")
        fields[name] = _identifier(name, value)
    return fields


def _identifier_problem(name: str, value: str) -> str | None:
    """Why an identifier field's value cannot be kept, or None."""
    if name == "doi" and not is_doi(_identifier(name, value)):
        return f"a value that is not a DOI ({shown(value)})"
    if name == "pmid" and not is_pmid(_identifier(name, value)):
        return f"a value that is not a PMID ({shown(value)})"
    if name == "pmcid" and _PMCID_RE.fullmatch(value) is None:
        return f"a value that is not a PMC ID ({shown(value)})"
    if name == "url" and not value.startswith(("http://", "https://")):
        return f"an address that is not http or https ({shown(value)})"
    if name == "year" and not is_year(value):
        return f"a value that is not a year ({shown(value)})"
    if name in ("volume", "number", "pages") and not is_plain(_identifier(name, value)):
        return f"{shown(value)}: letters, digits, spaces and .,:;()/+'- only, as imports write it"
    return None


def _identifier(name: str, value: str) -> str:
    """A DOI without ``https://doi.org/``, a PMID without ``PMID:``, pages as ``1--9``."""
    if name == "doi":
        return normalise_doi(value) or value
    if name == "pmid":
        return normalise_pmid(value) or value
    if name == "pages":
        return _RANGE_RE.sub("--", value)
    return value
