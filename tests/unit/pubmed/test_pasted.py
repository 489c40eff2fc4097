"""Pasted BibTeX (``refs add --bibtex``): checked as an import is, and put in the store's form.

The entries here are invented, in Crossref's test prefix 10.5555: no real work.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_guides.files.limits import Limits
from evidence_guides.pubmed.importer import RefsImportError, import_entries
from evidence_guides.pubmed.pasted import bibtex_plan
from evidence_guides.store.parse import parse_bib

STORE = (
    "% kept as it is\n"
    "@article{westcott2012,\n"
    "  author={Westcott, W. L.}, title = {Resistance training is medicine},\n"
    "  journal = {Curr Sports Med Rep}, year = 2012, pmid = {22777332},\n"
    "  doi = {10.1249/JSR.0b013e31825dabb8}}\n"
)
PASTED = """\
@Article{Example_2025,
  author    = {Example, Ann-Marie and M{\\"u}ller, Jo},
  title     = {A second {invented} record,
               pasted from a publisher},
  journal   = {Journal of Invented Test Records},
  year      = 2025,
  volume    = {3},
  pages     = {1-9},
  doi       = {https://doi.org/10.5555/evidence-guides.0002},
  abstract  = {Not kept.},
  keywords  = {plank; test},
  month     = nov,
  url       = {https://example.org/0002},
}
"""
NORMALISED = """\
@article{example2025,
  author  = {Example, Ann-Marie and M{\\"u}ller, Jo},
  title   = {A second {invented} record, pasted from a publisher},
  journal = {Journal of Invented Test Records},
  year    = {2025},
  volume  = {3},
  pages   = {1--9},
  doi     = {10.5555/evidence-guides.0002},
  url     = {https://example.org/0002},
}
"""


def _add(tmp_path: Path, pasted: str, store: str = STORE):
    bib = tmp_path / "refs.bib"
    bib.write_text(store)
    return bib, import_entries(bib, "refs.bib", bibtex_plan(pasted, "cite.bib", Limits()))


def test_pasted_bibtex_is_normalised_and_appended(tmp_path: Path) -> None:
    bib, result = _add(tmp_path, PASTED)
    assert bib.read_text() == STORE + "\n" + NORMALISED
    assert result.added == (("example2025", "DOI 10.5555/evidence-guides.0002"),)
    assert parse_bib(bib.read_text(), "refs.bib").findings == ()


def test_a_work_the_store_has_is_skipped(tmp_path: Path) -> None:
    pasted = PASTED.replace(
        "https://doi.org/10.5555/evidence-guides.0002", "10.1249/JSR.0B013E31825DABB8"
    )
    bib, result = _add(tmp_path, pasted)
    assert bib.read_text() == STORE
    assert result.skipped == (("entry 'Example_2025' of cite.bib", "westcott2012"),)


@pytest.mark.parametrize(
    ("pasted", "says"),
    [
        ("@article{x, title = {T}", "cite.bib:1: BibTeX syntax error"),
        ("% only a comment\n", "cite.bib: holds no BibTeX entry; nothing written"),
        (PASTED.replace("https://doi.org/10.5555/", "doi:10.5555/ "), "its doi field has a value"),
        (PASTED.replace("https://example.org", "javascript:alert(1)//"), "its url field has an"),
        (PASTED.replace("Jo}", "Jo\u202e}"), r"its author field has the control character U\+202E"),
        (PASTED.replace("@Article", "@Art-icle"), "holds no BibTeX entry"),
        # What a PubMed import refuses, a paste is refused too.
        (PASTED.replace("year      = 2025", "year = 99999"), "its year field has a value that is"),
        (PASTED.replace("volume    = {3}", "volume = {<b>3</b>}"), "its volume field has '<b>"),
        (PASTED.replace("pages     = {1-9}", 'pages = {1-9"x}'), "its pages field has"),
    ],
)
def test_what_cannot_be_kept_is_refused_before_the_store_is_read(
    tmp_path: Path, pasted: str, says: str
) -> None:
    with pytest.raises(RefsImportError, match=says) as raised:
        bibtex_plan(pasted, "cite.bib", Limits())
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (('  author    = {Example, Ann-Marie and M{\\"u}ller, Jo},\n', ""), "has no author"),
        (("  year      = 2025,\n", ""), "has no year"),
    ],
)
def test_an_entry_that_breaks_the_store_s_rules_writes_nothing(
    tmp_path: Path, change: tuple[str, str], says: str
) -> None:
    assert change[0] in PASTED
    with pytest.raises(RefsImportError, match=rf"refs\.bib:\d+: the entry for .* {says}") as raised:
        _add(tmp_path, PASTED.replace(*change))
    assert str(raised.value).endswith("nothing written")
    assert (tmp_path / "refs.bib").read_text() == STORE
    assert [path.name for path in tmp_path.iterdir()] == ["refs.bib"]
