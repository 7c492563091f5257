"""The assets' map at 500,000 assets with coordinates (issue #12: a map redraw < 100 ms; memory
bounded), on SQLite and PostgreSQL.

A redraw is what the map does once the view settles: map_picture (the points, or the cells
counted in SQL) for the view's box, then the picture painted into an offscreen QImage of the
view's size with the same painting code as the widget. Medians of interleaved runs against the
bare driver (sqlite3 / psycopg) sending the very statements the service sent (captured on the
engine) and fetching every row: the service's and the painting's own cost. Memory: how many
points or cells a picture holds (bounded by MAX_POINTS or the view's pixels) and the peak of
Python allocations during one redraw (tracemalloc).

The assets are the big data set's (bigdata.build_assets_url, no work orders), given
coordinates clustered around 40 centres across Akita Prefecture and a condition (10 % I, 20 %
II, 30 % III, 40 % none) by one UPDATE each, deterministic from the id; cached under their own
name. Run: .venv/bin/pytest -m bench tests/bench/test_asset_map_bench.py -s
"""

import os
import sqlite3
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url, text

from oneaqita.db.engine import make_engine
from oneaqita.services.asset_map import (
    AKITA,
    CELL_PX,
    MAX_POINTS,
    MapBox,
    MapPicture,
    map_picture,
)
from oneaqita.services.asset_map_cells import fold
from oneaqita.services.asset_registry import AssetListFilter
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
from tests.bench.plans import statements_of
from tests.bench.timing import Table, interleaved, mib, ms, publish, ratio

pytestmark = pytest.mark.bench

ASSETS = 500_000
NAME = "oneaqita-bench-map"
TARGET_MS = 100.0
WIDTH, HEIGHT = 1200, 900
CENTRES = 40


def _box(lon: float, lat: float, half_lat: float) -> MapBox:
    half_lon = half_lat * WIDTH / HEIGHT / 0.77  # cos 39.7°
    return MapBox(lon - half_lon, lat - half_lat, lon + half_lon, lat + half_lat)


CASES: list[tuple[str, AssetListFilter, MapBox]] = [
    ("full extent (the prefecture)", AssetListFilter(), AKITA),
    ("full extent, one owner's assets", AssetListFilter(owner_id=1), AKITA),
    ("zoomed in ×8 (a city)", AssetListFilter(), _box(140.10, 39.72, AKITA.height / 16)),
    ("zoomed in ×64 (a district)", AssetListFilter(), _box(140.10, 39.72, AKITA.height / 128)),
]


