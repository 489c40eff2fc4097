"""What the author-date tests share: a store made for them, and the audit or the search on a text.

The store below is invented for these tests (DOIs under the 10.5555 test
prefix); it holds the shapes that make identification hard: two works of one
author and year with and without a/b keys, a particle surname, an
organisation in single braces, a short name, titles that share a start.
"""

from __future__ import annotations

from pathlib import Path

from evidence_guides.audit.author_dates.finder import author_dates
from evidence_guides.audit.author_dates.model import AuthorDate
from evidence_guides.audit.engine import PageInput, audit_page
from evidence_guides.audit.model import AuditSettings
from evidence_guides.audit.prose import Prose, read_prose
from evidence_guides.findings import Finding, line_and_column
from evidence_guides.store.name_index import entry_index
from evidence_guides.store.parse import parse_bib
from evidence_guides.text.segments import body_segment

STORE = parse_bib(
    r"""
@article{garber2011, author = {Garber, C. E. and Blissmer, B. and Deschenes, M. R.},
  title = {Quantity and quality of exercise for fitness}, year = {2011}, pmid = {21694556}}
@article{smith2011a, author = {Smith, A. and Lee, B.}, title = {Zinc and sleep in rowers},
  year = {2011}, doi = {10.5555/1}}
@article{smith2011b, author = {Smith, A. and Park, C.}, title = {Alpha waves in sprinters},
  year = {2011}, doi = {10.5555/2}}
@article{lee2004, author = {Lee, K. and Smith, J.}, title = {Grip width in the bench press},
  year = {2004}, doi = {10.5555/3}}
@article{lee2006, author = {Lee, K. and Smith, J.}, title = {Bar path in the bench press},
  year = {2006}, doi = {10.5555/4}}
@article{devries2015, author = {de Vries, Anna and Ball, N.},
  title = {Effects of a stretching routine on hamstring length}, year = {2015}, doi = {10.5555/5}}
@book{nsca2016, author = {{National Strength and Conditioning Association}},
  title = {Essentials of strength training}, year = {2016}, shortname = {NSCA}, isbn = {0000}}
@article{park2018, author = {Park, J. and Kim, H.}, title = {How many sets are enough for growth?},
  year = {2018}, doi = {10.5555/6}}
@misc{who2020, author = {World Health Organization}, title = {Guidelines on physical activity},
  year = {2020}, shortname = {WHO}, doi = {10.5555/8}}
@article{jones2019, author = {Jones, T.}, title = {Cadence and tempo}, year = {2019},
  doi = {10.5555/9}}
@article{jones2019x, author = {Jones, T.}, title = {Breathing and bracing}, year = {2019},
  doi = {10.5555/10}}
@article{muller2014, author = {M{\"u}ller, E. and Baz-Valle, E.},
  title = {Effects of low- vs. high-load training}, year = {2014}, doi = {10.5555/11}}
@article{obrien2012, author = {O'Brien, S.}, title = {Tempo squats}, year = {2012},
  doi = {10.5555/12}}
@article{vandermeer2021, author = {van der Meer, L. and Osei, K.}, title = {Rowing posture},
  year = {2021}, doi = {10.5555/13}}
@article{dangelo2019, author = {D'Angelo, C. and Falk, M. and Nnamdi, U.}, title = {Grip},
  year = {2019}, doi = {10.5555/15}}
@article{gudmundsdottir2021, author = {Gu\dh{}mundsd\'{o}ttir, H. and P\'{a}lsson, E.},
  title = {Glute bridges}, year = {2021}, doi = {10.5555/16}}
@article{kowalski2018, author = {Kowalski, M. and Brennan, O. and Thorvaldsen, P.},
  title = {Nordic curls and sprint speed}, year = {2018}, doi = {10.5555/17}}
@article{kowalski2018hamstring, author = {Kowalski, M. and Ibsen, K.},
  title = {Hamstring fascicles}, year = {2018}, doi = {10.5555/18}}
@techreport{asnb2022, institution = {Australasian Sports Nutrition Board},
  title = {Protein for athletes}, year = {2022}, shortname = {ASNB}, doi = {10.5555/19}}
@article{theeffect2017, author = {Ralston, G.},
  title = {The effect of weekly set volume on strength},
  year = {2017}, doi = {10.5555/20}}
@article{hartleyquinn2021, author = {Hartley-Quinn, R. and Marsh, D.}, title = {Step height},
  year = {2021}, doi = {10.5555/14}}
""",
    "references/refs.bib",
)
SETTINGS = AuditSettings(root=Path("."), docs_dir=Path("content"), bib=Path("refs.bib"))
RULES = ("vague-reference", "citation-mismatch")
INDEX = entry_index(STORE)


def findings(text: str, rules: tuple[str, ...] = RULES) -> list[Finding]:
    page = PageInput("p.md", text, text, 0, is_guide=False)
    return [f for f in audit_page(page, STORE, SETTINGS).findings if f.rule in rules]


def vague(text: str) -> Finding:
    (finding,) = findings(text)
    assert finding.rule == "vague-reference"
    return finding


def column_of(text: str, needle: str) -> int:
    return line_and_column(text, text.index(needle))[1]


def prose_of(text: str) -> Prose:
    return read_prose(body_segment(text, text, 0))


def dates(text: str) -> list[AuthorDate]:
    """The search itself, without the rules: every author-date citation in ``text``."""
    return author_dates(prose_of(text), INDEX)
