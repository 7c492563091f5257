"""The shareholder register: who holds how many shares and how much paid-in capital, from when.

Rules enforced here:

- A holding is stored as of a date (`since`); a change of holding is a new row, so the history
  is never overwritten. The key is organization + since: only an import of the same key
  updates a stored row (correcting it), a recorded change never does.
- Shares and paid-in capital are whole numbers, zero or more, that fit their columns
  (services/number_fields.py).
- The register as of a date lists, for each holder, its holding in force on that date (the
  latest one since on or before it); a holder whose holding in force is 0 shares has left and
  is not listed. Ownership % = shares / total shares × 100, to two places, by largest
  remainder so that the listed percentages add up to exactly 100.00.
- Administrators and managers change holdings.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, select

from oneaqita.errors import ValidationError
from oneaqita.models import Organization, OrganizationKind, Shareholding
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.number_fields import checked_number
from oneaqita.services.organizations import find_organization
from oneaqita.services.records import ShareholdingData, UpsertOutcome
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import store_values

ENTITY = Entity.SHAREHOLDINGS
_HUNDREDTHS_OF_WHOLE = 100 * 100  # 100 %, counted in units of 0.01 %


@dataclass(frozen=True, slots=True)
class RegisterRow:
    organization_id: int
    code: str
    name_ja: str
    kind: OrganizationKind
    shares: int
    capital_yen: int
    since: date
    percent: Decimal  # two places; the rows' percentages add up to 100.00


@dataclass(frozen=True)
class Register:
    as_of: date
    rows: list[RegisterRow]
    total_shares: int
    total_capital_yen: int

    @property
    def total_percent(self) -> Decimal:
        return sum((r.percent for r in self.rows), Decimal("0.00"))


@dataclass(frozen=True, slots=True)
class HoldingLine:
    id: int
    since: date
    shares: int
    capital_yen: int
    shares_change: int | None  # against the previous holding; None for the first
    version: int


def ownership_percentages(shares: Sequence[int]) -> list[Decimal]:
    """Each holder's shares as a percentage of the total, to two places, adding up to exactly
    100.00 (for a non-zero total): every share is first rounded down to 0.01 %, then the
    hundredths still missing go one each to the largest remainders (ties: more shares first,
    then list order), so no holder is ever more than 0.01 off its exact share."""
    total = sum(shares)
    if total <= 0:
        return [Decimal("0.00") for _ in shares]
    floors = [s * _HUNDREDTHS_OF_WHOLE // total for s in shares]
    remainders = [s * _HUNDREDTHS_OF_WHOLE % total for s in shares]
    missing = _HUNDREDTHS_OF_WHOLE - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-remainders[i], -shares[i], i))
    for i in order[:missing]:
        floors[i] += 1
    return [Decimal(f).scaleb(-2) for f in floors]


def _check(data: ShareholdingData) -> None:
    for value, field, label_ja, label_en in (
        (data.shares, "shares", "株式数", "Shares"),
        (data.capital_yen, "capital_yen", "出資額", "Paid-in capital"),
    ):
        checked_number(value, getattr(Shareholding, field), field, label_ja, label_en)
        if value < 0:
            raise ValidationError(
                f"{label_ja}は0以上にしてください ({value:,})。",
                f"{label_en} must be zero or more (got {value:,}).",
                field,
            )


def snapshot(holding: Shareholding) -> dict[str, Any]:
    return {
        "organization_id": holding.organization_id,
        "shares": holding.shares,
        "capital_yen": holding.capital_yen,
        "since": holding.since.isoformat(),
        "version": holding.version,
    }


@requires(Action.RECORD_SHAREHOLDINGS)
def _existing(uow: UnitOfWork, data: ShareholdingData) -> tuple[int, Shareholding | None]:
    org = find_organization(uow.session, data.organization, "organization")
    _check(data)
    stmt = select(Shareholding).where(
        Shareholding.organization_id == org.id, Shareholding.since == data.since
    )
    return org.id, uow.session.scalar(stmt)


def _values(organization_id: int, data: ShareholdingData) -> dict[str, Any]:
    return {
        "organization_id": organization_id,
        "shares": data.shares,
        "capital_yen": data.capital_yen,
        "since": data.since,
    }


@requires(Action.RECORD_SHAREHOLDINGS)
def upsert_shareholding(uow: UnitOfWork, data: ShareholdingData) -> tuple[int, UpsertOutcome]:
    """Store a holding under its key (organization + since): add it, correct the stored row
    with that key, or leave it unchanged. Shares and capital must be zero or more; the
    holder must exist. Administrators and managers only; every write audited."""
    organization_id, holding = _existing(uow, data)
    values = _values(organization_id, data)
    return store_values(uow, ENTITY, Shareholding, holding, values, snapshot)


@requires(Action.RECORD_SHAREHOLDINGS)
def record_holding_change(db: Database, actor: Actor, data: ShareholdingData) -> Change:
    """Record that a holder's holding is `data` from `data.since` on, as a new row: earlier
    holdings stay as they were. Refused when the holder already has a holding recorded on
    that date (correct that one by import, or choose the date the change took effect)."""
    with db.unit_of_work(actor) as uow:
        organization_id, existing = _existing(uow, data)
        if existing is not None:
            raise ValidationError(
                f"{data.since.isoformat()} からの持株は既に登録されています "
                f"({existing.shares:,}株)。変更は変更が効力を持つ日付で登録してください。",
                f"A holding from {data.since.isoformat()} is already recorded "
                f"({existing.shares:,} shares); record the change under the date it took effect.",
                "since",
            )
        store_values(uow, ENTITY, Shareholding, None, _values(organization_id, data), snapshot)
        return uow.change


def shareholder_register(db: Database, as_of: date) -> Register:
    """The register on `as_of`, in code order, with ownership percentages and totals (see the
    module's rules). The holdings in force are picked in SQL; only the holders' rows, a few
    dozen, come back to be rounded."""
    latest = (
        select(Shareholding.organization_id, func.max(Shareholding.since).label("since"))
        .where(Shareholding.since <= as_of)
        .group_by(Shareholding.organization_id)
        .subquery()
    )
    stmt = (
        select(
            Organization.id,
            Organization.code,
            Organization.name_ja,
            Organization.kind,
            Shareholding.shares,
            Shareholding.capital_yen,
            Shareholding.since,
        )
        .join(
            latest,
            and_(
                latest.c.organization_id == Shareholding.organization_id,
                latest.c.since == Shareholding.since,
            ),
        )
        .join(Organization, Organization.id == Shareholding.organization_id)
        .where(Shareholding.shares > 0)
        .order_by(Organization.code)
    )
    with db.read() as session:
        found = session.execute(stmt).all()
    percents = ownership_percentages([r.shares for r in found])
    rows = [RegisterRow(*r, percent=p) for r, p in zip(found, percents, strict=True)]
    return Register(
        as_of=as_of,
        rows=rows,
        total_shares=sum(r.shares for r in rows),
        total_capital_yen=sum(r.capital_yen for r in rows),
    )


def holding_history(db: Database, organization_id: int) -> list[HoldingLine]:
    """Every holding recorded for one holder, oldest first, with the change in shares."""
    stmt = (
        select(
            Shareholding.id,
            Shareholding.since,
            Shareholding.shares,
            Shareholding.capital_yen,
            Shareholding.version,
        )
        .where(Shareholding.organization_id == organization_id)
        .order_by(Shareholding.since)
    )
    with db.read() as session:
        found = session.execute(stmt).all()
    lines: list[HoldingLine] = []
    previous: int | None = None
    for hid, since, shares, capital, version in found:
        change = None if previous is None else shares - previous
        lines.append(HoldingLine(hid, since, shares, capital, change, version))
        previous = shares
    return lines
