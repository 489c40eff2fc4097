"""A guide's front-matter fields read as one text give what each field read alone gives.

The audit joins a guide's text fields (``segments.JoinedFields``) so that each
rule runs once per page. Here random fields, built from the pieces the rules
look for, are audited both ways: the findings, their positions, the cited keys
and the paragraphs compared across guides must be the same.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from evidence_guides.audit.author_dates.finder import author_dates
from evidence_guides.audit.malformed.finder import malformed_in
from evidence_guides.audit.model import AuditSettings
from evidence_guides.audit.prose import read_prose
from evidence_guides.audit.rules.author_date import check_author_dates
from evidence_guides.audit.rules.citations import check_citations
from evidence_guides.audit.rules.claims import check_claims
from evidence_guides.audit.rules.duplicates import paragraphs
from evidence_guides.audit.rules.malformed_citation import check_malformed
from evidence_guides.audit.settings import load_settings
from evidence_guides.audit.sink import Sink
from evidence_guides.guide.frontmatter.model import parse_guide
from evidence_guides.store.entry import BibStore
from evidence_guides.store.load import load_bib
from evidence_guides.store.name_index import entry_index
from evidence_guides.text.segments import JoinedFields, Segment, guide_segments

PROJECT = Path(__file__).parents[2] / "fixtures" / "audit" / "project"
PATH = "content/exercises/random.md"

# What the rules read (citations, PMIDs, author-date citations, "et al.", claims,
# sentence ends, code and links, paragraph breaks), and what a field may begin
# or end with, so that matches are tried at every edge of a field.
PIECES = [
    "Garber et al.", "Smith", "and", "Jones", "(2011)", "(n.d.)", "(Garber, 2011)",
    "(see Smith & Jones 2019, p. 4; Lee, n.d.)", "[@garber2011]", "[@garber2011, p. 2]",
    "[@nokey]", "[@ainsworth2011; @hhs2018]", "PMID", "PMID:", "21694556", "PMID 21694556",
    "[PMID 21681120]", "studies", "show", "Studies show", "experts agree", "research suggests",
    "e.g.", "U.S.", "Fig.", ".", ",", ";", "(", ")", "[", "]", "`code [@garber2011]`",
    "[a link](https://example.org/Smith-2019)", "<!-- Smith (2019) -->", "2019", "Müller",
    "İstanbul", "Lifts the legs without swinging the hips or arching the lower back at all.",
    "[@garber2011 p. 3]", "(@garber2011)", "@garber2011", "pmid 21694556", "[@a, @b]", "@",
    "[@", "(", "[see", "PMID 0021694556", "[doi:10.1249/MSS.0b013e318213fefb]",
    " ", " ", " ", "\n", "\n\n", "\t",
]  # fmt: skip


def random_field(rng: random.Random) -> str:
    pieces = (rng.choice(PIECES) + rng.choice(["", " "]) for _ in range(rng.randint(1, 9)))
    text = "".join(pieces)
    return text.strip(" ") if text.strip() else "Text."


def random_guide(rng: random.Random) -> str:
    """A valid guide whose text fields are random, written as YAML double-quoted strings."""

    def field() -> str:
        return json.dumps(random_field(rng), ensure_ascii=rng.random() < 0.5)

    muscles = "".join(
        f"  - name: Muscle {n}\n    role: primary\n    note: {field()}\n" for n in range(2)
    )
    variations = "".join(
        f"  - name: Variation {n}\n    level: beginner\n    how: {field()}\n" for n in range(2)
    )
    mistakes = "".join(f"  - mistake: {field()}\n    fix: {field()}\n" for _ in range(2))
    faq = "".join(f"  - q: Question {n}?\n    a: {field()}\n" for n in range(3))
    return (
        f"---\ntitle: Random\ndescription: A random guide.\nlevel: beginner\n"
        f"last_reviewed: 2026-11-01\nmuscles:\n{muscles}variations:\n{variations}"
        f"mistakes:\n{mistakes}faq:\n{faq}---\n\nBody.\n"
    )


def audit(
    segments: list[Segment] | list[JoinedFields], store: BibStore, settings: AuditSettings
) -> tuple[list[tuple[object, ...]], list[tuple[bytes, int, int]], set[str]]:
    """The prose rules over ``segments``, as ``audit_page`` runs them."""
    sink = Sink(PATH, settings)
    index = entry_index(store)
    cited: set[str] = set()
    found_paragraphs = []
    for segment in segments:
        prose = read_prose(segment)
        check_citations(prose, store, index, sink, cited)
        malformed = malformed_in(prose, store)
        check_malformed(malformed, prose, sink)
        dates = author_dates(prose, index)
        check_author_dates(prose, dates, store, index, sink)
        check_claims(prose, dates, sink, [found.offset for found in malformed if found.vague])
        found_paragraphs.extend(paragraphs(prose))
    findings = sorted(
        (f.line, f.column, f.rule, f.message, f.suggestion and f.suggestion.text)
        for f in sink.findings
    )
    return findings, sorted(found_paragraphs), cited


@pytest.fixture(scope="module")
def settings() -> AuditSettings:
    return load_settings(PROJECT / "mkdocs.yml")


@pytest.fixture(scope="module")
def store(settings: AuditSettings) -> BibStore:
    return load_bib(settings.bib, "references/refs.bib")


def test_joined_fields_find_what_separate_fields_find(
    settings: AuditSettings, store: BibStore
) -> None:
    rng = random.Random(2026)
    findings_seen = 0
    for _ in range(300):
        text = random_guide(rng)
        parsed = parse_guide(text, PATH)
        assert parsed.guide is not None, parsed.findings
        fields = list(guide_segments(parsed, text).values())
        separate = audit(fields, store, settings)
        joined = audit([JoinedFields.of(tuple(fields))], store, settings)
        assert joined == separate, text
        findings_seen += len(separate[0])
    assert findings_seen > 300  # the pieces make the rules fire, so the comparison means something


def test_a_position_in_the_joined_text_is_the_fields_own() -> None:
    text = '---\nfaq:\n  - q: Q?\n    a: "One (2019)."\n  - q: R?\n    a: Two [@k].\n---\n'
    parsed = parse_guide(text, PATH)
    fields = tuple(guide_segments(parsed, text).values())
    joined = JoinedFields.of(fields)
    second = fields[1]
    at = joined.text.index("[@k]")
    assert joined.position(at) == second.position(second.text.index("[@k]"))
    assert joined.position(at) == (6, 12)
