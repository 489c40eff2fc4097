"""``stale-review``: a guide whose evidence was last reviewed too long ago.

Evidence moves on, and a reader is told when a guide was last reviewed; a
review date older than the project allows (``stale_review_months``, 12 by
default) is a warning at the ``last_reviewed`` line, so editors see which
guides to re-review. The age is counted in calendar months to the audit's
clock (``AuditSettings.day``: the day it runs, unless ``today`` fixes one).

Reading the clock, the check also says on which days its answer holds
(``PageContext.days``: until the review turns stale; a stale review's finding
names its age and the day, so that day only) and keeps what it read
(:class:`ReviewRead`), so a kept audit is taken back on another day as it is,
or with this finding worked out again (:func:`on_day`), without the page.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_guides import rule_ids
from evidence_guides.audit.days import Days
from evidence_guides.audit.rules.people import value_position
from evidence_guides.audit.sink import Sink
from evidence_guides.findings import Suggestion, in_order

if TYPE_CHECKING:
    from evidence_guides.audit.context import PageContext
    from evidence_guides.audit.engine import PageAudit
    from evidence_guides.audit.model import AuditSettings

RULE = rule_ids.STALE_REVIEW


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (0 when later is not later)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def is_stale(reviewed: datetime.date, settings: AuditSettings) -> bool:
    """Whether a review on ``reviewed`` is older than ``stale_review_months`` before today."""
    return reviewed < months_before(settings.day, settings.stale_review_months)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier (the month's last day if it is shorter);
    the calendar's first day if that is before it (a clock set to year 1: nothing is stale)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    if year < datetime.MINYEAR:
        return datetime.date.min
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def first_stale_day(reviewed: datetime.date, months: int) -> datetime.date:
    """The first day on which a review on ``reviewed`` is more than ``months`` months old.

    Found by bisection: the review is stale on a day when it is earlier than
    that day ``months`` earlier, which never moves back as the day moves on (the
    end of a shorter month holds a few days, then the next month begins).
    """
    try:
        fresh, stale = reviewed, reviewed + datetime.timedelta(days=31 * (months + 1))
    except OverflowError:
        return datetime.date.max
    while (stale - fresh).days > 1:
        middle = fresh + datetime.timedelta(days=(stale - fresh).days // 2)
        if reviewed < months_before(middle, months):
            stale = middle
        else:
            fresh = middle
    return stale


@dataclass(frozen=True, slots=True)
class ReviewRead:
    """What the check read of a guide: its review date and where the date is written.

    Kept with the page's audit, so the audit can be read on another day without
    the page (:func:`on_day`): only this rule reads the clock.
    """

    reviewed: datetime.date
    position: tuple[int, int]  # line and column of the date


def check_page(context: PageContext, sink: Sink) -> None:
    """A guide whose ``last_reviewed`` is more than ``stale_review_months`` ago."""
    parsed = context.parsed
    guide = parsed.guide if parsed is not None else None
    if guide is None:
        return
    front_end = len(context.source_text) - len(parsed.source.body)  # type: ignore[union-attr]
    where = value_position(context.source_text, "last_reviewed", front_end)
    context.review = ReviewRead(guide.last_reviewed, where)
    days = _check(context.review, context.settings, sink)
    context.days = context.days.narrowed(days.first, days.last)


def on_day(audit: PageAudit, settings: AuditSettings) -> PageAudit | None:
    """A kept audit as it reads on ``settings``' day: its stale-review finding worked out
    again from what the check read. None when the check read nothing (audit the page)."""
    if audit.review is None:
        return None
    sink = Sink(audit.path, settings)
    days = _check(audit.review, settings, sink)
    found = [f for f in sink.findings if not audit.suppresses(f.rule, f.line)]
    kept = [f for f in audit.findings if f.rule != RULE]
    return dataclasses.replace(audit, findings=tuple(in_order([*kept, *found])), days=days)


def _check(read: ReviewRead, settings: AuditSettings, sink: Sink) -> Days:
    """The finding, if the review is stale on the audit's day; the days on which that holds
    (until the review turns stale; a stale one's finding names its age and the day)."""
    day = settings.day
    if not is_stale(read.reviewed, settings):
        turns = first_stale_day(read.reviewed, settings.stale_review_months)
        return Days(last=turns - datetime.timedelta(days=1))
    message = (
        f"last reviewed {read.reviewed.isoformat()}, {months_between(read.reviewed, day)} months"
        f" ago (more than {settings.stale_review_months}): review the guide's evidence"
    )
    sink.add(RULE, read.position, message, Suggestion(f"last_reviewed: {day}, once it is reviewed"))
    return Days(day, day)
