"""The renewal outlook (改築需要): for the next 50 fiscal years, how many assets reach their
service life, how many km of pipe and what renewing them costs, per owner body and kind — what
the company's ストックマネジメント計画 for the bodies is built from.

Definitions (the page, the exports and the shareholders' report say the same):

- **Which assets**: those in service. An asset consolidated into the regional system (統合:
  its old owner's plant closed, the regional one does its work) and a retired one drop out
  of the outlook, and of their old owner's with it. An asset without an installed year
  cannot be dated: it is left out and counted (``undated``).
- **Service life**: the asset's own, else its owner's target life for its kind, else its
  kind's standard life (oneaqita/services/service_lives.py), resolved in SQL by
  ``COALESCE``.
- **Year due**: installed year (布設年度, a fiscal year) + service life. An asset due before
  the first year is already past its life: it is the first year's backlog (shown apart and
  counted in the first year). "Renew at service life" renews every asset in its year due
  (the backlog in the first year); a renewed asset reaches its life again one life later, so
  an asset with a short life (a manhole pump: 15 years) comes due again within the horizon,
  counted each time.
- **Cost**: the unit cost of the asset's kind and diameter band (yen per metre of pipe
  length, per asset for every other kind; an asset without a diameter falls in the band from
  0 mm), summed per year, owner and kind and rounded to the yen. km is pipe length / 1,000.
- **km past service life** now, in 10 and in 20 years: the pipe length whose year due is
  no later than the first year, the first year + 10 and + 20 — the ledger's ageing as it
  stands, before any renewal.
- Everything over the assets is one SQL statement: the assets in service grouped by their
  own columns (owner, kind, installed year, own life, diameter; read in that order from the
  covering index ix_assets_outlook, migration 0017), the service-life tables joined to those
  few thousand groups for the life and year due, grouped by year due, owner, kind, life and
  diameter, the repeats and the diameter bands joined to those groups, grouped again by
  year, owner and kind. Python only assembles the rows (at most 50 years × bodies ×
  kinds); the levelled scenario (reports/renewal_levelling.py) works on the year totals.
- Everyone reads it (Action.READ_LISTS).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from sqlalchemy import Integer, Select, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from oneaqita.models import (
    Asset,
    AssetKind,
    AssetStatus,
    BodyServiceLife,
    Organization,
    RenewalUnitCost,
    ServiceLife,
)
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.service_lives import whole_number

__all__ = [
    "HORIZON_YEARS",
    "PAST_LIFE_AHEAD",
    "OutlookCell",
    "RenewalOutlook",
    "YearTotal",
    "outlook_from_session",
    "renewal_outlook",
]

HORIZON_YEARS = 50
FIRST_YEARS = (1900, 2150)  # the first fiscal year an outlook may start from
PAST_LIFE_AHEAD = (0, 10, 20)
_BACKLOG, _FIRST, _AGAIN = 0, 1, 2  # how a group reaches its year


@dataclass
class OutlookCell:
    """One fiscal year, owner and kind: the renewals due (backlog and repeats included)."""

    fiscal_year: int
    owner_id: int
    kind: AssetKind
    count: int = 0
    metres: Decimal = Decimal(0)
    cost_yen: int = 0
    backlog_count: int = 0  # already past their life at the start (first year only)
    backlog_metres: Decimal = Decimal(0)
    backlog_cost_yen: int = 0
    again_count: int = 0  # renewed within the horizon, due once more
    again_metres: Decimal = Decimal(0)

    @property
    def km(self) -> Decimal:
        return self.metres / 1000


@dataclass
class YearTotal:
    fiscal_year: int
    count: int = 0
    metres: Decimal = Decimal(0)
    cost_yen: int = 0
    backlog_cost_yen: int = 0
    by_part: dict[object, int] = field(default_factory=dict)  # cost by kind or owner id

    @property
    def km(self) -> Decimal:
        return self.metres / 1000


@dataclass(frozen=True)
class RenewalOutlook:
    first_year: int
    cells: list[OutlookCell]
    bodies: dict[int, str]  # owner id → name, by code
    undated: int  # assets in service without an installed year, left out
    past_life_metres: dict[int, Decimal]  # years ahead (0, 10, 20) → pipe metres past life

    @property
    def last_year(self) -> int:
        return self.first_year + HORIZON_YEARS - 1

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def past_life_km(self, ahead: int) -> Decimal:
        return self.past_life_metres[ahead] / 1000

    def year_totals(self, by: Literal["kind", "owner"] = "kind") -> list[YearTotal]:
        """Every year of the horizon (those without renewals too), with its cost split by
        kind or by owner id."""
        totals = {y: YearTotal(y) for y in self.years}
        for c in self.cells:
            t = totals[c.fiscal_year]
            t.count += c.count
            t.metres += c.metres
            t.cost_yen += c.cost_yen
            t.backlog_cost_yen += c.backlog_cost_yen
            part: object = c.kind if by == "kind" else c.owner_id
            t.by_part[part] = t.by_part.get(part, 0) + c.cost_yen
        return list(totals.values())

    def due_by_year(self) -> list[tuple[int, int]]:
        """(fiscal year, yen due) for every year: what the levelled scenario spreads."""
        return [(t.fiscal_year, t.cost_yen) for t in self.year_totals()]

    @property
    def total_cost_yen(self) -> int:
        return sum(c.cost_yen for c in self.cells)

    def for_owner(self, owner_id: int) -> "RenewalOutlook":
        """This outlook's part for one owner (no second query: its cells and their km past
        life; ``undated`` stays the whole outlook's, it is not split by owner)."""
        cells = [c for c in self.cells if c.owner_id == owner_id]
        name = {owner_id: self.bodies[owner_id]} if owner_id in self.bodies else {}
        return RenewalOutlook(
            self.first_year, cells, name, self.undated, _past_life(self.first_year, cells)
        )


