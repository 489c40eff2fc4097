"""The editorial report: every guide's findings, review age, reviewer and evidence, on one page.

:mod:`~evidence_guides.audit.editorial.collect` gathers it (running the same
audit as ``guides audit``, so its counts are that audit's), and
:mod:`~evidence_guides.audit.editorial.render` writes it as one self-contained
HTML page; ``guides report`` runs both.
"""
