"""A guide's evidence mix: how many of its sources are of each study design.

Near the top of each guide one line says what its sources are ("7 sources: 1
meta-analysis, 1 position stand, 5 not classified") and links to the
reference list; the editorial report draws the same counts as a bar. Designs
are counted in the order of the scale (:mod:`evidence_guides.store.designs`),
strongest first; a source whose entry states no design is "not classified",
never guessed, and a retracted one is counted as retracted, whatever its
design.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from evidence_guides.store.designs import DESIGNS, TIERS, Design, Evidence

UNCLASSIFIED = "not classified"


@dataclass(frozen=True, slots=True)
class DesignCount:
    """How many sources are of one design."""

    design: Design
    count: int

    @property
    def words(self) -> str:
        """``1 meta-analysis``, ``3 reviews``."""
        return f"{self.count} {self.design.label if self.count == 1 else self.design.plural}"


@dataclass(frozen=True, slots=True)
class EvidenceMix:
    """A page's sources counted by design, strongest first."""

    designs: tuple[DesignCount, ...]  # only the designs present, in the order of the scale
    unclassified: int  # sources whose entry states no design
    retracted: int  # retracted sources, never ranked

    @property
    def total(self) -> int:
        return sum(item.count for item in self.designs) + self.unclassified + self.retracted

    def parts(self) -> list[str]:
        """Each count in words: designs strongest first, then the unclassified, then retracted."""
        words = [item.words for item in self.designs]
        if self.unclassified:
            words.append(f"{self.unclassified} {UNCLASSIFIED}")
        if self.retracted:
            words.append(f"{self.retracted} retracted")
        return words

    @property
    def sources(self) -> str:
        """``7 sources``, ``1 source``: the part of the summary that links to the references."""
        return f"{self.total} source{'' if self.total == 1 else 's'}"

    def summary(self) -> str:
        """The one line a guide shows: ``7 sources: 1 meta-analysis, ..., 5 not classified``."""
        parts = self.parts()
        return f"{self.sources}: {', '.join(parts)}" if parts else self.sources

    def tiers(self) -> list[tuple[int, str, int]]:
        """(tier, its name, sources) of each tier that has sources, strongest first."""
        counts: Counter[int] = Counter()
        for item in self.designs:
            counts[item.design.tier] += item.count
        return [(tier, TIERS[tier], counts[tier]) for tier in sorted(counts)]


def evidence_mix(evidence: Iterable[Evidence]) -> EvidenceMix:
    """Count ``evidence`` (each cited source's, once) by design."""
    designs: Counter[str] = Counter()
    unclassified = retracted = 0
    for item in evidence:
        if item.retracted:
            retracted += 1
        elif item.design is None:
            unclassified += 1
        else:
            designs[item.design.id] += 1
    counts = tuple(DesignCount(d, designs[d.id]) for d in DESIGNS if designs[d.id])
    return EvidenceMix(counts, unclassified, retracted)
