"""A BibTeX value's text: braces and quotes gone, macros expanded, and the limits on expansion."""

from __future__ import annotations

import pytest

from evidence_guides.files.limits import Limits
from evidence_guides.store.values import (
    MONTHS,
    Budget,
    TooLong,
    closing_brace,
    closing_quote,
    evaluate,
)

MACROS = {"med": "Med Sci", "msse": "Med Sci Sports Exerc"}


def value(raw: str, macros: dict[str, str] | None = None) -> tuple[str | None, list[str]]:
    """The text of ``raw`` and the undefined macros it uses, with a roomy budget."""
    undefined: list[str] = []
    text = evaluate(raw, MACROS if macros is None else macros, undefined, Budget(Limits()))
    return text, undefined


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("{Quantity and quality}", "Quantity and quality"),
        ("  {padded}  ", "padded"),
        ("{A {Nested} title}", "A {Nested} title"),
        ('"Quoted, with a comma"', "Quoted, with a comma"),
        ('"A {"} in braces"', 'A {"} in braces'),
        ("2011", "2011"),
        ("msse", "Med Sci Sports Exerc"),
        ("MSSE", "Med Sci Sports Exerc"),
        ('med # " Sports Exerc"', "Med Sci Sports Exerc"),
        ('{Vol. } # 3 # "/" # {4}', "Vol. 3/4"),
        ("{}", ""),
        (r"{a \} b}", r"a \} b"),
    ],
)
def test_the_text_of_a_value(raw: str, text: str) -> None:
    assert value(raw) == (text, [])


def test_an_unknown_macro_is_kept_as_text_and_named() -> None:
    assert value("jsm # { 2011} # other") == ("jsm 2011other", ["jsm", "other"])
    assert value("2011") == ("2011", [])  # a number is never a macro


@pytest.mark.parametrize(
    "raw",
    [
        "{unclosed",
        '"unclosed',
        "{a} {b}",  # two values with no # between them: a missing comma
        "{a} #",
        "{a} # # {b}",
        "= {a}",
    ],
)
def test_a_malformed_value_is_none(raw: str) -> None:
    assert value(raw)[0] is None


def test_the_month_macros() -> None:
    assert len(MONTHS) == 12
    assert value("jun # {~1}", dict(MONTHS)) == ("June~1", [])


def test_a_value_longer_than_the_limit_is_too_long() -> None:
    budget = Budget(Limits(bib_value_chars=10))
    assert evaluate("{0123456789}", {}, [], budget) == "0123456789"
    with pytest.raises(TooLong, match="longer than 10 characters"):
        evaluate("{0123456789x}", {}, [], budget)
    with pytest.raises(TooLong, match="bib_value_chars"):
        evaluate("m # m", {"m": "123456"}, [], budget)  # 12 once expanded


def test_macros_expand_until_the_store_wide_budget_is_spent() -> None:
    budget = Budget(Limits(store_mb=10 / 1024 / 1024))  # 10 characters of expansion in all
    assert budget.expand("123456") == "123456"
    with pytest.raises(TooLong, match="store_mb"):
        budget.expand("123456")
    assert budget.spent
    assert budget.expand("1") == ""  # from then on every macro is empty, without a new error


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("{a}", 0, 2),
        ("{a {b} c} d", 0, 8),
        ("x {a {b} c}", 2, 10),
        (r"{a \} b}", 0, 7),
        ("{a {b}", 0, -1),
    ],
)
def test_closing_brace(text: str, start: int, end: int) -> None:
    assert closing_brace(text, start) == end


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ('"a"', 2),
        ('"a {"} b" c', 8),
        (r'"a \" b"', 7),  # an escaped quote does not count
        ('"a } b" c', 6),  # a stray closing brace does not hide the quote
        ('"a', -1),
    ],
)
def test_closing_quote(text: str, end: int) -> None:
    assert closing_quote(text, 0) == end
