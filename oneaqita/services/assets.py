"""Sewer assets (施設): pipe spans, manholes, pumps and plants, owned by a public body.

Rules enforced here:

- An asset's key is its code (at most 40 characters). Kind and owner are required; the owner
  is given by organization code or exact Japanese name and must exist.
- The parent (上位施設) is given by asset code and must exist (stored, or among the assets
  stored in the same call); an asset is never its own parent, nor its own ancestor.
- Installed year: 1868 (the first year of Meiji, as the schema allows) to this year, never in
  the future. Diameter is a whole number of millimetres above 0 (as the schema requires);
  length 0 or more; both no more than their columns hold (services/number_fields.py).
  Latitude −90..90 and longitude −180..180: nothing narrower, an owner's assets may lie
  outside Akita. Length is kept to 0.01 m, coordinates to 0.000001°; finer
  values are rounded (half even) to what is stored, so that importing them twice changes
  nothing the second time.
- An asset has no service life of its own unless one is set (models/service_lives.py): it
  follows its owner's target life and its kind's standard life, also when its kind changes;
  one set is kept.
- Only administrators change assets (they are reference data, like organizations).
- Storing by code sets every field as given (None clears it; no status means in service),
  audits every write and bumps the version; the edit dialog's save checks the version the user
  edited (ConcurrentEdit otherwise). An import stores a chunk at a time through upsert_assets:
  the same checks, set-based statements (services/asset_writes.py). Every write of assets,
  the dialog's too, goes through upsert_assets and ends in ``_written`` (the audit, and
  whatever is derived from an asset's own columns), with the added and the updated assets.
- Every added asset, and every updated one whose code, district or material changed, gets its
  search document (oneaqita/asset_search.py) in the same transaction (``_written``); the map's
  counts follow before the commit (services/noted_folds.py).
"""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.asset_search import index_assets
from oneaqita.errors import ValidationError
from oneaqita.models import Asset, Organization
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.asset_writes import (
    audit_writes,
    check_no_cycles,
    ids_by_code,
    insert_assets,
    stored_assets,
    update_assets,
)
from oneaqita.services.changes import Change
from oneaqita.services.database import Database
from oneaqita.services.number_fields import checked_number
from oneaqita.services.organizations import organizations_by_ref, resolve_organization
from oneaqita.services.records import AssetData, UpsertOutcome
from oneaqita.services.text_fields import optional_text, reference_text, required_text
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import row_to_edit

__all__ = ["save_asset", "upsert_asset", "upsert_assets"]

FIRST_YEAR = 1868  # 明治元年; the schema's lower bound
_CENTIMETRE = Decimal("0.01")
_MICRODEGREE = Decimal("0.000001")


def _year(value: int | None) -> int | None:
    this_year = date.today().year
    if value is not None and not FIRST_YEAR <= value <= this_year:
        raise ValidationError(
            f"布設年度は{FIRST_YEAR}〜{this_year}年にしてください ({value}年)。",
            f"Installed year must be {FIRST_YEAR} to {this_year} (it is {value}).",
            "installed_year",
        )
    return value


def _diameter(value: int | None) -> int | None:
    checked_number(value, Asset.diameter_mm, "diameter_mm", "管径", "Diameter")
    if value is not None and value <= 0:
        raise ValidationError(
            f"管径は1mm以上にしてください ({value})。",
            f"Diameter must be at least 1 mm (it is {value}).",
            "diameter_mm",
        )
    return value


