"""The tokens of a window: words with their dots and apostrophes, and windows within a paragraph."""

from __future__ import annotations

from evidence_guides.audit.author_dates.tokens import SHORT_WINDOW, Paragraphs, Tokens


def test_words_keep_their_inner_dots_hyphens_and_apostrophes() -> None:
    text = "The U.S. team (O'Brien; Baz-Valle et al., 2019)!"
    tokens = Tokens(text, 0, len(text), cut=False, ahead=0)
    assert [tokens.at(i) for i in range(len(tokens))] == [
        "The", "U.S.", "team", "(", "O'Brien", ";", "Baz-Valle", "et", "al.", ",", "2019", ")", "!",
    ]  # fmt: skip


def test_a_blank_line_is_a_token() -> None:
    text = "Smith\n  \nJones"
    tokens = Tokens(text, 0, len(text), cut=False, ahead=0)
    assert [tokens.at(i) for i in range(len(tokens))] == ["Smith", "\n  \n", "Jones"]


def test_a_word_without_its_possessive_or_opening_quote() -> None:
    text = "Smith's \u2018Lee al.'s Park\u2019s"
    tokens = Tokens(text, 0, len(text), cut=False, ahead=0)
    assert [tokens.word(i) for i in range(len(tokens))] == ["Smith", "Lee", "al.", "Park"]


def test_indices_by_offset() -> None:
    text = "Smith and Lee"
    tokens = Tokens(text, 0, len(text), cut=False, ahead=0)
    assert tokens.index_at(6) == 1 and tokens.index_at(7) == 2  # at "and", then after it
    assert tokens.index_of(7) == 1 and tokens.index_of(0) == 0


def test_a_window_starts_at_its_paragraph_when_that_is_near() -> None:
    text = "First paragraph.\n\nSmith (2019) agrees."
    start = text.index("(")
    tokens = Paragraphs(text).window(start, start + 6)
    assert not tokens.cut
    assert tokens.at(0) == "Smith" and tokens.at(len(tokens) - 1) == ")"


def test_a_window_is_cut_at_a_words_start_and_never_reads_past_its_paragraph() -> None:
    text = "word " * 40 + "Smith (2019) agrees.\n\nNext paragraph."
    start = text.index("(")
    tokens = Paragraphs(text).window(start, len(text), ahead=100)
    assert tokens.cut and tokens.ahead == 100
    assert tokens.starts[0] >= start - SHORT_WINDOW and tokens.at(0) == "word"
    # The paragraph ends with its blank line: nothing of the next one is read.
    assert [tokens.at(i) for i in range(len(tokens) - 2, len(tokens))] == ["agrees.", "\n\n"]


def test_a_wider_window_reads_further_back() -> None:
    text = "word " * 40 + "Smith (2019)."
    start = text.index("(")
    paragraphs = Paragraphs(text)
    assert len(paragraphs.window(start, start, back=480)) > len(paragraphs.window(start, start))
    assert not paragraphs.window(start, start, back=480).cut
