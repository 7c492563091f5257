"""The asset import benchmark's file (an export's columns, pipes under manholes, the parents
in the file) and its baseline: the same rows inserted by a raw ``executemany`` through
sqlite3 / psycopg, with nothing checked and nothing audited; and the same assets each moved
to another district, for the update."""

import sqlite3
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

from oneaqita.services.database import Database
from tests.import_files import write_csv

HEADER = ["施設番号", "施設種別", "管理者", "処理区", "布設年度", "管種", "管径", "延長", "緯度",
          "経度", "上位施設", "状態"]  # fmt: skip
OWNERS = ["050008", "052019", "秋田市", "052027"]  # by code and by name (import_setup.ORGS)
MATERIALS = ["ヒューム管", "塩ビ管", "陶管", "ダクタイル鋳鉄管"]
DISTRICTS = ["中央処理区", "臨海処理区", "八郎湖処理区", "大館処理区"]


def asset_rows(rows: int) -> list[list[str]]:
    """Every tenth asset a manhole, the nine after it pipes under it (parents first)."""
    body = []
    for i in range(rows):
        at = [f"39.{i % 1_000_000:06d}", f"140.{(i * 7) % 1_000_000:06d}"]
        if i % 10 == 0:
            body.append([f"MH-{i:07d}", "マンホール", OWNERS[i % 4], DISTRICTS[i // 10 % 4],
                         str(1960 + i % 60), "", "", "", *at, "", "供用中"])  # fmt: skip
        else:
            body.append([f"P-{i:07d}", "管路", OWNERS[i % 4], DISTRICTS[i // 10 % 4],
                         str(1960 + i % 60), MATERIALS[i % 4], str(150 + i % 10 * 50),
                         f"{i % 97}.{i % 100:02d}", *at, f"MH-{i // 10 * 10:07d}",
                         "供用中" if i % 50 else "廃止"])  # fmt: skip
    return body


def assets_file(path: Path, rows: int) -> Path:
    return write_csv(path, [HEADER, *asset_rows(rows)])


def moved_file(path: Path, rows: int) -> Path:
    """The assets of assets_file, each in another district (every row an update)."""
    body = asset_rows(rows)
    for row in body:
        row[3] = f"{row[3]}東"
    return write_csv(path, [HEADER, *body])


_COLUMNS = ("code", "kind", "owner_id", "district", "installed_year", "material",
            "diameter_mm", "length_m", "latitude", "longitude", "service_life_years", "status",
            "version", "created_at", "updated_at")  # fmt: skip


def raw_tuples(db: Database, rows: int, backend: str) -> list[tuple[Any, ...]]:
    """The rows of asset_rows(rows) as the baseline binds them (owners by id; no parent)."""
    with db.engine.connect() as conn:
        ids: dict[str, int] = dict(conn.exec_driver_sql("SELECT code, id FROM organizations").all())
        ids.update(conn.exec_driver_sql("SELECT name_ja, id FROM organizations").all())
    now = datetime.now(UTC).replace(tzinfo=None)

    def number(text: str) -> Any:
        if not text:
            return None
        return float(text) if backend == "SQLite" else Decimal(text)

    out = []
    for r in asset_rows(rows):
        kind = "manhole" if r[1] == "マンホール" else "pipe"
        out.append((r[0], kind, ids[r[2]], r[3], int(r[4]), r[5] or None,
                    int(r[6]) if r[6] else None, number(r[7]), number(r[8]), number(r[9]), 50,
                    "in_service" if r[11] == "供用中" else "retired", 1, now, now))  # fmt: skip
    return out


def raw_insert(db: Database, backend: str, tuples: list[tuple[Any, ...]]) -> float:
    """Seconds to insert ``tuples`` into assets by one executemany and commit, through the
    driver itself (sqlite3 / psycopg), on a connection of its own."""
    url = db.engine.url
    marks = ", ".join(["?" if backend == "SQLite" else "%s"] * len(_COLUMNS))
    sql = f"INSERT INTO assets ({', '.join(_COLUMNS)}) VALUES ({marks})"
    if backend == "SQLite":
        conn: Any = sqlite3.connect(str(url.database))
    else:
        import psycopg

        plain = make_url(url.render_as_string(hide_password=False)).set(drivername="postgresql")
        conn = psycopg.connect(plain.render_as_string(hide_password=False))
    try:
        t0 = time.perf_counter()
        cursor = conn.cursor()
        cursor.executemany(sql, tuples)
        conn.commit()
        return time.perf_counter() - t0
    finally:
        conn.close()
