"""The period a yearly report covers: a fiscal year (April–March) or one of its quarters
(Q1 = April–June … Q4 = January–March, oneaqita/fiscal.py), the same period a year earlier
to set beside it, and the day its "at the end of the period" figures are read on."""

from dataclasses import dataclass
from datetime import date

from oneaqita.errors import ValidationError
from oneaqita.fiscal import fiscal_quarter_range, fiscal_year_label, fiscal_year_range, to_wareki

__all__ = ["FIRST_YEAR", "LAST_YEAR", "ReportPeriod", "report_period"]

FIRST_YEAR, LAST_YEAR = 2000, 2200
_QUARTER_MONTHS = {1: "4月〜6月", 2: "7月〜9月", 3: "10月〜12月", 4: "1月〜3月"}


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    fiscal_year: int
    quarter: int | None  # None: the whole fiscal year
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        """"令和7年度" or "令和7年度 第1四半期"."""
        year = fiscal_year_label(self.fiscal_year)
        return year if self.quarter is None else f"{year} 第{self.quarter}四半期"

    @property
    def label_long(self) -> str:
        """The label with the Western year and the months: "令和7年度 (2025年度)"."""
        if self.quarter is None:
            return f"{self.label} ({self.fiscal_year}年度)"
        return f"{self.label} ({self.fiscal_year}年度 {_QUARTER_MONTHS[self.quarter]})"

    @property
    def dates(self) -> str:
        """The first and last day in 令和: "令和7年4月1日〜令和8年3月31日"."""
        return f"{to_wareki(self.start)}〜{to_wareki(self.end)}"

    @property
    def previous(self) -> "ReportPeriod":
        """The same period one fiscal year earlier (前年同期)."""
        return report_period(self.fiscal_year - 1, self.quarter)

    def as_of(self, today: date) -> date:
        """The day the period's standing figures (register, staff) are read on: its last
        day, or ``today`` while the period is still running."""
        return min(self.end, max(today, self.start))


def report_period(fiscal_year: int, quarter: int | None = None) -> ReportPeriod:
    """The fiscal year ``fiscal_year`` (2000–2200), or its ``quarter`` (1–4); a
    ValidationError naming the field otherwise."""
    if isinstance(fiscal_year, bool) or not isinstance(fiscal_year, int):
        fiscal_year = -1
    if not FIRST_YEAR <= fiscal_year <= LAST_YEAR:
        raise ValidationError(
            f"年度は{FIRST_YEAR}〜{LAST_YEAR}の西暦で指定してください (例 2025)。",
            f"Give the fiscal year as a Western year from {FIRST_YEAR} to {LAST_YEAR} "
            "(e.g. 2025).",
            "fiscal_year",
        )
    if quarter is None:
        start, end = fiscal_year_range(fiscal_year)
        return ReportPeriod(fiscal_year, None, start, end)
    if isinstance(quarter, bool) or quarter not in (1, 2, 3, 4):
        raise ValidationError(
            "四半期は1〜4で指定してください (1 = 4月〜6月)。",
            "The quarter must be 1 to 4 (1 = April to June).",
            "quarter",
        )
    start, end = fiscal_quarter_range(fiscal_year, quarter)
    return ReportPeriod(fiscal_year, quarter, start, end)
