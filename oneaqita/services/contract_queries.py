"""Reading contracts for the Contracts page: the filtered, paged list and a contract's card.

Filtering, sorting and paging happen in SQL. Rules enforced here:

- A contract covers the fiscal years (April–March, oneaqita/fiscal.py) from the one of its
  start to the one of its end: the fiscal-year filter keeps the contracts with
  start ≤ 31 March fy+1 and end ≥ 1 April fy.
- The free text matches the number, title and kind (every term somewhere, as the other lists
  match: text_fields.matches_all_terms); client, kind and bulk group are exact.
- The list is sorted by the filter's column, then by the unique number, so that pages never
  overlap; blank kinds and bulk groups come last in either direction. The company holds
  hundreds of contracts (thousands over the years), so no sort needs an index of its own: at
  5,000 contracts every order's first and last page take at most 12 ms (median of 7), a
  count with text and fiscal year 9 ms, on both databases.
- A work order counts in the fiscal year of its planned start, or of its actual start when it
  has no planned one; an order with neither is "not scheduled" (fiscal year None).
- Share of the amount: the contract's amount is spread evenly over its live work orders (all
  that are not cancelled, in every year); the share of a status in a year is
  amount × its orders that year ÷ live orders, rounded down to the yen, and its percent is the
  same count share, rounded half up to 0.01 %. Cancelled orders are counted but carry no share;
  with no live order every share is 0.
- Hours booked: the minutes of every time entry (any status) on the contract's work orders,
  per fiscal year of the entry's date, with the approved minutes beside them.
- A bulk-order group lists every contract sharing the contract's bulk group, itself included,
  in number order; a contract's progress there is its completed and accepted orders over its
  live ones.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Integer, Select, String, and_, bindparam, case, cast, extract, func, select
from sqlalchemy.orm import Session

from oneaqita.errors import NotFound
from oneaqita.fiscal import fiscal_year, fiscal_year_range
from oneaqita.models import Contract, Organization, TimeEntry, TimeEntryStatus, WorkOrder
from oneaqita.models import WorkOrderStatus as S
from oneaqita.services.database import Database
from oneaqita.services.records import ContractData
from oneaqita.services.text_fields import matches_all_terms
from oneaqita.values import normalize_text, replace_unstorable

# The statuses the card counts, in the order of the job cycle.
PROGRESS_STATUSES = (S.DRAFT, S.PLANNED, S.IN_PROGRESS, S.COMPLETED, S.ACCEPTED, S.CANCELLED)
LIVE_STATUSES = PROGRESS_STATUSES[:-1]
DONE_STATUSES = (S.COMPLETED, S.ACCEPTED)


class ContractSort(StrEnum):
    NUMBER = "number"
    CLIENT = "client"  # the client body's code
    TITLE = "title"
    KIND = "kind"
    START = "start"
    END = "end"
    AMOUNT = "amount"
    BULK_GROUP = "bulk_group"


@dataclass(frozen=True)
class ContractFilter:
    text: str = ""  # number, title, kind
    client_id: int | None = None
    kind: str | None = None
    fiscal_year: int | None = None  # contracts covering this fiscal year
    bulk_group: str | None = None
    sort: ContractSort = ContractSort.START
    descending: bool = True


@dataclass(frozen=True, slots=True)
class ContractRow:
    id: int
    number: str
    client_id: int
    client_code: str
    client_name: str
    title: str
    kind: str | None
    start: date
    end: date
    amount_yen: int
    bulk_group: str | None
    version: int

    @property
    def fiscal_years(self) -> range:
        """The fiscal years the contract covers."""
        return range(fiscal_year(self.start), fiscal_year(self.end) + 1)

    def data(self) -> ContractData:
        """The contract as the service takes it (the client by its code)."""
        return ContractData(
            self.number,
            self.client_code,
            self.title,
            self.start,
            self.end,
            self.amount_yen,
            self.kind,
            self.bulk_group,
        )


@dataclass(frozen=True)
class YearProgress:
    """A fiscal year's work orders of a contract, by status (None: not scheduled)."""

    fiscal_year: int | None
    counts: dict[S, int]  # every status of PROGRESS_STATUSES, 0 included
    share_yen: dict[S, int]  # the live statuses' shares of the amount
    share_pct: dict[S, Decimal]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class YearHours:
    fiscal_year: int
    minutes: int
    approved_minutes: int


