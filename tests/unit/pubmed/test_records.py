"""PubMed records from efetch XML: the fields a reference needs, and every record checked."""

from __future__ import annotations

import re

import pytest

from evidence_guides.pubmed.records import PubMedFormatError, parse_efetch
from tests.support.eutils_replay import FIXTURES, efetch_body


def test_record_fields_from_pubmed_xml() -> None:
    record = parse_efetch(efetch_body(["21681120"]))["21681120"]
    assert (
        record.title
        == "2011 Compendium of Physical Activities: a second update of codes and MET values"
    )
    assert record.journal == "Med Sci Sports Exerc"
    assert (record.year, record.volume, record.issue) == ("2011", "43", "8")
    assert record.pages == "1575-1581"  # MEDLINE's "1575-81", expanded
    assert record.doi == "10.1249/MSS.0b013e31821ece12"
    assert len(record.authors) == 10
    bassett = record.authors[4]
    assert (bassett.last, bassett.initials, bassett.suffix) == ("Bassett", "DR", "Jr")
    assert record.publication_types == ("Journal Article",)
    assert record.retracted is False


def test_collective_author() -> None:
    record = parse_efetch(efetch_body(["21694556"]))["21694556"]
    last = record.authors[-1]
    assert last.collective and last.last == "American College of Sports Medicine"
    assert record.first_author == "Garber"


def test_retraction_is_read_from_type_or_notice() -> None:
    xml = (FIXTURES / "22777332.xml").read_text()
    as_type = xml.replace(
        "<PublicationType>Review</PublicationType>",
        "<PublicationType>Review</PublicationType>"
        "<PublicationType>Retracted Publication</PublicationType>",
    )
    as_notice = xml.replace(
        "</MedlineCitation>",
        '<CommentsCorrectionsList><CommentsCorrections RefType="RetractionIn">'
        "<RefSource>Notice</RefSource></CommentsCorrections></CommentsCorrectionsList>"
        "</MedlineCitation>",
    )
    for variant in (as_type, as_notice):
        document = f"<PubmedArticleSet>{variant}</PubmedArticleSet>".encode()
        assert parse_efetch(document)["22777332"].retracted is True


@pytest.mark.parametrize(
    "body",
    [
        b"<PubmedArticleSet><PubmedArticle>",
        b"<html>Service unavailable</html>",
        b"",
        b"<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>",
    ],
)
def test_malformed_responses_are_one_line_errors(body: bytes) -> None:
    with pytest.raises(PubMedFormatError) as raised:
        parse_efetch(body)
    assert "\n" not in str(raised.value)


WESTCOTT = (FIXTURES / "22777332.xml").read_text(encoding="utf-8")


def _variant(old: str, new: str) -> bytes:
    """The 22777332 record with ``old`` replaced by ``new``, as efetch would send it."""
    assert old in WESTCOTT
    return f"<PubmedArticleSet>{WESTCOTT.replace(old, new)}</PubmedArticleSet>".encode()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (">22777332</PMID>", ">../../../x</PMID>", "PMID '../../../x', which is not a PMID"),
        (">22777332</PMID>", ">022777332</PMID>", "which is not a PMID"),
        (">22777332</PMID>", ">1234567890</PMID>", "which is not a PMID"),
        (
            ">10.1249/JSR.0b013e31825dabb8</ELocationID>",
            ">10.1/x}}@article{evil, pmid={21694556},</ELocationID>",
            "has DOI '10.1/x}}@article{evil",
        ),
        (
            ">10.1249/JSR.0b013e31825dabb8</ELocationID>",
            ">doi:10.1249/JSR</ELocationID>",
            "which is not a DOI",
        ),
        ("<Year>2012</Year>", "<Year>2012}</Year>", "has year '2012}', which is not a year"),
        (
            "Resistance training",
            "Resistance\u202etraining",
            "title with the control character U+202E",
        ),
        (
            "Resistance training",
            "Resistance&#155;training",
            "title with the control character U+009B",
        ),
        ("<LastName>Westcott", "<LastName>West&#x9B;cott", "author name with the control"),
    ],
)
def test_records_with_malformed_fields_are_refused(old: str, new: str, message: str) -> None:
    with pytest.raises(PubMedFormatError) as raised:
        parse_efetch(_variant(old, new))
    assert message in str(raised.value)
    assert str(raised.value).isascii() and "\n" not in str(raised.value)


def test_a_pmc_id_must_be_one() -> None:
    extra = '<ArticleId IdType="pmc">PMC1/../2</ArticleId></ArticleIdList>'
    with pytest.raises(
        PubMedFormatError, match=re.escape("PMC ID 'PMC1/../2', which is not a PMC ID")
    ):
        parse_efetch(_variant("</ArticleIdList>", extra))
