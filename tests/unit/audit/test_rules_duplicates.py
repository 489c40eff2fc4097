"""duplicate-paragraph: in one guide, across guides, and never inside code."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.audit.engine import PageAudit, PageInput, audit_corpus, audit_page
from evidence_guides.audit.model import AuditSettings
from evidence_guides.findings import Finding, line_and_column
from evidence_guides.store.load import load_bib
from evidence_guides.text.front_matter import split_front_matter

STORE = load_bib(Path(__file__).parents[2] / "fixtures" / "audit" / "refs.bib", "refs.bib")
PARAGRAPH = (
    "Plank holds train the trunk to resist extension [@garber2011]. Resistance\n"
    "training in general is good for health [@westcott2012].\n"
)
GUIDE = """\
---
title: Plank
description: Hold a line.
level: beginner
last_reviewed: 2026-11-01
safety: Stop if the lower back sags or hurts.
muscles:
  - name: Rectus abdominis
    role: stabilizer
    note: Plank holds train the trunk to resist extension [@garber2011].
      Resistance training in general is good for health [@westcott2012].
variations:
  - name: Knee plank
    level: beginner
    how: Rest on the knees.
mistakes:
  - mistake: The hips sag.
    fix: Squeeze the glutes.
faq:
  - q: How long?
    a: Until the line breaks.
---

# Plank
"""


def settings(**severities: str) -> AuditSettings:
    return AuditSettings(
        root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"), severities=severities
    )


def page(path: str, text: str, *, is_guide: bool = False, **severities: str) -> PageAudit:
    source = split_front_matter(text)
    page = PageInput(path, text, source.body, source.body_offset, is_guide)
    return audit_page(page, STORE, settings(**severities))


def duplicates(*pages: PageAudit, **severities: str) -> list[Finding]:
    findings = audit_corpus(list(pages), STORE, settings(**severities), whole_project=False)
    return [finding for finding in findings if finding.rule == "duplicate-paragraph"]


def test_twice_in_one_page() -> None:
    text = f"{PARAGRAPH}\nSomething else entirely.\n\n  {PARAGRAPH.upper()}"
    (finding,) = duplicates(page("a.md", text))
    line, column = line_and_column(text, text.index("PLANK"))
    assert (finding.path, finding.line, finding.column) == ("a.md", line, column)
    assert finding.message == "duplicate paragraph (also at a.md:1)"
    assert finding.severity == "warning"


def test_across_pages_each_later_occurrence_is_reported() -> None:
    first = page("a.md", f"# A\n\n{PARAGRAPH}")
    second = page("b.md", PARAGRAPH)
    third = page("c.md", f"Intro.\n\n{' '.join(PARAGRAPH.split())}\n")
    assert [f.format() for f in duplicates(first, second, third)] == [
        "b.md:1:1: duplicate-paragraph: duplicate paragraph (also at a.md:3)",
        "c.md:3:1: duplicate-paragraph: duplicate paragraph (also at a.md:3)",
    ]


def test_front_matter_text_fields_are_compared_too() -> None:
    guide = page("content/exercises/plank.md", GUIDE, is_guide=True)
    assert guide.findings == ()
    other = page("content/index.md", PARAGRAPH)
    (finding,) = duplicates(guide, other)
    note_line = GUIDE[: GUIDE.index("Plank holds")].count("\n") + 1
    assert (
        finding.message == f"duplicate paragraph (also at content/exercises/plank.md:{note_line})"
    )


FILLER = (
    "Sleep well the night before a heavy day - it's the cheapest recovery tool you have,"
    " and nothing in a tub of powder comes close."
)


@pytest.mark.parametrize(
    "copy",
    [
        FILLER.replace("close.", "close!"),  # the last stop made an exclamation
        FILLER.replace("have,", "have"),  # a comma dropped
        FILLER.replace(" - ", " \u2014 "),  # a hyphen made an em dash
        FILLER.replace("it's", "it\u2019s"),  # a straight apostrophe curled
        FILLER.replace("day - ", "day; ").replace("Sleep", '"Sleep').replace("close.", 'close."'),
        FILLER.replace(" and ", "\nand "),  # the line broken elsewhere
    ],
)
def test_a_copy_with_only_its_punctuation_changed_is_a_duplicate(copy: str) -> None:
    (finding,) = duplicates(page("a.md", FILLER), page("b.md", copy))
    assert finding.message == "duplicate paragraph (also at a.md:1)"


@pytest.mark.parametrize(
    "second",
    [
        FILLER.replace("cheapest", "best"),  # a word changed: not looked for (see the rule)
        FILLER.replace("Sleep well", "Eat well"),
        "Sleep.\n\nSleep!\n\nSleep...\n",  # short, whatever the punctuation
        "3 x 10\n\n3 \u00d7 10\n",
    ],
)
def test_other_words_or_short_lines_are_not_duplicates(second: str) -> None:
    assert duplicates(page("a.md", FILLER), page("b.md", second)) == []


@pytest.mark.parametrize(
    "second",
    [
        f"```text\n{PARAGRAPH}```\n",  # a cited paragraph shown in a code block
        f"~~~\n{PARAGRAPH}~~~\n",
        f"<!--\n{PARAGRAPH}-->\n",
        "# Plank\n\n# Plank\n\nKeep it flat.\n\nKeep it flat.\n",  # too short to matter
        PARAGRAPH.replace("health", "the heart"),
    ],
)
def test_not_duplicates(second: str) -> None:
    assert duplicates(page("a.md", PARAGRAPH), page("b.md", second)) == []


def test_the_rule_can_be_turned_off() -> None:
    first = page("a.md", PARAGRAPH, **{"duplicate-paragraph": "off"})
    assert first.paragraphs == ()
    assert duplicates(first, page("b.md", PARAGRAPH), **{"duplicate-paragraph": "off"}) == []
