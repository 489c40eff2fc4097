"""``stale-review``: a guide whose evidence was last reviewed too long ago.

Evidence moves on, and a reader is told when a guide was last reviewed; a
review date older than the project allows (``stale_review_months``, 12 by
default) is a warning at the ``last_reviewed`` line, so editors see which
guides to re-review. The age is counted in calendar months to the audit's
clock (``AuditSettings.today``, the day it runs unless a test fixes it).
"""

from __future__ import annotations

import calendar
import datetime
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.rules.people import value_position
from evidence_guides.findings import Suggestion

if TYPE_CHECKING:
    from evidence_guides.audit.context import PageContext
    from evidence_guides.audit.model import AuditSettings
    from evidence_guides.audit.sink import Sink

RULE = rule_ids.STALE_REVIEW


def today(settings: AuditSettings) -> datetime.date:
    """The day review ages are counted to."""
    return settings.today or datetime.date.today()


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (0 when later is not later)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def is_stale(reviewed: datetime.date, settings: AuditSettings) -> bool:
    """Whether a review on ``reviewed`` is older than ``stale_review_months`` before today."""
    return reviewed < months_before(today(settings), settings.stale_review_months)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def check_page(context: PageContext, sink: Sink) -> None:
    """A guide whose ``last_reviewed`` is more than ``stale_review_months`` ago."""
    parsed = context.parsed
    guide = parsed.guide if parsed is not None else None
    if guide is None or not is_stale(guide.last_reviewed, context.settings):
        return
    settings = context.settings
    age = months_between(guide.last_reviewed, today(settings))
    front_end = len(context.source_text) - len(parsed.source.body)  # type: ignore[union-attr]
    where = value_position(context.source_text, "last_reviewed", front_end)
    message = (
        f"last reviewed {guide.last_reviewed.isoformat()}, {age} months ago (more than"
        f" {settings.stale_review_months}): review the guide's evidence"
    )
    fix = Suggestion(f"last_reviewed: {today(settings).isoformat()}, once it is reviewed")
    sink.add(RULE, where, message, fix)
