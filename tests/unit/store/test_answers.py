"""What a page looked up in the store, asked again of another store (``store/answers.py``)."""

from __future__ import annotations

from pathlib import Path

from evidence_guides.audit.engine import PageAudit, PageInput, audit_page
from evidence_guides.audit.model import AuditSettings
from evidence_guides.store.answers import StoreAnswers, entry_digest
from evidence_guides.store.name_index import Mention
from evidence_guides.store.parse import parse_bib
from evidence_guides.text.citations import scan_citations

BIB = """\
@article{roe2020, author = {Roe, A.}, title = {A trial}, year = {2020}, pmid = {111}}
@article{poe2021, author = {Poe, B.}, title = {A review}, year = {2021}}
"""


def looked_up(bib: str, text: str) -> tuple[tuple[str, str, str], ...]:
    """What rendering ``text``'s citations against ``bib`` looks up."""
    recorder = StoreAnswers(parse_bib(bib, "refs.bib")).recorder()
    for citation in scan_citations(text):
        for source in citation.sources:
            recorder.resolve(source)
    return recorder.lookups


def test_each_source_is_recorded_once_with_the_entry_found_or_none() -> None:
    store = parse_bib(BIB, "refs.bib")
    lookups = looked_up(BIB, "A [@roe2020], B [PMID 111; @nobody], C [@roe2020].")
    assert lookups == (
        ("key", "roe2020", entry_digest(store.entries["roe2020"])),
        ("pmid", "111", entry_digest(store.entries["roe2020"])),
        ("key", "nobody", ""),
    )


def test_the_same_store_and_one_that_only_moved_an_entry_answer_the_same() -> None:
    lookups = looked_up(BIB, "A [@roe2020] [PMID 111] [@nobody].")
    assert StoreAnswers(parse_bib(BIB, "refs.bib")).hold(lookups)
    moved = "% a comment above\n\n" + BIB + "\n@misc{other, title = {Another}}\n"
    assert StoreAnswers(parse_bib(moved, "refs.bib")).hold(lookups)


def test_a_changed_entry_a_moved_pmid_or_an_entry_added_answers_otherwise() -> None:
    lookups = looked_up(BIB, "A [@roe2020] [PMID 111] [@nobody].")
    corrected = BIB.replace("A trial", "A larger trial")
    moved_pmid = BIB.replace("pmid = {111}", "pmid = {112}")
    named = BIB + "@misc{nobody, title = {Someone after all}}\n"
    for bib in (corrected, moved_pmid, named):
        assert not StoreAnswers(parse_bib(bib, "refs.bib")).hold(lookups), bib


def test_a_page_that_cites_nothing_holds_whatever_the_store() -> None:
    assert StoreAnswers(parse_bib("", "refs.bib")).hold(looked_up(BIB, "No citation."))


# --- an audit's questions ------------------------------------------------------------------

AUDIT_SETTINGS = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))
STORE_BIB = r"""
@article{garber2011, author = {Garber, C. E. and Blissmer, B.},
  title = {Quantity and quality of exercise}, year = {2011}, pmid = {21694556}}
@article{smith2011, author = {Smith, A. and Lee, B.}, title = {Zinc and sleep in rowers},
  year = {2011}, doi = {10.5555/1}}
@article{lee2004, author = {Lee, K. and Smith, J.}, title = {Grip width in the bench press},
  year = {2004}, doi = {10.5555/3}}
@book{nsca2016, author = {{National Strength and Conditioning Association}},
  title = {Essentials of strength training}, year = {2016}, shortname = {NSCA}}
@article{theeffect2017, author = {Ralston, G.}, title = {The effect of weekly set volume},
  year = {2017}, doi = {10.5555/20}}
"""

PAGES = (
    "Cited well [@garber2011] and by PMID [PMID 21694556].",
    "As Smith and Lee (2011) found, zinc helps sleep.",  # vague, and identified
    "Smith (2011) found it [@lee2004].",  # mismatched: the key names another work
    "The NSCA (2016) says so, as does the National Strength and Conditioning (2016).",
    "The effect of weekly (n.d.) is clear; Effects of a (n.d.) is not.",
    "A mistyped key [@garber2012] and a DOI written as a citation [doi:10.5555/3].",
    "A bare key @smith2011 in prose, and one that is not the store's @nobody2020.",
    "Jones et al. (2019) and the Australasian Sports Board (2022) have nothing in the store.",
    "No citation here at all.",
)

