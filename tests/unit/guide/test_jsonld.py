"""A guide's JSON-LD: what a search engine reads, and that it stays inside its ``<script>``."""

from __future__ import annotations

import dataclasses
import datetime
import json
import random
import re
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest

from evidence_guides.guide.frontmatter.model import (
    FaqItem,
    Guide,
    Mistake,
    Muscle,
    Variation,
    parse_guide,
)
from evidence_guides.guide.jsonld import Publisher, guide_structured_data, script_json
from evidence_guides.guide.page import render_page
from evidence_guides.guide.people import parse_people
from evidence_guides.store.entry import BibStore
from evidence_guides.store.formatting import FormattedReference, format_reference
from evidence_guides.store.parse import parse_bib

# The site's extensions (mkdocs.yml), with raw HTML escaped as the plugin's field converter does.
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "tables", "toc"]
PUBLISHER = Publisher("Evidence Guides", "https://guides.test/")
PAGE_URL = "https://guides.test/exercises/plank/"

BIB = """\
@article{garber2011,
  author = {Garber, C. E. and Blissmer, B.}, title = {Quantity and quality of exercise},
  journal = {Med Sci Sports Exerc}, year = {2011}, volume = {43}, pages = {1334--1359},
  doi = {10.1249/MSS.0b013e318213fefb}, pmid = {21694556},
}
@article{pmidonly, author = {Smith, J.}, title = {Only a PMID}, journal = {J}, year = {2019},
  pmid = {101}}
@inproceedings{doionly, author = {Ngata, T.}, title = {Only a DOI}, booktitle = {Proc},
  year = {2020}, doi = {10.1000/a<b>#c}}
@misc{who2020, author = {{World Health Organization}}, title = {Guidelines on physical activity},
  year = {2020}, url = {https://www.who.int/publications/i/item/9789240015128}}
@book{nolinks, author = {Doe, A.}, title = {A book without links}, publisher = {P}, year = {2001}}
"""

GUIDE = """\
---
title: Plank
description: Hold a straight line from head to heels.
level: beginner
last_reviewed: 2026-11-01
muscles: [{name: Rectus abdominis, role: stabilizer}]
variations: [{name: Knee plank, level: beginner, how: 'Knees down [@pmidonly].'}]
mistakes: [{mistake: Hips sag., fix: 'Squeeze the glutes [@doionly].'}]
faq:
  - q: How long should I hold it?
    a: Until form fails [@garber2011].
  - q: Is it safe with back pain?
    a: |
      Usually, **if** it does not hurt [@who2020; @nolinks].

      - Stop at *sharp* pain.
      - See a clinician [PMID 21694556].
  - q: Does "core" mean abs & back?
    a: Both, see the [flutter kick](https://example.org/) guide; <b>bold</b> is text here.
---

Body text [@garber2011].
"""

SHOWN_ANSWERS = [
    "Until form fails.",
    "Usually, if it does not hurt. Stop at sharp pain. See a clinician.",
    "Both, see the flutter kick guide; <b>bold</b> is text here.",
]

HOSTILE = [
    "</script><script>alert(1)</script>",
    "</SCRIPT ><script>alert(1)</script>",
    "<!-- a comment opens, <script> nests",
    "<!--<script>",
    "-->",
    "]]>",
    "a\u2028line\u2029separator",
    'Tom & Jerry\'s <b>"quotes"</b>',
    "back\\slash</script",
    "\x00\x1f control\ttab\nnewline",
    "\ud83d\ude00 \u00e9 \u202e right-to-left",
]


@pytest.fixture(scope="module")
def store() -> BibStore:
    store = parse_bib(BIB, "refs.bib")
    assert store.findings == ()
    return store


@pytest.fixture(scope="module")
def document(store: BibStore) -> dict[str, Any]:
    """The JSON-LD of GUIDE, made as the plugin makes it: from the rendered page."""
    converter = markdown.Markdown(extensions=EXTENSIONS)
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    parsed = parse_guide(GUIDE, "content/exercises/plank.md")
    assert parsed.guide is not None, parsed.findings
    page = render_page(
        body=parsed.source.body,
        store=store,
        render_markdown=lambda text: converter.reset().convert(text),
        parsed=parsed,
    )
    assert page.sections is not None
    return guide_structured_data(
        page.sections.guide,
        page_url=PAGE_URL,
        faq_answers=[question.answer_text for question in page.sections.faq],
        references=page.references,
        publisher=PUBLISHER,
    )


