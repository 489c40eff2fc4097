"""LaTeX decoding for display: exactly what pylatexenc's converter gives, mostly without it."""

from __future__ import annotations

import random
from unittest import mock

import pytest
from pylatexenc.latex2text import LatexNodes2Text

from evidence_guides.store import latex
from evidence_guides.store.parse import parse_bib
from tests.support.bib import FIXTURES


def test_decoding_waits_until_a_display_attribute_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = mock.Mock(wraps=LatexNodes2Text())
    monkeypatch.setattr(latex, "_CONVERTER", spy)
    monkeypatch.setattr(latex, "_ACCENTS", {})
    text = (FIXTURES / "refs.bib").read_text(encoding="utf-8")
    text += '@article{latex,\n  author = {M{\\"u}ller, J.},\n  title = {\\emph{Italic}},\n}\n'
    text += '@article{again,\n  author = {M{\\"u}nch, K.},\n  title = {Plain},\n}\n'

    store = parse_bib(text, "refs.bib")
    spy.latex_to_text.assert_not_called()

    found = store.get("latex")
    assert found is not None
    assert found.title == "Italic"
    assert spy.latex_to_text.call_count == 1
    assert found.title == "Italic"
    assert spy.latex_to_text.call_count == 1  # cached on the entry
    assert found.authors[0].display() == "Müller J"
    assert spy.latex_to_text.call_count == 2
    again = store.get("again")
    assert again is not None
    assert again.authors[0].display() == "Münch K"
    assert spy.latex_to_text.call_count == 2  # an accent is decoded once, then reused


def _converted(raw: str) -> str:
    """What the LaTeX converter alone makes of a value (the reference for every shortcut)."""
    text = latex._CONVERTER.latex_to_text(latex._BARE_PERCENT.sub(r"\\%", raw))
    return " ".join(text.split())


_ACCENT_FORMS = ("{\\%s%s}", "\\%s%s", "\\%s{%s}", "{\\%s{%s}}", "{\\%s %s}", "x\\%s%sy--z")


_SYMBOL_ACCENTS = [
    form % (accent, letter)
    for accent in "`'^\"~=."
    for letter in "aeouAEOUcnszgi"
    for form in _ACCENT_FORMS
]


_WORD_ACCENTS = [
    form % (accent, letter)
    for accent in "vcuHkrdb"
    for letter in "aeouscnzgkrdtAEOUSCNZ"
    for form in ("\\%s{%s}", "{\\%s{%s}}", "{\\%s %s}", "\\%s %s", "a\\%s{%s}b")
]


_LETTERS = [
    form % name
    for name in ["aa", "AA", "o", "O", "ss", "ae", "AE", "oe", "OE", "l", "L", "i", "j"]
    for form in ("{\\%s}", "{\\%s}x", "x{\\%s }y", "\\%s{}", "\\%s x", "\\%s")
]


_MIXED = [
    'M{\\"u}ller and Br{\\"o}nvik',
    '{\\"o}{\\"o}\\"o',
    '\\emph{M{\\"u}ller}',
    '\\"{\\"o}',
    "Caf{\\'e}s in \\textit{Paris}",
    '{\\aa}rhus 50% --- of {\\"o}',
    '\\\\\\"o',
    '{\\"o}$x^2$',
]


@pytest.mark.parametrize("raw", _SYMBOL_ACCENTS + _WORD_ACCENTS + _LETTERS + _MIXED)
def test_accents_decode_as_the_converter_does(raw: str) -> None:
    assert latex.decode_latex(raw) == _converted(raw)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("{DNA} repair~in --- {Type II} fibres", "DNA repair in \u2014 Type II fibres"),
        ("``Quoted'' and 1--2", "\u201cQuoted\u201d and 1\u20132"),
        ("  spread\n  over   lines ", "spread over lines"),
        ("", ""),
    ],
)
def test_values_without_commands_never_reach_the_converter(
    raw: str, shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _converted(raw) == shown  # what the converter would make of it
    spy = mock.Mock(wraps=LatexNodes2Text())
    monkeypatch.setattr(latex, "_CONVERTER", spy)
    assert latex.decode_latex(raw) == shown
    spy.latex_to_text.assert_not_called()


def test_a_bare_percent_is_a_percent_sign_not_a_comment() -> None:
    assert latex.decode_latex(r"50% of \emph{adults}") == "50% of adults"


def test_a_value_the_converter_cannot_read_is_shown_bare(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = mock.Mock()
    broken.latex_to_text.side_effect = ValueError("cannot parse")
    monkeypatch.setattr(latex, "_CONVERTER", broken)
    monkeypatch.setattr(latex, "_ACCENTS", {})
    assert latex.decode_latex(r"{\weird} \command{x}  here") == r"\weird \commandx here"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (r"https://example.org/a\_b\%20c\&d\#e\~f\$g", "https://example.org/a_b%20c&d#e~f$g"),
        (r"10.1000/a\_b", "10.1000/a_b"),
        (r"\emph{x} \{ \\", r"\emph{x} \{ \\"),  # nothing else is decoded
    ],
)
def test_unescape_characters(raw: str, text: str) -> None:
    assert latex.unescape_characters(raw) == text


# Plain text, and the groups and math a title holds; joined at random they make
# values the converter is given piece by piece, and values it must read whole.
_PLAIN = ("word", "W", " ", "  ", "\n", "-", "'", "?", "!", ":", ".", "(", ")", "\u00e9", "1")
_PIECES = (
    "{x}", "{VO$_2$max}", "$\\alpha$", "{\\em y}", '{\\"o}', "{}", "$x^{2}$", "{\\textit{it}}",
    "{a {b} c}", "{\\%}", "{ }", "{$x$}", "{\\c c}", "{\\LaTeX}", "{--}", "{''}", "{~}",
    "$\\mathrm{O}_2$", "{a\\\\b}", "{\\$}", "{\\{}", "{a $ b}", "\\emph{e}", "\\LaTeX", "--",
    "''", "``", "~", "&", "%", "#", "_", "$$x$$", "}", "{", "\\", "$", "\\$",
)  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_values_with_groups_and_math_decode_as_the_converter_does(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(1500):
        pool = _PIECES if rng.random() < 0.4 else _PLAIN
        raw = "".join(rng.choice(pool) for _ in range(rng.randint(1, 10)))
        if _reaches_converter(raw):
            assert latex.decode_latex(raw) == _converted(raw), raw


def _reaches_converter(raw: str) -> bool:
    """Whether the converter reads ``raw``: it has math, or commands besides accents."""
    return "$" in raw or "\\" in latex._ACCENT_TOKEN.sub(latex._accent, raw)


def test_a_group_is_converted_once_not_the_title_around_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = mock.Mock(wraps=LatexNodes2Text())
    monkeypatch.setattr(latex, "_CONVERTER", spy)
    latex._converted_piece.cache_clear()
    titles = [f"Trial {n}: training and {{VO$_2$max}} in adults" for n in range(3)]
    assert [latex.decode_latex(title) for title in titles] == [
        f"Trial {n}: training and VO_2max in adults" for n in range(3)
    ]
    spy.latex_to_text.assert_called_once_with("{VO$_2$max}")
    latex._converted_piece.cache_clear()
