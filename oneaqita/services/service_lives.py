"""The renewal basis: the standard service life of each asset kind, a body's own target life
for a kind, and the unit renewal costs per kind and diameter band (models/service_lives.py),
read and edited.

Rules enforced here:

- An asset's effective service life is its own, else its owner's target life for its kind,
  else its kind's standard life (``effective_life``, in SQL).
- A life is a whole number of years from 1 to 200; a unit cost a whole number of yen from 0
  to 100,000,000,000 (1,000億円, per metre of pipe or per asset); a band's lower bound a
  whole number of millimetres from 0 to 10,000. A value may come typed as text
  (``"７６"``, ``"61,000"``): anything else than digits (a sign, a decimal point, a formula, a
  control character) is refused at its field, in both languages.
- Every kind keeps its standard life (rows are edited, never added or removed) and its band
  from 0 mm (its lower bound never changes, the band is never removed), so that every asset
  has a life and a cost. Two bands of a kind never share a lower bound; a body has at most
  one target life per kind.
- Administrators and managers edit the basis (Action.EDIT_RENEWAL_BASIS); everyone reads it.
  An asset's own life is part of the asset (Action.EDIT_ASSETS, ``set_asset_service_life``:
  None lets it follow the tables again), version-checked and audited as an asset edit.
- Every edit is version-checked (ConcurrentEdit when the row changed since it was read,
  NotFound when it was removed) and audited under Entity.RENEWAL_BASIS, the snapshot naming
  its table.
"""

import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from oneaqita.errors import ValidationError
from oneaqita.labels import label
from oneaqita.models import (
    Asset,
    AssetKind,
    BodyServiceLife,
    Organization,
    RenewalUnitCost,
    ServiceLife,
)
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import row_to_edit

__all__ = [
    "MAX_DIAMETER_MM",
    "MAX_LIFE_YEARS",
    "MAX_UNIT_YEN",
    "BodyLifeRow",
    "KindLifeRow",
    "RenewalBasis",
    "UnitCostRow",
    "effective_life",
    "read_renewal_basis",
    "remove_body_life",
    "remove_unit_cost",
    "save_body_life",
    "save_service_life",
    "save_unit_cost",
    "set_asset_service_life",
    "whole_number",
]

ENTITY = Entity.RENEWAL_BASIS
MAX_LIFE_YEARS = 200
MAX_UNIT_YEN = 100_000_000_000
MAX_DIAMETER_MM = 10_000


@dataclass(frozen=True, slots=True)
class KindLifeRow:
    id: int
    kind: AssetKind
    years: int
    version: int


@dataclass(frozen=True, slots=True)
class BodyLifeRow:
    id: int
    organization_id: int
    body: str
    kind: AssetKind
    years: int
    version: int


@dataclass(frozen=True, slots=True)
class UnitCostRow:
    id: int
    kind: AssetKind
    min_diameter_mm: int
    yen: int
    version: int

    @property
    def per_metre(self) -> bool:
        """Pipes cost per metre, every other kind per asset."""
        return self.kind is AssetKind.PIPE


@dataclass(frozen=True)
class RenewalBasis:
    lives: list[KindLifeRow]
    body_lives: list[BodyLifeRow]
    unit_costs: list[UnitCostRow]


def effective_life() -> ColumnElement[int]:
    """SQL: the effective service life of ``Asset`` (correlated: for the rows a list shows;
    the outlook joins the tables instead)."""
    body = (
        select(BodyServiceLife.years)
        .where(
            BodyServiceLife.organization_id == Asset.owner_id, BodyServiceLife.kind == Asset.kind
        )
        .scalar_subquery()
    )
    standard = select(ServiceLife.years).where(ServiceLife.kind == Asset.kind).scalar_subquery()
    return func.coalesce(Asset.service_life_years, body, standard)