def _nodes(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    assert document["@context"] == "https://schema.org"
    types = [node["@type"] for node in document["@graph"]]
    assert sorted(types) == ["FAQPage", "MedicalWebPage"]
    return {node["@type"]: node for node in document["@graph"]}


def _guide(**changes: Any) -> Guide:
    guide = Guide(
        title="Plank",
        description="Hold a straight line.",
        level="beginner",
        muscles=(Muscle("Rectus abdominis", "stabilizer"),),
        variations=(Variation("Knee plank", "beginner", "Knees down."),),
        mistakes=(Mistake("Hips sag.", "Squeeze."),),
        faq=(FaqItem("How long?", "Until form fails."),),
        last_reviewed=datetime.date(2026, 11, 1),
    )
    return dataclasses.replace(guide, **changes)


def _reference(**changes: Any) -> FormattedReference:
    reference = FormattedReference(
        key="a",
        entry_type="article",
        authors="Author A",
        title="Title",
        container="J",
        details="2020.",
        year="2020",
        pmid="101",
        doi="10.1/x",
        pubmed_url="https://pubmed.ncbi.nlm.nih.gov/101/",
        doi_url="https://doi.org/10.1/x",
        url=None,
    )
    return dataclasses.replace(reference, **changes)


# --- what the page shows ---------------------------------------------------------------------


def test_the_faq_has_each_question_and_its_answer_as_shown(document: dict[str, Any]) -> None:
    questions = _nodes(document)["FAQPage"]["mainEntity"]
    assert [question["@type"] for question in questions] == ["Question"] * 3
    assert [question["name"] for question in questions] == [
        "How long should I hold it?",
        "Is it safe with back pain?",
        'Does "core" mean abs & back?',
    ]
    answers = [question["acceptedAnswer"] for question in questions]
    assert [answer["@type"] for answer in answers] == ["Answer"] * 3
    assert [answer["text"] for answer in answers] == SHOWN_ANSWERS


def test_answers_are_plain_text_without_citation_numbers(document: dict[str, Any]) -> None:
    for question in _nodes(document)["FAQPage"]["mainEntity"]:
        text = question["acceptedAnswer"]["text"]
        assert "[@" not in text and "PMID" not in text and "**" not in text
        assert not re.search(r"<(?!b>|/b>)", text), text  # the shown "<b>" only, no markup
        assert not re.search(r"\d\.$|\s{2}", text), text


def test_the_article_has_the_headline_description_and_review_date(
    document: dict[str, Any],
) -> None:
    page = _nodes(document)["MedicalWebPage"]
    assert page["headline"] == page["name"] == "Plank"
    assert page["description"] == "Hold a straight line from head to heels."
    assert page["dateModified"] == page["lastReviewed"] == "2026-11-01"
    assert page["url"] == _nodes(document)["FAQPage"]["url"] == PAGE_URL
    assert page["@id"] == f"{PAGE_URL}#page"
    assert page["publisher"] == {
        "@type": "Organization",
        "name": "Evidence Guides",
        "url": "https://guides.test/",
    }


def test_one_cited_work_per_reference_in_the_pages_order(document: dict[str, Any]) -> None:
    """The reference list's order: the body, then the fields as the page shows them."""
    works = _nodes(document)["MedicalWebPage"]["citation"]
    assert [work["name"] for work in works] == [
        "Quantity and quality of exercise",
        "Only a PMID",
        "Only a DOI",
        "Guidelines on physical activity",
        "A book without links",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Quantity and quality of exercise",
            {
                "@type": "ScholarlyArticle",
                "author": "Garber CE, Blissmer B",
                "datePublished": "2011",
                "isPartOf": {"@type": "Periodical", "name": "Med Sci Sports Exerc"},
                "identifier": [
                    {"@type": "PropertyValue", "propertyID": "PMID", "value": "21694556"},
                    {
                        "@type": "PropertyValue",
                        "propertyID": "DOI",
                        "value": "10.1249/MSS.0b013e318213fefb",
                    },
                ],
                "url": "https://doi.org/10.1249/MSS.0b013e318213fefb",
                "sameAs": ["https://pubmed.ncbi.nlm.nih.gov/21694556/"],
            },
        ),
        (
            "Only a PMID",
            {
                "@type": "ScholarlyArticle",
                "identifier": [{"@type": "PropertyValue", "propertyID": "PMID", "value": "101"}],
                "url": "https://pubmed.ncbi.nlm.nih.gov/101/",
            },
        ),
        (
            "Only a DOI",
            {
                "@type": "ScholarlyArticle",  # a conference paper is scholarly too
                "identifier": [
                    {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1000/a<b>#c"}
                ],
                "url": "https://doi.org/10.1000/a%3Cb%3E%23c",
            },
        ),
        (
            "Guidelines on physical activity",
            {
                "@type": "CreativeWork",
                "author": "World Health Organization",
                "url": "https://www.who.int/publications/i/item/9789240015128",
            },
        ),
        ("A book without links", {"@type": "CreativeWork", "datePublished": "2001"}),
    ],
)
def test_each_cited_work_has_its_identifiers(
    document: dict[str, Any], name: str, expected: dict[str, Any]
) -> None:
    works = [w for w in _nodes(document)["MedicalWebPage"]["citation"] if w["name"] == name]
    assert len(works) == 1
    work = works[0]
    assert {key: work[key] for key in expected} == expected
    if "identifier" not in expected:
        assert "identifier" not in work
    if "url" not in expected:
        assert "url" not in work and "sameAs" not in work


