"""The renewal outlook (改築需要) as the report to the shareholders and each body's statement
show it: plain figures taken from oneaqita/reports/renewal_outlook.py, which defines them (one
outlook for all owners, split per owner with RenewalOutlook.for_owner; nothing recomputed).

- The outlook starts at the report's fiscal year (the first year carries the backlog of what
  is already past its service life).
- km past service life now, in 10 and in 20 years: renewal_outlook's ``past_life_km``.
- 改築需要 per fiscal year in 百万円 (yen / 10^6, one place) for the first REPORT_YEARS years,
  and the 50-year total.
- The levelled line: renewal_levelling's scenario with the budget at the 50-year average
  (the total / 50, rounded up to the yen): what spreading the same work evenly would spend
  each year. None when nothing falls due in the horizon.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from oneaqita.reports.renewal_levelling import levelled
from oneaqita.reports.renewal_outlook import (
    HORIZON_YEARS,
    PAST_LIFE_AHEAD,
    RenewalOutlook,
    outlook_from_session,
)

__all__ = ["REPORT_YEARS", "OutlookSummary", "OutlookYear", "million", "outlook_summaries"]

REPORT_YEARS = 20
_TENTH = Decimal("0.1")


def million(yen: int) -> Decimal:
    return (Decimal(yen) / 1_000_000).quantize(_TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class OutlookYear:
    fiscal_year: int
    cost_million: Decimal  # 改築需要 due that year (the first: with the backlog)
    levelled_million: Decimal | None  # the levelled scenario's spending, None without work


@dataclass(frozen=True)
class OutlookSummary:
    first_year: int
    past_life_km: tuple[Decimal, Decimal, Decimal]  # now, in 10 and in 20 years
    years: tuple[OutlookYear, ...]  # the first REPORT_YEARS years
    total_yen: int  # over the 50-year horizon
    budget_million: Decimal | None  # the levelled scenario's yearly budget

    @property
    def total_million(self) -> Decimal:
        return million(self.total_yen)

    @property
    def backlog_million(self) -> Decimal:
        return self.years[0].cost_million if self.years else Decimal(0)


def _summary(outlook: RenewalOutlook) -> OutlookSummary:
    due = outlook.due_by_year()
    total = outlook.total_cost_yen
    budget = -(-total // HORIZON_YEARS) if total > 0 else None
    spent = [y.spent_yen for y in levelled(due, budget).years] if budget else None
    years = tuple(
        OutlookYear(year, million(yen), million(spent[i]) if spent else None)
        for i, (year, yen) in enumerate(due[:REPORT_YEARS])
    )
    km = tuple(outlook.past_life_km(a) for a in PAST_LIFE_AHEAD)
    return OutlookSummary(
        outlook.first_year,
        km,  # type: ignore[arg-type]
        years,
        total,
        million(budget) if budget else None,
    )


def outlook_summaries(
    session: Session, first_year: int, owner_ids: list[int]
) -> tuple[OutlookSummary, dict[int, OutlookSummary]]:
    """The whole area's outlook from ``first_year`` and each of ``owner_ids``'."""
    outlook = outlook_from_session(session, first_year)
    return _summary(outlook), {o: _summary(outlook.for_owner(o)) for o in owner_ids}
