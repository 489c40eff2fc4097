"""The corpus rules kept up to date between saves: the findings of the whole corpus."""

from __future__ import annotations

import random

import pytest

from evidence_guides.audit.engine import PageAudit, audit_corpus
from evidence_guides.audit.model import AuditSettings
from evidence_guides.build.corpus import LiveCorpus
from evidence_guides.store.parse import parse_bib

STORE = parse_bib(
    "@misc{a, title = {T}, author = {A, B}, year = {2000}, url = {https://a.test}}\n", "refs.bib"
)


def page(path: str, paragraphs: list[int]) -> PageAudit:
    digests = tuple((bytes([n]) * 16, line + 1, 1) for line, n in enumerate(paragraphs))
    return PageAudit(path, (), frozenset(), 0, digests, False)


@pytest.mark.parametrize("seed", range(25))
def test_random_saves_give_the_findings_of_the_whole_corpus(seed: int, tmp_path) -> None:
    settings = AuditSettings(root=tmp_path, docs_dir=tmp_path, bib=tmp_path / "refs.bib")
    rng = random.Random(seed)
    pages = {f"content/p{n}.md": page(f"content/p{n}.md", []) for n in range(12)}
    live = LiveCorpus()
    for _ in range(20):
        path = rng.choice(sorted(pages))
        if rng.random() < 0.1:
            del pages[path]  # a page removed
        else:
            pages[path] = page(path, [rng.randrange(30) for _ in range(rng.randrange(6))])
        audits = list(pages.values())
        whole = audit_corpus(audits, STORE, settings, whole_project=True, store_findings_found=[])
        assert live.findings(audits, STORE, settings, []) == whole


def test_a_paragraph_twice_in_one_page_is_found(tmp_path) -> None:
    settings = AuditSettings(root=tmp_path, docs_dir=tmp_path, bib=tmp_path / "refs.bib")
    audits = [page("content/a.md", [1, 2, 1]), page("content/b.md", [3])]
    found = LiveCorpus().findings(audits, STORE, settings, [])
    assert [(f.path, f.line, f.rule) for f in found if f.rule == "duplicate-paragraph"] == [
        ("content/a.md", 3, "duplicate-paragraph")
    ]
