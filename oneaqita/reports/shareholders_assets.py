"""The condition of the assets per owning body (資産の状況), for the report to the
shareholders and each body's statement.

Definitions:

- Assets in service (供用中) only; consolidated and retired ones are left out.
- Per owner: the number of assets and the km of pipe spans by condition — 緊急度 I, II, III
  as oneaqita/condition.py derives it from the latest survey, or 未判定 (never surveyed, or
  nothing found) — and their totals.
- The condition is the assets' as it stands when the report is made (the database keeps no
  history of it), whatever the period.
- One GROUP BY owner over the assets in service, from an index (condition_by_owner).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from oneaqita.models import Asset, AssetKind, AssetStatus, Urgency

__all__ = ["CONDITIONS", "ConditionRow", "condition_by_owner"]

CONDITIONS: tuple[Urgency | None, ...] = (Urgency.I, Urgency.II, Urgency.III, None)
_TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class ConditionRow:
    owner_id: int
    counts: tuple[int, int, int, int]  # I, II, III, 未判定
    length_m: tuple[Decimal, Decimal, Decimal, Decimal]  # pipes only, same order

    @property
    def count(self) -> int:
        return sum(self.counts)

    @property
    def km(self) -> tuple[Decimal, ...]:
        return tuple(_km(m) for m in self.length_m)

    @property
    def total_km(self) -> Decimal:
        return _km(sum(self.length_m, Decimal(0)))

    def __add__(self, other: "ConditionRow") -> "ConditionRow":
        counts = tuple(a + b for a, b in zip(self.counts, other.counts, strict=True))
        lengths = tuple(a + b for a, b in zip(self.length_m, other.length_m, strict=True))
        return ConditionRow(0, counts, lengths)  # type: ignore[arg-type]


def _km(metres: Decimal) -> Decimal:
    return (metres / 1000).quantize(_TENTH, rounding=ROUND_HALF_UP)


def condition_by_owner(session: Session) -> dict[int, ConditionRow]:
    """Per owning body (by id) with assets in service, its counts and pipe km by condition:
    grouped by owner alone, each condition's count and length an aggregate of its own, so
    that the rows come from ix_assets_outlook (status, owner, kind, …, length, condition) in
    the order they are grouped in, without a sort (migration 0025)."""
    pipe = Asset.kind == AssetKind.PIPE
    measures: list[Any] = []
    for condition in CONDITIONS:
        this = Asset.condition.is_(None) if condition is None else Asset.condition == condition
        measures += [func.count().filter(this), func.sum(Asset.length_m).filter(this, pipe)]
    stmt = (
        select(Asset.owner_id, *measures)
        .where(Asset.status == AssetStatus.IN_SERVICE)
        .group_by(Asset.owner_id)
    )
    out = {}
    for owner, *values in session.execute(stmt):
        counts = tuple(int(n) for n in values[0::2])
        lengths = tuple(Decimal(str(m or 0)) for m in values[1::2])
        out[owner] = ConditionRow(owner, counts, lengths)  # type: ignore[arg-type]
    return out


def empty_condition(owner_id: int) -> ConditionRow:
    zero = Decimal(0)
    return ConditionRow(owner_id, (0, 0, 0, 0), (zero, zero, zero, zero))
