"""Runs of names over tokens: where they start and end, "et al." and its kin, the surnames."""

from __future__ import annotations

import pytest

from evidence_guides.audit.author_dates.names import (
    et_al_size,
    in_name_run,
    names_backward,
    names_forward,
    starts_names,
)
from evidence_guides.audit.author_dates.tokens import Tokens
from tests.unit.audit.author_dates.support import INDEX


def tokens_of(text: str) -> Tokens:
    return Tokens(text, 0, len(text), cut=False, ahead=0)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("Smith et al.", 2),
        ("Smith et al", 2),
        ("Smith and colleagues", 2),
        ("Smith and his co-authors", 2),
        ("Okafor's group", 1),  # the possessive's name stays in the run
        ("Park's team", 1),
        ("the team", 0),
        ("his group", 0),  # "his" is no name
        ("Smith al.", 0),
        ("al.", 0),
    ],
)
def test_et_al_size(text: str, size: int) -> None:
    tokens = tokens_of(text)
    assert et_al_size(tokens, len(tokens) - 1) == size


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Smith", True), ("van", True), ("and", True), (",", True), ("of", True),
     ("found.", False), ("smith", False), ("2019", False), ("The", False)],
)  # fmt: skip
def test_in_name_run(word: str, expected: bool) -> None:
    assert in_name_run(tokens_of(word), 0) is expected


def test_a_run_of_names_does_not_start_with_an_opener_or_a_lone_particle() -> None:
    tokens = tokens_of("As van den Tillaar")
    assert not starts_names(tokens, 0, 3)  # "As"
    assert starts_names(tokens, 1, 3)  # "van", before a name
    assert not starts_names(tokens_of("de la"), 0, 1)  # particles only


def test_names_backward_splits_the_run_into_surnames() -> None:
    tokens = tokens_of("As Lee, Smith and van den Tillaar")
    run = names_backward(tokens, INDEX, len(tokens) - 1, False)
    assert run is not None and run.names() == "Lee, Smith and van den Tillaar"
    assert run.surnames == (("lee",), ("smith",), ("van", "den", "tillaar"))


def test_names_forward_to_et_al() -> None:
    tokens = tokens_of("Park and colleagues counted")
    run = names_forward(tokens, INDEX, 0, len(tokens) - 1, open_end=True)
    assert run is not None and run.et_al
    assert (run.names(), tokens.text[run.start : run.end]) == ("Park", "Park and colleagues")


def test_names_forward_within_an_item() -> None:
    tokens = tokens_of("Smith & Lee")
    run = names_forward(tokens, INDEX, 0, len(tokens) - 1)
    assert run is not None and not run.et_al and run.names() == "Smith & Lee"
    assert names_forward(tokens_of("the Smith trial"), INDEX, 0, 2) is None
