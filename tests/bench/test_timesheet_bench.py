"""Timesheets at DESIGN.md's scale (2,000,000 time entries): opening a week, typing a cell and
seeing the totals, the approval queue, the weeks not yet submitted and a body's team month,
through the services, against the equivalent statements through the bare driver on the same
database in the same run.

Run: .venv/bin/pytest -m bench tests/bench/test_timesheet_bench.py -s

The database (1,000 people, 2,000 days of one 8-hour entry each up to the Friday of the last
week, about 290,000 weeks of which 990 are waiting for approval) is built with raw inserts
and kept between runs: a SQLite file in the temp dir and the PostgreSQL database
``oneaqita_bench_timesheets_…``, both named after the data's version and the head revision so
that new data or a new migration builds them afresh. Assertions are about results (the same
totals, the same weeks), never about absolute times.

The typed cell's baseline is what save_cell sends (captured from its statements): the checks'
reads (the person, the cell's entry, the week's status, the employment, the day's other
hours), the update of the entry, the audit row and the commit, then the week as opened.
The service now sends fewer statements for the same work (the checks' reads as one row of
facts beside the entry; the week as one UNION ALL: db/compiled.py runs them on the driver);
the baseline keeps the statements one by one, as a hand-written implementation would.
"""

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import make_url

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import head_revision, upgrade
from oneaqita.models import OverheadCategory
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.approval_queries import approval_queue, unsubmitted_weeks
from oneaqita.services.database import Database
from oneaqita.services.team_month import TeamMonth, team_month
from oneaqita.services.time_entries import Cell, save_cell
from oneaqita.services.timesheet_queries import week_grid
from tests.bench.conftest import PG_URL
from tests.bench.timing import Table, interleaved, ms, publish, ratio

pytestmark = pytest.mark.bench

PEOPLE = 1_000
DAYS = 2_000
FIRST_DAY = date(2021, 6, 7)  # a Monday: the 2,000 days end on the Friday of MONDAY's week
MONDAY = date(2026, 11, 23)  # the last week of the data: drafts
DATA_VERSION = "v2"  # part of the cached databases' names: bump when the data changes
CATEGORIES = [c.value for c in OverheadCategory]
STAMP = "2026-01-01 00:00:00+00:00"


def _entries() -> Iterator[tuple[Any, ...]]:
    for person in range(1, PEOPLE + 1):
        for d in range(DAYS):
            day = FIRST_DAY + timedelta(days=d)
            if day >= MONDAY:
                status = "draft"
            elif day >= MONDAY - timedelta(days=7):  # the week in the queue (10 not submitted)
                status = "submitted" if person % 100 else "draft"
            else:
                status = "approved"
            yield (person, day.isoformat(), 480, CATEGORIES[(person + d) % 4], status)


def _weeks() -> Iterator[tuple[Any, ...]]:
    for person in range(1, PEOPLE + 1):
        monday = FIRST_DAY
        while monday < MONDAY:
            if monday == MONDAY - timedelta(days=7):
                if person % 100:  # 990 of last week's are submitted, 10 not yet
                    yield (person, monday.isoformat(), "submitted")
            else:
                yield (person, monday.isoformat(), "approved")
            monday += timedelta(days=7)


def _fill(execute: Any, copy: Any) -> None:
    execute(
        "INSERT INTO organizations (id, code, kind, name_ja, version) VALUES "
        "(1, '052019', 'city', '秋田市', 1), (2, 'C0001', 'company', '当社', 1)"
    )
    copy(
        "people (id, employee_no, name, home_organization_id, version)",
        ((i, f"E{i:05d}", f"職員 {i}", 1 if i % 4 else 2, 1) for i in range(1, PEOPLE + 1)),
    )
    copy(
        "secondments (person_id, from_organization_id, kind, start_date, "
        "salary_borne_by_company_pct, version)",
        ((i, 1, "on_roll", "2020-04-01", 50, 1) for i in range(1, PEOPLE + 1) if i % 4),
    )
    copy(
        "time_entries (person_id, work_date, minutes, category, status, version)",
        (e + (1,) for e in _entries()),
    )
    copy("timesheet_weeks (person_id, week_start, status, version)", (w + (1,) for w in _weeks()))


