"""Japanese fiscal years (年度) and eras (元号).

Rules enforced here:

- A fiscal year runs from 1 April to 31 March and is named after the calendar year in which it
  starts: 2025-04-01 … 2026-03-31 is FY2025 (令和7年度).
- Quarters count from April: April–June is Q1, July–September Q2, October–December Q3,
  January–March Q4.
- Eras supported: 令和 Reiwa (from 2019-05-01), 平成 Heisei (1989-01-08 … 2019-04-30) and
  昭和 Showa (1926-12-25 … 1989-01-07). Earlier dates raise ``ValueError``.
- The first year of an era is written 元年 ("令和元年5月1日", "令和元年度").
- A calendar or fiscal year that straddles an era change is named after the era in force on
  31 December of that year, which is how the years are labelled in practice (FY2019 = 令和元年度,
  FY1988 = 昭和63年度, FY1989 = 平成元年度).
"""

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "ERAS",
    "HEISEI",
    "REIWA",
    "SHOWA",
    "Era",
    "era_of",
    "era_year",
    "find_era",
    "fiscal_quarter",
    "fiscal_quarter_range",
    "fiscal_year",
    "fiscal_year_label",
    "fiscal_year_label_en",
    "fiscal_year_range",
    "format_era_year",
    "to_wareki",
]

FISCAL_YEAR_START_MONTH = 4


@dataclass(frozen=True)
class Era:
    """One Japanese era: its names and the first and last day (inclusive) it was in force."""

    name: str
    letter: str
    name_en: str
    start: date
    end: date | None

    def contains(self, d: date) -> bool:
        """True when ``d`` falls inside this era."""
        return self.start <= d and (self.end is None or d <= self.end)

    def year_of(self, western_year: int) -> int:
        """Era year of a Western calendar year (1 = 元年), without checking the era bounds."""
        return western_year - self.start.year + 1

    def western_year(self, era_year: int) -> int:
        """Western calendar year of an era year, without checking the era bounds."""
        return self.start.year + era_year - 1


REIWA = Era("令和", "R", "Reiwa", date(2019, 5, 1), None)
HEISEI = Era("平成", "H", "Heisei", date(1989, 1, 8), date(2019, 4, 30))
SHOWA = Era("昭和", "S", "Showa", date(1926, 12, 25), date(1989, 1, 7))

# Newest first, so the first era whose start is not after a date is the one in force.
ERAS: tuple[Era, ...] = (REIWA, HEISEI, SHOWA)


def _before_eras(what: str) -> ValueError:
    return ValueError(
        f"{what} は対応する元号 (昭和以降) より前です / "
        f"{what} is before the earliest supported era (Showa, {SHOWA.start.isoformat()})"
    )


def find_era(key: str) -> Era | None:
    """The era named ``key``: kanji (令和), letter (R, case-insensitive) or English (Reiwa)."""
    folded = key.strip().casefold()
    for era in ERAS:
        if folded in (era.name, era.letter.casefold(), era.name_en.casefold()):
            return era
    return None


def era_of(d: date) -> Era:
    """The era in force on ``d``; ``ValueError`` before 1926-12-25."""
    for era in ERAS:
        if era.start <= d:
            return era
    raise _before_eras(d.isoformat())


def era_year(year: int) -> tuple[str, int]:
    """Era name and era year of a calendar (or fiscal) year, e.g. 2025 → ("令和", 7).

    A year with an era change belongs to the era in force on 31 December: 2019 → ("令和", 1),
    1989 → ("平成", 1).
    """
    if year < SHOWA.start.year:
        raise _before_eras(str(year))
    era = era_of(date(year, 12, 31))
    return era.name, era.year_of(year)


def format_era_year(n: int) -> str:
    """The era year as written in Japanese: 1 → "元", otherwise the number."""
    return "元" if n == 1 else str(n)


def to_wareki(d: date) -> str:
    """A date in the Japanese calendar, e.g. "令和7年4月1日", "令和元年5月1日"."""
    era = era_of(d)
    return f"{era.name}{format_era_year(era.year_of(d.year))}年{d.month}月{d.day}日"


def fiscal_year(d: date) -> int:
    """The fiscal year containing ``d``: 2025-04-01 → 2025, 2026-03-31 → 2025."""
    return d.year if d.month >= FISCAL_YEAR_START_MONTH else d.year - 1


def fiscal_year_range(fy: int) -> tuple[date, date]:
    """First and last day (inclusive) of fiscal year ``fy``: 1 April fy … 31 March fy+1."""
    return date(fy, FISCAL_YEAR_START_MONTH, 1), date(fy + 1, 3, 31)


def fiscal_quarter(d: date) -> int:
    """Fiscal quarter of ``d``: April–June → 1, July–September → 2, … January–March → 4."""
    return (d.month - FISCAL_YEAR_START_MONTH) % 12 // 3 + 1


def fiscal_quarter_range(fy: int, quarter: int) -> tuple[date, date]:
    """First and last day (inclusive) of ``quarter`` (1–4) of fiscal year ``fy``."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(
            f"四半期は1〜4で指定してください ({quarter}) / quarter must be 1 to 4 (got {quarter})"
        )
    start = _month_start(fy, 3 * (quarter - 1))
    return start, _month_start(fy, 3 * quarter) - timedelta(days=1)


def _month_start(fy: int, months_into_year: int) -> date:
    """First day of the month ``months_into_year`` months after the start of fiscal year ``fy``."""
    index = FISCAL_YEAR_START_MONTH - 1 + months_into_year
    return date(fy + index // 12, index % 12 + 1, 1)


def fiscal_year_label(fy: int) -> str:
    """Japanese label of a fiscal year: 2025 → "令和7年度", 2019 → "令和元年度",
    2018 → "平成30年度"."""
    name, n = era_year(fy)
    return f"{name}{format_era_year(n)}年度"


def fiscal_year_label_en(fy: int) -> str:
    """English label of a fiscal year: 2025 → "FY2025"."""
    return f"FY{fy}"