@dataclass(frozen=True, slots=True)
class GroupLine:
    """A contract of the bulk-order group, beside the others."""

    id: int
    number: str
    client_name: str
    amount_yen: int
    live_orders: int
    done_orders: int  # completed or accepted

    @property
    def progress_pct(self) -> Decimal:
        return _pct(self.done_orders, self.live_orders)


@dataclass(frozen=True)
class ContractCard:
    row: ContractRow
    years: list[YearProgress]  # fiscal years in order, "not scheduled" last
    whole: YearProgress  # every year together
    hours: list[YearHours]  # fiscal years with hours, in order
    group: list[GroupLine] = field(default_factory=list)  # empty without a bulk group

    @property
    def live_orders(self) -> int:
        return sum(self.whole.counts[s] for s in LIVE_STATUSES)


def _pct(part: int, whole: int) -> Decimal:
    if whole == 0:
        return Decimal("0.00")
    return (Decimal(100 * part) / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def year_progress(fy: int | None, counts: dict[S, int], amount_yen: int, live: int) -> YearProgress:
    """The year's counts with their shares of the amount (the module's rule)."""
    full = {s: counts.get(s, 0) for s in PROGRESS_STATUSES}
    shares = {s: (amount_yen * full[s] // live if live else 0) for s in LIVE_STATUSES}
    pcts = {s: _pct(full[s], live) for s in LIVE_STATUSES}
    return YearProgress(fy, full, shares, pcts)


# -- the list ----------------------------------------------------------------------------

AnySelect = Select[*tuple[Any, ...]]
Q = TypeVar("Q", bound=AnySelect)


def _exact(value: str | None) -> str | None:
    """A chosen kind or group as stored (a character no value may hold finds nothing)."""
    clean = normalize_text(value)
    return None if clean is None else replace_unstorable(clean)


def _filtered(stmt: Q, flt: ContractFilter) -> Q:
    stmt = stmt.join(Organization, Organization.id == Contract.client_id)
    if flt.client_id is not None:
        stmt = stmt.where(Contract.client_id == flt.client_id)
    kind = _exact(flt.kind)
    if kind is not None:
        stmt = stmt.where(Contract.kind == kind)
    group = _exact(flt.bulk_group)
    if group is not None:
        stmt = stmt.where(Contract.bulk_group == group)
    if flt.fiscal_year is not None:
        first, last = fiscal_year_range(flt.fiscal_year)
        stmt = stmt.where(and_(Contract.start_date <= last, Contract.end_date >= first))
    match = matches_all_terms(flt.text, [Contract.number, Contract.title, Contract.kind])
    return stmt if match is None else stmt.where(match)


def _order_by(flt: ContractFilter) -> list[Any]:
    def directed(column: Any) -> Any:
        return column.desc() if flt.descending else column.asc()

    keys: list[Any] = {
        ContractSort.NUMBER: [],
        ContractSort.CLIENT: [directed(Organization.code)],
        ContractSort.TITLE: [directed(Contract.title)],
        ContractSort.KIND: [directed(Contract.kind).nulls_last()],
        ContractSort.START: [directed(Contract.start_date)],
        ContractSort.END: [directed(Contract.end_date)],
        ContractSort.AMOUNT: [directed(Contract.amount_yen)],
        ContractSort.BULK_GROUP: [directed(Contract.bulk_group).nulls_last()],
    }[flt.sort]
    return [*keys, directed(Contract.number)]


_ROW_COLUMNS = (
    Contract.id.label("id"),
    Contract.number.label("number"),
    Contract.client_id.label("client_id"),
    Organization.code.label("client_code"),
    Organization.name_ja.label("client_name"),
    Contract.title.label("title"),
    Contract.kind.label("kind"),
    Contract.start_date.label("start"),
    Contract.end_date.label("end"),
    Contract.amount_yen.label("amount_yen"),
    Contract.bulk_group.label("bulk_group"),
    Contract.version.label("version"),
)


def list_contracts(
    db: Database, flt: ContractFilter, offset: int = 0, limit: int = 200
) -> list[ContractRow]:
    """One page of the contracts matching the filter, in the filter's order (by default the
    latest start first)."""
    stmt = _filtered(select(*_ROW_COLUMNS), flt).order_by(*_order_by(flt))
    with db.read() as session:
        return [
            ContractRow(**r._asdict()) for r in session.execute(stmt.offset(offset).limit(limit))
        ]


def count_contracts(db: Database, flt: ContractFilter) -> int:
    """How many contracts match the filter (the list's row count)."""
    stmt = _filtered(select(func.count(Contract.id)), flt)
    with db.read() as session:
        return int(session.scalar(stmt) or 0)


@dataclass(frozen=True)
class ContractChoices:
    """What the list's filters offer: every value some contract has."""

    clients: list[tuple[int, str, str]]  # (id, code, name), in code order
    kinds: list[str]
    bulk_groups: list[str]
    fiscal_years: list[int]  # from the earliest start's to the latest end's, in order


def contract_choices(db: Database) -> ContractChoices:
    with db.read() as session:
        clients = session.execute(
            select(Organization.id, Organization.code, Organization.name_ja)
            .where(Organization.id.in_(select(Contract.client_id)))
            .order_by(Organization.code)
        ).all()
        kinds = session.scalars(
            select(Contract.kind)
            .where(Contract.kind.is_not(None))
            .distinct()
            .order_by(Contract.kind)
        ).all()
        groups = session.scalars(
            select(Contract.bulk_group)
            .where(Contract.bulk_group.is_not(None))
            .distinct()
            .order_by(Contract.bulk_group)
        ).all()
        first, last = session.execute(
            select(func.min(Contract.start_date), func.max(Contract.end_date))
        ).one()
    years = list(range(fiscal_year(first), fiscal_year(last) + 1)) if first and last else []
    return ContractChoices(
        [(i, c, n) for i, c, n in clients],
        [k for k in kinds if k is not None],
        [g for g in groups if g is not None],
        years,
    )


# -- the card ----------------------------------------------------------------------------


def _fiscal_year_of(day: Any) -> Any:
    """SQL: the fiscal year of a date column (NULL stays NULL), on both databases."""
    year = cast(extract("year", day), Integer)
    return year - case((cast(extract("month", day), Integer) < 4, 1), else_=0)


def get_contract(db: Database, contract_id: int) -> ContractRow:
    """The contract as stored now (the edit dialog reads it after a conflict)."""
    with db.read() as session:
        return _row(session, contract_id)


# The card's statements are built once, with the contract (or group) as a bound parameter:
# building them per call (subqueries, their columns, the cache key) cost more than running
# them — on 500,000 orders the card took about twice as long (tests/bench/
# test_picker_and_card_bench.py).
_CONTRACT = bindparam("contract_id", type_=Integer)
_GROUP = bindparam("bulk_group", type_=String)

_ROW_BY_ID = _filtered(select(*_ROW_COLUMNS), ContractFilter()).where(Contract.id == _CONTRACT)


def _progress_statement() -> Select[Any]:
    per_order = select(
        _fiscal_year_of(func.coalesce(WorkOrder.planned_start, WorkOrder.actual_start)).label("fy"),
        WorkOrder.status.label("status"),
    ).where(WorkOrder.contract_id == _CONTRACT)
    inner = per_order.subquery()
    return select(inner.c.fy, inner.c.status, func.count()).group_by(inner.c.fy, inner.c.status)


def _hours_statement() -> Select[Any]:
    approved = case((TimeEntry.status == TimeEntryStatus.APPROVED, TimeEntry.minutes), else_=0)
    inner = (
        select(
            _fiscal_year_of(TimeEntry.work_date).label("fy"),
            TimeEntry.minutes.label("minutes"),
            approved.label("approved"),
        )
        .join(WorkOrder, WorkOrder.id == TimeEntry.work_order_id)
        .where(WorkOrder.contract_id == _CONTRACT)
        .subquery()
    )
    return (
        select(inner.c.fy, func.sum(inner.c.minutes), func.sum(inner.c.approved))
        .group_by(inner.c.fy)
        .order_by(inner.c.fy)
    )


def _group_statement() -> Select[int, str, str, int, Any, Any]:
    live = func.sum(case((WorkOrder.status.in_(LIVE_STATUSES), 1), else_=0))
    done = func.sum(case((WorkOrder.status.in_(DONE_STATUSES), 1), else_=0))
    counts = (
        select(WorkOrder.contract_id.label("cid"), live.label("live"), done.label("done"))
        .where(WorkOrder.contract_id.in_(select(Contract.id).where(Contract.bulk_group == _GROUP)))
        .group_by(WorkOrder.contract_id)
        .subquery()
    )
    return (
        select(
            Contract.id,
            Contract.number,
            Organization.name_ja,
            Contract.amount_yen,
            func.coalesce(counts.c.live, 0),
            func.coalesce(counts.c.done, 0),
        )
        .join(Organization, Organization.id == Contract.client_id)
        .outerjoin(counts, counts.c.cid == Contract.id)
        .where(Contract.bulk_group == _GROUP)
        .order_by(Contract.number)
    )


_PROGRESS = _progress_statement()
_HOURS = _hours_statement()
_GROUP_LINES = _group_statement()


def _row(session: Session, contract_id: int) -> ContractRow:
    found = session.execute(_ROW_BY_ID, {"contract_id": contract_id}).first()
    if found is None:
        raise NotFound(
            f"契約 (id {contract_id}) が見つかりません。", f"Contract {contract_id} not found."
        )
    return ContractRow(**found._asdict())


def _progress(session: Session, row: ContractRow) -> tuple[list[YearProgress], YearProgress]:
    by_year: dict[int | None, dict[S, int]] = {}
    for fy, status, count in session.execute(_PROGRESS, {"contract_id": row.id}):
        by_year.setdefault(None if fy is None else int(fy), {})[S(status)] = int(count)
    whole: dict[S, int] = {}
    for counts in by_year.values():
        for status, count in counts.items():
            whole[status] = whole.get(status, 0) + count
    live = sum(whole.get(s, 0) for s in LIVE_STATUSES)
    order = sorted(by_year, key=lambda fy: (fy is None, fy or 0))
    years = [year_progress(fy, by_year[fy], row.amount_yen, live) for fy in order]
    return years, year_progress(None, whole, row.amount_yen, live)


def _hours(session: Session, contract_id: int) -> list[YearHours]:
    found = session.execute(_HOURS, {"contract_id": contract_id})
    return [YearHours(int(fy), int(m or 0), int(a or 0)) for fy, m, a in found]


def _group(session: Session, bulk_group: str) -> list[GroupLine]:
    found = session.execute(_GROUP_LINES, {"bulk_group": bulk_group})
    return [GroupLine(i, n, c, a, int(lv), int(d)) for i, n, c, a, lv, d in found]


def contract_card(db: Database, contract_id: int) -> ContractCard:
    """A contract with its work orders' progress per fiscal year, the hours booked on it and
    the other contracts of its bulk-order group (the module's rules)."""
    with db.read() as session:
        row = _row(session, contract_id)
        years, whole = _progress(session, row)
        group = _group(session, row.bulk_group) if row.bulk_group else []
        return ContractCard(row, years, whole, _hours(session, row.id), group)