def whole_number(
    value: object, field: str, label_ja: str, label_en: str, low: int, high: int
) -> int:
    """`value` (an int, or text of digits with optional thousands separators, full-width
    allowed) as an int from `low` to `high`; a ValidationError on `field` otherwise."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().replace(",", "")
        if text.isascii() and text.isdigit() and len(text) <= 30:
            number = int(text)
    if number is None:
        shown = repr(value)[:40]
        raise ValidationError(
            f"{label_ja}は{low:,}〜{high:,}の整数で入力してください ({shown})。",
            f"{label_en} must be a whole number from {low:,} to {high:,} (got {shown}).",
            field,
        )
    if not low <= number <= high:
        shown = f"{number:,}" if abs(number) < 10**24 else "(25+ digits)"
        raise ValidationError(
            f"{label_ja}は{low:,}〜{high:,}にしてください ({shown})。",
            f"{label_en} must be from {low:,} to {high:,} (got {shown}).",
            field,
        )
    return number


def _years(value: object) -> int:
    return whole_number(value, "years", "耐用年数", "Service life", 1, MAX_LIFE_YEARS)


def _yen(value: object) -> int:
    return whole_number(value, "yen", "改築単価", "Unit cost", 0, MAX_UNIT_YEN)


def _diameter(value: object) -> int:
    return whole_number(value, "min_diameter_mm", "管径(から)", "Diameter from", 0, MAX_DIAMETER_MM)


def _snapshot(table: str, row: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    values = {f: getattr(getattr(row, f), "value", getattr(row, f)) for f in fields}
    return {"table": table, **values, "version": row.version}


def _life_snapshot(row: ServiceLife) -> dict[str, Any]:
    return _snapshot("service_lives", row, ("kind", "years"))


def _body_snapshot(row: BodyServiceLife) -> dict[str, Any]:
    return _snapshot("body_service_lives", row, ("organization_id", "kind", "years"))


def _cost_snapshot(row: RenewalUnitCost) -> dict[str, Any]:
    return _snapshot("renewal_unit_costs", row, ("kind", "min_diameter_mm", "yen"))


def _basis(session: Session) -> RenewalBasis:
    lives = [
        KindLifeRow(r.id, r.kind, r.years, r.version)
        for r in session.scalars(select(ServiceLife).order_by(ServiceLife.id))
    ]
    bodies = [
        BodyLifeRow(r.id, r.organization_id, name, r.kind, r.years, r.version)
        for r, name in session.execute(
            select(BodyServiceLife, Organization.name_ja)
            .join(Organization, Organization.id == BodyServiceLife.organization_id)
            .order_by(Organization.code, BodyServiceLife.kind)
        )
    ]
    costs = [
        UnitCostRow(r.id, r.kind, r.min_diameter_mm, r.yen, r.version)
        for r in session.scalars(
            select(RenewalUnitCost).order_by(RenewalUnitCost.kind, RenewalUnitCost.min_diameter_mm)
        )
    ]
    order = {k: i for i, k in enumerate(AssetKind)}
    costs.sort(key=lambda c: (order[c.kind], c.min_diameter_mm))
    lives.sort(key=lambda r: order[r.kind])
    return RenewalBasis(lives, bodies, costs)


@requires(Action.READ_LISTS)
def read_renewal_basis(db: Database, actor: Actor) -> RenewalBasis:
    """The three tables as the editor shows them: kinds in their order, bodies by code,
    bands by kind and diameter."""
    with db.read() as session:
        return _basis(session)


def _write(uow: UnitOfWork, action: str, row: Any, before: Any, snap: Any) -> None:
    uow.session.flush()
    uow.audit(action, ENTITY, row.id, before, None if action == "delete" else snap(row))


def _update(uow: UnitOfWork, row: Any, values: dict[str, Any], snapshot: Any) -> None:
    """Set `values` on a stored row and audit it, when they change anything."""
    if any(getattr(row, k) != v for k, v in values.items()):
        before = snapshot(row)
        for k, v in values.items():
            setattr(row, k, v)
        _write(uow, "update", row, before, snapshot)


@requires(Action.EDIT_RENEWAL_BASIS)
def save_service_life(
    db: Database, actor: Actor, kind: AssetKind, years: object, expected_version: int
) -> Change:
    """Set the standard life of `kind` (its row as read at `expected_version`)."""
    clean = _years(years)
    with db.unit_of_work(actor) as uow:
        row = row_to_edit(
            uow, ServiceLife, ServiceLife.kind, AssetKind(kind), None, expected_version,
            ("耐用年数", "Service life"),
        )  # fmt: skip
        if row.years != clean:
            before = _life_snapshot(row)
            row.years = clean
            _write(uow, "update", row, before, _life_snapshot)
    return uow.change


def _body_exists(session: Session, organization_id: int) -> None:
    if session.get(Organization, organization_id) is None:
        raise ValidationError(
            f"団体 {organization_id} が見つかりません。",
            f"No organization {organization_id}.",
            "organization",
        )


@requires(Action.EDIT_RENEWAL_BASIS)
def save_body_life(
    db: Database,
    actor: Actor,
    organization_id: int,
    kind: AssetKind,
    years: object,
    row_id: int | None = None,
    expected_version: int | None = None,
) -> tuple[int, Change]:
    """Add (`row_id` None) or change a body's target life for `kind`; its id. A body has one
    per kind: a second is refused at the kind."""
    clean = _years(years)
    kind = AssetKind(kind)
    with db.unit_of_work(actor) as uow:
        session = uow.session
        _body_exists(session, organization_id)
        taken = session.scalar(
            select(BodyServiceLife.id).where(
                BodyServiceLife.organization_id == organization_id, BodyServiceLife.kind == kind
            )
        )
        if taken is not None and taken != row_id:
            raise ValidationError(
                "この団体のこの種別の目標耐用年数は既にあります。そちらを変更してください。",
                "This body already has a target life for this kind; change that one.",
                "kind",
            )
        if row_id is None:
            row = BodyServiceLife(organization_id=organization_id, kind=kind, years=clean)
            session.add(row)
            _write(uow, "create", row, None, _body_snapshot)
        else:
            row = row_to_edit(
                uow, BodyServiceLife, BodyServiceLife.id, row_id, row_id,
                expected_version or 0, ("目標耐用年数", "Target life"),
            )  # fmt: skip
            values = {"organization_id": organization_id, "kind": kind, "years": clean}
            _update(uow, row, values, _body_snapshot)
    return row.id, uow.change


@requires(Action.EDIT_RENEWAL_BASIS)
def remove_body_life(db: Database, actor: Actor, row_id: int, expected_version: int) -> Change:
    """Remove a body's target life: its assets follow the standard life again."""
    with db.unit_of_work(actor) as uow:
        row = row_to_edit(
            uow, BodyServiceLife, BodyServiceLife.id, row_id, row_id, expected_version,
            ("目標耐用年数", "Target life"),
        )  # fmt: skip
        before = _body_snapshot(row)
        uow.session.delete(row)
        _write(uow, "delete", row, before, _body_snapshot)
    return uow.change


