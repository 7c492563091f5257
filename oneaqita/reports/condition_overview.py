"""The condition overview (健全度): per owner body, how many assets and km of pipe stand at
each 緊急度, and how much of its pipe was inspected in the last five years.

Definitions:

- **Which assets**: those in service (consolidated and retired ones are no body's concern).
- **緊急度**: the asset's condition, which oneaqita/condition.py derives from its latest
  survey (the one rule, kept on the asset by the service that records findings): I, II, III,
  or none (never surveyed, or nothing found). km is the pipe length / 1,000; other kinds
  count, with no length.
- **Inspected in the last five years**: a pipe on a work order of type 点検 (inspection) or
  TVカメラ調査 (tv_survey), or with a finding recorded by any work order, where the order is
  running, completed or accepted (condition.COUNTED_STATUSES) and its survey date
  (condition.survey_date: actual end, else actual start, else planned end, else planned
  start) falls in the five years up to `as_of`: after the same day five years earlier, up to
  and including `as_of`. The share is by length (km inspected / km of pipe) and by count.
- Two GROUP BY statements over the assets; everyone reads it (Action.READ_LISTS).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, case, exists, func, or_, select

from oneaqita.condition import COUNTED_STATUSES, survey_date
from oneaqita.models import (
    Asset,
    AssetKind,
    AssetStatus,
    Finding,
    Organization,
    Urgency,
    WorkOrder,
    work_order_assets,
)
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database

__all__ = ["INSPECTION_TYPES", "BodyCondition", "ConditionOverview", "condition_overview"]

INSPECTION_TYPES = ("inspection", "tv_survey")
YEARS = 5


@dataclass
class BodyCondition:
    owner_id: int
    body: str
    count: dict[Urgency | None, int] = field(default_factory=dict)  # None: no condition
    metres: dict[Urgency | None, Decimal] = field(default_factory=dict)
    pipes: int = 0
    pipe_metres: Decimal = Decimal(0)
    inspected: int = 0
    inspected_metres: Decimal = Decimal(0)

    def km(self, urgency: Urgency | None) -> Decimal:
        return self.metres.get(urgency, Decimal(0)) / 1000

    @property
    def inspected_share(self) -> Decimal | None:
        """Inspected km / pipe km (by count when no pipe has a length); None without pipes."""
        if self.pipe_metres:
            return self.inspected_metres / self.pipe_metres
        return Decimal(self.inspected) / self.pipes if self.pipes else None


@dataclass(frozen=True)
class ConditionOverview:
    as_of: date
    bodies: list[BodyCondition]  # by body code

    def total(self) -> BodyCondition:
        whole = BodyCondition(0, "合計")
        for b in self.bodies:
            for u, n in b.count.items():
                whole.count[u] = whole.count.get(u, 0) + n
            for u, m in b.metres.items():
                whole.metres[u] = whole.metres.get(u, Decimal(0)) + m
            whole.pipes += b.pipes
            whole.pipe_metres += b.pipe_metres
            whole.inspected += b.inspected
            whole.inspected_metres += b.inspected_metres
        return whole


def _window_start(as_of: date) -> date:
    try:
        return as_of.replace(year=as_of.year - YEARS)
    except ValueError:  # 29 February
        return as_of.replace(year=as_of.year - YEARS, day=28)


def _inspected(as_of: date):  # type: ignore[no-untyped-def]
    when = survey_date()
    counted = and_(
        WorkOrder.status.in_(COUNTED_STATUSES), when > _window_start(as_of), when <= as_of
    )
    on_order = exists().where(
        work_order_assets.c.asset_id == Asset.id,
        WorkOrder.id == work_order_assets.c.work_order_id,
        WorkOrder.type.in_(INSPECTION_TYPES),
        counted,
    )
    found = exists().where(
        Finding.asset_id == Asset.id, WorkOrder.id == Finding.work_order_id, counted
    )
    return or_(on_order, found)


def _metres(value: object) -> Decimal:
    return Decimal(str(value or 0))


@requires(Action.READ_LISTS)
def condition_overview(
    db: Database, actor: Actor, as_of: date, owner_ids: Sequence[int] | None = None
) -> ConditionOverview:
    """The overview of the bodies `owner_ids` (None: every owner of assets) on `as_of`."""
    scope = [Asset.status == AssetStatus.IN_SERVICE]
    if owner_ids is not None:
        scope.append(Asset.owner_id.in_(list(owner_ids)))
    length = func.coalesce(func.sum(Asset.length_m), 0)
    with db.read() as session:
        orgs = session.execute(select(Organization.id, Organization.name_ja, Organization.code))
        names, codes = {}, {}
        for oid, name, code in orgs:
            names[oid], codes[oid] = name, code
        bodies: dict[int, BodyCondition] = {}
        for owner_id, urgency, n, metres in session.execute(
            select(Asset.owner_id, Asset.condition, func.count(), length)
            .where(*scope)
            .group_by(Asset.owner_id, Asset.condition)
        ):
            body = bodies.setdefault(owner_id, BodyCondition(owner_id, names[owner_id]))
            key = Urgency(urgency) if urgency is not None else None
            body.count[key] = n
            body.metres[key] = _metres(metres)
        inspected = _inspected(as_of)
        for owner_id, n, metres, seen, seen_metres in session.execute(
            select(
                Asset.owner_id,
                func.count(),
                length,
                func.coalesce(func.sum(case((inspected, 1), else_=0)), 0),
                func.coalesce(func.sum(case((inspected, Asset.length_m), else_=0)), 0),
            )
            .where(*scope, Asset.kind == AssetKind.PIPE)
            .group_by(Asset.owner_id)
        ):
            body = bodies[owner_id]
            body.pipes, body.pipe_metres = n, _metres(metres)
            body.inspected, body.inspected_metres = int(seen), _metres(seen_metres)
    ordered = sorted(bodies.values(), key=lambda b: codes[b.owner_id])
    return ConditionOverview(as_of, ordered)
