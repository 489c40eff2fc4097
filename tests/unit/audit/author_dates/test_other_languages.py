"""Author lists in other languages and spellings: "y cols.", "u. a.", "et. al.", "[2018]"."""

from __future__ import annotations

import pytest

from tests.unit.audit.author_dates.support import column_of, dates, findings, vague


@pytest.mark.parametrize(
    ("text", "starts_at", "names"),
    [
        ("Per Osei y cols. (2021a), grip width matters.", "Osei", "Osei"),
        ("Osei y col. (2021) timed the sets.", "Osei", "Osei"),
        ("Osei y otros (2021) timed the sets.", "Osei", "Osei"),
        ("Lindqvist and al. (2020) measured it.", "Lindqvist", "Lindqvist"),
        ("Fontaine et coll. (2017) ont mesuré.", "Fontaine", "Fontaine"),
        ("Becker u. a. (2016) zeigten es.", "Becker", "Becker"),
        ("Becker und Kollegen (2016) zeigten es.", "Becker", "Becker"),
        ("Rossi e colleghi (2014) lo mostrano.", "Rossi", "Rossi"),
        ("Jansen en collega's (2013) toonden het.", "Jansen", "Jansen"),
        ("(Kowalski et. al., 2018)", "Kowalski", "Kowalski"),
        ("(Kowalski et.al., 2018)", "Kowalski", "Kowalski"),
        ("(Kowalski et al 2018)", "Kowalski", "Kowalski"),
        ("Brennan et al.,(2018) tested sprinters.", "Brennan", "Brennan"),
        ("Thorvaldsen et al. [2018] tested sprinters.", "Thorvaldsen", "Thorvaldsen"),
    ],
)
def test_others_in_any_language_end_a_run_of_names(text: str, starts_at: str, names: str) -> None:
    (found,) = dates(text)
    assert (found.names, found.et_al) == (names, True)
    assert vague(text).column == column_of(text, starts_at)


@pytest.mark.parametrize(
    "text",
    [
        "As Kowalski y Brennan (2018) noted, the curls help.",
        "Kowalski e Brennan (2018) lo dicono.",
        "Kowalski und Brennan (2018) zeigten es.",
        "Kowalski en Brennan (2018) toonden het.",
        "Kowalski et Brennan (2018) l'ont montré.",
    ],
)
def test_and_in_another_language_joins_two_authors(text: str) -> None:
    (found,) = dates(text)
    assert [" ".join(name) for name in found.surnames] == ["kowalski", "brennan"]
    assert vague(text).suggestion.key == "kowalski2018"


def test_a_mismatch_written_with_y_cols_is_read_as_its_english_form() -> None:
    text = "Kowalski y cols. (2017, PMID 21694556) ran the study."
    messages = [f.message for f in findings(text, ("citation-mismatch",))]
    assert len(messages) == 1 and "2017" in messages[0]


@pytest.mark.parametrize(
    "text",
    [
        "The Tokyo [2020] games were held a year late.",  # a place and its games
        "Step [2019] is not a year we cite.",
        "The y-axis (2019 data) shows rep counts.",
        "Vitamin e (2019 survey) is cheap.",
        "Enter the values as x, y (2019) in the sheet.",
    ],
)
def test_look_alikes_are_no_citation(text: str) -> None:
    assert findings(text) == []
