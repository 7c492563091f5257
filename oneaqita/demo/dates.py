"""The demo's fixed calendar: the period it covers, working days and timestamps.

The data set never looks at the clock: the same seed must give the same rows on any day,
so "today" of the data set is fixed at the last day of FY2025.
"""

from datetime import UTC, date, datetime, time, timedelta, timezone

FOUNDED = date(2023, 11, 1)  # the company's founding: first shareholdings and secondments
DATA_START = date(2024, 4, 1)  # FY2024 (令和6年度) begins
AS_OF = date(2026, 3, 31)  # last day of FY2025 (令和7年度): the data set's "today"
FISCAL_YEARS = (2024, 2025)

JST = timezone(timedelta(hours=9), "JST")

# National holidays (国民の祝日, with substitute days) and the year-end closure of public
# offices (12/29–1/3) inside the period: nobody logs office hours on these days.
_HOLIDAYS = """
2024-04-29 2024-05-03 2024-05-04 2024-05-05 2024-05-06 2024-07-15 2024-08-11 2024-08-12
2024-09-16 2024-09-22 2024-09-23 2024-10-14 2024-11-03 2024-11-04 2024-11-23 2024-12-29
2024-12-30 2024-12-31 2025-01-01 2025-01-02 2025-01-03 2025-01-13 2025-02-11 2025-02-23
2025-02-24 2025-03-20 2025-04-29 2025-05-03 2025-05-04 2025-05-05 2025-05-06 2025-07-21
2025-08-11 2025-09-15 2025-09-23 2025-10-13 2025-11-03 2025-11-23 2025-11-24 2025-12-29
2025-12-30 2025-12-31 2026-01-01 2026-01-02 2026-01-03 2026-01-12 2026-02-11 2026-02-23
2026-03-20
"""
HOLIDAYS = frozenset(date.fromisoformat(d) for d in _HOLIDAYS.split())


def fiscal_year_of(d: date) -> int:
    return d.year if d.month >= 4 else d.year - 1


def fiscal_year_start(fy: int) -> date:
    return date(fy, 4, 1)


def fiscal_year_end(fy: int) -> date:
    return date(fy + 1, 3, 31)


def reiwa(fy: int) -> int:
    """令和 year of a fiscal year (FY2024 = 令和6年度)."""
    return fy - 2018


def is_working_day(d: date) -> bool:
    return d.weekday() < 5 and d not in HOLIDAYS


def working_days(start: date, end: date) -> list[int]:
    """Ordinals of the working days from start to end inclusive (a few hundred ints)."""
    days: list[int] = []
    d = start
    while d <= end:
        if is_working_day(d):
            days.append(d.toordinal())
        d += timedelta(days=1)
    return days


def next_working_day(d: date) -> date:
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def at_jst(d: date, minutes_after_midnight: int) -> datetime:
    """An aware UTC timestamp for a local (Akita) time of day: stored like utcnow() does."""
    local = datetime.combine(d, time(0, 0), JST) + timedelta(minutes=minutes_after_midnight)
    return local.astimezone(UTC)


# Reference rows (organizations, people, ...) are "created" when the company set up its
# register, which keeps created_at deterministic and plausible.
REGISTER_CREATED = at_jst(FOUNDED, 9 * 60)
