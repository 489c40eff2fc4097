"""Expert quotes: a marked blockquote becomes a figure naming its speaker, or stays a quote."""

from __future__ import annotations

import markdown
import pytest

from evidence_guides.guide.people import parse_people
from evidence_guides.guide.quotes import read_speaker, render_quotes, source_markers

PEOPLE = parse_people(
    "people:\n"
    "  - {id: jane-doe, name: Jane Doe, credentials: PhD, role: Exercise physiologist,"
    " affiliation: Example University}\n"
    "  - {id: team, name: The team, kind: organization}\n",
    "content/people.yml",
)


def _page(source: str) -> str:
    return render_quotes(markdown.markdown(source, extensions=["md_in_html"]), PEOPLE)


def test_a_quote_by_a_person_of_the_people_file() -> None:
    html = _page("> [!quote] jane-doe\n> Progress the lever *before* the volume.\n")
    assert html == (
        '<figure class="expert-quote">\n<blockquote>\n'
        "<p>Progress the lever <em>before</em> the volume.</p>\n</blockquote>\n"
        "<figcaption>Jane Doe, PhD, Exercise physiologist, Example University</figcaption>\n"
        "</figure>"
    )


def test_a_quote_by_a_speaker_written_out() -> None:
    html = _page("> [!quote] Dr. A &amp; B, PhD, Example College\n>\n> One.\n>\n> Two.\n")
    assert html.startswith('<figure class="expert-quote">\n<blockquote>\n<p>One.</p>\n<p>Two.</p>')
    assert html.endswith("<figcaption>Dr. A &amp; B, PhD, Example College</figcaption>\n</figure>")


@pytest.mark.parametrize("marker", ["> [!quote]", "> [!quote] nobody", "> [!quote] Jane Doe"])
def test_a_quote_without_a_known_speaker_is_a_plain_quote(marker: str) -> None:
    html = _page(f"{marker}\n> Unattributed words.\n")
    assert html == "<blockquote>\n<p>Unattributed words.</p>\n</blockquote>"


def test_quotes_a_blank_line_apart_are_two_quotes_and_plain_ones_stay() -> None:
    html = _page(
        "> Plain.\n\nText.\n\n> [!quote] jane-doe\n> First.\n\n> [!quote] team\n> Second.\n"
    )
    assert html.count('<figure class="expert-quote">') == 2
    assert html.startswith("<blockquote>\n<p>Plain.</p>\n</blockquote>\n<p>Text.</p>")
    assert "<p>First.</p>\n</blockquote>\n<figcaption>Jane Doe," in html
    assert "<p>Second.</p>\n</blockquote>\n<figcaption>The team</figcaption>" in html


def test_a_quote_inside_the_quote_is_kept_inside() -> None:
    html = _page("> [!quote] jane-doe\n> Outer.\n>\n> > Inner.\n")
    assert html.count("<blockquote>") == 2 and html.count("</blockquote>") == 2
    caption = "Jane Doe, PhD, Exercise physiologist, Example University"
    assert html.endswith(
        f"</blockquote>\n</blockquote>\n<figcaption>{caption}</figcaption>\n</figure>"
    )


def test_a_marker_that_does_not_start_a_quote_changes_nothing() -> None:
    html = markdown.markdown("> A quote about [!quote] syntax.\n\n[!quote] jane-doe, in text.\n")
    assert render_quotes(html, PEOPLE) == html


@pytest.mark.parametrize(
    ("speaker", "caption", "problem"),
    [
        ("jane-doe", "Jane Doe, PhD, Exercise physiologist, Example University", None),
        ("Dr. John Roe, PhD", "Dr. John Roe, PhD", None),
        ("", None, "expert quote without a speaker: write '> [!quote] PERSON-ID' (an id of"
                   " content/people.yml) or '> [!quote] NAME, CREDENTIALS'"),
        ("nobody", None, "expert quote by 'nobody', who is not defined in content/people.yml"),
        ("John Roe", None, "expert quote by 'John Roe' without credentials: write 'NAME,"
                           " CREDENTIALS' (and the affiliation), or define them in"
                           " content/people.yml"),
    ],
)  # fmt: skip
def test_speakers(speaker: str, caption: str | None, problem: str | None) -> None:
    found, why = read_speaker(speaker, PEOPLE)
    assert (found.caption if found else None, why) == (caption, problem)


def test_markers_in_the_source_and_whether_they_start_their_quote() -> None:
    text = "> [!quote] a\n> words\n\n> plain\n> [!quote] b\n\n  > > [!QUOTE]\n"
    starts = [i for i in range(len(text)) if text[i : i + 8].lower() == "[!quote]"]
    assert source_markers(text) == [
        (starts[0], " a", True),
        (starts[1], " b", False),  # the second line of a plain quote
        (starts[2], "", True),
    ]
