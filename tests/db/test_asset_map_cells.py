"""The map's pre-counted cells (migration 0020, services/asset_map_cells.py) hold what the live
count gives, cell for cell, after every kind of write of an asset: the service's inserts and
edits, a delete, an import, a finding that changes a condition, a write by plain SQL not yet
folded, and two writers at once; on SQLite and PostgreSQL."""

import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select, text

from oneaqita.models import (
    Asset,
    AssetKind,
    AssetMapChange,
    AssetStatus,
    FindingRank,
    Urgency,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.services.asset_map import (
    MapBox,
    _only_condition,
    live_cells,
    map_picture,
)
from oneaqita.services.asset_map_cells import (
    MAX_LEVEL,
    MIN_LEVEL,
    read_cells,
    slice_of,
    whole_cells,
)
from oneaqita.services.asset_registry import AssetListFilter
from oneaqita.services.assets import save_asset, upsert_assets
from oneaqita.services.database import Database
from oneaqita.services.findings import FindingData, save_finding
from oneaqita.services.records import AssetData
from oneaqita.transfer.runner import import_file
from tests.bench.asset_import_setup import HEADER
from tests.builders import Sample, build_sample
from tests.import_files import write_csv
from tests.staffing_builders import ADMIN

BOX = MapBox(140.0, 39.5, 140.3, 39.8)
FILTERS = [
    AssetListFilter(),
    AssetListFilter(owner_id=1),
    AssetListFilter(kind=AssetKind.MANHOLE),
    AssetListFilter(status=AssetStatus.RETIRED),
    AssetListFilter(condition=Urgency.I),
    AssetListFilter(condition="none"),
    AssetListFilter(owner_id=2, condition=Urgency.II),
]
KINDS = [AssetKind.PIPE, AssetKind.MANHOLE, AssetKind.PUMP_STATION]
STATUSES = [AssetStatus.IN_SERVICE, AssetStatus.IN_SERVICE, AssetStatus.RETIRED]


def _asset(n: int, owner: str, lon: str | None = None, lat: str | None = None) -> AssetData:
    """Spread over a few cells of every level, some on a cell's very edge (x.0 / 64)."""
    return AssetData(
        f"M-{n:04d}",
        KINDS[n % 3],
        owner,
        longitude=Decimal(lon or f"140.{(n * 3719) % 250_000 + 15_625:06d}"),
        latitude=Decimal(lat or f"39.{(n * 7901) % 250_000 + 531_250:06d}"),
        status=STATUSES[n % 3],
    )


def _same(db: Database) -> None:
    """Every filter the cells answer, at every level they answer (and two coarser): the
    pre-counted cells are the live count's."""
    with db.read_connection() as conn:
        for flt in FILTERS:
            picked = flt.asset_filter()
            key = slice_of(picked)
            assert key is not None, flt
            for level in range(MIN_LEVEL - 2, MAX_LEVEL + 1):
                x0, x1 = whole_cells(BOX.west, BOX.east, 180, level)
                y0, y1 = whole_cells(BOX.south, BOX.north, 90, level)
                counted = _only_condition(
                    read_cells(conn, key, level, x0, x1, y0, y1), flt.condition
                )
                live = live_cells(conn, flt, BOX, level)
                assert {k: v for k, v in counted.items() if sum(v)} == live, (flt, level)
                assert sum(map(sum, live.values())) > 0 or flt.condition is not None


def _changes(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AssetMapChange)) or 0)


def _store(db: Database, rows: list[AssetData]) -> None:
    with db.unit_of_work(ADMIN) as uow:
        upsert_assets(uow, rows)


