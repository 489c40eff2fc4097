"""References typed by hand (Vancouver; MLA, Chicago and Harvard): vague, identified by their
first author and year."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import dates, findings, vague

GARBER = (
    "Garber CE, Blissmer B, Deschenes MR. Quantity and quality of exercise for fitness."
    " Med Sci Sports Exerc. 2011;43(7):1334-59."
)


@pytest.mark.parametrize(
    "text",
    [
        GARBER,
        f"## References\n\n1. {GARBER}",
        f"[1] {GARBER}",
        f"- {GARBER}",
        f"A claim.[^3]\n\n[^3]: {GARBER}",
        "Garber CE, et al. Quantity of exercise. Med Sci Sports Exerc. 2011 Jul;43:1334.",
        "Garber CE, Blissmer B. Quantity. Med Sci Sports Exerc. 2011 Jul 5;43(7 Suppl):e1334.",
    ],
)
def test_an_entry_is_vague_with_the_key_of_its_first_author_and_year(text: str) -> None:
    finding = vague(text)
    assert finding.message.startswith("vague reference 'Garber CE")
    assert finding.suggestion is not None and "[@garber2011]" in finding.suggestion.text


def test_the_entry_lists_its_authors_and_starts_after_the_list_marker() -> None:
    (found,) = dates(f"12. {GARBER}")
    assert found.start == len("12. ")
    assert found.names == "Garber"
    assert [" ".join(name) for name in found.surnames] == ["garber", "blissmer", "deschenes"]
    assert (found.year, found.et_al) == ("2011", True)
    assert found.quote == "Garber CE, Blissmer B, Deschenes MR. … 2011;43(7):1"


def test_particles_and_hyphens_are_part_of_a_surname() -> None:
    (found,) = dates("van der Meer L, Osei K. Rowing posture. J Row. 2021;3(1):10-19.")
    assert found.names == "van der Meer" and found.year == "2021" and not found.et_al


def test_an_entry_with_its_pmid_cites_it() -> None:
    assert findings(f"{GARBER} PMID: 21694556.") == []


def test_an_entry_beside_another_works_pmid_is_a_mismatch() -> None:
    text = "Smith A, Lee B. Zinc and sleep in rowers. J Sleep. 2011;4(2):1-9. PMID: 21694556."
    (finding,) = findings(text)
    assert finding.rule == "citation-mismatch"


@pytest.mark.parametrize(
    "text",
    [
        # A date and place with no authors before it on its line.
        "Med Sci Sports Exerc. 2011;43(7):1334-59.",
        "The data (2011;43:1334) were pooled.",
        # Prose and statistics that look like parts of one.
        "Smith said so in 2011; 43 lifters took part.",
        "Ratios were 2011;43:1 in one arm.",
        "We met Smith AB at 10:30; the 2019 data came later.",
    ],
)
def test_no_entry(text: str) -> None:
    assert dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # MLA, Chicago and Harvard, in a list or alone on their line.
        '- Garber, Carol E., et al. "Quantity and Quality of Exercise." Medicine and Science'
        " in Sports and Exercise, vol. 43, no. 7, 2011, pp. 1334-59.",
        "Garber, C. E. 2011. Quantity and quality of exercise. Med Sci Sports Exerc 43 (7):"
        " 1334-59.",
        "1. Garber, C.E., Blissmer, B. and Deschenes, M.R. 2011. Quantity and quality of"
        " exercise. Med. Sci. Sports Exerc., 43(7), pp.1334-1359.",
        '[^2]: Garber, Carol. "Quantity and quality of exercise." 2011.',
    ],
)
def test_a_surname_first_entry_is_vague_with_its_key(text: str) -> None:
    finding = vague(text)
    assert finding.message.startswith("vague reference 'Garber, C")
    assert finding.suggestion is not None and "[@garber2011]" in finding.suggestion.text


def test_a_surname_first_entry_says_et_al_and_starts_at_the_surname() -> None:
    text = '3. Smith, A., et al. "Zinc and sleep in rowers." J Sleep, vol. 4, 2011, pp. 1-9.'
    (found,) = dates(text)
    assert (found.start, found.names, found.year, found.et_al) == (3, "Smith", "2011", True)


@pytest.mark.parametrize(
    "text",
    [
        # A surname and a first name in prose, with a year but nothing only a reference writes.
        "Smith, John won the 2019 title.",
        "Park, Jane and I trained in 2018 for 12 weeks.",
        # A reference's cues with no year, or its year in parentheses (another reader's).
        'Smith, John. "Zinc and sleep." J Sleep, vol. 4, pp. 1-9.',
    ],
)
def test_no_surname_first_entry(text: str) -> None:
    assert dates(text) == []


# --- a label before the entry: read as the same line without it ---------------------------------

PARK_FIRST = 'Park, Jae, and Hyun Kim. "How many sets are enough for growth?" Lift, vol. 3, 2018.'


@pytest.mark.parametrize(
    ("label", "entry", "key"),
    [
        ("Reference: ", GARBER, "garber2011"),
        ("References: ", GARBER, "garber2011"),
        ("Ref: ", GARBER, "garber2011"),
        ("**Source:** ", GARBER, "garber2011"),
        ("- Sources: ", GARBER, "garber2011"),
        ("2. Cited in: ", GARBER, "garber2011"),
        ("See also ", GARBER, "garber2011"),
        ("Further reading: ", PARK_FIRST, "park2018"),
        ("See: ", PARK_FIRST, "park2018"),
    ],
)
def test_a_label_before_an_entry_is_read_past(label: str, entry: str, key: str) -> None:
    text = label + entry
    finding = vague(text)
    assert finding.column == len(label) + 1  # at the first author, as without the label
    assert finding.suggestion is not None and finding.suggestion.key == key


def test_an_entry_after_source_is_a_vague_reference_and_not_also_a_claim() -> None:
    rules = ("vague-reference", "unsupported-claim")
    assert [f.rule for f in findings(f"Source: {GARBER}", rules)] == ["vague-reference"]
    # a source named only by a body, with no entry after it, is still a claim
    assert [f.rule for f in findings("Source: Mayo Clinic", rules)] == ["unsupported-claim"]


@pytest.mark.parametrize(
    "text",
    [
        "Reference: see the table above for sets and reps.",
        "Source: our coaching notes, 2019 edition.",
        "See also the rowing guide (3 sets of 8).",
    ],
)
def test_a_label_without_an_entry_is_no_citation(text: str) -> None:
    assert findings(text) == []


@pytest.mark.parametrize(
    "identifier",
    ["doi: 10.1249/MSS.0b013e318213fefb.", "https://doi.org/10.1249/MSS.0b013e318213fefb"],
)
def test_a_doi_ending_an_entry_is_the_entry_s_one_finding(identifier: str) -> None:
    """The entry is the citation to rewrite; its DOI is part of it, not a second one."""
    surname_first = "Garber, C. E. 2011. Quantity and quality. Med Sci Sports Exerc 43(7):1334."
    for entry in (GARBER, surname_first):
        found = findings(f"2. {entry} {identifier}")
        assert [f.rule for f in found] == ["vague-reference"]
        assert found[0].message.startswith("vague reference 'Garber")


@pytest.mark.parametrize(
    "entry",
    [
        "3. Garber CE, Blissmer B, Deschenes MR, et al. 2011 update of exercise doses. "
        "Med Sci Sports Exerc. 2011;43(7):1334-59. PMID: 21694556.",
        "- Garber CE, Blissmer B, et al. 2011 doses. Med Sci. 2011;43:1334-59. [PMID 21694556]",
    ],
)
def test_an_entry_whose_title_opens_with_its_year_is_identified_by_its_own_pmid(
    entry: str,
) -> None:
    """ "et al. 2011 Compendium" reads like a bare "et al., 2011": the entry is read first."""
    assert findings(entry) == []