@pytest.mark.parametrize(
    ("changes", "identifiers"),
    [
        ({}, {"PMID": "101", "DOI": "10.1/x"}),
        ({"doi": None, "doi_url": None}, {"PMID": "101"}),
        ({"pmid": None, "pubmed_url": None}, {"DOI": "10.1/x"}),
        ({"pmid": None, "pubmed_url": None, "doi": None, "doi_url": None}, {}),
    ],
)
def test_identifiers_are_exactly_the_references_pmid_and_doi(
    changes: dict[str, Any], identifiers: dict[str, str]
) -> None:
    data = guide_structured_data(
        _guide(),
        page_url=None,
        faq_answers=["Until form fails."],
        references=[_reference(**changes)],
        publisher=PUBLISHER,
    )
    (work,) = _nodes(data)["MedicalWebPage"]["citation"]
    assert {i["propertyID"]: i["value"] for i in work.get("identifier", [])} == identifiers


def test_a_page_without_references_cites_nothing() -> None:
    data = guide_structured_data(
        _guide(), page_url=None, faq_answers=["x"], references=[], publisher=PUBLISHER
    )
    assert _nodes(data)["MedicalWebPage"]["citation"] == []


@pytest.mark.parametrize(
    ("publisher", "expected"),
    [
        (Publisher("Site", "https://site.test/"), {"url": "https://site.test/"}),
        (Publisher("Site"), {}),
        (Publisher("Site", ""), {}),
    ],
)
def test_the_publisher_is_the_site(publisher: Publisher, expected: dict[str, str]) -> None:
    data = guide_structured_data(
        _guide(), page_url=None, faq_answers=["x"], references=[], publisher=publisher
    )
    organisation = _nodes(data)["MedicalWebPage"]["publisher"]
    assert organisation == {"@type": "Organization", "name": "Site", **expected}


@pytest.mark.parametrize("page_url", [None, ""])
def test_without_site_url_no_page_address_is_claimed(page_url: str | None) -> None:
    data = guide_structured_data(
        _guide(), page_url=page_url, faq_answers=["x"], references=[], publisher=PUBLISHER
    )
    nodes = _nodes(data)
    assert not {"url", "@id"} & nodes["MedicalWebPage"].keys()
    assert "url" not in nodes["FAQPage"]


@pytest.mark.parametrize("answers", [[], ["one", "two"]])
def test_every_question_needs_exactly_one_answer(answers: list[str]) -> None:
    with pytest.raises(ValueError):
        guide_structured_data(
            _guide(), page_url=None, faq_answers=answers, references=[], publisher=PUBLISHER
        )


# --- safe inside <script> --------------------------------------------------------------------


