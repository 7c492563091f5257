"""The demo's calendar: the period it covers, counted from the day it is loaded.

The data set covers the previous and the current fiscal year (April–March) of its "today"
(by default the day of loading), so that a manager opening it sees this year's work running
and planned, not last year's: work and hours are recorded up to the day before today
(``as_of``), planned work reaches beyond it. The same seed and the same today give the same
rows; another today moves every date with the fiscal years (the company's founding is the
1 November before the data's first fiscal year). Working days are Japan's
(oneaqita/workdays.py: national holidays and the 12/29–1/3 closure).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from oneaqita.fiscal import fiscal_year
from oneaqita.workdays import is_working_day, working_days_in

JST = timezone(timedelta(hours=9), "JST")


def fiscal_year_of(d: date) -> int:
    return fiscal_year(d)


def fiscal_year_start(fy: int) -> date:
    return date(fy, 4, 1)


def fiscal_year_end(fy: int) -> date:
    return date(fy + 1, 3, 31)


def reiwa(fy: int) -> int:
    """令和 year of a fiscal year (FY2024 = 令和6年度)."""
    return fy - 2018


def working_days(start: date, end: date) -> list[int]:
    """Ordinals of the working days from start to end inclusive (a few hundred ints)."""
    return [d.toordinal() for d in working_days_in(start, end)]


def next_working_day(d: date) -> date:
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def at_jst(d: date, minutes_after_midnight: int) -> datetime:
    """An aware UTC timestamp for a local (Akita) time of day: stored like utcnow() does."""
    local = datetime.combine(d, time(0, 0), JST) + timedelta(minutes=minutes_after_midnight)
    return local.astimezone(UTC)


@dataclass(frozen=True)
class DemoCalendar:
    """The period of one load of the demo, from its `today`."""

    today: date

    @property
    def fiscal_years(self) -> tuple[int, int]:
        """The previous and the current fiscal year."""
        current = fiscal_year_of(self.today)
        return current - 1, current

    @property
    def data_start(self) -> date:
        return fiscal_year_start(self.fiscal_years[0])

    @property
    def as_of(self) -> date:
        """The last day whose work, moves and hours are recorded: yesterday."""
        return self.today - timedelta(days=1)

    @property
    def founded(self) -> date:
        """The company's founding: first shareholdings and secondments."""
        return date(self.fiscal_years[0] - 1, 11, 1)

    @property
    def register_created(self) -> datetime:
        """When reference rows (organizations, people, assets) were registered."""
        return at_jst(self.founded, 9 * 60)

    def shifted(self, d: date) -> date:
        """A day of the data set's shape (written for FY2024–FY2025) in this calendar's years."""
        return d.replace(year=d.year + self.fiscal_years[0] - 2024)