def _yen(value: object) -> int:
    amount = value if isinstance(value, Decimal) else Decimal(str(value or 0))
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _groups_statement(
    first_year: int, owner_ids: Sequence[int] | None, kinds: Sequence[AssetKind] | None
) -> Select[Any]:
    last_year = first_year + HORIZON_YEARS - 1
    conditions = [Asset.status == AssetStatus.IN_SERVICE, Asset.installed_year.is_not(None)]
    if owner_ids is not None:
        conditions.append(Asset.owner_id.in_(list(owner_ids)))
    if kinds is not None:
        conditions.append(Asset.kind.in_([AssetKind(k) for k in kinds]))
    # First the assets by their own columns alone, in the order of ix_assets_outlook: read from
    # the index, grouped as it hands them over (no sort, no lookups of the service lives per
    # asset); the few thousand groups then meet the service-life tables.
    stock = (
        select(
            Asset.owner_id,
            Asset.kind,
            Asset.installed_year,
            Asset.service_life_years,
            Asset.diameter_mm,
            func.count().label("n"),
            func.sum(Asset.length_m).label("metres"),
        )
        .where(*conditions)
        .group_by(
            Asset.owner_id,
            Asset.kind,
            Asset.installed_year,
            Asset.service_life_years,
            Asset.diameter_mm,
        )
        .cte("stock")
    )
    life = func.coalesce(stock.c.service_life_years, BodyServiceLife.years, ServiceLife.years)
    due = stock.c.installed_year + life
    start = literal(first_year, Integer)
    reached = case((due < start, start - 1), else_=due)
    diameter = func.coalesce(stock.c.diameter_mm, 0)
    groups = (
        select(
            reached.label("reached"),
            stock.c.owner_id.label("owner_id"),
            stock.c.kind.label("kind"),
            life.label("life"),
            diameter.label("diameter"),
            func.sum(stock.c.n).label("n"),
            func.coalesce(func.sum(stock.c.metres), 0).label("metres"),
        )
        .select_from(stock)
        .join(ServiceLife, ServiceLife.kind == stock.c.kind)
        .outerjoin(
            BodyServiceLife,
            and_(
                BodyServiceLife.organization_id == stock.c.owner_id,
                BodyServiceLife.kind == stock.c.kind,
            ),
        )
        .where(due <= last_year)
        .group_by(reached, stock.c.owner_id, stock.c.kind, life, diameter)
        .cte("groups")
    )
    seed = select(literal(0, Integer).label("k")).cte("cycles", recursive=True)
    cycles = seed.union_all(select(seed.c.k + 1).where(seed.c.k < HORIZON_YEARS - 1))
    bands = select(
        RenewalUnitCost.kind,
        RenewalUnitCost.min_diameter_mm.label("low"),
        func.lead(RenewalUnitCost.min_diameter_mm)
        .over(partition_by=RenewalUnitCost.kind, order_by=RenewalUnitCost.min_diameter_mm)
        .label("high"),
        RenewalUnitCost.yen,
    ).cte("bands")
    renewed = case((groups.c.reached < start, start), else_=groups.c.reached)
    year = renewed + cycles.c.k * groups.c.life
    how = case((cycles.c.k > 0, _AGAIN), (groups.c.reached < start, _BACKLOG), else_=_FIRST)
    cost = case(
        (groups.c.kind == AssetKind.PIPE, groups.c.metres * bands.c.yen),
        else_=groups.c.n * bands.c.yen,
    )
    return (
        select(
            year.label("year"),
            groups.c.owner_id,
            groups.c.kind,
            how.label("how"),
            func.sum(groups.c.n),
            func.sum(groups.c.metres),
            func.coalesce(func.sum(cost), 0),
        )
        .select_from(groups)
        .join(cycles, year <= last_year)
        .outerjoin(
            bands,
            and_(
                bands.c.kind == groups.c.kind,
                groups.c.diameter >= bands.c.low,
                or_(bands.c.high.is_(None), groups.c.diameter < bands.c.high),
            ),
        )
        .group_by(year, groups.c.owner_id, groups.c.kind, how)
    )


