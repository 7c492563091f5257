"""Inspection planning on plain data: which assets go into which fiscal year, how they group
into orders, and each order's planned dates. No database here (services/inspection_planning.py
reads the assets and writes the orders).

Rules:

- Priority: ``oldest`` takes the assets by installed year, oldest first; ``worst`` by their
  condition (緊急度 I, then II, then III, then none: oneaqita/condition.py), then oldest. An
  asset without an installed year comes after those with one; ties go by code.
- Levelling: each asset weighs its length (``length_m``); one without a length weighs the
  average length of those that have one, or 1 when none has (so a set of manholes levels by
  number, and a mixed set counts an unmeasured asset as an average one). With W the total
  weight and n the years, the target per year is T = W / n. Taking the assets in priority
  order, an asset goes to year ⌊(C + w/2) / T⌋ (C the weight of the assets before it, w its
  own): the year in which the middle of its share falls. So the years follow the priority (an
  asset never comes in an earlier year than one before it), and each year's weight differs
  from T by at most the weight of the heaviest asset (each of the year's two edges is off by at
  most half an asset): the tolerance.
- Orders: within a year, the assets group by district (a district's orders in the order of
  its first asset by priority, assets without a district as 「地区なし」) into orders of at most
  ``per_order`` assets, in priority order, titled 「令和8年度 旭北 点検 (1/3)」.
- Dates: a year's orders share the working days (oneaqita/workdays.py) of the fiscal year
  inside the contract's period, in order: with D working days and m orders, order j runs from
  working day ⌊j·D/m⌋ to ⌊(j+1)·D/m⌋ − 1 (one day, shared, when there are more orders than
  days); a year without a working day has no dates to give and is refused by the service.
"""

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from oneaqita.fiscal import fiscal_year_label
from oneaqita.models import Urgency
from oneaqita.workdays import working_days_in

__all__ = [
    "NO_DISTRICT",
    "PlanAsset",
    "PlannedOrder",
    "Priority",
    "YearWindow",
    "group_orders",
    "level",
    "ordered",
    "plan_orders",
    "weights",
]

NO_DISTRICT = "地区なし"
TITLE_LIMIT = 200  # WorkOrder.title
_CONDITION_RANK = {Urgency.I: 0, Urgency.II: 1, Urgency.III: 2}


class Priority(enum.StrEnum):
    OLDEST = "oldest"  # by installed year
    WORST = "worst"  # by condition (緊急度), then installed year


@dataclass(frozen=True)
class PlanAsset:
    id: int
    code: str
    district: str | None = None
    installed_year: int | None = None
    length_m: Decimal | None = None
    condition: Urgency | None = None


@dataclass(frozen=True)
class YearWindow:
    """A fiscal year to plan in, and its days inside the contract's period."""

    fiscal_year: int
    first: date
    last: date


@dataclass(frozen=True)
class PlannedOrder:
    fiscal_year: int
    title: str
    district: str | None
    planned_start: date
    planned_end: date
    asset_ids: tuple[int, ...]
    length_m: Decimal  # the stored lengths (those without one add nothing)

    @property
    def asset_count(self) -> int:
        return len(self.asset_ids)


def ordered(assets: Sequence[PlanAsset], priority: Priority) -> list[PlanAsset]:
    """The assets in the order of `priority` (see the module's rule)."""

    def key(a: PlanAsset) -> tuple[int, int, int, str]:
        worst = _CONDITION_RANK[a.condition] if a.condition is not None else 3
        no_year = a.installed_year is None
        year = a.installed_year if a.installed_year is not None else 0
        return (worst if priority == Priority.WORST else 0, int(no_year), year, a.code)

    return sorted(assets, key=key)


def weights(assets: Sequence[PlanAsset]) -> list[float]:
    """Each asset's weight for levelling: its length, else the average length, else 1."""
    known = [float(a.length_m) for a in assets if a.length_m is not None and a.length_m > 0]
    fill = sum(known) / len(known) if known else 1.0
    return [
        float(a.length_m) if a.length_m is not None and a.length_m > 0 else fill for a in assets
    ]


def level(assets: Sequence[PlanAsset], years: int) -> list[list[PlanAsset]]:
    """The assets, already in priority order, spread over `years` years (the module's rule)."""
    if years < 1:
        raise ValueError("years must be at least 1")
    spread: list[list[PlanAsset]] = [[] for _ in range(years)]
    w = weights(assets)
    total = sum(w)
    if total <= 0:
        return spread
    target = total / years
    before = 0.0
    for asset, weight in zip(assets, w, strict=True):
        index = min(years - 1, int((before + weight / 2) / target))
        spread[index].append(asset)
        before += weight
    return spread


def group_orders(assets: Sequence[PlanAsset], per_order: int) -> list[list[PlanAsset]]:
    """A year's assets (in priority order) as orders: by district, at most `per_order` each."""
    if per_order < 1:
        raise ValueError("per_order must be at least 1")
    by_district: dict[str | None, list[PlanAsset]] = {}
    for asset in assets:
        by_district.setdefault(asset.district, []).append(asset)
    orders: list[list[PlanAsset]] = []
    for members in by_district.values():
        orders.extend(members[i : i + per_order] for i in range(0, len(members), per_order))
    return orders


def _dates(days: Sequence[date], count: int) -> list[tuple[date, date]]:
    spans = []
    total = len(days)
    for j in range(count):
        first = j * total // count
        last = max(first, (j + 1) * total // count - 1)
        spans.append((days[first], days[last]))
    return spans


def plan_orders(
    assets: Sequence[PlanAsset],
    windows: Sequence[YearWindow],
    priority: Priority,
    per_order: int,
    type_name: str,
) -> list[PlannedOrder]:
    """The orders of the plan: levelled over `windows` (in their order), grouped, dated."""
    spread = level(ordered(assets, priority), len(windows))
    orders: list[PlannedOrder] = []
    for window, year_assets in zip(windows, spread, strict=True):
        groups = group_orders(year_assets, per_order)
        if not groups:
            continue
        days = list(working_days_in(window.first, window.last))
        if not days:
            raise ValueError(f"no working day in fiscal year {window.fiscal_year}")
        counts: dict[str | None, int] = {}
        for group in groups:
            counts[group[0].district] = counts.get(group[0].district, 0) + 1
        seen: dict[str | None, int] = {}
        label = fiscal_year_label(window.fiscal_year)
        for group, (start, end) in zip(groups, _dates(days, len(groups)), strict=True):
            district = group[0].district
            seen[district] = seen.get(district, 0) + 1
            part = f" ({seen[district]}/{counts[district]})" if counts[district] > 1 else ""
            orders.append(
                PlannedOrder(
                    fiscal_year=window.fiscal_year,
                    title=f"{label} {district or NO_DISTRICT} {type_name}{part}"[:TITLE_LIMIT],
                    district=district,
                    planned_start=start,
                    planned_end=end,
                    asset_ids=tuple(a.id for a in group),
                    length_m=sum((a.length_m or Decimal(0) for a in group), Decimal(0)),
                )
            )
    return orders
