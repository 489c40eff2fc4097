"""The days on which a page's audit holds: the one part of an audit the clock changes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Days:
    """The days on which a page's audit reads as it does: every day, unless a rule read the clock.

    A page's audit is kept between builds (``build/page_cache.py``) and taken
    back as it is on any day within these; on another day, the one check that
    reads the clock is worked out again from what it read
    (:func:`evidence_guides.audit.rules.review.on_day`), without the page.
    """

    first: datetime.date = datetime.date.min
    last: datetime.date = datetime.date.max

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.first <= day <= self.last

    def narrowed(
        self, first: datetime.date | None = None, last: datetime.date | None = None
    ) -> Days:
        """These days, no earlier than ``first`` and no later than ``last``."""
        return Days(
            self.first if first is None else max(self.first, first),
            self.last if last is None else min(self.last, last),
        )


EVERY_DAY = Days()
