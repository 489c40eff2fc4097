"""BibTeX for the store's tests: the fixture files, one entry from its fields, an @string bomb."""

from __future__ import annotations

from pathlib import Path

from evidence_guides.store.entry import BibEntry
from evidence_guides.store.parse import parse_bib

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bib"


def entry(fields: str, entry_type: str = "article") -> BibEntry:
    """The one entry ``k`` with the given field lines."""
    store = parse_bib(f"@{entry_type}{{k,\n{fields}\n}}\n", "t.bib")
    found = store.get("k")
    assert found is not None, store.findings
    return found


def doubling(links: int) -> str:
    """Each @string its predecessor twice: 2**links characters, were it expanded."""
    strings = '@string{s0 = "xxxxxxxx"}\n'
    strings += "".join(f"@string{{s{n} = s{n - 1} # s{n - 1}}}\n" for n in range(1, links))
    return strings + f"@article{{a, author = {{A, B}}, title = s{links - 1}, year = 2000}}\n"
