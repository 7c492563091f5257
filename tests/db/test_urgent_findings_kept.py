"""urgent_findings (the findings of 緊急度 I not yet acted on, kept by the triggers and folds of
db/urgent_findings_sql.py) against the rule as first written (test_urgent_findings_rule.py's
reference), after every kind of write that can change the answer: read before any fold (the
noted assets computed live), and after a fold (the kept rows alone). The writes are raw SQL,
as psql or an import would make them; a unit of work that changes orders folds by itself."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Connection, text

from oneaqita.reports.dashboard_figures import urgent_findings
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.work_order_attention import (
    fold_urgent,
    recompute_sql,
    unacted_urgent_findings,
)
from tests.db.test_urgent_findings_rule import UNACTED, build, reference_rule

Write = Callable[[Connection, dict[str, int], dict[str, int]], Any]


def _ids(db: Database) -> tuple[dict[str, int], dict[str, int]]:
    with db.read_connection() as conn:
        orders = dict(conn.execute(text("SELECT number, id FROM work_orders")).all())
        assets = dict(conn.execute(text("SELECT code, id FROM assets")).all())
    return orders, assets


def _state(db: Database) -> tuple[set[tuple[int, ...]], set[tuple[int, ...]], set[Any], int]:
    """(what the readers give, the reference, the kept rows, the notes left)."""
    with db.read() as session:
        ours = {tuple(r) for r in session.execute(unacted_urgent_findings(db.dialect))}
        reference = {tuple(r) for r in session.execute(reference_rule())}
        kept = {
            tuple(r)
            for r in session.execute(
                text("SELECT finding_id, work_order_id, asset_id FROM urgent_findings")
            )
        }
        notes = session.execute(text("SELECT count(*) FROM urgent_changes")).scalar_one()
    return ours, reference, kept, int(notes)


def _fold(db: Database) -> None:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        fold_urgent(uow.connection)


def _sql(statement: str) -> Write:
    def write(conn: Connection, orders: dict[str, int], assets: dict[str, int]) -> None:
        conn.execute(text(statement.format(o=orders, a=assets)))

    return write


WRITES: dict[str, Write] = {
    "a finding added (given I)": _sql(
        "INSERT INTO findings (work_order_id, asset_id, category, rank, urgency, version) "
        "VALUES ({o[w1]}, {a[unlinked]}, '破損', 'b', 'I', 1)"
    ),
    "a grade changed (no longer I)": _sql(
        "UPDATE findings SET rank = 'b' WHERE asset_id = {a[day_before]}"
    ),
    "a given urgency removed": _sql(
        "UPDATE findings SET urgency = NULL WHERE asset_id = {a[not_followed]} AND rank = 'b'"
    ),
    "a follow-up cancelled": _sql(
        "UPDATE work_orders SET status = 'cancelled' WHERE id = {o[later]}"
    ),
    "a follow-up linked": _sql(
        "INSERT INTO work_order_assets (work_order_id, asset_id) VALUES ({o[later]}, {a[alone]})"
    ),
    "a follow-up moved before the survey": _sql(
        "UPDATE work_orders SET planned_start = '2025-05-01' WHERE id = {o[same_day]}"
    ),
    "an asset unlinked from its follow-up": _sql(
        "DELETE FROM work_order_assets WHERE work_order_id = {o[undated]} "
        "AND asset_id = {a[undated_follow_up]}"
    ),
    "a survey's end moved later": _sql(
        "UPDATE work_orders SET actual_end = '2025-07-15' WHERE id = {o[w1]}"
    ),
    "a surveying order cancelled": _sql(
        "UPDATE work_orders SET status = 'cancelled' WHERE id = {o[w3]}"
    ),
    "a finding moved to another asset": _sql(
        "UPDATE findings SET asset_id = {a[other_asset]} WHERE asset_id = {a[unlinked]}"
    ),
    "a finding removed": _sql("DELETE FROM findings WHERE asset_id = {a[day_before]}"),
    "a follow-up order removed (its links go with it)": _sql(
        "DELETE FROM work_orders WHERE id = {o[between]}"
    ),
}


@pytest.fixture
def built(db: Database) -> Database:
    build(db)
    return db


def test_kept_rows_after_a_fold_are_the_rule_s(built: Database) -> None:
    ours, reference, _kept, notes = _state(built)
    assert ours == reference and notes > 0  # the cases' writes noted, read live
    _fold(built)
    ours, reference, kept, notes = _state(built)
    assert ours == reference == kept and notes == 0
    assert len(kept) == len(UNACTED)


@pytest.mark.parametrize("case", WRITES)
def test_every_write_keeps_the_readers_right(built: Database, case: str) -> None:
    _fold(built)
    orders, assets = _ids(built)
    before = _state(built)[1]
    with built.engine.begin() as conn:  # no unit of work: nothing folds
        WRITES[case](conn, orders, assets)
    ours, reference, kept, notes = _state(built)
    assert reference != before, "the case must change the answer"
    assert ours == reference and notes > 0 and kept == before
    _fold(built)
    ours, reference, kept, notes = _state(built)
    assert ours == reference == kept and notes == 0


def test_a_unit_of_work_that_changes_orders_folds(built: Database) -> None:
    orders, _assets = _ids(built)
    _fold(built)
    with built.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.connection.execute(
            text("UPDATE work_orders SET status = 'cancelled' WHERE id = :id"),
            {"id": orders["later"]},
        )
        uow.audit("update", Entity.WORK_ORDERS, orders["later"])
    ours, reference, kept, notes = _state(built)
    assert ours == reference == kept and notes == 0


def test_the_tile_counts_the_noted_assets_by_their_owner_now(built: Database) -> None:
    _fold(built)
    with built.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO organizations (code, kind, name_ja, is_fictional, version) "
                "VALUES ('052027', 'city', '能代市', false, 1)"
            )
        )
        conn.execute(
            text(
                "UPDATE assets SET owner_id = (SELECT id FROM organizations WHERE code = '052027') "
                "WHERE code = 'alone'"
            )
        )
    tile = urgent_findings(built)
    by_code = {b.code: (b.findings, b.assets) for b in tile.bodies}
    assert by_code["052027"] == (3, 1)  # alone's I and its two per-length a of w2
    assert tile.findings == len(UNACTED)


def test_two_writers_of_one_asset_at_once(built: Database) -> None:
    """The first writer cancels the follow-up of `followed` and folds, then holds its
    transaction open; the second adds another finding of 緊急度 I on `followed` meanwhile and
    folds (on PostgreSQL its fold waits for the first's lock on the asset, then sees its
    cancel; on SQLite it waits for the database). Both findings end up kept as not acted on."""
    _fold(built)
    orders, assets = _ids(built)
    written = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with built.unit_of_work(SYSTEM_ACTOR) as uow:
                _sql("UPDATE work_orders SET status = 'cancelled' WHERE id = {o[later]}")(
                    uow.connection, orders, assets
                )
                fold_urgent(uow.connection)
                written.set()
                threading.Event().wait(0.5)  # the second writes and folds meanwhile
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
            written.set()

    def second() -> None:
        written.wait(10)
        try:
            with built.unit_of_work(SYSTEM_ACTOR) as uow:
                uow.connection.execute(
                    text(
                        "INSERT INTO findings (work_order_id, asset_id, category, rank, urgency,"
                        " version) VALUES (:o, :a, '破損', 'b', 'I', 1)"
                    ),
                    {"o": orders["w1"], "a": assets["followed"]},
                )
                fold_urgent(uow.connection)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    ours, reference, kept, notes = _state(built)
    assert ours == reference == kept and notes == 0
    assert sum(1 for _f, _o, a in kept if a == assets["followed"]) == 2


def test_the_sqlite_fold_finds_the_noted_assets_findings_by_asset(built: Database) -> None:
    """The fold's recompute looks the noted assets' findings up by asset. With the order's
    findings looked up by (order, asset IN the notes) instead, a bulk load that noted 240,000
    assets probed each order for each of them and did not end in hours (scale 25)."""
    if built.dialect != "sqlite":
        pytest.skip("the plan of SQLite's fold")
    with built.read_connection() as conn:
        plan = " | ".join(
            str(row[-1])
            for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {recompute_sql('sqlite')}")
        )
    assert "SEARCH findings USING INDEX ix_findings_asset_id (asset_id=?)" in plan, plan
