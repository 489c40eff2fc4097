"""Reporters: one audit report, shown as terminal text, JSON, GitHub annotations or SARIF.

Each format is one module with one small class of the same interface, as
flake8's formatters are (:mod:`~evidence_guides.audit.reporters.base`), so a
format is read, tested and changed on its own; adding one is adding a module
and naming its class in :mod:`~evidence_guides.audit.reporters.registry`.
Reporters only turn a report into text; the caller decides where it goes and
what the exit status is.

Drafts: a finding in a draft guide whose findings do not fail the run
(``report.blocks(finding)`` is false) is marked "(draft)" in text, is a
``notice`` after the other annotations in ``github`` and has level ``note`` in
SARIF, so CI shows it without treating it as a failure. With
``--include-drafts`` drafts block like any guide and are reported like one; the
JSON format says ``"draft": true`` of a draft's findings either way.
"""
