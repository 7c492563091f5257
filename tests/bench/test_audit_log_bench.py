"""The audit log viewer at 1,000,000 entries: what the page asks for each filter (the count
and the first page of 200, newest first), through the service, against the same two
statements hand-written for the bare driver, on SQLite and PostgreSQL. Instant means each
filter's count and page under TARGET_MS, or within 1.5 times the bare statements where they
take longer themselves (PostgreSQL's count of the whole log). A free text reads every entry
the other filters leave (the JSON has no index; two patterns, escaped and as typed): it is
reported, not held to either (a table and a month: 0.1-0.15 s; the whole log: 2-5 s)."""

import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url

from oneaqita.models import Role
from oneaqita.services.actor import Actor
from oneaqita.services.audit_queries import (
    AuditFilter,
    count_audit_entries,
    list_audit_entries,
)
from oneaqita.services.database import Database
from tests.bench import auditdata
from tests.bench.conftest import TMP, _build_lock, _remove_sqlite, cached_pg_database
from tests.bench.timing import Table, interleaved, ms, publish, ratio

pytestmark = pytest.mark.bench

TARGET_MS = 150.0
PAGE = 200
MONTH = (datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 7, 1, tzinfo=UTC))
ADMIN = Actor(1, "user01", Role.ADMIN)  # user 1 of auditdata is an administrator

COLUMNS = "id, at, user_id, actor, action, entity, entity_id, before, after"


def _sqlite_path() -> Path:
    path = TMP / f"oneaqita-bench-audit-{auditdata.fingerprint()}.sqlite3"
    with _build_lock("oneaqita-bench-audit-sqlite"):
        if path.exists():
            return path
        for stale in TMP.glob("oneaqita-bench-audit-*.sqlite3"):
            _remove_sqlite(stale)
        building = path.with_name(path.name + ".building")
        _remove_sqlite(building)
        auditdata.build_url(f"sqlite:///{building.as_posix()}")
        conn = sqlite3.connect(building)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        os.replace(building, path)
    return path


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def setup(request: pytest.FixtureRequest) -> Iterator[tuple[str, Database, Any]]:
    if request.param == "sqlite":
        path = _sqlite_path()
        db = Database.open(f"sqlite:///{path.as_posix()}")
        raw: Any = sqlite3.connect(path)
        yield "SQLite", db, raw
    else:
        import psycopg

        url = cached_pg_database(
            "oneaqita_bench_audit", auditdata.fingerprint(), auditdata.build_url
        )
        db = Database.open(url)
        info = make_url(url).set(drivername="postgresql").render_as_string(False)
        raw = psycopg.connect(info, autocommit=True)
        yield "PostgreSQL", db, raw
    raw.close()
    db.dispose()


def _raw_where(name: str, flt: AuditFilter) -> tuple[str, list[Any]]:
    """The filter's WHERE as one would write it by hand, and its parameters."""
    mark = "?" if name == "SQLite" else "%s"
    where, params = [], []

    def instant(value: datetime) -> Any:
        if name == "SQLite":  # stored as SQLAlchemy writes it: UTC text
            return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return value

    if flt.user_id is not None:
        where.append(f"user_id = {mark}")
        params.append(flt.user_id)
    if flt.entity is not None:
        where.append(f"entity = {mark}")
        params.append(flt.entity)
    if flt.entity_id is not None:
        where.append(f"entity_id = {mark}")
        params.append(flt.entity_id)
    if flt.since is not None:
        where.append(f"at >= {mark}")
        params.append(instant(flt.since))
    if flt.until is not None:
        where.append(f"at < {mark}")
        params.append(instant(flt.until))
    if flt.text:
        like = f"CAST({{}} AS TEXT) LIKE {mark} ESCAPE '/'"
        where.append(f"({like.format('before')} OR {like.format('after')})")
        needle = "%" + flt.text.encode("unicode_escape").decode().replace("\\\\", "\\") + "%"
        params += [needle, needle]
    return (" WHERE " + " AND ".join(where)) if where else "", params


CASES: list[tuple[str, AuditFilter]] = [
    ("everything", AuditFilter()),
    ("a busy user", AuditFilter(user_id=1)),
    ("a rare user (40 entries)", AuditFilter(user_id=auditdata.RARE_USER)),
    ("a common table (work orders)", AuditFilter(entity="work_orders")),
    ("a rare table (users)", AuditFilter(entity="users")),
    ("one record", AuditFilter(entity="work_orders", entity_id=4242)),
    ("one month", AuditFilter(since=MONTH[0], until=MONTH[1])),
    ("a busy user in one month", AuditFilter(user_id=2, since=MONTH[0], until=MONTH[1])),
    (
        "text in a table and month",
        AuditFilter(text="点検4242", entity="work_orders", since=MONTH[0], until=MONTH[1]),
    ),
    ("oldest first", AuditFilter(descending=False)),
]
TEXT_EVERYWHERE = ("text over the whole log", AuditFilter(text="点検4242改"))


def test_each_filters_count_and_first_page(setup: tuple[str, Database, Any]) -> None:
    name, db, raw = setup
    entries = raw.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    table = Table(
        f"Audit log viewer: count + first page of {PAGE} ({name}, {entries:,} entries)",
        ["filter", "rows", "ours ms", f"raw {'sqlite3' if name == 'SQLite' else 'psycopg'} ms"]
        + ["ratio"],
    )
    slow = []
    for label, flt in [*CASES, TEXT_EVERYWHERE]:
        where, params = _raw_where(name, flt)
        order = "DESC" if flt.descending else "ASC"
        page_sql = (
            f"SELECT {COLUMNS} FROM audit_log{where} ORDER BY at {order}, id {order} "
            f"LIMIT {PAGE} OFFSET 0"
        )
        count_sql = f"SELECT count(*) FROM audit_log{where}"

        def ours(flt: AuditFilter = flt) -> Any:
            return count_audit_entries(db, ADMIN, flt), list_audit_entries(db, ADMIN, flt, 0, PAGE)

        def baseline(
            count_sql: str = count_sql, page_sql: str = page_sql, params: list[Any] = params
        ) -> Any:
            count = raw.execute(count_sql, params).fetchone()[0]
            return count, raw.execute(page_sql, params).fetchall()

        mine, base = interleaved(ours, baseline)
        count, rows = mine.result
        assert count == base.result[0], label
        assert [r.id for r in rows] == [r[0] for r in base.result[1]], label
        table.add(
            label, f"{count:,}", ms(mine.median), ms(base.median), ratio(mine.median, base.median)
        )
        # PostgreSQL counts a million rows in a couple of hundred ms whoever asks: there the
        # same statements by hand set the bar.
        limit = max(TARGET_MS, 1.5 * base.median)
        if not flt.text and mine.median > limit:
            slow.append(f"{label}: {mine.median:.0f} ms (limit {limit:.0f})")

    deep = AuditFilter()
    offset = entries // 2
    page_sql = (
        f"SELECT {COLUMNS} FROM audit_log ORDER BY at DESC, id DESC LIMIT {PAGE} OFFSET {offset}"
    )
    mine, base = interleaved(
        lambda: list_audit_entries(db, ADMIN, deep, offset, PAGE),
        lambda: raw.execute(page_sql).fetchall(),
    )
    assert [r.id for r in mine.result] == [r[0] for r in base.result]
    table.add(
        f"a page half-way down (offset {offset:,})",
        PAGE,
        ms(mine.median),
        ms(base.median),
        ratio(mine.median, base.median),
    )
    publish(table)
    assert entries >= auditdata.ENTRIES
    assert not slow, f"{name}: {slow}"
