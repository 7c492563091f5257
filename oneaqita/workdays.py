"""The company's working days: Monday to Friday, except Japan's national holidays (国民の祝日,
with substitute holidays and citizens' holidays, from the ``holidays`` package for any year)
and the year-end closure of public offices (12/29–1/3), as the seconding bodies keep them.

One place for the calendar, used by the schedule (what a week can hold), the demo data set
(nobody logs office hours on a holiday) and the hours.
"""

from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

import holidays

__all__ = ["holiday_name", "is_working_day", "working_days", "working_days_in"]

_CLOSURE = ((12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3))


@lru_cache(maxsize=64)
def _national(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("JP", years=year, language="ja").items())


def holiday_name(day: date) -> str | None:
    """The holiday's Japanese name, 年末年始 for the closure, or None on an ordinary day."""
    name = _national(day.year).get(day)
    if name is not None:
        return name
    return "年末年始" if (day.month, day.day) in _CLOSURE else None


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def working_days_in(start: date, end: date) -> Iterator[date]:
    """The working days from `start` to `end`, both included (none when end < start)."""
    day = start
    while day <= end:
        if is_working_day(day):
            yield day
        day += timedelta(days=1)


def working_days(start: date, end: date) -> int:
    """How many working days from `start` to `end`, both included."""
    return sum(1 for _ in working_days_in(start, end))
