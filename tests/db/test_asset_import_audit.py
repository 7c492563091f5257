"""The bulk path of the asset import (db/bulk.py, services/asset_writes.py) writes what the
row-by-row path did: one audit entry per written asset, holding the stored row as it is
(created with its snapshot, updated with before and after), none for an unchanged one; only
the columns that changed are written; and a cancel between chunks leaves neither assets nor
entries, also after chunks were written by COPY on PostgreSQL."""

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from oneaqita.errors import Cancelled
from oneaqita.models import Asset, AssetKind, AssetStatus, AuditEntry
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import import_file
from oneaqita.transfer.runner import BULK_CHUNK
from tests.import_files import write_csv
from tests.logins import actor_for
from tests.staffing_builders import add_bodies

HEADER = ["code", "kind", "owner", "district", "installed_year", "length_m", "latitude", "parent"]
ROWS = BULK_CHUNK + 7  # two chunks, the second short


@pytest.fixture
def admin(db: Database) -> Actor:
    add_bodies(db)
    return actor_for(db, "audit-admin")


def _file(tmp_path: Path, name: str, district: str, changed: int = ROWS) -> Path:
    rows: list[list[str]] = [HEADER, ["TP-1", "処理場", "052019", "中央処理区", "1980", "", "", ""]]
    for i in range(ROWS):
        where = district if i < changed else "中央処理区"
        rows.append(
            [f"P-{i:05d}", "管路", "052019", where, "1990", f"{i}.25", f"39.{i:06d}", "TP-1"]
        )
    return write_csv(tmp_path / name, rows)


def _snapshots(db: Database) -> dict[int, dict[str, Any]]:
    """Every stored asset as the audit log keeps it."""
    with db.read() as s:
        return {
            a.id: {
                "code": a.code,
                "kind": a.kind.value,
                "owner_id": a.owner_id,
                "district": a.district,
                "installed_year": a.installed_year,
                "material": a.material,
                "diameter_mm": a.diameter_mm,
                "length_m": None if a.length_m is None else str(a.length_m),
                "latitude": None if a.latitude is None else str(a.latitude),
                "longitude": None if a.longitude is None else str(a.longitude),
                "status": a.status.value,
                "parent_id": a.parent_id,
                "service_life_years": a.service_life_years,
                "version": a.version,
            }
            for a in s.scalars(select(Asset))
        }


def _entries(db: Database, action: str) -> list[Any]:
    """(entity_id, actor, before, after) of the assets' entries of `action`."""
    e = AuditEntry
    with db.read() as s:
        stmt = select(e.entity_id, e.actor, e.before, e.after).where(
            e.entity == "assets", e.action == action
        )
        return list(s.execute(stmt).all())


def _numbers(snapshot: dict[str, Any]) -> dict[str, Any]:
    """Decimals compared by value (SQLite keeps them as floats: "1.50" reads back "1.5")."""
    keys = ("length_m", "latitude", "longitude")
    return {k: Decimal(v) if k in keys and v is not None else v for k, v in snapshot.items()}


def test_every_added_and_every_updated_asset_has_its_entry_and_no_unchanged_one(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    report = import_file(db, admin, "assets", _file(tmp_path, "a.csv", "中央処理区"))
    assert report.written and report.added == ROWS + 1
    added = _snapshots(db)
    created = _entries(db, "create")
    assert sorted(e.entity_id for e in created) == sorted(added)  # one each, none missing
    for entry in created:
        assert entry.before is None and entry.actor == "audit-admin"
        assert _numbers(entry.after or {}) == _numbers(added[entry.entity_id or 0])

    # A third of them moved: only those are written, each with before and after.
    moved = ROWS // 3
    report = import_file(db, admin, "assets", _file(tmp_path, "b.csv", "北部処理区", moved))
    assert (report.updated, report.unchanged) == (moved, ROWS + 1 - moved)
    now = _snapshots(db)
    updates = _entries(db, "update")
    assert len(updates) == moved
    for entry in updates:
        asset_id = entry.entity_id or 0
        assert _numbers(entry.before or {}) == _numbers(added[asset_id])
        assert _numbers(entry.after or {}) == _numbers(now[asset_id])
        assert now[asset_id]["district"] == "北部処理区" and now[asset_id]["version"] == 2
    unchanged = {i for i, a in now.items() if a["version"] == 1}
    assert len(unchanged) == ROWS + 1 - moved
    assert all(now[i] == added[i] for i in unchanged)


def test_an_update_writes_only_what_changed_and_keeps_an_own_service_life(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    import_file(db, admin, "assets", _file(tmp_path, "a.csv", "中央処理区"))
    with db.engine.begin() as conn:  # set by hand: neither the import nor the dialog sets it
        conn.execute(update(Asset).where(Asset.code == "P-00003").values(service_life_years=75))
    import_file(db, admin, "assets", _file(tmp_path, "b.csv", "北部処理区", 10))
    with db.read() as s:
        pipe = s.scalar(select(Asset).where(Asset.code == "P-00003"))
        assert pipe is not None
        assert (pipe.district, pipe.service_life_years, pipe.kind) == (
            "北部処理区",
            75,
            AssetKind.PIPE,
        )
        assert (pipe.length_m, pipe.status) == (Decimal("3.25"), AssetStatus.IN_SERVICE)


def test_a_cancel_after_bulk_chunks_were_written_leaves_no_asset_and_no_entry(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    stored: list[int] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "store":
            stored.append(done)

    with db.read() as s:
        entries_before = len(list(s.scalars(select(AuditEntry.id))))
    with pytest.raises(Cancelled):
        import_file(
            db,
            admin,
            "assets",
            _file(tmp_path, "a.csv", "中央処理区"),
            progress=progress,
            cancelled=lambda: len(stored) >= 1,
        )
    assert stored == [BULK_CHUNK]  # a whole chunk and its entries were written, then undone
    with db.read() as s:
        assert list(s.scalars(select(Asset.id))) == []
        assert len(list(s.scalars(select(AuditEntry.id)))) == entries_before
