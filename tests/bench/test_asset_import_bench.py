"""Importing assets in bulk (20,000 and 100,000 rows) through import_file, validation and
audit included, against a raw ``executemany`` of the same rows through the driver itself
(sqlite3 / psycopg: nothing checked, nothing audited, no parents), measured in the same run
on fresh databases of the same content. Issue 12's target: ratio = raw / ours ≥ 0.3.

Run: .venv/bin/pytest -m bench tests/bench/test_asset_import_bench.py -s

ONEAQITA_BENCH_ASSET_ROWS sets the sizes ("20000,100000"), ONEAQITA_BENCH_IMPORT_REPS the
repetitions (default 3; each on new databases, ours and the baseline taking turns first).
"unchanged" is the same file imported again (every row read, compared, nothing written).
Assertions are about results (every row added, then every row unchanged, one audit entry
per asset), never about times.
"""

import gc
import os
import statistics
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oneaqita.models import Asset, AuditEntry
from oneaqita.transfer import import_file
from tests.bench.asset_import_setup import assets_file, raw_insert, raw_tuples
from tests.bench.conftest import PG_URL
from tests.bench.import_setup import fresh_database, pg_reachable
from tests.bench.timing import Table, ms, publish, ratio

pytestmark = pytest.mark.bench

SIZES = [int(n) for n in os.environ.get("ONEAQITA_BENCH_ASSET_ROWS", "20000,100000").split(",")]
REPS = int(os.environ.get("ONEAQITA_BENCH_IMPORT_REPS", "3"))


def _ours(backend: str, path: Path, rows: int) -> tuple[float, float]:
    """Seconds to import the file into a new database, then to import it again."""
    with fresh_database(backend, PG_URL) as (db, actor):
        gc.collect()
        t0 = time.perf_counter()
        report = import_file(db, actor, "assets", path)
        added = time.perf_counter() - t0
        assert report.written and report.added == rows, report.lines()[:3]
        gc.collect()
        t0 = time.perf_counter()
        again = import_file(db, actor, "assets", path)
        unchanged = time.perf_counter() - t0
        assert again.unchanged == rows and not again.added + again.updated, again.lines()[:3]
        with db.read() as s:
            audited = s.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.entity == "assets", AuditEntry.action == "create")
            )
            parents = s.scalar(select(func.count()).where(Asset.parent_id.is_not(None)))
        assert audited == rows and parents == rows - rows // 10
    return added, unchanged


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
        ["rows", "ours: add", "raw executemany", "ratio", "ours: unchanged"],
    )
    for rows in SIZES:
        path = assets_file(tmp_path / f"assets-{rows}.csv", rows)
        added: list[float] = []
        unchanged: list[float] = []
        raw: list[float] = []
        for rep in range(REPS):
            if rep % 2:
                raw.append(_raw(backend, rows))
            ours = _ours(backend, path, rows)
            added.append(ours[0])
            unchanged.append(ours[1])
            if not rep % 2:
                raw.append(_raw(backend, rows))
        a, r, u = (statistics.median(x) * 1000 for x in (added, raw, unchanged))
        table.add(f"{rows:,}", ms(a), ms(r), ratio(r, a), ms(u))
    table.notes.append(f"medians of {REPS}, each on new databases; ours: parse, validate, audit")
    publish(table)
