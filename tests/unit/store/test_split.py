"""The fast splitter reads a .bib file exactly as bibtexparser's splitter does, or declines.

Random files are built from what reference managers write (braced, quoted and
bare values, accents, nested braces, ``@string``, comments), then damaged with
the characters that steer bibtexparser's splitter (braces, quotes, commas,
escapes, ``@`` at a line start, ``(``-blocks). For every one, the fast path
must return bibtexparser's blocks or None; and it must not decline the
regular files, or it would be no faster.
"""

from __future__ import annotations

import random

import pytest

from evidence_guides.store.split import (
    FailedBlock,
    RawEntry,
    RawField,
    RawString,
    bibtexparser_split,
    fast_split,
    split,
)

NAMES = [
    "Garber, Carol Ewing", "M{\\\"u}ller, J.", "Zeirgreindd{\\v{s}}eir, Hal", "{\\AA}berg, K.",
    "Vindp{\\'e}ux, Ari", "{World Health Organization}", "{Simon and Schuster}", "Lee, n.",
    "van der Berg, Anna", "O'Neil, Sam", "Dupont, Jean-Pierre", "Ng, A.~B.", "others",
]  # fmt: skip
TEXTS = [
    "Quantity and quality of exercise", "{VO$_2$max} in {DNA} repair", "50\\% of adults",
    "A {Nested {Deep} Brace} title", "Caf{\\'e} culture", "Title, with: punctuation = odd",
    "Prevalence in the {U.S.}", "\\emph{Emphasis} here", "x@y.org wrote", "Über große Studien",
    "Line one\\\\ line two", "",
]  # fmt: skip


def value(rng: random.Random, text: str) -> str:
    shape = rng.random()
    if shape < 0.7:
        return "{" + text + "}"
    if shape < 0.8 and not any(mark in text for mark in '{}"\\'):
        return '"' + text + '"'
    if shape < 0.9:
        return rng.choice(["2011", "jan", "acsm", "12"])
    return rng.choice(['"Part one, " # acsm', "{A} # {B}", "jan # { 1}", "{Vol. } # 3"])


def regular_bib(rng: random.Random) -> str:
    """A file as a reference manager or an editor writes it."""
    blocks = []
    for number in range(rng.randint(1, 6)):
        kind = rng.random()
        if kind < 0.1:
            blocks.append("@string{acsm = {American College of Sports Medicine}}")
        elif kind < 0.15:
            blocks.append("@Comment{jabref-meta: databaseType:bibtex;}")
        elif kind < 0.2:
            blocks.append("% a line comment, with {braces} and a comma,")
        elif kind < 0.25:
            blocks.append(f"@misc{{empty{number}}}")
        else:
            fields = [
                ("author", " and ".join(rng.sample(NAMES, rng.randint(1, 4)))),
                ("title", rng.choice(TEXTS)),
                ("journal", rng.choice(TEXTS)),
                ("year", "2011"),
                ("pmid", "21694556"),
            ]
            rng.shuffle(fields)
            separator = rng.choice([",\n  ", ", ", ",\n\t", " ,\n"])
            body = separator.join(
                f"{name}{rng.choice([' = ', '=', '   = '])}{value(rng, text)}"
                for name, text in fields[: rng.randint(0, len(fields))]
            )
            end = rng.choice(["\n}", ",\n}", "}", ",}", "\n  }"])
            head = rng.choice(["@article{", "@Article{", "@book {", "@ARTICLE{\n  "])
            blocks.append(f"{head}key{number}{',' if body else ''}{body}{end if body else '}'}")
    return rng.choice(["", "\n", "% header\n"]) + rng.choice(["\n\n", "\n"]).join(blocks) + "\n"


# Characters and pieces that steer bibtexparser's splitter.
DAMAGE = [
    "{", "}", '"', ",", "=", "@", "(", ")", "\\", "\n", "\\\n", '{"}', "\\{", "\\}", '\\"',
    "\\\\{", "\\\\}",
    "\n@article{", "\n  @misc{x,", " @book{", "@comment{", "@string{", "@preamble{", "@{",
    "@Article (k, title = {T})", "\n\u00a0@misc{x}", "#", "% ", "\t", " ", "é",
]  # fmt: skip


def damaged(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        if rng.random() < 0.7:
            text = text[:at] + rng.choice(DAMAGE) + text[at:]
        else:
            text = text[:at] + text[at + rng.randint(1, 3) :]
    return text


def test_regular_files_take_the_fast_path_and_read_as_bibtexparser_reads_them() -> None:
    rng = random.Random(20261121)
    for _ in range(600):
        text = regular_bib(rng)
        fast = fast_split(text)
        assert fast is not None, text
        assert fast == bibtexparser_split(text), text


def test_damaged_files_read_as_bibtexparser_reads_them_or_are_left_to_it() -> None:
    rng = random.Random(7)
    taken = 0
    cases = 3000
    for _ in range(cases):
        text = damaged(rng, regular_bib(rng))
        fast = fast_split(text)
        if fast is not None:
            taken += 1
            assert fast == bibtexparser_split(text), text
    # Damage often leaves a file regular (a space, a comment): those still go fast.
    assert cases * 0.1 < taken < cases * 0.9


def test_what_a_file_holds_and_where() -> None:
    text = (
        "% exported\n"
        "@string{acsm = {American College}}\n\n"
        "@Article{garber2011,\n"
        '  author = {Garber, C. and M{\\"u}ller, J.},\n'
        '  title = "Quantity",\n'
        "  year = 2011, note = acsm # { report}\n"
        "}\n"
        "@comment{ignored, {nested}}\n"
        "@misc{bare}\n"
    )
    assert fast_split(text) == (
        [RawString("acsm", "{American College}", 1)],
        [
            RawEntry(
                "article",
                "garber2011",
                3,
                [
                    RawField("author", '{Garber, C. and M{\\"u}ller, J.}', 4),
                    RawField("title", '"Quantity"', 5),
                    RawField("year", "2011", 6),
                    RawField("note", "acsm # { report}", 6),
                ],
            ),
            RawEntry("misc", "bare", 9, []),
        ],
        [],
    )


@pytest.mark.parametrize(
    "text",
    [
        "@article(k, title = {T})\n",  # parenthesised: other marks
        "@article{k, title = {A line\\\nbreak}}\n",  # bibtexparser does not count that line
        "@article{k,\n  title = {Open\n@misc{m, title = {M}}\n",  # a block inside a value
        "@article{k, title = {Unclosed}\n",  # the file ends inside the entry
        "@article{k, title}\n",  # a name with no value
        "@article{k title = {T}}\n",  # no comma after the key
    ],
)
def test_files_it_declines_are_split_by_bibtexparser(text: str) -> None:
    assert fast_split(text) is None
    assert split(text) == bibtexparser_split(text)


def test_failed_blocks_come_from_bibtexparser_with_their_line() -> None:
    text = "@article{ok, title = {T}}\n\n@article{broken, title = {Unclosed}\n"
    blocks = split(text)
    assert [entry.key for entry in blocks.entries] == ["ok"]
    assert [failed.start_line for failed in blocks.failed] == [2]
    assert isinstance(blocks.failed[0], FailedBlock)