def _length(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    checked_number(value, Asset.length_m, "length_m", "延長", "Length")
    length = value.quantize(_CENTIMETRE)  # after the check: a huge value cannot be quantized
    if length < 0:
        raise ValidationError(
            f"延長は0m以上にしてください ({value})。",
            f"Length must not be negative (it is {value}).",
            "length_m",
        )
    return length


def _coordinate(
    value: Decimal | None, limit: int, field: str, label_ja: str, label_en: str
) -> Decimal | None:
    if value is None:
        return None
    if not -limit <= value <= limit:
        raise ValidationError(
            f"{label_ja}は−{limit}〜{limit}度にしてください ({value})。",
            f"{label_en} must be -{limit} to {limit} degrees (it is {value}).",
            field,
        )
    return value.quantize(_MICRODEGREE)


def _checked(data: AssetData, owners: Mapping[str, Organization]) -> dict[str, Any]:
    """The asset's column values (all but parent_id) once every rule holds; the owner among
    `owners` (organizations_by_ref)."""
    return {
        "code": _code(data.code),
        "kind": data.kind,
        "owner_id": resolve_organization(owners, data.owner, "owner").id,
        "district": optional_text(data.district, "district", "処理区", "District", 100),
        "installed_year": _year(data.installed_year),
        "material": optional_text(data.material, "material", "管種", "Material", 40),
        "diameter_mm": _diameter(data.diameter_mm),
        "length_m": _length(data.length_m),
        "latitude": _coordinate(data.latitude, 90, "latitude", "緯度", "Latitude"),
        "longitude": _coordinate(data.longitude, 180, "longitude", "経度", "Longitude"),
        "status": data.status,
    }


def _code(value: str | None) -> str:
    return required_text(value, "code", "施設番号", "Asset code", 40)


def _parent_code(data: AssetData, code: str) -> str | None:
    parent = reference_text(data.parent, "parent", "上位施設", "Parent asset")
    if parent == code:
        raise ValidationError(
            f"施設 {code} を自分自身の上位施設にはできません。",
            f"Asset {code} cannot be its own parent.",
            "parent",
        )
    return parent


def _no_parent(code: str, parent: str) -> ValidationError:
    return ValidationError(
        f"上位施設「{parent}」が見つかりません (施設 {code})。施設番号で指定してください。",
        f"No parent asset with code '{parent}' (for asset {code}).",
        "parent",
    )


def _written(
    uow: UnitOfWork,
    added: list[tuple[int, dict[str, Any]]],
    updated: list[tuple[Mapping[Any, Any], dict[str, Any]]],
) -> None:
    """What follows every write of assets, in the same transaction: the audit entries (and
    whatever else is derived from an asset's own columns). ``added``: (id, values) of each
    new asset; ``updated``: (stored row, new values) of each changed one (asset_writes.AUDITED
    keys each)."""
    audit_writes(uow, added, updated)
    _index(uow.session, added, updated)  # the map's counts follow at the commit (noted_folds)


_SEARCHED = ("code", "district", "material")


def _index(
    session: Session,
    added: list[tuple[int, dict[str, Any]]],
    updated: list[tuple[Mapping[Any, Any], dict[str, Any]]],
) -> None:
    """The search documents (oneaqita/asset_search.py) of the added assets and of the updated
    ones whose searched values changed."""
    rows = [(i, *(v[k] for k in _SEARCHED)) for i, v in added]
    rows += [
        (old["id"], *(v[k] for k in _SEARCHED))
        for old, v in updated
        if any(old[k] != v[k] for k in _SEARCHED)
    ]
    index_assets(session, rows)


@requires(Action.EDIT_ASSETS)
def upsert_assets(uow: UnitOfWork, rows: Sequence[AssetData]) -> list[tuple[int, UpsertOutcome]]:
    """Store assets with distinct codes under their codes: add, update or leave each unchanged
    (see the module's rules), set-based (services/asset_writes.py), without ORM objects:
    owners, stored assets and parents read in one query each (per 500 codes), new assets
    in one bulk insert, changed ones in one versioned executemany per set of changed columns,
    one audit entry per written asset, inserted together (``_written``). A parent may be one
    of `rows`, before or after its child. Raises the first refusal among the rows before it
    writes anything but a cycle (an import then halves the chunk down to the refused row)."""
    session = uow.session
    owners = organizations_by_ref(session, {data.owner for data in rows})
    checked = [_checked(data, owners) for data in rows]
    parents = [
        _parent_code(data, values["code"]) for data, values in zip(rows, checked, strict=True)
    ]
    codes = [values["code"] for values in checked]
    stored = stored_assets(uow.connection, codes)
    in_rows = set(codes)
    outside = sorted({p for p in parents if p and p not in in_rows})
    parent_ids = {**ids_by_code(uow.connection, outside), **{c: a["id"] for c, a in stored.items()}}
    for values, parent in zip(checked, parents, strict=True):
        if parent and parent not in parent_ids and parent not in in_rows:
            raise _no_parent(values["code"], parent)
        # A parent new in this call has no id yet: insert_assets sets it.
        values["parent_id"] = parent_ids.get(parent) if parent else None

    new = [(v, p) for v, p in zip(checked, parents, strict=True) if v["code"] not in stored]
    for values, _parent in new:
        values["service_life_years"] = None  # follows the service-life tables
    new_ids = insert_assets(uow, [v for v, _ in new], [p for _, p in new])
    parent_ids.update(new_ids)
    parent_of = {new_ids[v["code"]]: v["parent_id"] for v, _ in new}
    # Only a link to a parent that may have children can close a cycle: a new asset's to
    # another new one, a stored asset's changed link. A new asset has no other children.
    linked = [new_ids[v["code"]] for v, p in new if p in new_ids]
    updated: list[tuple[Mapping[Any, Any], dict[str, Any]]] = []  # (stored, its new values)
    for values, parent in zip(checked, parents, strict=True):
        old = stored.get(values["code"])
        if old is None:
            continue
        values["parent_id"] = parent_ids[parent] if parent else None
        # Its own service life, if any, is kept: neither the import nor the dialog sets it.
        values["service_life_years"] = old["service_life_years"]
        if any(old[k] != v for k, v in values.items()):
            updated.append((old, values))
            if old["parent_id"] != values["parent_id"]:
                linked.append(old["id"])
            parent_of[old["id"]] = values["parent_id"]
    update_assets(uow.connection, updated)
    check_no_cycles(session, parent_of, linked)
    _written(uow, [(new_ids[v["code"]], v) for v, _ in new], updated)

    changed = {old["code"] for old, _ in updated}
    results = []
    for code in codes:
        if code in new_ids:
            results.append((new_ids[code], UpsertOutcome.ADDED))
        else:
            outcome = UpsertOutcome.UPDATED if code in changed else UpsertOutcome.UNCHANGED
            results.append((stored[code]["id"], outcome))
    return results


@requires(Action.EDIT_ASSETS)
def upsert_asset(uow: UnitOfWork, data: AssetData) -> tuple[int, UpsertOutcome]:
    """Store one asset under its code inside the caller's unit of work (upsert_assets for one
    row); its id and what was done."""
    return upsert_assets(uow, [data])[0]


@requires(Action.EDIT_ASSETS)
def save_asset(
    db: Database, actor: Actor, data: AssetData, expected_version: int | None
) -> tuple[int, UpsertOutcome, Change]:
    """The edit dialog's save, in its own unit of work: every field as given.
    `expected_version` None adds a new asset (refused if the code is taken); otherwise it is
    the version the user edited: an asset changed since raises ConcurrentEdit, one removed
    since NotFound (the store step's row_to_edit, as for every record)."""
    code = _code(data.code)
    with db.unit_of_work(actor) as uow:
        if expected_version is not None:
            row_to_edit(uow, Asset, Asset.code, code, None, expected_version, ("施設", "Asset"))
        elif uow.session.scalar(select(Asset.id).where(Asset.code == code)) is not None:
            raise ValidationError(
                f"施設番号 {code} は既に使われています。",
                f"Asset code {code} is already in use.",
                "code",
            )
        asset_id, outcome = upsert_asset(uow, data)
    return asset_id, outcome, uow.change