def _first_band(row: RenewalUnitCost) -> ValidationError:
    return ValidationError(
        f"{label(row.kind)}の 0mm からの単価は削除も下限の変更もできません(管径のない施設も"
        "この単価で計算します)。",
        f"The band from 0 mm of {row.kind.value} can neither be removed nor start elsewhere "
        "(assets without a diameter are costed by it).",
        "min_diameter_mm",
    )


@requires(Action.EDIT_RENEWAL_BASIS)
def save_unit_cost(
    db: Database,
    actor: Actor,
    kind: AssetKind,
    min_diameter_mm: object,
    yen: object,
    row_id: int | None = None,
    expected_version: int | None = None,
) -> tuple[int, Change]:
    """Add (`row_id` None) or change the unit cost of a band of `kind` from `min_diameter_mm`
    on; its id."""
    low, clean_yen, kind = _diameter(min_diameter_mm), _yen(yen), AssetKind(kind)
    with db.unit_of_work(actor) as uow:
        session = uow.session
        taken = session.scalar(
            select(RenewalUnitCost.id).where(
                RenewalUnitCost.kind == kind, RenewalUnitCost.min_diameter_mm == low
            )
        )
        if taken is not None and taken != row_id:
            raise ValidationError(
                f"管径 {low:,}mm からの単価は既にあります。",
                f"There is already a unit cost from {low:,} mm.",
                "min_diameter_mm",
            )
        if row_id is None:
            row = RenewalUnitCost(kind=kind, min_diameter_mm=low, yen=clean_yen)
            session.add(row)
            _write(uow, "create", row, None, _cost_snapshot)
        else:
            row = row_to_edit(
                uow, RenewalUnitCost, RenewalUnitCost.id, row_id, row_id,
                expected_version or 0, ("改築単価", "Unit cost"),
            )  # fmt: skip
            if row.min_diameter_mm == 0 and (low != 0 or kind != row.kind):
                raise _first_band(row)
            values = {"kind": kind, "min_diameter_mm": low, "yen": clean_yen}
            _update(uow, row, values, _cost_snapshot)
    return row.id, uow.change


@requires(Action.EDIT_RENEWAL_BASIS)
def remove_unit_cost(db: Database, actor: Actor, row_id: int, expected_version: int) -> Change:
    """Remove a band: its diameters are costed by the band below."""
    with db.unit_of_work(actor) as uow:
        row = row_to_edit(
            uow, RenewalUnitCost, RenewalUnitCost.id, row_id, row_id, expected_version,
            ("改築単価", "Unit cost"),
        )  # fmt: skip
        if row.min_diameter_mm == 0:
            raise _first_band(row)
        before = _cost_snapshot(row)
        uow.session.delete(row)
        _write(uow, "delete", row, before, _cost_snapshot)
    return uow.change


@requires(Action.EDIT_ASSETS)
def set_asset_service_life(
    db: Database, actor: Actor, asset_id: int, years: object | None, expected_version: int
) -> Change:
    """Give the asset a service life of its own (`years`), or let it follow the tables again
    (None or empty text), at the version the user edited."""
    clean = (
        None if years is None or (isinstance(years, str) and not years.strip()) else _years(years)
    )
    with db.unit_of_work(actor) as uow:
        asset = row_to_edit(
            uow, Asset, Asset.id, asset_id, asset_id, expected_version, ("施設", "Asset")
        )
        if asset.service_life_years != clean:
            before = {"service_life_years": asset.service_life_years, "version": asset.version}
            asset.service_life_years = clean
            uow.session.flush()
            after = {"service_life_years": clean, "version": asset.version}
            uow.audit("update", Entity.ASSETS, asset.id, before, after)
    return uow.change
