"""A database with 500,000 work orders and 500,000 assets (pipes, manholes… in 51 districts,
installed 1955–2024; each order linked to 0–3 of them) for benchmarks, built fast with Core
inserts.

Kept apart from the demo generator on purpose: benchmarks need the target row counts of
DESIGN.md (500,000 orders) in a couple of minutes, not a believable data set.
"""

import random
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from oneaqita.asset_search import reindex_assets
from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import upgrade
from oneaqita.models import (
    Asset,
    BodyServiceLife,
    Contract,
    Organization,
    Person,
    WorkOrder,
    work_order_assets,
    work_order_assignees,
)
from oneaqita.search import reindex_work_orders
from oneaqita.services.work_order_attention import fold_urgent

PLACES = [
    "秋田",
    "能代",
    "横手",
    "大館",
    "男鹿",
    "湯沢",
    "鹿角",
    "由利本荘",
    "潟上",
    "大仙",
    "北秋田",
    "にかほ",
    "仙北",
    "八郎湖",
    "大潟",
    "美郷",
    "羽後",
]
WORKS = [
    "管路点検",
    "TVカメラ調査",
    "管路清掃",
    "マンホール修繕",
    "緊急対応",
    "ポンプ場点検",
    "取付管調査",
    "管更生工事",
    "マンホール蓋交換",
]
TYPES = ["inspection", "tv_survey", "cleaning", "repair", "emergency"]
STATUSES = ["draft", "planned", "in_progress", "completed", "accepted", "cancelled"]
FAMILY = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "工藤",
    "佐々木",
    "斎藤",
    "三浦",
    "菅原",
]
GIVEN = ["太郎", "花子", "一郎", "健", "陽子", "大輔", "美咲", "翔", "直樹", "由美"]
DISTRICTS = [f"{p}{part}処理区" for p in PLACES for part in ("中央", "北部", "南部")]
KINDS = ["pipe"] * 6 + ["manhole"] * 3 + ["manhole_pump"]
MATERIALS = ["VU", "HP", "CP", "PRP", "DCIP"]
ASSET_STATUSES = ["in_service"] * 8 + ["consolidated", "retired"]
BATCH = 20_000


def _assets(conn: Any, rnd: random.Random, count: int) -> None:
    """`count` assets; the district's place owns them (its city)."""
    batch = []
    for n in range(1, count + 1):
        d = rnd.randrange(len(DISTRICTS))
        kind = rnd.choice(KINDS)
        batch.append(
            {
                "id": n,
                "code": f"A{n:07d}",
                "kind": kind,
                "owner_id": d // 3 + 1,
                "district": DISTRICTS[d],
                "installed_year": rnd.randrange(1955, 2025),
                "material": rnd.choice(MATERIALS) if kind == "pipe" else None,
                "length_m": Decimal(rnd.randrange(100, 9_000)) / 100 if kind == "pipe" else None,
                "service_life_years": None,  # the service-life tables decide
                "status": rnd.choice(ASSET_STATUSES),
                "version": 1,
            }
        )
        if len(batch) == BATCH:
            conn.execute(insert(Asset.__table__), batch)
            batch = []
    if batch:
        conn.execute(insert(Asset.__table__), batch)


def build(path: Path, orders: int = 500_000, seed: int = 7) -> str:
    """The data set in an SQLite file; returns its URL."""
    return build_url(f"sqlite:///{path.as_posix()}", orders, seed)


