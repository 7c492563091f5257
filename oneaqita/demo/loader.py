"""load_demo: fill an empty database with a believable, deterministic data set."""

import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import date
from enum import StrEnum

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from oneaqita.asset_search import reindex_assets
from oneaqita.condition import recompute_conditions
from oneaqita.db.engine import PAGE_CACHE_KIB
from oneaqita.demo.assets import load_assets
from oneaqita.demo.contracts import load_contracts
from oneaqita.demo.dates import DemoCalendar
from oneaqita.demo.organizations import load_organizations
from oneaqita.demo.staff import load_staff
from oneaqita.demo.time_entries import load_time_entries
from oneaqita.demo.work_orders import load_work_orders
from oneaqita.errors import ValidationError
from oneaqita.models import DatabaseSetting
from oneaqita.search import reindex_work_orders
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.asset_map_cells import fold
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.setup import first_table_with_rows
from oneaqita.services.work_order_attention import fold_urgent


class DemoStage(StrEnum):
    """The steps load_demo reports; the screen and the CLI each say them in their words."""

    ORGANIZATIONS = "organizations"
    STAFF = "staff"
    ASSETS = "assets"
    CONTRACTS = "contracts"
    WORK_ORDERS = "work_orders"
    SEARCH_INDEX = "search_index"
    HOURS = "hours"
    FINISHING = "finishing"


STAGE_JA = {
    DemoStage.ORGANIZATIONS: "組織・株主",
    DemoStage.STAFF: "職員・出向",
    DemoStage.ASSETS: "施設",
    DemoStage.CONTRACTS: "契約",
    DemoStage.WORK_ORDERS: "作業指示",
    DemoStage.SEARCH_INDEX: "検索索引",
    DemoStage.HOURS: "工数 (職員)",
    DemoStage.FINISHING: "仕上げ",
}

Progress = Callable[[DemoStage, int, int], None]
REINDEX_BATCH = 5_000
MAX_SCALE = 100.0
LOAD_CACHE_KIB = 128 * 1024

# Tables whose ids the demo assigns itself: PostgreSQL's sequences must move past them.
_EXPLICIT_IDS = (
    "organizations",
    "shareholdings",
    "people",
    "secondments",
    "users",
    "assets",
    "contracts",
    "work_orders",
    "work_order_events",
    "findings",
    "time_entries",
    "timesheet_weeks",
)


@dataclass(frozen=True)
class DemoSummary:
    """How many rows the demo wrote, per table."""

    organizations: int
    shareholdings: int
    people: int
    person_qualifications: int
    secondments: int
    users: int
    assets: int
    contracts: int
    work_orders: int
    work_order_assets: int
    work_order_assignees: int
    work_order_events: int
    findings: int
    time_entries: int
    timesheet_weeks: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def __str__(self) -> str:
        return ", ".join(f"{name} {count:,}" for name, count in self.as_dict().items())


def _quiet(_stage: DemoStage, _done: int, _total: int) -> None:
    pass