def _centres_sql() -> str:
    """(k, lon, lat) of CENTRES places on a grid across the prefecture, as a VALUES list."""
    rows = []
    for k in range(CENTRES):
        lon = 139.80 + (k % 5) * 0.24 + (k // 5 % 2) * 0.1
        lat = 39.05 + (k // 5) * 0.18
        rows.append(f"({k}, {lon:.4f}, {lat:.4f})")
    return ", ".join(rows)


def _place(url: str) -> None:
    """Coordinates and conditions for every asset: triangular spreads around a centre."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE map_centres (k INTEGER PRIMARY KEY, lon FLOAT, lat FLOAT)"))
        conn.execute(text(f"INSERT INTO map_centres (k, lon, lat) VALUES {_centres_sql()}"))
        conn.execute(
            text(
                f"""
            UPDATE assets SET
              longitude = (SELECT lon FROM map_centres WHERE k = assets.id % {CENTRES})
                + ((CAST(id AS BIGINT) * 15485863 % 1019) + (CAST(id AS BIGINT) * 32452843 % 1021))
                  / 2040.0 * 0.16 - 0.08,
              latitude = (SELECT lat FROM map_centres WHERE k = assets.id % {CENTRES})
                + ((CAST(id AS BIGINT) * 7919 % 1009) + (CAST(id AS BIGINT) * 104729 % 1013))
                  / 2022.0 * 0.12 - 0.06,
              condition = CASE id % 10 WHEN 0 THEN 'I' WHEN 1 THEN 'II' WHEN 2 THEN 'II'
                WHEN 3 THEN 'III' WHEN 4 THEN 'III' WHEN 5 THEN 'III' ELSE NULL END
            """
            )
        )
        conn.execute(text("DROP TABLE map_centres"))
        fold(conn)  # the map's counts of the placed assets (migration 0020's triggers noted them)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE" if engine.dialect.name == "sqlite" else "VACUUM ANALYZE")
    engine.dispose()


def _build(url: str) -> None:
    bigdata.build_assets_url(url, ASSETS, SEED)
    _place(url)


def _sqlite_path() -> Path:
    path = TMP / f"{NAME}-{fingerprint()}.sqlite3"
    with _build_lock(f"{NAME}-sqlite"):
        if path.exists():
            return path
        for stale in TMP.glob(f"{NAME}-*.sqlite3"):
            _remove_sqlite(stale)
        building = path.with_name(path.name + ".building")
        _remove_sqlite(building)
        _build(f"sqlite:///{building.as_posix()}")
        conn = sqlite3.connect(building)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        os.replace(building, path)
    return path


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    if request.param == "sqlite":
        path = _sqlite_path()
        db = Database.open(f"sqlite:///{path.as_posix()}")
        raw: Any = sqlite3.connect(path)
        yield Backend("SQLite", db, raw)
    else:
        import psycopg

        url = cached_pg_database("oneaqita_bench_map", fingerprint(), _build)
        db = Database.open(url)
        info = make_url(url).set(drivername="postgresql").render_as_string(False)
        raw = psycopg.connect(info, autocommit=True)
        yield Backend("PostgreSQL", db, raw)
    raw.close()
    db.dispose()


# One cell per CELL_PX square of the view, each with up to four conditions; 64 MiB at most.
_MAX_CELLS = (WIDTH // CELL_PX + 2) * (HEIGHT // CELL_PX + 2) * 4
_MAX_PEAK = 64 * 2**20


def _painter() -> Any:
    from PySide6.QtGui import QImage, QPainter

    from ui.assets.map_painting import fit, paint_map, paint_overlay

    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)

    def paint(picture: MapPicture) -> QImage:
        view = fit(picture.box, WIDTH, HEIGHT)
        painter = QPainter(image)
        paint_map(painter, view, picture, None)
        paint_overlay(painter, view, f"{picture.total:,}")
        painter.end()
        return image

    return paint


def test_a_map_redraw(qapp: Any, backend: Backend) -> None:
    db = backend.db
    paint = _painter()
    table = Table(
        f"12. Asset map redraw ({backend.name}, {ASSETS:,} assets with coordinates, view "
        f"{WIDTH}×{HEIGHT}): map_picture + paint into a QImage, vs {backend.driver} sending the "
        "same statements",
        ["view", "drawn", "query ms", "paint ms", "redraw ms", f"{backend.driver} ms", "ratio",
         "peak alloc"],
    )  # fmt: skip
    over, unbounded = [], []
    for label, flt, box in CASES:

        def query(f: AssetListFilter = flt, b: MapBox = box) -> MapPicture:
            return map_picture(db, f, b, WIDTH, HEIGHT)

        def redraw(f: AssetListFilter = flt, b: MapBox = box) -> Any:
            return paint(query(f, b))

        sent = statements_of(db, query)

        def replay(raw: Any = backend.raw, sent: list[Any] = sent) -> list[Any]:
            return [raw.execute(s.sql, s.params).fetchall() for s in sent]

        picture = query()
        q, r, d, p = interleaved(query, replay, redraw, lambda pic=picture: paint(pic))
        tracemalloc.start()
        redraw()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        kind = "cells" if picture.aggregated else "points"
        table.add(
            label,
            f"{len(picture):,} {kind} ({picture.total:,})",
            ms(q.median),
            ms(p.median),
            ms(d.median),
            ms(r.median),
            ratio(q.median, r.median),
            mib(peak),
        )
        backend.explain_if_slow(table, label, q.median, query)
        # Memory bounded (issue 12): what one redraw holds depends on the view, not the data.
        if not (0 < len(picture) <= max(MAX_POINTS, _MAX_CELLS)) or peak > _MAX_PEAK:
            unbounded.append(f"{label}: {len(picture):,} drawn, peak {mib(peak)}")
        if d.median > TARGET_MS:
            over.append(label)
    table.notes.append(
        f"target: a redraw < {TARGET_MS:g} ms" + (f"; over it: {', '.join(over)}" if over else "")
    )
    table.notes.append("ratio = the service's query / the driver replaying its statements")
    publish(table)
    assert not unbounded, unbounded