def build_url(url: str, orders: int = 500_000, seed: int = 7) -> str:
    """The data set in the empty database at `url` (SQLite or PostgreSQL); returns `url`."""
    engine = make_engine(url)
    upgrade(engine)
    rnd = random.Random(seed)
    now = date(2025, 4, 1)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(
            insert(Organization.__table__),
            [
                {
                    "id": i + 1,
                    "code": f"05{i:03d}0",
                    "kind": "city",
                    "name_ja": f"{p}市",
                    "version": 1,
                }
                for i, p in enumerate(PLACES)
            ],
        )
        conn.execute(
            insert(Contract.__table__),
            [
                {
                    "id": c + 1,
                    "number": f"C-{c + 1:04d}",
                    "client_id": c % len(PLACES) + 1,
                    "title": f"{PLACES[c % len(PLACES)]} 包括委託 {c // len(PLACES) + 1}",
                    "start_date": now,
                    "end_date": now + timedelta(days=730),
                    "amount_yen": 10_000_000,
                    "version": 1,
                }
                for c in range(340)
            ],
        )
        conn.execute(
            insert(Person.__table__),
            [
                {
                    "id": i + 1,
                    "employee_no": f"E{i + 1:04d}",
                    "name": f"{FAMILY[i % 15]} {GIVEN[(i // 15) % 10]}",
                    "home_organization_id": 1,
                    "version": 1,
                }
                for i in range(150)
            ],
        )
        assets = orders  # as many as orders: 500,000 by default
        _assets(conn, rnd, assets)
        reindex_assets(conn)  # the registry's text search (oneaqita/asset_search.py)
        batch, links, picked = [], [], []
        for n in range(1, orders + 1):
            start = now + timedelta(days=rnd.randrange(730))
            place = rnd.choice(PLACES)
            batch.append(
                {
                    "id": n,
                    "number": f"WO-{n:07d}",
                    "contract_id": rnd.randrange(340) + 1,
                    "title": f"{place}処理区 {rnd.choice(WORKS)} 第{rnd.randrange(1, 40)}工区",
                    "type": rnd.choice(TYPES),
                    "status": rnd.choice(STATUSES),
                    "priority": rnd.randrange(1, 4),
                    "planned_start": start,
                    "planned_end": start + timedelta(days=rnd.randrange(1, 60)),
                    "version": 1,
                }
            )
            links.extend(
                {"work_order_id": n, "person_id": p}
                for p in rnd.sample(range(1, 151), rnd.randrange(1, 4))
            )
            first = rnd.randrange(1, assets + 1)
            picked.extend(
                {"work_order_id": n, "asset_id": a}
                for a in range(first, min(first + rnd.randrange(4), assets + 1))
            )
            if len(batch) == BATCH:
                _orders(conn, batch, links, picked)
                batch, links, picked = [], [], []
        if batch:
            _orders(conn, batch, links, picked)
        reindex_work_orders(conn)
        fold_urgent(conn)  # the links noted their assets (migration 0024's triggers)
    # Autocommit: PostgreSQL would roll the statistics back with the transaction, and VACUUM
    # (visibility map for index-only scans) cannot run inside one.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE" if engine.dialect.name == "sqlite" else "VACUUM ANALYZE")
    engine.dispose()
    where = engine.url.render_as_string(hide_password=True)
    print(
        f"built {orders:,} work orders and {assets:,} assets in "
        f"{time.perf_counter() - t0:.0f} s: {where}"
    )
    return url


def build_assets_url(url: str, count: int = 500_000, seed: int = 7) -> str:
    """Only the bodies and `count` assets of the data set (the same generator), and the first
    body's own target life of 76 years for its pipes, in the empty database at `url`: what the
    renewal outlook reads, built in a fraction of the whole set's time."""
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(Organization.__table__),
            [
                {
                    "id": i + 1,
                    "code": f"05{i:03d}0",
                    "kind": "city",
                    "name_ja": f"{p}市",
                    "version": 1,
                }
                for i, p in enumerate(PLACES)
            ],
        )
        _assets(conn, random.Random(seed), count)
        conn.execute(
            insert(BodyServiceLife.__table__),
            [{"organization_id": 1, "kind": "pipe", "years": 76, "version": 1}],
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE" if engine.dialect.name == "sqlite" else "VACUUM ANALYZE")
    engine.dispose()
    return url


def _orders(conn: Any, batch: list[Any], links: list[Any], picked: list[Any]) -> None:
    conn.execute(insert(WorkOrder.__table__), batch)
    conn.execute(insert(work_order_assignees), links)
    if picked:
        conn.execute(insert(work_order_assets), picked)


if __name__ == "__main__":
    import sys

    build(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 500_000)
