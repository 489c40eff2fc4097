"""Undated markers besides "(n.d.)": "(N.D.)", "(no date)", "(undated)", "(s.f.)", "(o. J.)"."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, findings, vague


@pytest.mark.parametrize(
    ("text", "starts_at"),
    [
        ("For more, Rowing posture on the (N.D.) is the one.", "Rowing"),
        ("For more, Rowing posture on the (N. d.) is the one.", "Rowing"),
        ("See Glute drills for beginners (no date) for cues.", "Glute"),
        ("See Glute drills for beginners (No Date) for cues.", "Glute"),
        ("Per Hamstring fascicles and sprint (undated), rest.", "Hamstring"),
        ("Como explica Estiramientos de cadera (s.f.), conviene.", "Estiramientos"),
        ("Como explica Estiramientos de cadera (S.F.), conviene.", "Estiramientos"),
        ("Comme le dit Gainage et posture (s.d.), il faut.", "Gainage"),
        ("So steht es in Kniebeugen und Haltung (o. J.) geschrieben.", "Kniebeugen"),
        ("If you want it, *Tempo squats compared* (n.d.) is the one.", "*Tempo"),
        ("If you want it, _Tempo squats compared_ (no date) is it.", "_Tempo"),
        ("The source (García, s.f.) says so.", "García"),
        ("The source (Müller, o. J.) says so.", "Müller"),
    ],
)
def test_an_undated_marker_is_read_like_n_d(text: str, starts_at: str) -> None:
    assert vague(text).column == column_of(text, starts_at)


@pytest.mark.parametrize(
    "text",
    [
        "Our physio trained in Minot, N.D. before moving here.",
        "The clinic (Minot, N.D.) opened in spring.",
        "The clinic in Minot (N.D.) opened in spring.",
        "Rapid City (S.D.) hosted the meet.",
        "Values are the mean (s.d.) of three trials.",
        "Values are given (mean ± s.d.) below.",
        "The meet (no date set yet) is in spring.",
        "Write n.d. (no date) when a source has none.",
        "A letter from the coach (undated) was framed.",
    ],
)
def test_states_statistics_and_glosses_are_no_citation(text: str) -> None:
    assert findings(text) == []


def test_n_d_without_its_last_dot_after_a_known_title_stays_a_citation() -> None:
    text = "Worth a look: Hamstring fascicles (n.d), a short paper."
    assert vague(text).suggestion.key == "kowalski2018hamstring"