class _Scripts(HTMLParser):
    """The elements and script contents an HTML parser finds, as a browser's tokenizer does."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append("")

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1] == "script" and self.scripts:
            self.scripts[-1] += data

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def _assert_safe(text: str, data: Any) -> None:
    assert "</script" not in text.casefold()
    assert "<!--" not in text and "-->" not in text
    assert not {"<", ">", "&", "\u2028", "\u2029"} & set(text)
    assert json.loads(text) == data
    html = f'<head><script type="application/ld+json">{text}</script><p>after</p></head>'
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    assert parser.tags == ["head", "script", "p"]
    assert parser.scripts == [text] and parser.comments == []


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize(
    "where",
    ["title", "description", "question", "answer", "reference", "publisher", "page_url"],
)
def test_hostile_text_anywhere_stays_inside_the_script(hostile: str, where: str) -> None:
    guide = _guide(
        title=hostile if where == "title" else "Plank",
        description=hostile if where == "description" else "Hold it.",
        faq=(FaqItem(hostile if where == "question" else "How long?", "x"),),
    )
    data = guide_structured_data(
        guide,
        page_url=hostile if where == "page_url" else PAGE_URL,
        faq_answers=[hostile if where == "answer" else "Until form fails."],
        references=[_reference(**({"title": hostile} if where == "reference" else {}))],
        publisher=Publisher(hostile if where == "publisher" else "Site", hostile),
    )
    _assert_safe(script_json(data), data)


def test_the_guides_document_stays_inside_the_script(document: dict[str, Any]) -> None:
    text = script_json(document)
    _assert_safe(text, document)
    assert "\\u003cb\\u003ebold\\u003c/b\\u003e" in text  # the answer's shown "<b>", escaped


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("</script>", '"\\u003c/script\\u003e"'),
        ("<!--", '"\\u003c!--"'),
        ("a & b", '"a \\u0026 b"'),
        ("\u2028\u2029", '"\\u2028\\u2029"'),
        ("é 😀", '"é 😀"'),  # other characters stay as they are: the page is UTF-8
        ({"<k>": ["x"]}, '{"\\u003ck\\u003e":["x"]}'),
    ],
)
def test_script_json_escapes_only_what_could_break_out(data: Any, expected: str) -> None:
    assert script_json(data) == expected


def test_any_text_serialises_safely_and_reads_back_the_same() -> None:
    """Random strings and nesting from the characters that matter inside a script element."""
    alphabet = [*"<>&/!-'\"\\ aS\n\t\x00", "\u2028", "\u2029", "</script", "<!--", "-->"]
    alphabet += ["</SCRIPT", "<script>", "]]>", "\u00e9", "\U0001f600", "\\u003c"]
    rng = random.Random(7)

    def text() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))

    def value(depth: int) -> Any:
        kind = rng.randrange(4 if depth < 3 else 2)
        if kind == 0:
            return text()
        if kind == 1:
            return rng.choice([None, True, 0, -1.5, 10**20])
        if kind == 2:
            return [value(depth + 1) for _ in range(rng.randint(0, 3))]
        return {text(): value(depth + 1) for _ in range(rng.randint(0, 3))}

    for _ in range(3_000):
        data = value(0)
        _assert_safe(script_json(data), data)


# --- study designs (issue 17) ----------------------------------------------------------------


def test_a_work_of_known_design_is_a_medical_scholarly_article() -> None:
    designed = parse_bib(
        "@article{m, author = {Doe, J.}, title = {Pooled}, year = {2017}, pmid = {7},\n"
        "  pubtype = {Journal Article; Meta-Analysis; Systematic Review}}\n"
        "@article{p, author = {Roe, R.}, title = {Stand}, year = {2011}, pmid = {8},\n"
        "  design = {position stand}}\n"
        "@article{u, author = {Poe, P.}, title = {Unknown}, year = {2010}, pmid = {9},\n"
        "  pubtype = {Journal Article}}\n",
        "refs.bib",
    )
    references = [format_reference(designed.entries[key]) for key in ("m", "p", "u")]
    data = guide_structured_data(
        _guide(), page_url=PAGE_URL, faq_answers=["x"], references=references, publisher=PUBLISHER
    )
    works = _nodes(data)["MedicalWebPage"]["citation"]
    assert [(work["@type"], work.get("publicationType")) for work in works] == [
        ("MedicalScholarlyArticle", ["Journal Article", "Meta-Analysis", "Systematic Review"]),
        ("MedicalScholarlyArticle", ["Guideline"]),
        ("ScholarlyArticle", None),
    ]


# --- who wrote and reviewed it (issue 17) ----------------------------------------------------


def test_author_and_reviewer_are_an_organisation_and_a_person_with_credentials() -> None:
    people = parse_people(
        "people:\n"
        "  - {id: team, name: Test team, kind: organization, url: 'https://guides.test/about/'}\n"
        "  - {id: jane-doe, name: Jane Doe, credentials: 'PhD, CSCS', role: Physiologist,"
        " affiliation: Example University}\n",
        "people.yml",
    )
    data = guide_structured_data(
        _guide(),
        page_url=PAGE_URL,
        faq_answers=["x"],
        references=[],
        publisher=PUBLISHER,
        author=people.get("team"),
        reviewer=people.get("jane-doe"),
    )
    page = _nodes(data)["MedicalWebPage"]
    assert page["author"] == {
        "@type": "Organization",
        "name": "Test team",
        "url": "https://guides.test/about/",
    }
    assert page["reviewedBy"] == {
        "@type": "Person",
        "name": "Jane Doe",
        "jobTitle": "Physiologist",
        "hasCredential": [
            {"@type": "EducationalOccupationalCredential", "name": "PhD"},
            {"@type": "EducationalOccupationalCredential", "name": "CSCS"},
        ],
        "affiliation": {"@type": "Organization", "name": "Example University"},
    }
    assert page["lastReviewed"] == "2026-11-01"


def test_no_one_named_is_no_one_claimed() -> None:
    data = guide_structured_data(
        _guide(), page_url=PAGE_URL, faq_answers=["x"], references=[], publisher=PUBLISHER
    )
    assert {"author", "reviewedBy"}.isdisjoint(_nodes(data)["MedicalWebPage"])
