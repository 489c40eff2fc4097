"""Study designs: each one's words and place on the scale, from ``design`` or PubMed's types."""

from __future__ import annotations

import pytest

from evidence_guides.store.designs import (
    BY_ID,
    DESIGNS,
    TIERS,
    design_named,
    design_of_types,
    entry_evidence,
    publication_types,
)
from evidence_guides.store.formatting import format_reference
from tests.support.bib import entry

BASE = "author = {Doe, J.}, title = {A study}, year = {2020}, pmid = {101},"


# The scale, strongest first, as the README's "Study designs" table states it.
EXPECTED = [
    ("meta-analysis", "meta-analysis", "meta-analyses", 1),
    ("systematic-review", "systematic review", "systematic reviews", 1),
    (
        "randomised-controlled-trial",
        "randomised controlled trial",
        "randomised controlled trials",
        2,
    ),
    ("clinical-trial", "clinical trial", "clinical trials", 3),
    ("observational-study", "observational study", "observational studies", 3),
    ("case-report", "case report", "case reports", 4),
    ("review", "review", "reviews", 5),
    ("guideline", "guideline", "guidelines", 5),
    ("position-stand", "position stand", "position stands", 5),
    ("editorial", "editorial", "editorials", 5),
    ("comment", "comment", "comments", 5),
]


def test_every_design_has_its_words_and_its_place_on_the_scale() -> None:
    assert [(d.id, d.label, d.plural, d.tier) for d in DESIGNS] == EXPECTED
    assert [d.tier for d in DESIGNS] == sorted(d.tier for d in DESIGNS)
    assert list(TIERS.values()) == [
        "systematic reviews and meta-analyses",
        "randomised trials",
        "other controlled or observational studies",
        "case reports",
        "reviews, guidelines and opinion",
    ]


@pytest.mark.parametrize(
    ("pubtype", "design"),
    [
        ("Journal Article; Meta-Analysis; Systematic Review; Review", "meta-analysis"),
        ("Journal Article; Systematic Review", "systematic-review"),
        ("Randomized Controlled Trial; Multicenter Study", "randomised-controlled-trial"),
        ("Clinical Trial, Phase III", "clinical-trial"),
        ("Controlled Clinical Trial", "clinical-trial"),
        ("Observational Study; Journal Article", "observational-study"),
        ("Case Reports", "case-report"),
        ("Journal Article; Review", "review"),
        ("Journal Article; Practice Guideline", "guideline"),
        ("Editorial", "editorial"),
        ("Comment; Letter", "comment"),
    ],
)
def test_pubmeds_types_give_the_strongest_design_they_state(pubtype: str, design: str) -> None:
    evidence = entry_evidence(entry(f"{BASE} pubtype = {{{pubtype}}}"))
    assert evidence.design is BY_ID[design]
    assert evidence.publication_types == publication_types(pubtype)
    assert evidence.rank == BY_ID[design].tier


@pytest.mark.parametrize(
    "fields",
    [BASE, f"{BASE} pubtype = {{Journal Article}}", f"{BASE} pubtype = {{Comparative Study}}"],
)
def test_an_entry_without_a_design_shows_none(fields: str) -> None:
    evidence = entry_evidence(entry(fields))
    assert (evidence.design, evidence.rank, evidence.publication_types) == (None, None, ())
    reference = format_reference(entry(fields))
    assert reference.design is None
    assert reference.tooltip_text() == reference.plain_text()


def test_design_set_by_hand_overrides_pubmeds_types() -> None:
    evidence = entry_evidence(
        entry(f"{BASE} pubtype = {{Journal Article; Review}}, design = {{position-stand}}")
    )
    assert evidence.design is BY_ID["position-stand"]
    # Structured data states the design set by hand, in PubMed's words.
    assert evidence.publication_types == ("Guideline",)


@pytest.mark.parametrize(
    ("written", "design"),
    [
        ("meta-analysis", "meta-analysis"),
        ("Meta-Analysis", "meta-analysis"),
        ("meta analysis", "meta-analysis"),
        ("systematic review and meta-analysis", "meta-analysis"),
        ("Randomized controlled trial", "randomised-controlled-trial"),
        ("randomised_controlled_trial", "randomised-controlled-trial"),
        ("RCT", "randomised-controlled-trial"),
        ("position stand", "position-stand"),
        ("Case Reports", "case-report"),
    ],
)
def test_design_is_read_in_any_case_and_spelling(written: str, design: str) -> None:
    assert design_named(written) is BY_ID[design]


@pytest.mark.parametrize("written", ["metaanalysis", "opinion", "", "trial"])
def test_an_unknown_design_names_nothing(written: str) -> None:
    assert design_named(written) is None
    evidence = entry_evidence(entry(f"{BASE} design = {{{written}}}"))
    assert evidence.design is None


@pytest.mark.parametrize(
    "fields",
    [
        f"{BASE} pubtype = {{Journal Article; Meta-Analysis}}, retracted = {{true}}",
        f"{BASE} pubtype = {{Meta-Analysis; Retracted Publication}}",
    ],
)
def test_a_retracted_work_is_flagged_and_never_ranked(fields: str) -> None:
    evidence = entry_evidence(entry(fields))
    assert evidence.retracted
    assert evidence.rank is None
    reference = format_reference(entry(fields))
    assert reference.tooltip_text().endswith(" Retracted. Study design: meta-analysis.")


def test_the_tooltip_names_the_design() -> None:
    reference = format_reference(entry(f"{BASE} pubtype = {{Randomized Controlled Trial}}"))
    assert reference.design == "randomised controlled trial"
    assert reference.tooltip_text() == (
        f"{reference.plain_text()} Study design: randomised controlled trial."
    )


def test_types_are_split_on_semicolons_and_lines() -> None:
    assert publication_types("Journal Article;\n  Review ;;") == ("Journal Article", "Review")
    assert design_of_types(()) is None
