"""The condition of the assets per owning body (資産の状況), for the report to the
shareholders and each body's statement.

Definitions:

- Assets in service (供用中) only; consolidated and retired ones are left out.
- Per owner: the number of assets and the km of pipe spans by condition — 緊急度 I, II, III
  as oneaqita/condition.py derives it from the latest survey, or 未判定 (never surveyed, or
  nothing found) — and their totals.
- The condition is the assets' as it stands when the report is made (the database keeps no
  history of it), whatever the period.
- One GROUP BY owner and condition over the assets table.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import case, func, select
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
    """Per owning body (by id) with assets in service, its counts and pipe km by condition."""
    pipe_length = case((Asset.kind == AssetKind.PIPE, Asset.length_m), else_=None)
    stmt = (
        select(Asset.owner_id, Asset.condition, func.count(), func.sum(pipe_length))
        .where(Asset.status == AssetStatus.IN_SERVICE)
        .group_by(Asset.owner_id, Asset.condition)
    )
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    lengths: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 4)
    for owner, condition, n, metres in session.execute(stmt):
        i = CONDITIONS.index(Urgency(condition) if condition is not None else None)
        counts[owner][i] += int(n)
        lengths[owner][i] += Decimal(str(metres or 0))
    return {
        owner: ConditionRow(owner, tuple(c), tuple(lengths[owner]))  # type: ignore[arg-type]
        for owner, c in counts.items()
    }


def empty_condition(owner_id: int) -> ConditionRow:
    zero = Decimal(0)
    return ConditionRow(owner_id, (0, 0, 0, 0), (zero, zero, zero, zero))
