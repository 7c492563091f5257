"""The renewal outlook for all bodies at 500,000 assets (issue #12: < 1 s and at most 3× one
hand-written SQL GROUP BY), on SQLite and PostgreSQL: the service (years due with the three
service-life tables, repeats, diameter bands, costs) against one GROUP BY of the years due
through the bare driver, medians of interleaved runs.

The assets are the big data set's (tests/bench/bigdata.py, the same generator and seed),
built alone — bodies and assets, no work orders — and cached under their own name, so that
this benchmark neither waits for nor replaces the whole set's cache."""

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url

from oneaqita.reports.renewal_outlook import renewal_outlook
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from tests.bench import bigdata
from tests.bench.backends import Backend
from tests.bench.conftest import (
    SEED,
    TMP,
    _build_lock,
    _remove_sqlite,
    cached_pg_database,
    fingerprint,
)
from tests.bench.timing import Table, interleaved, ms, publish, ratio

pytestmark = pytest.mark.bench

FIRST_YEAR = 2025
TARGET_MS = 1000.0
MAX_RATIO = 3.0

# The years due of the assets in service, by owner and kind, with the effective life resolved
# as the service does (own, body's target, standard), the backlog in the year before the first.
BASELINE = """
SELECT CASE WHEN a.installed_year + COALESCE(a.service_life_years, b.years, s.years) < ?
            THEN ? ELSE a.installed_year + COALESCE(a.service_life_years, b.years, s.years) END,
       a.owner_id, a.kind, count(*), sum(a.length_m)
FROM assets a
JOIN service_lives s ON s.kind = a.kind
LEFT JOIN body_service_lives b ON b.organization_id = a.owner_id AND b.kind = a.kind
WHERE a.status = 'in_service' AND a.installed_year IS NOT NULL
  AND a.installed_year + COALESCE(a.service_life_years, b.years, s.years) <= ?
GROUP BY 1, 2, 3
"""


ASSETS = 500_000
NAME = "oneaqita-bench-assets"


def _sqlite_path() -> Path:
    path = TMP / f"{NAME}-{fingerprint()}.sqlite3"
    with _build_lock(f"{NAME}-sqlite"):
        if path.exists():
            return path
        for stale in TMP.glob(f"{NAME}-*.sqlite3"):
            _remove_sqlite(stale)
        building = path.with_name(path.name + ".building")
        _remove_sqlite(building)
        bigdata.build_assets_url(f"sqlite:///{building.as_posix()}", ASSETS, SEED)
        conn = sqlite3.connect(building)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        os.replace(building, path)
    return path


def _pg_url() -> str:
    return cached_pg_database(
        "oneaqita_bench_assets",
        fingerprint(),
        lambda url: bigdata.build_assets_url(url, ASSETS, SEED),
    )


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    if request.param == "sqlite":
        path = _sqlite_path()
        db = Database.open(f"sqlite:///{path.as_posix()}")
        raw: Any = sqlite3.connect(path)
        yield Backend("SQLite", db, raw)
    else:
        import psycopg

        url = _pg_url()
        db = Database.open(url)
        info = make_url(url).set(drivername="postgresql").render_as_string(False)
        raw = psycopg.connect(info, autocommit=True)
        yield Backend("PostgreSQL", db, raw)
    raw.close()
    db.dispose()


def test_the_outlook_for_all_bodies(backend: Backend) -> None:
    last = FIRST_YEAR + 49
    params = (FIRST_YEAR, FIRST_YEAR - 1, last)
    assets = backend.scalar("SELECT count(*) FROM assets")

    def ours() -> Any:
        return renewal_outlook(backend.db, SYSTEM_ACTOR, FIRST_YEAR)

    def baseline() -> Any:
        return backend.rows(BASELINE, params)

    mine, base = interleaved(ours, baseline)
    outlook = mine.result
    # The assets reaching their life for the first time are the hand-written statement's.
    first_reach = sum(c.count - c.again_count for c in outlook.cells)
    assert first_reach == sum(r[3] for r in base.result) > 0
    table = Table(
        f"Renewal outlook {FIRST_YEAR}–{last}, all bodies ({backend.name}, {assets:,} assets, "
        f"{len(outlook.cells):,} cells)",
        ["case", "ours ms", f"raw {backend.driver} ms", "ratio"],
    )
    table.add(
        "renewal_outlook vs one GROUP BY",
        ms(mine.median),
        ms(base.median),
        ratio(mine.median, base.median),
    )
    backend.explain_if_slow(table, "outlook", mine.median, ours)
    publish(table)
    assert assets >= ASSETS
    assert mine.median < TARGET_MS, f"{backend.name}: {mine.median:.0f} ms"
    assert mine.median <= MAX_RATIO * base.median, f"{mine.median:.0f} vs {base.median:.0f} ms"
