"""Work orders that need a manager's attention, as SQL conditions: the dashboard counts them
and the work-order list filters by them, so that a tile's number and the list behind it are
the same statement.

Rules (the dashboard's docstring repeats them):

- **Open**: not finished — draft, planned or in progress (completed, accepted and cancelled
  orders are closed).
- **Overdue on a day**: open, with a planned end before that day (an order without a planned
  end is never overdue).
- **A finding of 緊急度 I** is one whose *effective* urgency (oneaqita/condition.py) is I: its
  given urgency when it has one, else the urgency its span's grades give — I when a span item
  (腐食, たるみ) is graded a, or two or more per-length items are graded a, on that asset in that
  order. Only findings of orders that count for the condition (in progress, completed,
  accepted) are considered; a cancelled order's findings do not count.
- **Acted on**: the finding's asset is on another work order that is not cancelled and that
  starts (actual start, else planned start) on or after the survey's date (condition.py's
  survey_date: actual end, else actual start, planned end, planned start) — a repair, a
  cleaning or a new survey has been ordered for it; an undated order counts as ahead, and a
  survey without any date as long past. Until then the finding is *not yet acted on*.

Where the answer comes from: ``computed_unacted`` computes it from the findings and orders;
``unacted_urgent_findings`` (what the dashboard and the list read) takes it from
urgent_findings, kept by the triggers and folds of db/urgent_findings_sql.py, for every asset
without writes since its last fold, and computes it for the others. The unit of work folds
before it commits a change of work orders, findings or contracts (services/database.py); the
demo loader and the benchmarks' builders fold after their bulk writes. A change of the rule
needs a revision that replaces the PostgreSQL fold function (it holds ``recompute_sql``).
"""

from datetime import date
from functools import cache