CHANGES = {
    "moved": lambda bib: "% moved\n" + bib,
    "unrelated added": lambda bib: bib + "@misc{other2001, title = {Unrelated}, year = {2001}}\n",
    "title corrected": lambda bib: bib.replace("Zinc and sleep", "Zinc and deep sleep"),
    "year corrected": lambda bib: bib.replace("year = {2004}", "year = {2005}"),
    "author corrected": lambda bib: bib.replace("Lee, K. and Smith, J.", "Lee, K. and Smyth, J."),
    "pmid moved": lambda bib: bib.replace("pmid = {21694556}", "pmid = {21694557}"),
    "retracted": lambda bib: bib.replace(
        "year = {2011}, pmid", "retracted = {true}, year = {2011}, pmid"
    ),
    "removed": lambda bib: bib.replace("@article{smith2011,", "@article{smith2011gone,"),
    "key close to a typo": lambda bib: bib + "@misc{garber2012x, title = {Close}, year = {2012}}\n",
    "same author and year": lambda bib: (
        bib + "@article{smith2011b, author = {Smith, A. and Lee, B.}, title = {Another},"
        " year = {2011}}\n"
    ),
    "organisation added": lambda bib: (
        bib + "@techreport{asb2022, institution = {Australasian Sports Board}, title = {Protein},"
        " year = {2022}}\n"
    ),
    "surname added": lambda bib: (
        bib + "@article{jones2019, author = {Jones, T. and Ray, U. and Li, V.}, title = {Tempo},"
        " year = {2019}}\n"
    ),
    "doi added": lambda bib: bib.replace(
        "title = {Grip width", "doi = {10.5555/3b}, title = {Grip width"
    ).replace("doi = {10.5555/3}}", "}"),
}


def audit_of(text: str, bib: str, *, recorded: bool) -> PageAudit:
    store = parse_bib(bib, "references/refs.bib")
    page = PageInput("content/p.md", text, text, 0, is_guide=False)
    reads = StoreAnswers(store).recorder() if recorded else None
    return audit_page(page, store, AUDIT_SETTINGS, reads)


def test_an_audit_asked_through_a_recorder_finds_what_it_finds_of_the_store_itself() -> None:
    for text in PAGES:
        recorded = audit_of(text, STORE_BIB, recorded=True)
        assert recorded.findings == audit_of(text, STORE_BIB, recorded=False).findings, text
        assert recorded.cited_keys == audit_of(text, STORE_BIB, recorded=False).cited_keys


def test_a_kept_audit_holds_for_another_store_only_if_that_stores_audit_is_the_same() -> None:
    """Every page against every change: the answers hold, so the findings are the same."""
    held: dict[str, int] = {}
    for name, change in CHANGES.items():
        bib = change(STORE_BIB)
        assert bib != STORE_BIB or name == "moved", name
        answers = StoreAnswers(parse_bib(bib, "references/refs.bib"))
        for text in PAGES:
            kept = audit_of(text, STORE_BIB, recorded=True)
            fresh = audit_of(text, bib, recorded=False)
            if answers.hold(kept.store_reads):
                assert fresh.findings == kept.findings, (name, text)
                assert fresh.cited_keys == kept.cited_keys, (name, text)
                held[name] = held.get(name, 0) + 1
            elif fresh.findings == kept.findings:
                held.setdefault(f"{name} (asked again, the same)", 0)
    # Changes no page's audit reads hold for every page; each other change redoes some.
    assert held["moved"] == held["unrelated added"] == len(PAGES)
    for name in CHANGES:
        assert held.get(name, 0) > 0, name  # a page that cites nothing always holds
        if name not in ("moved", "unrelated added"):
            assert held[name] < len(PAGES), name


def test_each_change_redoes_the_audits_whose_findings_it_changes() -> None:
    for name, text in (
        ("same author and year", PAGES[1]),  # the vague reference no longer names one work
        ("title corrected", PAGES[1]),  # the entry it suggests shows another title
        ("author corrected", PAGES[2]),  # the mismatch names another first author
        ("key close to a typo", PAGES[5]),  # another key is suggested
        ("doi added", PAGES[5]),
        ("organisation added", PAGES[7]),
        ("surname added", PAGES[7]),
        ("retracted", PAGES[0]),
        ("pmid moved", PAGES[0]),
        ("removed", PAGES[6]),
    ):
        kept = audit_of(text, STORE_BIB, recorded=True)
        bib = CHANGES[name](STORE_BIB)
        assert not StoreAnswers(parse_bib(bib, "references/refs.bib")).hold(kept.store_reads)


def test_a_question_that_cannot_be_asked_does_not_hold() -> None:
    """Kept questions come from ``.cache/``: a damaged one is a miss, never an error."""
    answers = StoreAnswers(parse_bib(STORE_BIB, "references/refs.bib"))
    junk = Mention(written=None, surnames=None, year=2011)  # type: ignore[arg-type]
    for lookups in (
        [("no such question", "x", "")],
        [("identify", ("not", "a mention"), "")],
        [("identify", junk, "")],
        [("names-a-work", "not a pair", "")],
        [("has-key", ["unhashable"], "")],
        [("key",)],
        None,
    ):
        assert not answers.hold(lookups), lookups  # type: ignore[arg-type]
