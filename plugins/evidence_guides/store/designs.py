"""Study designs: what kind of evidence a reference is, in words, on one documented scale.

A reader weighs a meta-analysis and an opinion piece differently, so each
reference says which it is. The design comes from the entry itself and is
never guessed: a ``design`` field an editor sets by hand wins, else the
PubMed publication types ``guides refs add`` stores in ``pubtype``; an entry
with neither has no design, and the page shows none.

The scale follows the order of the Oxford CEBM levels of evidence (tier 1 is
the strongest): systematic reviews and meta-analyses, randomised trials,
other controlled or observational studies, case reports, then reviews,
guidelines and opinion. A retracted work is flagged and never ranked: it
counts as retracted, whatever its design.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evidence_guides.store.entry import BibEntry

DESIGN_FIELD = "design"
PUBTYPE_FIELD = "pubtype"
RETRACTED_TYPE = "Retracted Publication"
_RETRACTED_VALUES = frozenset({"true", "yes", "1"})  # as the audit's retracted-source reads it
_SEPARATOR_RE = re.compile(r"[;\n]")
_WORD_GAP_RE = re.compile(r"[\s_-]+")


@dataclass(frozen=True, slots=True)
class Design:
    """One study design: its id (a ``design`` value), its words, its tier on the scale."""

    id: str
    label: str  # "randomised controlled trial": what the reference list shows
    plural: str  # "randomised controlled trials": what the evidence summary counts
    tier: int  # 1 (strongest) to 5; see TIERS
    pubmed: str  # the PubMed publication type it is, for structured data


TIERS: Mapping[int, str] = MappingProxyType(
    {
        1: "systematic reviews and meta-analyses",
        2: "randomised trials",
        3: "other controlled or observational studies",
        4: "case reports",
        5: "reviews, guidelines and opinion",
    }
)
"""The scale, strongest first, as the README's "Study designs" table states it."""

DESIGNS: tuple[Design, ...] = (
    Design("meta-analysis", "meta-analysis", "meta-analyses", 1, "Meta-Analysis"),
    Design("systematic-review", "systematic review", "systematic reviews", 1, "Systematic Review"),
    Design(
        "randomised-controlled-trial",
        "randomised controlled trial",
        "randomised controlled trials",
        2,
        "Randomized Controlled Trial",
    ),
    Design("clinical-trial", "clinical trial", "clinical trials", 3, "Clinical Trial"),
    Design(
        "observational-study",
        "observational study",
        "observational studies",
        3,
        "Observational Study",
    ),
    Design("case-report", "case report", "case reports", 4, "Case Reports"),
    Design("review", "review", "reviews", 5, "Review"),
    Design("guideline", "guideline", "guidelines", 5, "Guideline"),
    Design("position-stand", "position stand", "position stands", 5, "Guideline"),
    Design("editorial", "editorial", "editorials", 5, "Editorial"),
    Design("comment", "comment", "comments", 5, "Comment"),
)
"""Every design, in the order of the scale (and, within a tier, the order shown)."""

BY_ID: Mapping[str, Design] = MappingProxyType({design.id: design for design in DESIGNS})
_ORDER = {design.id: index for index, design in enumerate(DESIGNS)}

# PubMed's publication types (MeSH) that state a design; the others ("Journal
# Article", "Multicenter Study", "Comparative Study"...) say nothing of it.
_FROM_PUBMED: Mapping[str, str] = MappingProxyType(
    {
        "meta-analysis": "meta-analysis",
        "systematic review": "systematic-review",
        "randomized controlled trial": "randomised-controlled-trial",
        "randomized controlled trial, veterinary": "randomised-controlled-trial",
        "clinical trial": "clinical-trial",
        "clinical trial, phase i": "clinical-trial",
        "clinical trial, phase ii": "clinical-trial",
        "clinical trial, phase iii": "clinical-trial",
        "clinical trial, phase iv": "clinical-trial",
        "clinical trial, veterinary": "clinical-trial",
        "controlled clinical trial": "clinical-trial",
        "pragmatic clinical trial": "clinical-trial",
        "equivalence trial": "clinical-trial",
        "adaptive clinical trial": "clinical-trial",
        "observational study": "observational-study",
        "observational study, veterinary": "observational-study",
        "twin study": "observational-study",
        "case reports": "case-report",
        "review": "review",
        "scoping review": "review",
        "guideline": "guideline",
        "practice guideline": "guideline",
        "consensus development conference": "guideline",
        "consensus development conference, nih": "guideline",
        "editorial": "editorial",
        "comment": "comment",
        "letter": "comment",
    }
)

# What an editor may write in ``design``, besides each id and label (British or
# American spelling, any case, spaces or hyphens).
_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "systematic review and meta-analysis": "meta-analysis",
        "rct": "randomised-controlled-trial",
        "randomized controlled trial": "randomised-controlled-trial",
        "practice guideline": "guideline",
        "case reports": "case-report",
        "letter": "comment",
    }
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What an entry says about its evidence: its design (or None) and whether it is retracted."""

    design: Design | None
    retracted: bool
    publication_types: tuple[str, ...]  # PubMed's vocabulary, for structured data; () if unknown

    @property
    def rank(self) -> int | None:
        """The design's tier; None when unknown or retracted (a retracted work is never ranked)."""
        return None if self.retracted or self.design is None else self.design.tier


NO_EVIDENCE = Evidence(None, False, ())


def design_named(value: str) -> Design | None:
    """The design an editor's ``design`` value names (an id, a label, an alias); None if none."""
    words = _WORD_GAP_RE.sub(" ", value.strip().casefold())
    words = words.replace("meta analysis", "meta-analysis")
    if words in _ALIASES:
        return BY_ID[_ALIASES[words]]
    candidate = words.replace(" ", "-")
    for design in DESIGNS:
        if candidate == design.id or words == design.label:
            return design
    return None


def publication_types(value: str) -> tuple[str, ...]:
    """PubMed's publication types as ``pubtype`` stores them: ``Journal Article; Review``."""
    return tuple(kind for part in _SEPARATOR_RE.split(value) if (kind := " ".join(part.split())))


def design_of_types(types: tuple[str, ...]) -> Design | None:
    """The strongest design PubMed's ``types`` state; None when none states one."""
    found = [BY_ID[_FROM_PUBMED[k]] for kind in types if (k := kind.casefold()) in _FROM_PUBMED]
    return min(found, key=lambda design: _ORDER[design.id]) if found else None


def entry_evidence(entry: BibEntry) -> Evidence:
    """The entry's design (``design`` first, then ``pubtype``) and retraction; nothing guessed.

    An unknown ``design`` value gives no design here; the store check reports it.
    """
    fields = entry.fields
    types = publication_types(_unbraced(fields.get(PUBTYPE_FIELD, "")))
    retracted = fields.get(
        "retracted", ""
    ).strip().lower() in _RETRACTED_VALUES or RETRACTED_TYPE.casefold() in (
        kind.casefold() for kind in types
    )
    written = _unbraced(fields.get(DESIGN_FIELD, ""))
    if written.strip():
        design = design_named(written)
        return Evidence(design, retracted, (design.pubmed,) if design else ())
    design = design_of_types(types)
    if design is None and not retracted:
        return NO_EVIDENCE
    return Evidence(design, retracted, types if design else ())


def _unbraced(raw: str) -> str:
    """A raw field value without the braces that protect its case: ``{Meta-Analysis}``."""
    return raw.replace("{", "").replace("}", "")