def _undated(
    session: Session, owner_ids: Sequence[int] | None, kinds: Sequence[AssetKind] | None
) -> int:
    stmt = select(func.count()).where(
        Asset.status == AssetStatus.IN_SERVICE, Asset.installed_year.is_(None)
    )
    if owner_ids is not None:
        stmt = stmt.where(Asset.owner_id.in_(list(owner_ids)))
    if kinds is not None:
        stmt = stmt.where(Asset.kind.in_([AssetKind(k) for k in kinds]))
    return session.scalar(stmt) or 0


def _assemble(first_year: int, rows: Iterable[Any]) -> list[OutlookCell]:
    cells: dict[tuple[int, int, AssetKind], OutlookCell] = {}
    for year, owner_id, kind, how, n, metres, cost in rows:
        key = (int(year), int(owner_id), AssetKind(kind))
        cell = cells.setdefault(key, OutlookCell(*key))
        m = Decimal(str(metres or 0))
        yen, count = _yen(cost), int(n)
        cell.count += count
        cell.metres += m
        cell.cost_yen += yen
        if how == _BACKLOG:
            cell.backlog_count += count
            cell.backlog_metres += m
            cell.backlog_cost_yen += yen
        elif how == _AGAIN:
            cell.again_count += count
            cell.again_metres += m
    order = {k: i for i, k in enumerate(AssetKind)}
    return sorted(cells.values(), key=lambda c: (c.fiscal_year, c.owner_id, order[c.kind]))


def _past_life(first_year: int, cells: Sequence[OutlookCell]) -> dict[int, Decimal]:
    """Pipe metres past life by the first year + each of PAST_LIFE_AHEAD, from the cells'
    first reaching of their life (the repeats are renewals, not ageing)."""
    reaching: dict[int, Decimal] = defaultdict(Decimal)
    for c in cells:
        reaching[c.fiscal_year] += c.metres - c.again_metres
    return {
        ahead: sum((m for y, m in reaching.items() if y <= first_year + ahead), Decimal(0))
        for ahead in PAST_LIFE_AHEAD
    }


def outlook_from_session(
    session: Session,
    first_year: int,
    owner_ids: Sequence[int] | None = None,
    kinds: Sequence[AssetKind] | None = None,
) -> RenewalOutlook:
    """The outlook from `first_year` on (see the module), for the owners `owner_ids` and the
    `kinds` (None: all), inside a caller's session (the shareholders' report reuses it)."""
    first_year = whole_number(
        first_year, "first_year", "開始年度", "First fiscal year", FIRST_YEARS[0], FIRST_YEARS[1]
    )
    cells = _assemble(first_year, session.execute(_groups_statement(first_year, owner_ids, kinds)))
    ids = sorted({c.owner_id for c in cells} | set(owner_ids or ()))
    bodies = {
        oid: name
        for oid, name in session.execute(
            select(Organization.id, Organization.name_ja)
            .where(Organization.id.in_(ids))
            .order_by(Organization.code)
        )
    }
    return RenewalOutlook(
        first_year,
        cells,
        bodies,
        _undated(session, owner_ids, kinds),
        _past_life(first_year, cells),
    )


@requires(Action.READ_LISTS)
def renewal_outlook(
    db: Database,
    actor: Actor,
    first_year: int,
    owner_ids: Sequence[int] | None = None,
    kinds: Sequence[AssetKind] | None = None,
) -> RenewalOutlook:
    """The outlook for the next 50 fiscal years from `first_year` (see the module)."""
    with db.read() as session:
        return outlook_from_session(session, first_year, owner_ids, kinds)
