"""PMIDs and DOIs: one spelling for each, however a ``.bib`` file writes them.

Guides cite a work by PMID, the audit suggests one, and the PubMed import
checks whether a work is already in the store: all of them compare
identifiers, so ``PMID: 21694556`` and ``21694556`` must be one PMID and
``https://doi.org/10.1/X`` and ``10.1/x`` one DOI. This module says what an
identifier is, reads an entry's identifiers from its fields (a value that is
not one is a warning), and reports two entries that share one: the same work
cited under two keys.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.findings import Finding
from evidence_guides.store.latex import unescape_characters

if TYPE_CHECKING:
    from evidence_guides.store.entry import BibEntry

_PMID_PREFIX = re.compile(r"^pmid\s*:?\s*", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi\.org/|doi\s*:\s*)", re.IGNORECASE)


def normalise_pmid(raw: str) -> str | None:
    """Digits only: ``"PMID: 21694556"`` -> ``"21694556"``; None if it is not a PMID."""
    text = _PMID_PREFIX.sub("", raw.strip().replace("{", "").replace("}", "")).strip()
    return text if text.isascii() and text.isdigit() else None


def normalise_doi(raw: str) -> str | None:
    """Strip ``https://doi.org/``, ``doi:`` and LaTeX escapes; keep the case as written.

    None unless the result looks like a DOI (``10.`` prefix, a ``/``).
    """
    text = unescape_characters(raw.strip().replace("{", "").replace("}", ""))
    text = _DOI_PREFIX.sub("", text).strip()
    return text if text.startswith("10.") and "/" in text else None


def entry_pmid(
    key: str, fields: Mapping[str, str], lines: Mapping[str, int], path: str, out: list[Finding]
) -> str | None:
    """The PMID in ``pmid`` or biblatex's ``eprint``; a value that is not one is reported."""
    name = "pmid"
    if "pmid" not in fields and fields.get("eprinttype", "").lower() == "pubmed":
        name = "eprint"  # biblatex's way of recording a PubMed identifier
    raw = fields.get(name, "").strip()
    if not raw:
        return None
    pmid = normalise_pmid(raw)
    if pmid is None:
        message = f"PMID '{raw}' in '{key}' is not a PubMed identifier (digits only)"
        out.append(Finding(path, lines[name], 1, rule_ids.BIB_INVALID_ENTRY, "warning", message))
    return pmid


def entry_doi(
    key: str, fields: Mapping[str, str], lines: Mapping[str, int], path: str, out: list[Finding]
) -> str | None:
    """The entry's DOI; a ``doi`` value that is not one is reported."""
    raw = fields.get("doi", "").strip()
    if not raw:
        return None
    doi = normalise_doi(raw)
    if doi is None:
        message = f"DOI '{raw}' in '{key}' is not a DOI (expected '10.<prefix>/<suffix>')"
        out.append(Finding(path, lines["doi"], 1, rule_ids.BIB_INVALID_ENTRY, "warning", message))
    return doi


def check_identifiers(entries: Mapping[str, BibEntry], path: str, out: list[Finding]) -> None:
    """Two entries with one PMID or DOI are one work cited under two keys."""
    first_pmid: dict[str, BibEntry] = {}
    first_doi: dict[str, BibEntry] = {}
    for entry in entries.values():
        if entry.pmid is not None:  # "0123" is 123 written with a leading zero: the same PMID
            first = first_pmid.setdefault(entry.pmid.lstrip("0") or "0", entry)
            if first is not entry:
                out.append(_duplicate_id(path, entry, first, f"PMID {entry.pmid}"))
        if entry.doi is not None:
            first = first_doi.setdefault(entry.doi.lower(), entry)
            if first is not entry:
                out.append(_duplicate_id(path, entry, first, f"DOI {entry.doi}"))


def _duplicate_id(path: str, entry: BibEntry, first: BibEntry, what: str) -> Finding:
    message = f"duplicate {what}: '{entry.key}' and '{first.key}' (line {first.line})"
    return Finding(path, entry.line, 1, rule_ids.BIB_DUPLICATE, "error", message)
