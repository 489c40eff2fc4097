"""What a change affects: which pages show a page, which entries of the store changed."""

from __future__ import annotations

from evidence_guides.build.affected import (
    GONE,
    PageFacts,
    changed_entries,
    mentioning,
    slug_of,
)
from evidence_guides.build.pages import PageState
from evidence_guides.guide.listings import GuideCard
from evidence_guides.store.parse import parse_bib

ENTRY = """@article{{{key},
  author = {{Garber, Carol}}, title = {{{title}}},
  journal = {{J}}, year = {{2011}}, pmid = {{{pmid}}}}}
"""


def card(title: str = "Plank", level: str = "beginner", description: str = "d") -> GuideCard:
    return GuideCard(title, "", level, description, ("Obliques",))


def facts(**changes: object) -> PageFacts:
    values: dict[str, object] = {
        "exists": True,
        "draft": False,
        "card": card(),
        "reference_keys": ("a",),
    }
    values.update(changes)
    return PageFacts(**values)  # type: ignore[arg-type]


def test_the_listings_show_a_guides_card_and_sources() -> None:
    assert not facts().listed_differently(facts())
    assert facts().listed_differently(facts(card=card(description="new")))
    assert facts().listed_differently(facts(reference_keys=("a", "b")))
    assert facts().listed_differently(facts(draft=True))
    assert facts().listed_differently(GONE)


def test_a_related_guide_shows_the_title_and_level_only() -> None:
    assert not facts().shown_differently(facts(card=card(description="new")))
    assert not facts().shown_differently(facts(reference_keys=()))
    assert facts().shown_differently(facts(card=card(title="Side plank")))
    assert facts().shown_differently(facts(card=card(level="advanced")))
    assert facts().shown_differently(facts(draft=True))
    assert GONE.shown_differently(facts())


def test_mentioning_finds_the_pages_that_name_a_word_in_one_read_each() -> None:
    pages = {
        "exercises/a.md": PageState("a", "related: [side-plank]\n", True, False),
        "exercises/b.md": PageState("b", "See [it](crunch.md).\n", True, False),
        "index.md": PageState("c", "# Home\n", False, False),
    }
    assert mentioning(pages, ["side-plank", "crunch"]) == {"exercises/a.md", "exercises/b.md"}
    assert mentioning(pages, ["a.b"]) == set()  # words, not patterns
    assert mentioning(pages, []) == set()


def test_a_slug_is_the_file_name() -> None:
    assert slug_of("exercises/side-plank.md") == "side-plank"


def test_an_entry_that_only_moved_has_not_changed() -> None:
    one = ENTRY.format(key="a", title="T", pmid="1") + ENTRY.format(key="b", title="U", pmid="2")
    before = parse_bib(one, "refs.bib")
    after = parse_bib("% a comment\n\n\n" + one, "refs.bib")
    assert before.entries["b"].line != after.entries["b"].line
    assert changed_entries(before, after) == set()


def test_a_changed_added_or_removed_entry_is_named_by_key_and_pmid() -> None:
    before = parse_bib(
        ENTRY.format(key="a", title="T", pmid="1") + ENTRY.format(key="b", title="U", pmid="2"),
        "refs.bib",
    )
    after = parse_bib(
        ENTRY.format(key="a", title="New title", pmid="1")
        + ENTRY.format(key="c", title="V", pmid="3"),
        "refs.bib",
    )
    assert changed_entries(before, after) == {"a", "1", "b", "2", "c", "3"}


def test_citing_reads_the_rendered_references_and_the_text_of_pages_not_rendered() -> None:
    from evidence_guides.build.affected import citing
    from evidence_guides.build.pages import RenderedBody

    rendered = PageState("a", "cites [PMID 21694556]", True, False)
    rendered.rendered = RenderedBody(0, None, ("garber2011",), None, ())  # type: ignore[arg-type]
    unread = PageState("b", "cites [@garber2011]", True, False)
    other = PageState("c", "cites [@lee2012]", True, False)
    other.rendered = RenderedBody(0, None, ("lee2012",), None, ())  # type: ignore[arg-type]
    pages = {"a.md": rendered, "b.md": unread, "c.md": other}
    assert citing(pages, {"garber2011", "21694556"}) == {"a.md", "b.md"}
