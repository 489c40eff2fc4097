"""``design`` in the store: a study design the scale knows, or a bib-invalid-entry finding."""

from __future__ import annotations

from pathlib import Path

from evidence_guides.audit.engine import store_checks
from evidence_guides.audit.model import AuditSettings
from evidence_guides.store.parse import parse_bib

BIB = """\
@article{good, author = {Doe, J.}, title = {T}, year = {2020}, pmid = {101},
  design = {Meta-Analysis}}
@article{bad, author = {Doe, J.}, title = {T}, year = {2020}, pmid = {102},
  design = {metaanalysis}}
@article{empty, author = {Doe, J.}, title = {T}, year = {2020}, pmid = {103},
  design = {}}
"""


def _settings(**severities: str) -> AuditSettings:
    here = Path(".")
    return AuditSettings(here, here, here / "refs.bib", severities=severities)  # type: ignore[arg-type]


def test_an_unknown_design_is_reported_at_its_line_with_the_closest_one() -> None:
    findings = store_checks(parse_bib(BIB, "refs.bib"), _settings())
    assert [(f.line, f.rule, f.message.split(",")[0]) for f in findings] == [
        (4, "bib-invalid-entry", "'bad' has design 'metaanalysis'"),
        (6, "bib-invalid-entry", "'empty' has design ''"),
    ]
    assert findings[0].suggestion is not None
    assert findings[0].suggestion.text == "design = {meta-analysis}"
    assert "one of: meta-analysis, systematic-review," in findings[0].message


def test_the_check_is_silent_when_the_rule_is_off() -> None:
    assert store_checks(parse_bib(BIB, "refs.bib"), _settings(**{"bib-invalid-entry": "off"})) == []
