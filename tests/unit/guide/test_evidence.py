"""A guide's evidence mix: counted by design, strongest first, unknown and retracted apart."""

from __future__ import annotations

from evidence_guides.guide.evidence import evidence_mix
from evidence_guides.store.designs import BY_ID, NO_EVIDENCE, Evidence


def _evidence(design: str | None, *, retracted: bool = False) -> Evidence:
    found = BY_ID[design] if design else None
    return Evidence(found, retracted, (found.pubmed,) if found else ())


def test_the_summary_counts_designs_strongest_first_then_the_rest() -> None:
    mix = evidence_mix(
        [
            _evidence("review"),
            _evidence("randomised-controlled-trial"),
            NO_EVIDENCE,
            _evidence("meta-analysis"),
            _evidence("review"),
            _evidence("meta-analysis", retracted=True),
            _evidence("randomised-controlled-trial"),
            NO_EVIDENCE,
        ]
    )
    assert mix.summary() == (
        "8 sources: 1 meta-analysis, 2 randomised controlled trials, 2 reviews,"
        " 2 not classified, 1 retracted"
    )
    assert mix.total == 8
    assert mix.tiers() == [
        (1, "systematic reviews and meta-analyses", 1),
        (2, "randomised trials", 2),
        (5, "reviews, guidelines and opinion", 2),
    ]


def test_one_source_and_none() -> None:
    assert evidence_mix([_evidence("case-report")]).summary() == "1 source: 1 case report"
    empty = evidence_mix([])
    assert (empty.total, empty.parts(), empty.summary()) == (0, [], "0 sources")


def test_sources_without_a_design_are_never_guessed() -> None:
    mix = evidence_mix([NO_EVIDENCE, NO_EVIDENCE])
    assert mix.designs == ()
    assert mix.summary() == "2 sources: 2 not classified"
