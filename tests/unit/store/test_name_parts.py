"""Plain names split by whole words exactly as bibtexparser splits them a character at a time."""

from __future__ import annotations

import random

import pytest
from bibtexparser.middlewares.names import parse_single_name_into_parts

from evidence_guides.store.name_parts import plain_name_parts

# Words of every case, von particles, initials, suffixes, and every separator
# bibtexparser knows (space, tie, tab, newlines, comma), with some it does not.
_PIECES = (
    "Smith", "smith", "van", "der", "de", "La", "Jr", "III", "J.", "K", "O'Neil", "1st",
    "-", "\u00e9mile", "\u00c9mile", "\u00df", "\u01c5x", "McD", "x.y", ".", "'",
    " ", "  ", ",", ",", "~", "\t", "\n", "\r", "\xa0", "\0",
)  # fmt: skip


def _generated_names(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_PIECES) + rng.choice(("", " ")) for _ in range(rng.randint(0, 8)))
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", range(4))
def test_plain_names_split_as_bibtexparser_splits_them(seed: int) -> None:
    for name in _generated_names(5000, seed):
        assert plain_name_parts(name) == parse_single_name_into_parts(name, strict=False), name


@pytest.mark.parametrize(
    "name",
    [
        "Garber, Carol E.",
        "Ludwig van Beethoven",
        "van der Berg, Jr, Piet",
        "Brinch Hansen, Per",
        "de la Fontaine, Jean",
        "Smith, J., extra, commas",
        "Smith,",
        ", John",
        "",
    ],
)
def test_the_forms_bibtex_names_take(name: str) -> None:
    assert plain_name_parts(name) == parse_single_name_into_parts(name, strict=False)


@pytest.mark.parametrize("name", ['M{\\"u}ller, J.', "{World Health Organization}", "A\\ B"])
def test_names_with_braces_or_escapes_are_left_to_bibtexparser(name: str) -> None:
    assert plain_name_parts(name) is None
