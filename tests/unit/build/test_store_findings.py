"""The store rules' findings after an edit: what checking the whole edited store finds."""

from __future__ import annotations

import random

import pytest

from evidence_guides.audit.engine import store_checks
from evidence_guides.audit.model import AuditSettings
from evidence_guides.build.store_findings import edited_store_findings
from evidence_guides.findings import in_order
from evidence_guides.store.incremental import reparse
from evidence_guides.store.parse import parse_bib
from tests.unit.store.test_incremental import PATH, entry, random_edit


def store_with_problems(count: int) -> str:
    """Entries, some without a title, one with a zero-width space: findings to keep."""
    blocks = [entry(n) for n in range(count)]
    for n in range(3, count, 7):
        blocks[n] = blocks[n].replace(f"  title   = {{Synthetic trial {n}}},\n", "")
    blocks[5] = blocks[5].replace("Synthetic trial 5", "Synthetic\u200btrial 5")
    return "% synthetic\n\n" + "\n".join(blocks)


@pytest.mark.parametrize("seed", range(30))
def test_the_findings_afterrandom_edits_are_those_of_the_whole_store(seed: int, tmp_path) -> None:
    settings = AuditSettings(root=tmp_path, docs_dir=tmp_path, bib=tmp_path / "refs.bib")
    rng = random.Random(seed)
    text = store_with_problems(30)
    store = parse_bib(text, PATH)
    findings = store_checks(store, settings)
    assert findings  # something to keep, move and drop
    edits = 0
    for _ in range(4):
        new_text = random_edit(text, rng)
        result = reparse(text, new_text, store)
        full = parse_bib(new_text, PATH)
        if result is None or full.findings:
            store, text, findings = full, new_text, store_checks(full, settings)
            continue
        edited = edited_store_findings(findings, result[0], settings)
        assert edited is not None
        assert in_order(edited) == in_order(store_checks(full, settings))
        store, text, findings = result[0], new_text, edited
        edits += 1
    assert edits  # the edit path was taken, not only full parses


def test_a_store_read_whole_is_checked_whole(tmp_path) -> None:
    settings = AuditSettings(root=tmp_path, docs_dir=tmp_path, bib=tmp_path / "refs.bib")
    store = parse_bib(store_with_problems(10), PATH)
    assert edited_store_findings([], store, settings) is None
    assert edited_store_findings(None, store, settings) is None