from sqlalchemy import (
    CTE,
    ColumnElement,
    CompoundSelect,
    Connection,
    Select,
    and_,
    case,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased

from oneaqita.condition import COUNTED_STATUSES, SPAN_CATEGORIES, survey_date
from oneaqita.db import urgent_findings_sql as urgent_sql
from oneaqita.models import (
    Finding,
    FindingRank,
    Urgency,
    UrgentChange,
    UrgentFinding,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.models import work_order_assets as woa

__all__ = [
    "CLOSED_STATUSES",
    "OPEN_STATUSES",
    "computed_unacted",
    "fold_urgent",
    "is_overdue",
    "recompute_sql",
    "unacted_urgent_findings",
]

S = WorkOrderStatus
OPEN_STATUSES = (S.DRAFT, S.PLANNED, S.IN_PROGRESS)
CLOSED_STATUSES = (S.COMPLETED, S.ACCEPTED, S.CANCELLED)
_LONG_AGO = date(1900, 1, 1)
_FAR_AHEAD = date(9999, 12, 31)  # an undated follow-up: ahead of every survey
_DIALECTS = {"postgresql": postgresql.dialect, "sqlite": sqlite.dialect}


def is_overdue(today: date) -> ColumnElement[bool]:
    """SQL on work_orders: open and planned to end before `today`."""
    return and_(WorkOrder.status.in_(OPEN_STATUSES), WorkOrder.planned_end < today)


def _derived_urgent() -> ColumnElement[bool]:
    """SQL on findings: the grades of the finding's span (its asset in its order) alone give
    緊急度 I (condition.span_urgency): a span item graded a, or two per-length items graded a."""
    grade = aliased(Finding, name="grade")
    span_item = grade.category.in_(SPAN_CATEGORIES)
    # One probe of the span's grades a, not two (an EXISTS and a count): a span item weighs 2,
    # a per-length item 1, and I needs 2 (no grade a: NULL, not I).
    weight = (
        select(func.sum(case((span_item, 2), else_=1)))
        .select_from(grade)
        .where(
            grade.work_order_id == Finding.work_order_id,
            grade.asset_id == Finding.asset_id,
            grade.rank == FindingRank.A,
        )
        .scalar_subquery()
    )
    return weight >= 2


def _urgent_candidates(
    only: ColumnElement[bool] | None, sqlite: bool
) -> Select[int, int, int, date]:
    """(finding id, work order id, asset id, survey date) of every finding of 緊急度 I on an
    order that counts, acted on or not; a survey without any date as long past. `only`: a
    condition on the finding (its asset) that restricts them. On SQLite the join goes from
    the finding to its order (``work_order_id + 0``): else the planner looks each order's
    findings up by (work_order_id, asset_id IN the noted assets), a probe per order and noted
    asset, which took hours when a bulk load had noted 240,000 assets."""
    surveyed = func.coalesce(survey_date(), literal(_LONG_AGO))
    order_id = Finding.work_order_id + 0 if sqlite else Finding.work_order_id
    return (
        select(
            Finding.id.label("id"),
            Finding.work_order_id.label("work_order_id"),
            Finding.asset_id.label("asset_id"),
            surveyed.label("surveyed"),
        )
        .join(WorkOrder, WorkOrder.id == order_id)
        .where(
            WorkOrder.status.in_(COUNTED_STATUSES),
            or_(Finding.urgency == Urgency.I, and_(Finding.urgency.is_(None), _derived_urgent())),
            true() if only is None else only,
        )
    )


def _probed(found: CTE) -> Select[int, int, int]:
    """The candidates without a later live order, one probe of their asset's links each: on
    SQLite, whose joins are nested loops anyway, the cheapest (the finding's own order is
    passed over in the link index, without reading its row; most assets have no other)."""
    follow_up = aliased(WorkOrder, name="follow_up")
    begins = func.coalesce(follow_up.actual_start, follow_up.planned_start)
    acted_on = exists(
        select(1)
        .select_from(woa)
        .join(follow_up, follow_up.id == woa.c.work_order_id)
        .where(
            woa.c.asset_id == found.c.asset_id,
            woa.c.work_order_id != found.c.work_order_id,
            follow_up.status != S.CANCELLED,
            or_(begins.is_(None), begins >= found.c.surveyed),
        )
    )
    return select(found.c.id, found.c.work_order_id, found.c.asset_id).where(~acted_on)


def _ranked(found: CTE) -> Select[int, int, int]:
    """The candidates without a later live order, set-based: for each of their assets the two
    live orders that start last (an undated one as the furthest ahead) are ranked once and
    joined; a finding is acted on when the later of them that is not its own order starts on
    or after its survey. PostgreSQL hashes the joins instead of probing per finding."""
    follow_up = aliased(WorkOrder, name="follow_up")
    starts = func.coalesce(follow_up.actual_start, follow_up.planned_start, literal(_FAR_AHEAD))
    ranked = (
        select(
            woa.c.asset_id,
            woa.c.work_order_id,
            starts.label("starts"),
            func.row_number()
            .over(partition_by=woa.c.asset_id, order_by=(starts.desc(), woa.c.work_order_id))
            .label("rn"),
        )
        .join(follow_up, follow_up.id == woa.c.work_order_id)
        .where(
            woa.c.asset_id.in_(select(found.c.asset_id)),
            follow_up.status != S.CANCELLED,
        )
        .subquery("ranked")
    )
    latest = (
        select(
            ranked.c.asset_id,
            func.max(case((ranked.c.rn == 1, ranked.c.work_order_id))).label("first_id"),
            func.max(case((ranked.c.rn == 1, ranked.c.starts))).label("first_starts"),
            func.max(case((ranked.c.rn == 2, ranked.c.starts))).label("second_starts"),
        )
        .where(ranked.c.rn <= 2)
        .group_by(ranked.c.asset_id)
        .subquery("latest")
    )
    ahead = case(
        (latest.c.first_id == found.c.work_order_id, latest.c.second_starts),
        else_=latest.c.first_starts,
    )
    return (
        select(found.c.id, found.c.work_order_id, found.c.asset_id)
        .select_from(found)
        .outerjoin(latest, latest.c.asset_id == found.c.asset_id)
        .where(or_(ahead.is_(None), ahead < found.c.surveyed))
    )


def computed_unacted(
    dialect: str, only: ColumnElement[bool] | None = None
) -> Select[int, int, int]:
    """(finding id, work order id, asset id) of every finding of 緊急度 I not yet acted on
    (the module's rules), computed from the findings and orders, in the form that is cheapest
    on `dialect` (the same findings: tests/db/test_urgent_findings_rule.py holds both to the
    rule as first written); `only` restricts the findings (to some assets)."""
    found = _urgent_candidates(only, dialect == "sqlite").cte("urgent_candidates")
    return _ranked(found) if dialect == "postgresql" else _probed(found)


def unacted_urgent_findings(dialect: str) -> CompoundSelect[int, int, int]:
    """The same findings as ``computed_unacted``, read from urgent_findings (kept by the
    triggers and folds of db/urgent_findings_sql.py) for the assets without changes since
    their last fold, and computed for the others: one statement, one snapshot."""
    noted = select(UrgentChange.asset_id)
    kept = select(
        UrgentFinding.finding_id.label("id"),
        UrgentFinding.work_order_id.label("work_order_id"),
        UrgentFinding.asset_id.label("asset_id"),
    ).where(UrgentFinding.asset_id.not_in(noted))
    return union_all(kept, computed_unacted(dialect, Finding.asset_id.in_(noted)))


@cache
def recompute_sql(dialect: str) -> str:
    """The rule's SELECT restricted to the noted assets, as SQL for the fold: on SQLite those
    of urgent_changes, on PostgreSQL those of the fold function's array ``ids``."""
    if dialect == "postgresql":
        # A semi-join on the array's rows (hashed), not = ANY(ids) (one scan of it per row).
        only = Finding.asset_id.in_(select(func.unnest(literal_column("ids"))))
    else:
        only = Finding.asset_id.in_(select(UrgentChange.asset_id))
    statement = computed_unacted(dialect, only)
    compiled = statement.compile(
        dialect=_DIALECTS[dialect](), compile_kwargs={"literal_binds": True}
    )
    return str(compiled)


def fold_urgent(conn: Connection) -> None:
    """Recompute the kept rows of the assets noted since the last fold, inside the caller's
    transaction (on PostgreSQL the owner's function, as row-level security would hide
    orders from a user's own role)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT {urgent_sql.FOLD_FUNCTION}")
        return
    for statement in urgent_sql.sqlite_fold("urgent_findings", recompute_sql("sqlite")):
        conn.exec_driver_sql(statement)
