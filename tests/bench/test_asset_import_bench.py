"""Importing assets in bulk (20,000 and 100,000 rows) through import_file, validation and
audit included, against a raw ``executemany`` of the same rows through the driver itself
(sqlite3 / psycopg: nothing checked, nothing audited, no parents), measured in the same run
on fresh databases of the same content. Issue 12's target: ratio = raw / ours ≥ 0.3.

Run: .venv/bin/pytest -m bench tests/bench/test_asset_import_bench.py -s

ONEAQITA_BENCH_ASSET_ROWS sets the sizes ("20000,100000"), ONEAQITA_BENCH_IMPORT_REPS the
repetitions (default 3; each on new databases, ours and the baseline taking turns first).
"unchanged" is the same file imported again (every row read, compared, nothing written),
"update" then a file of the same assets each in another district (every row written once
more, its audit entry with before and after). Each is set against the raw executemany of the
file's rows (ratio = raw / ours). Assertions are about results (every row added, then every
row unchanged, then every row updated, one audit entry per asset and write), never about
times. The load average is printed with the table: the machine is shared.
"""

import gc
import os
import statistics
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oneaqita.models import Asset, AuditEntry
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import ImportReport, import_file
from tests.bench.asset_import_setup import assets_file, moved_file, raw_insert, raw_tuples
from tests.bench.conftest import PG_URL
from tests.bench.import_setup import fresh_database, pg_reachable
from tests.bench.timing import Table, ms, publish, ratio

pytestmark = pytest.mark.bench

SIZES = [int(n) for n in os.environ.get("ONEAQITA_BENCH_ASSET_ROWS", "20000,100000").split(",")]
REPS = int(os.environ.get("ONEAQITA_BENCH_IMPORT_REPS", "3"))


def _audited(db: Database, action: str) -> int:
    with db.read() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.entity == "assets", AuditEntry.action == action)
            )
            or 0
        )


def _timed(db: Database, actor: Actor, path: Path) -> tuple[float, ImportReport]:
    gc.collect()
    t0 = time.perf_counter()
    report = import_file(db, actor, "assets", path)
    return time.perf_counter() - t0, report


def _ours(backend: str, path: Path, moved: Path, rows: int) -> tuple[float, float, float]:
    """Seconds to import the file into a new database, to import it again, then to import
    the file that moves every asset to another district."""
    with fresh_database(backend, PG_URL) as (db, actor):
        added, report = _timed(db, actor, path)
        assert report.written and report.added == rows, report.lines()[:3]
        unchanged, again = _timed(db, actor, path)
        assert again.unchanged == rows and not again.added + again.updated, again.lines()[:3]
        updated, moving = _timed(db, actor, moved)
        assert moving.written and moving.updated == rows, moving.lines()[:3]
        with db.read() as s:
            parents = s.scalar(select(func.count()).where(Asset.parent_id.is_not(None)))
        assert parents == rows - rows // 10
        assert _audited(db, "create") == rows and _audited(db, "update") == rows
    return added, unchanged, updated


def _raw(backend: str, rows: int) -> float:
    with fresh_database(backend, PG_URL) as (db, _actor):
        tuples = raw_tuples(db, rows, backend)
        gc.collect()
        return raw_insert(db, backend, tuples)


@pytest.mark.parametrize("backend", ["SQLite", "PostgreSQL"])
def test_import_assets_against_raw_executemany(backend: str, tmp_path: Path) -> None:
    if backend == "PostgreSQL" and not pg_reachable(PG_URL):
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}")
    table = Table(
        f"import assets, {backend} (ms; ratio = raw executemany / ours, target ≥ 0.3)",
        ["rows", "raw executemany", "add", "ratio", "unchanged", "ratio", "update", "ratio"],
    )
    for rows in SIZES:
        path = assets_file(tmp_path / f"assets-{rows}.csv", rows)
        moved = moved_file(tmp_path / f"moved-{rows}.csv", rows)
        ours: list[tuple[float, float, float]] = []
        raw: list[float] = []
        for rep in range(REPS):
            if rep % 2:
                raw.append(_raw(backend, rows))
            ours.append(_ours(backend, path, moved, rows))
            if not rep % 2:
                raw.append(_raw(backend, rows))
        r = statistics.median(raw) * 1000
        cells = [f"{rows:,}", ms(r)]
        for phase in range(3):
            t = statistics.median(o[phase] for o in ours) * 1000
            cells += [ms(t), ratio(r, t)]
        table.add(*cells)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    table.notes.append(
        f"medians of {REPS}, each on new databases; ours: parse, validate, write, audit; "
        f"load average at the end {load}"
    )
    publish(table)
