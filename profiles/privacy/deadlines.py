"""Answer deadlines of data-subject requests (GDPR art. 12(3), policy §7).

One calendar month from receipt: the same day number in the next month, or that month's last
day when it has none (31 January → 28 or 29 February). At most two more months when the
request is complex or numerous. Days spent waiting for proof of identity do not count.
"""

import calendar
import datetime

from profiles.models.privacy import MAX_EXTENSION_MONTHS


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


def due_date(
    *, clock_started_on: datetime.date, paused_days: int = 0, extension_months: int = 0
) -> datetime.date:
    if not 0 <= extension_months <= MAX_EXTENSION_MONTHS:
        raise ValueError(f"extension_months must be between 0 and {MAX_EXTENSION_MONTHS}.")
    return add_months(clock_started_on, 1 + extension_months) + datetime.timedelta(days=paused_days)
