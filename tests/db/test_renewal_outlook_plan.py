"""The renewal outlook groups the assets in service by their own columns first (read in order
from ix_assets_outlook alone, migration 0017) and resolves lives and bands over those groups:
assets whose columns differ but whose effective life and band agree end in one cell."""

from decimal import Decimal

from sqlalchemy import insert, text

from oneaqita.models import Asset, AssetKind
from oneaqita.reports.renewal_outlook import _groups_statement, renewal_outlook
from oneaqita.services.database import Database
from tests.staffing_builders import ADMIN, add_bodies

K = AssetKind


def test_the_assets_are_read_from_the_outlook_index_alone(sqlite_db: Database) -> None:
    stmt = _groups_statement(2026, None, None).compile(
        dialect=sqlite_db.engine.dialect, compile_kwargs={"literal_binds": True}
    )
    with sqlite_db.read_connection() as conn:
        plan = [r[3] for r in conn.execute(text(f"EXPLAIN QUERY PLAN {stmt}"))]
    reads = [p for p in plan if " assets " in f" {p} "]
    assert reads == ["SEARCH assets USING COVERING INDEX ix_assets_outlook (status=?)"], plan


def test_own_columns_apart_but_the_same_life_and_band_make_one_cell(db: Database) -> None:
    ids = add_bodies(db)
    owner = ids["052019"]
    rows = [
        # the standard life 50 twice: once the asset's own, once the table's; 2030
        {"code": "P1", "kind": K.PIPE, "owner_id": owner, "installed_year": 1980,
         "length_m": Decimal("10.25"), "service_life_years": 50, "diameter_mm": 200},
        {"code": "P2", "kind": K.PIPE, "owner_id": owner, "installed_year": 1980,
         "length_m": Decimal("4.75")},
        # its own life 40 from 1990: 2030 too, the same band (no diameter and 150 mm: from 0),
        # and renewed then, due again in 2070
        {"code": "P3", "kind": K.PIPE, "owner_id": owner, "installed_year": 1990,
         "length_m": Decimal(5), "service_life_years": 40, "diameter_mm": 150},
    ]  # fmt: skip
    with db.unit_of_work(ADMIN) as uow:
        uow.session.execute(insert(Asset), rows)
    outlook = renewal_outlook(db, ADMIN, 2026)
    cells = [
        (c.fiscal_year, c.kind, c.count, c.again_count, c.metres, c.cost_yen) for c in outlook.cells
    ]
    assert cells == [
        (2030, K.PIPE, 3, 0, Decimal(20), 20 * 61_000),
        (2070, K.PIPE, 1, 1, Decimal(5), 5 * 61_000),
    ]
