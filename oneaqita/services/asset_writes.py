"""The statements services/assets.py stores checked assets with, set-based: a chunk of an
import (100,000 assets in seconds) and the edit dialog's one asset take the same path.

- New assets: one bulk insert (db/bulk.py: a driver executemany on SQLite, a COPY on
  PostgreSQL), their ids read back by code (one query per KeyedRead.IN_LIST codes); those whose
  parent is new in the same call get it in one more executemany once every id is known.
- Changed assets: only the columns that changed are written (an UPDATE that sets a column
  rewrites every index holding it, on SQLite even to the same value), one versioned
  statement per set of changed columns (db/bulk.py's VersionedUpdate).
- Cycles: the ancestors of every re-linked asset are walked together, one query per level.
- The audit: one entry per written asset (created with its snapshot, updated with before and
  after), all of a call in one bulk insert (UnitOfWork.audit_many).
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, select, update
from sqlalchemy.orm import Session

from oneaqita.db.bulk import BulkInsert, KeyedRead, VersionedUpdate
from oneaqita.errors import ConcurrentEdit, ValidationError
from oneaqita.models import Asset
from oneaqita.models.base import utcnow
from oneaqita.services.changes import Entity
from oneaqita.services.unit_of_work import UnitOfWork

__all__ = [
    "AUDITED",
    "FIELDS",
    "STORED",
    "audit_writes",
    "check_no_cycles",
    "ids_by_code",
    "insert_assets",
    "snapshot_of",
    "stored_assets",
    "update_assets",
]

ENTITY = Entity.ASSETS
TABLE = cast(Table, Asset.__table__)
# The columns an asset's data sets (all but its parent and its own service life).
FIELDS = (
    "code",
    "kind",
    "owner_id",
    "district",
    "installed_year",
    "material",
    "diameter_mm",
    "length_m",
    "latitude",
    "longitude",
    "status",
)
# What the audit log keeps of an asset (and its version).
AUDITED = (*FIELDS, "parent_id", "service_life_years")
# What upsert_assets compares and audits of a stored asset.
STORED = ("id", "version", *AUDITED)
_INSERTED = (*AUDITED, "version", "created_at", "updated_at")
_INSERT = BulkInsert(TABLE, _INSERTED)
_STORED_BY_CODE = KeyedRead(TABLE, "code", STORED)
_ID_BY_CODE = KeyedRead(TABLE, "code", ("code", "id"))
_PARENT_BY_ID = KeyedRead(TABLE, "id", ("id", "parent_id"))
_DECIMALS = tuple(k for k in AUDITED if k in ("length_m", "latitude", "longitude"))
_ENUMS = ("kind", "status")


def snapshot_of(values: Mapping[str, Any], version: int) -> dict[str, Any]:
    """The audit log's view of an asset, from its column values (AUDITED)."""
    out = {k: values[k] for k in AUDITED}
    for k in _DECIMALS:
        if isinstance(value := out[k], Decimal):
            out[k] = str(value)
    for k in _ENUMS:
        out[k] = getattr(out[k], "value", out[k])
    out["version"] = version
    return out


def stored_assets(conn: Connection, codes: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The STORED columns of the stored assets among `codes`, by code."""
    return _STORED_BY_CODE.run(conn, codes)


def ids_by_code(conn: Connection, codes: Sequence[str]) -> dict[str, int]:
    return {code: row["id"] for code, row in _ID_BY_CODE.run(conn, codes).items()}


def insert_assets(
    uow: UnitOfWork, new: Sequence[dict[str, Any]], parents: Sequence[str | None]
) -> dict[str, int]:
    """Insert the new assets' values (AUDITED each; ``parent_id`` None where ``parents``
    names a parent that is new too) and point those at their parent once it has an id.
    The new ids by code."""
    if not new:
        return {}
    now = utcnow()
    _INSERT.run(uow.connection, [(*(v[k] for k in AUDITED), 1, now, now) for v in new])
    ids = ids_by_code(uow.connection, [v["code"] for v in new])
    late = [
        (v, parent)
        for v, parent in zip(new, parents, strict=True)
        if parent and v["parent_id"] is None
    ]
    if late:
        for values, parent in late:
            values["parent_id"] = ids[parent]
        uow.connection.execute(
            update(TABLE)
            .where(TABLE.c.id == bindparam("b_id"))
            .values(parent_id=bindparam("b_parent")),
            [{"b_id": ids[v["code"]], "b_parent": v["parent_id"]} for v, _ in late],
        )
    return ids


_UPDATES: dict[tuple[str, ...], VersionedUpdate] = {}


def update_assets(
    conn: Connection, updated: Sequence[tuple[Mapping[Any, Any], dict[str, Any]]]
) -> None:
    """Write each (stored row, its new AUDITED values): only the columns that changed, one
    versioned statement per set of them (db/bulk.py); ConcurrentEdit when a row is no longer
    at the version read."""
    groups: dict[tuple[str, ...], list[tuple[int, int, list[Any]]]] = {}
    for old, now in updated:
        names = tuple(k for k in AUDITED if old[k] != now[k])
        groups.setdefault(names, []).append((old["id"], old["version"], [now[k] for k in names]))
    for names, rows in groups.items():
        statement = _UPDATES.get(names)
        if statement is None:
            statement = _UPDATES[names] = VersionedUpdate(TABLE, names)
        if statement.run(conn, rows) != len(rows):
            raise ConcurrentEdit()


def _parents_of(conn: Connection, ids: Sequence[int]) -> dict[int, int | None]:
    return {i: row["parent_id"] for i, row in _PARENT_BY_ID.run(conn, ids).items()}


def check_no_cycles(session: Session, parent_of: dict[int, int | None], ids: Sequence[int]) -> None:
    """ValidationError on "parent" when one of `ids` is its own ancestor; `parent_of` holds
    the parents written in this call, the others are read a level at a time."""
    walks = {start: ({start}, parent_of.get(start)) for start in ids}
    while walks:
        missing = sorted({at for _, at in walks.values() if at is not None} - parent_of.keys())
        parent_of.update(_parents_of(session.connection(), missing))
        going: dict[int, tuple[set[int], int | None]] = {}
        for start, (seen, at) in walks.items():
            if at is None:
                continue
            if at in seen:
                code = session.scalar(select(TABLE.c.code).where(TABLE.c.id == start))
                raise ValidationError(
                    f"上位施設の指定が循環しています (施設 {code} が自分の祖先になります)。",
                    f"The parent of asset {code} makes a cycle (it would be its own ancestor).",
                    "parent",
                )
            seen.add(at)
            going[start] = (seen, parent_of.get(at))
        walks = going


def audit_writes(
    uow: UnitOfWork,
    added: Sequence[tuple[int, Mapping[str, Any]]],
    updated: Sequence[tuple[Mapping[Any, Any], Mapping[str, Any]]],
) -> None:
    """One audit entry per added (id, values) asset and per updated (stored row, new
    values) one."""
    uow.audit_many("create", ENTITY, [(i, None, snapshot_of(v, 1)) for i, v in added])
    uow.audit_many(
        "update",
        ENTITY,
        [
            (old["id"], snapshot_of(old, old["version"]), snapshot_of(now, old["version"] + 1))
            for old, now in updated
        ],
    )
