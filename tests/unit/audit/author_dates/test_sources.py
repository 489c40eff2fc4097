"""The identifiers that go with a citation: written in it or right after it, or in its sentence."""

from __future__ import annotations

from evidence_guides.audit.author_dates.finder import author_dates
from evidence_guides.audit.author_dates.sources import sentence_sources, written_sources
from tests.unit.audit.author_dates.support import INDEX, dates, prose_of


def values(sources: object) -> list[str]:
    return [source.value for source in sources]  # type: ignore[attr-defined]


def test_sources_inside_a_span_and_right_after_it() -> None:
    text = "Garber (2011, PMID 21694556), [@garber2011] and later [@lee2004]."
    prose = prose_of(text)
    end = text.index(")") + 1
    assert values(written_sources(prose, 0, end, end)) == ["21694556", "garber2011"]
    assert values(written_sources(prose, 0, end, len(text))) == ["21694556"]


def test_a_key_on_the_next_line_is_still_right_after() -> None:
    text = "Garber et al. (2011)\n[@garber2011] set it."
    (found,) = dates(text)
    assert values(found.sources) == ["garber2011"]


def test_sentence_sources_are_the_others_of_the_sentence() -> None:
    text = "Jones (2019) [@jones2019] slowed, as in [@lee2004]. Next [@park2018]."
    prose = prose_of(text)
    (found,) = author_dates(prose, INDEX)  # its own sources are told apart by identity
    assert values(found.sources) == ["jones2019"]
    assert values(sentence_sources(prose, found)) == ["lee2004"]