def test_the_cells_are_the_live_count_after_every_kind_of_write(
    db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    _store(db, [_asset(n, "052019" if n % 2 else "052027") for n in range(60)])
    assert _changes(db) == 0  # folded by the service, before its commit
    _same(db)

    # Edits: moved to another cell, another owner, another status; one loses its position.
    moved = AssetData("M-0001", AssetKind.PIPE, "052027", longitude=Decimal("140.25"),
                      latitude=Decimal("39.75"), status=AssetStatus.RETIRED)  # fmt: skip
    save_asset(db, ADMIN, moved, 1)
    save_asset(db, ADMIN, AssetData("M-0002", AssetKind.MANHOLE, "052019"), 1)
    _same(db)

    # A delete (no service deletes assets; the trigger follows any writer).
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(text("DELETE FROM assets WHERE code IN ('M-0003', 'M-0004')"))
    assert _changes(db) == 2  # noted, not folded: still counted
    _same(db)

    # An import: new assets and changes of stored ones, one statement each.
    body = [[f"I-{n:04d}", "マンホール" if n % 4 else "管路", "秋田市", "", "1990", "", "", "",
             f"39.{600_000 + n * 977:06d}", f"140.{100_000 + n * 1_531:06d}", "", "供用中"]
            for n in range(40)]  # fmt: skip
    body += [["M-0010", "管路", "能代市", "", "", "", "", "", "39.700001", "140.200001", "",
              "廃止"]]  # fmt: skip
    report = import_file(db, ADMIN, "assets", write_csv(tmp_path / "a.csv", [HEADER, *body]))
    assert report.ok, report.errors
    assert _changes(db) == 0  # the import's service folded the delete's changes too
    _same(db)

    # A finding of 腐食 graded A on a placed pipe: its condition becomes I.
    pipe = _placed_pipe(db, sample)
    data = FindingData(sample.work_order_ids[0], pipe, "腐食", FindingRank.A)
    save_finding(db, sample.coordinator, data, None)
    with db.read() as s:
        assert s.scalar(select(Asset.condition).where(Asset.id == pipe)) == Urgency.I
    assert _changes(db) == 0
    _same(db)

    # Plain SQL over many rows, never folded: the map still counts it.
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(text("UPDATE assets SET condition = 'II' WHERE code LIKE 'I-%'"))
    assert _changes(db) == 80
    _same(db)
    flt = AssetListFilter(condition=Urgency.II)
    picture = map_picture(db, flt, BOX, 800, 600, max_points=2)
    assert picture.aggregated and picture.total == 40


def _placed_pipe(db: Database, sample: Sample) -> int:
    """The sample's pipe, given a position, on a running survey's order."""
    with db.read() as s:
        pipe = s.scalars(select(Asset).where(Asset.code == "052019-P-000001")).one()
        data = AssetData(pipe.code, pipe.kind, "052019", longitude=Decimal("140.120000"),
                         latitude=Decimal("39.720000"))  # fmt: skip
        version, pipe_id = pipe.version, pipe.id
        order = s.get(WorkOrder, sample.work_order_ids[0])
        assert order is not None
        order.status, order.actual_start = WorkOrderStatus.IN_PROGRESS, date(2025, 5, 1)
        s.commit()
    save_asset(db, ADMIN, data, version)
    return pipe_id


def test_two_writers_at_once_leave_the_right_counts(db: Database) -> None:
    """The first writer holds its transaction open after folding; the second writes assets
    into the same cells meanwhile (on PostgreSQL it waits for the first's locks on the
    counts' rows, on SQLite for the database) and both commit."""
    build_sample(db)
    _store(db, [_asset(n, "052019") for n in range(20)])
    written = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with db.unit_of_work(ADMIN) as uow:
                upsert_assets(uow, [_asset(n, "052027") for n in range(100, 130)])
                written.set()
                threading.Event().wait(0.5)  # the second is writing meanwhile
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
            written.set()

    def second() -> None:
        written.wait(10)
        try:
            with db.unit_of_work(ADMIN) as uow:
                upsert_assets(uow, [_asset(n, "052019") for n in range(130, 160)])
                # and moves some of those the first one's cells hold
                upsert_assets(uow, [_asset(n, "052027", "140.1", "39.6") for n in range(10)])
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Asset).where(Asset.code.like("M-%"))) == 80
    assert _changes(db) == 0
    _same(db)
