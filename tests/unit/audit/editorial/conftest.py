"""A project whose guides have something to report: errors, a stale review, a reviewer, a draft."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[4]
PEOPLE = """\
people:
  - {id: team, name: Test team, kind: organization}
  - {id: jane-doe, name: Jane Doe, credentials: PhD}
"""
STORE_EXTRA = """
@article{trial2020,
  author = {Doe, J.}, title = {A trial}, journal = {J}, year = {2020}, pmid = {101},
  pubtype = {Journal Article; Randomized Controlled Trial},
}
@article{pulled2019,
  author = {Roe, R.}, title = {A pulled study}, journal = {J}, year = {2019}, pmid = {102},
  pubtype = {Journal Article; Meta-Analysis}, retracted = {true},
}
@article{spare2018,
  author = {Poe, P.}, title = {Cited by no guide}, journal = {J}, year = {2018}, pmid = {103},
}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The CLI fixture project with three more guides and two more references."""
    root = Path(shutil.copytree(REPO / "tests" / "fixtures" / "cli" / "project", tmp_path / "p"))
    (root / "content" / "people.yml").write_text(PEOPLE)
    store = root / "references" / "refs.bib"
    store.write_text(store.read_text() + STORE_EXTRA)
    guides = root / "content" / "exercises"
    plank = (guides / "plank.md").read_text()
    (guides / "plank.md").write_text(
        plank.replace("last_reviewed: 2026-11-01\n", "last_reviewed: 2026-11-01\nauthor: team\n"
                      "reviewed_by: jane-doe\n")
        + " Trials agree [@trial2020].\n"
    )  # fmt: skip
    (guides / "bridge.md").write_text(
        plank.replace("title: Plank", "title: Glute bridge & co")
        .replace("2026-11-01", "2024-01-15")
        .replace("[@garber2011]", "[@garber2011; @missing2001; @pulled2019]")
    )
    (guides / "crunch.md").write_text(plank.replace("title: Plank", "title: Crunch\ndraft: true"))
    (guides / "broken.md").write_text("---\ntitle: <b>Broken</b>\nlevel: beginner\n---\nBody.\n")
    return root