def _migrated(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()  # no connection left open: the file or database is renamed next


def _sqlite(path: Path) -> None:
    _migrated(f"sqlite:///{path.as_posix()}")
    con = sqlite3.connect(path)

    def copy(target: str, rows: Iterator[tuple[Any, ...]]) -> None:
        cols = target[target.index("(") + 1 : -1].split(",")
        marks = ", ".join("?" for _ in cols)
        con.executemany(f"INSERT INTO {target} VALUES ({marks})", rows)

    _fill(con.execute, copy)
    con.commit()
    con.execute("ANALYZE")
    con.commit()
    con.execute("PRAGMA journal_mode = DELETE")  # everything in the one file that is renamed
    con.close()


def _postgres(url: str) -> None:
    _migrated(url)
    with psycopg.connect(_dsn(url)) as con:

        def copy(target: str, rows: Iterator[tuple[Any, ...]]) -> None:
            with con.cursor().copy(f"COPY {target} FROM STDIN") as out:
                for row in rows:
                    out.write_row(row)

        _fill(con.execute, copy)
        con.commit()
        con.execute("ANALYZE")


def _dsn(url: str) -> str:
    u = make_url(url)
    return f"host={u.host} port={u.port or 5432} user={u.username} dbname={u.database}"


@pytest.fixture(scope="module", params=["SQLite", "PostgreSQL"])
def timesheets(request: pytest.FixtureRequest) -> Iterator[tuple[str, Database, Any]]:
    probe = make_engine("sqlite://")
    head = DATA_VERSION + head_revision(probe).replace("_", "")[:24]
    if request.param == "SQLite":
        path = Path(tempfile.gettempdir()) / f"oneaqita-bench-timesheets-{head}.sqlite3"
        if not path.exists():
            building = path.with_suffix(".building")
            building.unlink(missing_ok=True)
            _sqlite(building)
            building.rename(path)
        db = Database(make_engine(f"sqlite:///{path.as_posix()}"))
        raw: Any = sqlite3.connect(path)
        # As the app's connections are set up (db/engine.py): transactions as written, the
        # same durability (WAL with synchronous NORMAL: no fsync on commit), foreign keys.
        raw.isolation_level = None
        for pragma in ("foreign_keys = ON", "busy_timeout = 10000", "synchronous = NORMAL"):
            raw.execute(f"PRAGMA {pragma}")
    else:
        name = f"oneaqita_bench_timesheets_{head}".lower()
        admin = psycopg.connect(_dsn(PG_URL), autocommit=True)
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        if found is None:
            admin.execute(f'CREATE DATABASE "{name}_building"')
            building = make_url(url).set(database=f"{name}_building")
            _postgres(building.render_as_string(hide_password=False))
            admin.execute(f'ALTER DATABASE "{name}_building" RENAME TO "{name}"')
        admin.close()
        db = Database(make_engine(url))
        raw = psycopg.connect(_dsn(url), autocommit=True)
    yield request.param, db, raw
    raw.close()
    db.engine.dispose()


def _q(name: str, sql: str) -> str:
    return sql if name == "SQLite" else sql.replace("?", "%s")


def _raw(raw: Any, name: str, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    if name == "SQLite":
        return list(raw.execute(sql, params).fetchall())
    return list(raw.execute(_q(name, sql), params).fetchall())


GRID_SQL = (
    "SELECT e.id, e.work_date, e.work_order_id, e.category, e.minutes, e.note, e.version, "
    "w.number, w.title FROM time_entries e LEFT JOIN work_orders w ON w.id = e.work_order_id "
    "WHERE e.person_id = ? AND e.work_date >= ? AND e.work_date <= ? ORDER BY e.id"
)
RUNNING_SQL = (
    "SELECT w.id, w.number, w.title FROM work_orders w JOIN work_order_assignees a "
    "ON a.work_order_id = w.id WHERE a.person_id = ? AND w.status = 'in_progress'"
)
WEEK_SQL = (
    "SELECT id, version, status, comment FROM timesheet_weeks "
    "WHERE person_id = ? AND week_start = ?"
)


def _end(name: str) -> str:
    return "date(w.week_start, '+6 days')" if name == "SQLite" else "w.week_start + 6"


def _queue_sql(name: str) -> str:
    return (
        "SELECT w.id, p.employee_no, o.code, (SELECT coalesce(sum(e.minutes), 0) "
        "FROM time_entries e WHERE e.person_id = w.person_id AND e.work_date >= w.week_start "
        f"AND e.work_date <= {_end(name)}) FROM timesheet_weeks w "
        "JOIN people p ON p.id = w.person_id JOIN organizations o ON o.id = "
        "coalesce((SELECT s.from_organization_id FROM secondments s WHERE s.person_id = p.id "
        f"AND s.start_date <= {_end(name)} AND (s.end_date IS NULL OR s.end_date >= w.week_start) "
        "ORDER BY s.start_date DESC LIMIT 1), p.home_organization_id) "
        "WHERE w.status = 'submitted' ORDER BY o.code, p.employee_no, w.week_start"
    )


# What save_cell sends for a typed cell (its statements as captured on both databases).
PERSON_SQL = (
    "SELECT employee_no, name, name_kana, home_organization_id, email, phone, id, version, "
    "created_at, updated_at FROM people WHERE id = ?"
)
ENTRY_SQL = (
    "SELECT person_id, work_date, minutes, work_order_id, category, note, status, "
    "approved_by_id, approved_at, id, version, created_at, updated_at FROM time_entries "
    "WHERE person_id = ? AND work_date = ? AND category = ? ORDER BY id LIMIT 1"
)
WEEK_STATUS_SQL = "SELECT status FROM timesheet_weeks WHERE person_id = ? AND week_start = ?"
EMPLOYED_SQL = (
    "SELECT p.id, p.employee_no, p.name, o.kind = 'company' OR EXISTS (SELECT * FROM "
    "secondments s WHERE s.person_id = p.id AND s.start_date <= ? AND (s.end_date IS NULL OR "
    "s.end_date >= ?)) FROM people p JOIN organizations o ON o.id = p.home_organization_id "
    "WHERE p.id IN (?) ORDER BY p.employee_no"
)
DAY_SQL = (
    "SELECT coalesce(sum(minutes), 0) FROM time_entries "
    "WHERE person_id = ? AND work_date = ? AND id != ?"
)
UPDATE_SQL = (
    "UPDATE time_entries SET minutes = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?"
)
INSERT_SQL = (
    "INSERT INTO time_entries (person_id, work_date, minutes, category, status, version, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', 1, ?, ?)"
)
AUDIT_SQL = (
    'INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, "before", "after") '
    "VALUES (?, NULL, 'system', ?, 'time_entries', ?, ?, ?)"
)

# The team month of one body: the people listed, the GROUP BY of their hours, their stays.
LISTED_SQL = (
    "(h.kind = 'company' OR EXISTS (SELECT 1 FROM secondments s2 WHERE s2.person_id = p.id "
    "AND s2.start_date <= ? AND (s2.end_date IS NULL OR s2.end_date >= ?)) OR EXISTS (SELECT 1 "
    "FROM time_entries e2 WHERE e2.person_id = p.id AND e2.work_date >= ? AND e2.work_date "
    "<= ?)) AND (p.home_organization_id = ? OR EXISTS (SELECT 1 FROM secondments s2 WHERE "
    "s2.person_id = p.id AND s2.start_date <= ? AND (s2.end_date IS NULL OR s2.end_date >= ?) "
    "AND s2.from_organization_id = ?))"
)
LISTED_IDS_SQL = (
    "SELECT p.id FROM people p JOIN organizations h ON h.id = p.home_organization_id "
    f"WHERE {LISTED_SQL}"
)
TEAM_PEOPLE_SQL = (
    "SELECT p.id, p.employee_no, p.name, b.code, b.name_ja, h.kind = 'company' FROM people p "
    "JOIN organizations h ON h.id = p.home_organization_id JOIN organizations b ON b.id = "
    "coalesce((SELECT s.from_organization_id FROM secondments s WHERE s.person_id = p.id AND "
    "s.start_date <= ? AND (s.end_date IS NULL OR s.end_date >= ?) ORDER BY s.start_date DESC "
    f"LIMIT 1), p.home_organization_id) WHERE {LISTED_SQL} ORDER BY p.employee_no"
)
TEAM_HOURS_SQL = (
    "SELECT e.person_id, e.work_date, sum(e.minutes) FROM time_entries e WHERE e.work_date >= ? "
    f"AND e.work_date <= ? AND e.person_id IN ({LISTED_IDS_SQL}) "
    "GROUP BY e.person_id, e.work_date"
)
TEAM_STAYS_SQL = (
    "SELECT s.person_id, s.start_date, s.end_date FROM secondments s WHERE s.start_date <= ? "
    f"AND (s.end_date IS NULL OR s.end_date >= ?) AND s.person_id IN ({LISTED_IDS_SQL})"
)
BODY_ID = 1  # 052019 秋田市: 750 of the 1,000 people


@contextmanager
def _transaction(raw: Any, name: str) -> Iterator[None]:
    """One write transaction (SQLite: BEGIN IMMEDIATE, as the unit of work takes the write
    lock first)."""
    if name == "SQLite":
        raw.execute("BEGIN IMMEDIATE")
        yield
        raw.execute("COMMIT")
    else:
        with raw.transaction():
            yield


def _typed_raw(raw: Any, name: str, person: int, day: Any, minutes: int) -> None:
    """The statements of save_cell for a travel cell of `person` on `day`."""
    now: Any = datetime.now(UTC)
    now = str(now) if name == "SQLite" else now
    after = {"person_id": person, "minutes": minutes, "category": "travel", "status": "draft"}
    with _transaction(raw, name):
        _raw(raw, name, PERSON_SQL, (person,))
        entry = _raw(raw, name, ENTRY_SQL, (person, day, "travel"))
        _raw(raw, name, WEEK_STATUS_SQL, (person, day))
        _raw(raw, name, EMPLOYED_SQL, (day, day, person))
        _raw(raw, name, DAY_SQL, (person, day, entry[0][9] if entry else 0))
        if entry:
            entry_id, version = entry[0][9], entry[0][10]
            raw.execute(_q(name, UPDATE_SQL), (minutes, version + 1, now, entry_id, version))
            before = json.dumps({**after, "minutes": entry[0][2], "version": version})
            after_json = json.dumps({**after, "version": version + 1})
            raw.execute(_q(name, AUDIT_SQL), (now, "update", entry_id, before, after_json))
        else:
            raw.execute(_q(name, INSERT_SQL), (person, day, minutes, "travel", now, now))
            raw.execute(_q(name, AUDIT_SQL), (now, "create", None, None, json.dumps(after)))


def _listed(first: Any, last: Any) -> tuple[Any, ...]:
    return (last, first, first, last, BODY_ID, last, first, BODY_ID)


def _team_raw(raw: Any, name: str, first: Any, last: Any) -> tuple[int, int]:
    people = _raw(raw, name, TEAM_PEOPLE_SQL, (last, first, *_listed(first, last)))
    hours = _raw(raw, name, TEAM_HOURS_SQL, (first, last, *_listed(first, last)))
    _raw(raw, name, TEAM_STAYS_SQL, (last, first, *_listed(first, last)))
    return len(people), sum(int(h[2]) for h in hours)


def _team(month: TeamMonth) -> tuple[int, int]:
    return len(month.members), month.total


def test_a_week_a_typed_cell_and_the_queue(timesheets: tuple[str, Database, Any]) -> None:
    name, db, raw = timesheets
    person = 17
    sunday = MONDAY + timedelta(days=6)
    days: tuple[Any, ...] = (
        (MONDAY.isoformat(), sunday.isoformat()) if name == "SQLite" else (MONDAY, sunday)
    )
    week: tuple[Any, ...] = (person, days[0])
    typed = [0]

    def open_week() -> int:
        return week_grid(db, person, MONDAY).total

    def open_week_raw() -> int:
        rows = _raw(raw, name, GRID_SQL, (person, *days))
        _raw(raw, name, RUNNING_SQL, (person,))
        _raw(raw, name, WEEK_SQL, week)
        return sum(r[4] for r in rows)

    def type_cell() -> int:
        typed[0] += 1
        minutes = 60 + typed[0] % 120
        save_cell(db, SYSTEM_ACTOR, Cell(person, MONDAY, None, OverheadCategory.TRAVEL, minutes))
        return week_grid(db, person, MONDAY).total

    def type_cell_raw() -> int:
        typed[0] += 1
        _typed_raw(raw, name, person, days[0], 60 + typed[0] % 120)
        return open_week_raw()

    o, r = interleaved(open_week, open_week_raw)
    assert o.result == r.result
    t, r2 = interleaved(type_cell, type_cell_raw)
    assert t.result > 5 * 480 and r2.result > 5 * 480  # the week's five days and the travel
    month: tuple[Any, ...] = (
        (date(2026, 11, 1).isoformat(), date(2026, 11, 30).isoformat())
        if name == "SQLite"
        else (date(2026, 11, 1), date(2026, 11, 30))
    )
    team, team_raw = interleaved(
        lambda: _team(team_month(db, date(2026, 11, 1), BODY_ID)),
        lambda: _team_raw(raw, name, *month),
    )
    assert team.result == team_raw.result and team.result[0] == 750
    queue, queue_raw = interleaved(
        lambda: [(q.week_id, q.minutes) for q in approval_queue(db)],
        lambda: [(row[0], int(row[3])) for row in _raw(raw, name, _queue_sql(name))],
    )
    assert len(queue.result) == 990 and queue.result == queue_raw.result
    missing = interleaved(lambda: len(unsubmitted_weeks(db, MONDAY + timedelta(days=7), 8)))[0]
    assert missing.result == 10 + PEOPLE  # 10 of the week before, everyone's last week
    table = Table(
        f"Timesheets ({name}, {PEOPLE * DAYS:,} entries) — service vs the bare driver",
        ["step", "ours ms", "baseline ms", "ratio"],
    )
    table.add(
        "open a week (grid, rows, totals)", ms(o.median), ms(r.median), ratio(o.median, r.median)
    )
    table.add(
        "type a cell, then the week (save_cell's statements, then the week)",
        ms(t.median),
        ms(r2.median),
        ratio(t.median, r2.median),
    )
    table.add(
        "approval queue (990 weeks)",
        ms(queue.median),
        ms(queue_raw.median),
        ratio(queue.median, queue_raw.median),
    )
    table.add(
        "team month of one body (750 people × 30 days)",
        ms(team.median),
        ms(team_raw.median),
        ratio(team.median, team_raw.median),
    )
    table.add("weeks not yet submitted (8 weeks)", ms(missing.median), "—", "—")
    publish(table)