def load_demo(
    db: Database,
    seed: int = 1,
    scale: float = 1.0,
    progress: Progress | None = None,
    today: date | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database with the demo data set: the real 26 public bodies,
    invented partner firms and people, ~20,000 × scale assets, ~5,000 × scale work orders and
    ~100,000 × scale time entries covering the previous and the current fiscal year of
    `today` (default: the day of loading), work and hours up to the day before
    (demo/dates.py). The same seed, scale and today always give the same rows. Rows are
    streamed in batches, so scale 25 (500,000 assets) runs in bounded memory. Raises
    ValidationError if the database holds data."""
    if not 0 < scale <= MAX_SCALE:
        raise ValidationError(
            f"規模 (scale) は 0 より大きく {MAX_SCALE:g} 以下で指定してください。",
            f"scale must be greater than 0 and at most {MAX_SCALE:g}.",
            field="scale",
        )
    report = progress or _quiet
    cal = DemoCalendar(today or date.today())
    counts: dict[str, int] = {}
    with db.engine.connect() as conn:
        _refuse_if_not_empty(conn)
        if conn.dialect.name == "sqlite":
            # With SQLite's default 2 MB page cache, index inserts turn into file reads once
            # the indexes outgrow it; 128 MB during the load saves a third of the time at
            # scale 3 (and costs at most that much memory).
            conn.exec_driver_sql(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")

        def stage_rng(name: str) -> random.Random:
            # One stream per stage: changing how one stage draws leaves the others alone.
            return random.Random(f"oneaqita-demo:{seed}:{name}")

        report(DemoStage.ORGANIZATIONS, 0, 1)
        orgs, done = load_organizations(conn, cal)
        counts |= done
        report(DemoStage.STAFF, 0, 1)
        staff, done = load_staff(conn, orgs, stage_rng("staff"), scale, cal)
        counts |= done
        assets, done = load_assets(
            conn,
            orgs,
            stage_rng("assets"),
            scale,
            lambda n, t: report(DemoStage.ASSETS, n, t),
            cal.register_created,
        )
        counts |= done
        report(DemoStage.CONTRACTS, 0, 1)
        contracts, done = load_contracts(conn, orgs, stage_rng("contracts"), cal)
        counts |= done
        work, done = load_work_orders(
            conn,
            staff,
            assets,
            contracts,
            stage_rng("work"),
            scale,
            lambda n, t: report(DemoStage.WORK_ORDERS, n, t),
            cal,
        )
        counts |= done
        _reindex(conn, counts["work_orders"], report)
        reindex_assets(conn)  # their search documents (oneaqita/asset_search.py)
        counts |= load_time_entries(
            conn,
            staff,
            work,
            stage_rng("hours"),
            lambda n, t: report(DemoStage.HOURS, n, t),
            cal,
        )
        report(DemoStage.FINISHING, 0, 1)
        _derive_conditions(conn)
        fold(conn)  # the map's counts of every asset loaded
        fold_urgent(conn)  # the findings of 緊急度 I not yet acted on
        conn.commit()
        _finish(conn)
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")  # the pool's
        report(DemoStage.FINISHING, 1, 1)
    summary = DemoSummary(**{f.name: counts.get(f.name, 0) for f in fields(DemoSummary)})
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        # Marks a demo database: its demo users (no password) may log in by picking one.
        uow.session.merge(DatabaseSetting(key="demo", value="1"))
        uow.audit(
            "demo",
            Entity.DATABASE,
            None,
            None,
            {**summary.as_dict(), "seed": seed, "scale": scale, "today": cal.today.isoformat()},
        )
    return summary


def _refuse_if_not_empty(conn: Connection) -> None:
    # The demo writes explicit ids and must never be mixed into a real database.
    table = first_table_with_rows(conn)
    if table is not None:
        raise ValidationError(
            f"データベースにはすでにデータがあります ({table})。"
            "デモデータは空のデータベースにだけ投入できます。",
            f"The database already holds data ({table}). "
            "Demo data can only be loaded into an empty database.",
        )


def _reindex(conn: Connection, total: int, report: Progress) -> None:
    """The search documents and assignee names, in id batches so that progress shows."""
    for low in range(1, total + 1, REINDEX_BATCH):
        reindex_work_orders(conn, range(low, min(total, low + REINDEX_BATCH - 1) + 1))
        conn.commit()
        report(DemoStage.SEARCH_INDEX, min(total, low + REINDEX_BATCH - 1), total)


def _derive_conditions(conn: Connection) -> None:
    """Every asset with findings gets the condition the core's rule derives from its latest
    survey (oneaqita.condition), as a recorded finding would give it."""
    ids = list(conn.scalars(text("SELECT DISTINCT asset_id FROM findings")))
    with Session(bind=conn) as session:
        recompute_conditions(session, ids)
    conn.commit()


def _finish(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        for table in _EXPLICIT_IDS:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table}"
                )
            )
        conn.commit()
        # Fresh statistics, so that the first queries on the new rows are planned well.
        conn.execute(text("ANALYZE"))
    else:
        conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
        conn.exec_driver_sql("ANALYZE")
    conn.commit()
