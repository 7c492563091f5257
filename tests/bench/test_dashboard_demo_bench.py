"""The dashboard on the demo database the report's bench uses (issue #11 names `oneaqita demo
--scale 25`: the dashboard < 0.5 s there), on SQLite and PostgreSQL: the app's six tiles
against the same reads written by hand and run one after another through the bare driver
(test_dashboard_bench.py's statements, checked figure by figure).

Run: ONEAQITA_BENCH_REPORT_SCALE=25 .venv/bin/pytest -m bench -s
tests/bench/test_dashboard_demo_bench.py (the demo's database is built once per schema and
demo generator, as for the report). The ratio is asserted at scale 25 only: on the small
demo the six reads' fixed costs (a session each, the hop to the pool) outweigh their SQL.
"""

import os
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, make_url, select

from oneaqita.models import Asset, Finding, TimeEntry, WorkOrder
from oneaqita.reports.dashboard_figures import Dashboard, dashboard
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from tests.bench.test_dashboard_bench import (
    MAX_RATIO,
    TARGET_MS,
    Raw,
    assert_same_figures,
    baseline,
)
from tests.bench.test_shareholders_report_bench import SCALE, TODAY, demo
from tests.bench.timing import Table, interleaved, ms, publish, ratio

pytestmark = pytest.mark.bench
__all__ = ["demo"]  # the report bench's fixture: the same cached database


@pytest.fixture(scope="module")
def raw(demo: tuple[Database, Actor, str]) -> Iterator[Raw]:
    db, _actor, url = demo
    if db.dialect == "sqlite":
        conn: Any = sqlite3.connect(make_url(url).database or "")
        name = "SQLite"
    else:
        import psycopg

        info = make_url(url).set(drivername="postgresql").render_as_string(False)
        conn, name = psycopg.connect(info, autocommit=True), "PostgreSQL"
    yield Raw(name, conn)
    conn.close()


def test_the_dashboard_on_the_demo(demo: tuple[Database, Actor, str], raw: Raw) -> None:
    db, actor, _url = demo
    with db.read() as s:
        counts = {
            m.__tablename__: s.scalar(select(func.count()).select_from(m))
            for m in (Asset, WorkOrder, Finding, TimeEntry)
        }

    def ours() -> Dashboard:
        return dashboard(db, actor, TODAY)

    mine, base = interleaved(ours, lambda: baseline(raw))
    assert_same_figures(mine.result, base.result)
    table = Table(
        f"Dashboard on {TODAY} ({raw.name}, demo scale {SCALE:g}: "
        + ", ".join(f"{n:,} {t}" for t, n in counts.items())
        + ")",
        ["case", "ours ms", f"raw {'sqlite3' if raw.name == 'SQLite' else 'psycopg'} ms", "ratio"],
    )
    table.add(
        "dashboard, 6 tiles side by side, vs the same SQL one after another",
        ms(mine.median),
        ms(base.median),
        ratio(mine.median, base.median),
    )
    if hasattr(os, "getloadavg"):  # not on Windows
        table.notes.append(f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    met = "met" if mine.median < TARGET_MS else "not met on this run"
    table.notes.append(f"issue #11's target: < {TARGET_MS:.0f} ms: {met}")
    publish(table)
    if SCALE >= 25:
        assert mine.median < MAX_RATIO * base.median, f"{raw.name}: {mine.median:.0f} ms"
